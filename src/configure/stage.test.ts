import { describe, expect, it } from 'vitest';
import type { ClientBinding } from '../bindings/types.js';
import { iamSpec, mtlsSpec, plaintextSpec, scramSpec, secretAt, withSchemaRegistry } from '../clients/testing.js';
import type { ClientFamily, SettingValue } from '../clients/types.js';
import type { Span } from '../core/span.js';
import type { CustomerKafka } from '../spec/types.js';
import { checkCapabilities, configureClient, type ClientInput, type ClientSink, type SinkCapabilities } from './stage.js';

// The stage's policy, seen through a sink that keeps the client's settings in memory and records every call.

const AT: Span = { file: 'stack.yml', start: 10, end: 13 };

interface Recorded {
  sink: ClientSink;
  env: Map<string, SettingValue>;
  calls: string[];
}

function memorySink(env: Record<string, string>, can: Partial<SinkCapabilities> = {}): Recorded {
  const state = new Map<string, SettingValue>(Object.entries(env));
  const calls: string[] = [];
  const caps: SinkCapabilities = { secretFiles: true, secretEnv: true, composites: true, files: true, properties: true, ...can };
  const sink: ClientSink = {
    platform: 'memory',
    can: caps,
    settings: () => [...state.keys()],
    literal: (name) => {
      const v = state.get(name);
      return typeof v === 'string' ? v : undefined;
    },
    secretFile: (secret) => {
      calls.push(`file ${secret.path}`);
      return { dir: '/run/secrets', name: secret.path, path: `/run/secrets/${secret.path}` };
    },
    set: (name, value) => {
      calls.push(`set ${name}`);
      state.set(name, value);
    },
    remove: (name) => {
      calls.push(`remove ${name}`);
      state.delete(name);
      return { file: 'stack.yml', start: 100, end: 110 };
    },
    properties: (p) => {
      calls.push(`properties ${p.file}`);
      return { changed: `${p.file} (${Object.keys(p.set).join(', ')})`, removed: [] };
    },
    addFiles: (files) => {
      calls.push(`files ${Object.keys(files).join(', ')}`);
      return `needs files ${Object.keys(files).join(', ')}`;
    },
  };
  if (!caps.secretFiles) delete sink.secretFile;
  return { sink, env: state, calls };
}

function input(over: Partial<Omit<ClientInput, 'env'>> & { env?: Record<string, string> } = {}): ClientInput {
  const { env, ...rest } = over;
  return {
    name: 'app',
    subject: 'service "app"',
    planId: { format: 'compose', file: 'compose.yaml', kind: 'service', name: 'app' },
    removedFrom: 'app',
    env: new Map(Object.entries(env ?? {})),
    matched: ['env KAFKA_BOOTSTRAP_SERVERS = kafka:9092'],
    declare: 'kafka.clients.app: { family: env }',
    at: AT,
    ...rest,
  };
}

const codes = (d: { code: string }[]): string[] => d.map((x) => x.code);

describe('configure stage: family choice', () => {
  it('refuses a family graft.yaml names that graft does not know', () => {
    const s = memorySink({});
    const out = configureClient(scramSpec(), input({ binding: { service: 'app', family: 'cobol' } }), s.sink);
    expect(codes(out.diagnostics)).toEqual(['CLIENT_FAMILY_UNKNOWN_IN_BINDING']);
    expect(out.item).toBeUndefined();
    expect(s.calls).toEqual([]);
  });

  it('refuses a service that only depended on the dropped Kafka', () => {
    const out = configureClient(scramSpec(), input({ matched: [], dependedOnDropped: true }), memorySink({}).sink);
    expect(codes(out.diagnostics)).toEqual(['CLIENT_DEPENDS_ONLY']);
    expect(out.diagnostics[0]?.severity).toBe('error');
  });

  it('leaves a workload that is no client alone', () => {
    const out = configureClient(scramSpec(), input({ matched: [] }), memorySink({}).sink);
    expect(out).toEqual({ removed: [], diagnostics: [] });
  });

  it('refuses a secured client of no known family, and rewires only the bootstrap under PLAINTEXT', () => {
    const secured = configureClient(scramSpec(), input(), memorySink({}).sink);
    expect(codes(secured.diagnostics)).toEqual(['CLIENT_UNKNOWN_FAMILY']);
    expect(secured.diagnostics[0]?.help).toContain('kafka.clients.app: { family: env }');
    const plain = configureClient(plaintextSpec(), input(), memorySink({}).sink);
    expect(plain.diagnostics).toEqual([]);
    expect(plain.item?.family).toBe('bootstrap-only');
  });

  it('refuses a secured client of no family on a platform without secrets, naming origin security settings that would stay', () => {
    const lambda = { secretFiles: false, secretEnv: false, composites: false, files: false, properties: false };
    const clean = memorySink({ KAFKA_BROKERS: 'b:9092', AUDIT_TOPIC: 'audit' }, lambda);
    const bare = configureClient(scramSpec(), input({ subject: 'function app' }), clean.sink);
    expect(codes(bare.diagnostics)).toEqual(['CLIENT_UNKNOWN_FAMILY']);
    expect(bare.diagnostics[0]?.severity).toBe('error');
    expect(bare.item).toBeUndefined();
    expect(clean.calls).toEqual([]);
    const stale = memorySink({ KAFKA_BROKERS: 'b:9092', KAFKA_SASL_MECHANISM: 'AWS_MSK_IAM' }, lambda);
    const refused = configureClient(scramSpec(), input({ subject: 'function app' }), stale.sink);
    expect(codes(refused.diagnostics)).toEqual(['CLIENT_UNKNOWN_FAMILY']);
    expect(refused.diagnostics[0]?.message).toContain('(KAFKA_SASL_MECHANISM) would stay');
    expect(refused.item).toBeUndefined();
    expect(stale.calls).toEqual([]);
  });

  it('takes env bindings as family env, and a family the format implies when graft.yaml names none', () => {
    const env = configureClient(
      plaintextSpec(),
      input({ binding: { service: 'app', env: { bootstrapServers: 'BROKERS' } } }),
      memorySink({}).sink,
    );
    expect(env.family?.family).toBe('env');
    const implied = configureClient(plaintextSpec(), input({ impliedFamily: 'spring-boot' }), memorySink({}).sink);
    expect(implied.family?.family).toBe('spring-boot');
  });
});

describe('configure stage: capability checks', () => {
  const spring = (over: Parameters<typeof input>[0] = {}): ClientInput =>
    input({ image: 'eclipse-temurin:21', env: { SPRING_KAFKA_BOOTSTRAP_SERVERS: 'b:9092' }, impliedFamily: 'spring-boot', ...over });

  it('refuses a mechanism the family cannot use, unless the binding vouches for the library', () => {
    const s = memorySink({ SPRING_KAFKA_BOOTSTRAP_SERVERS: 'b:9092' });
    const out = configureClient(iamSpec(), spring(), s.sink);
    expect(codes(out.diagnostics)).toEqual(['CLIENT_MECHANISM_UNSUPPORTED']);
    expect(out.diagnostics[0]?.help).toContain('kafka.clients.app.supports.awsMskIam: true');
    expect(s.calls).toEqual([]);
    const binding: ClientBinding = { service: 'app', family: 'spring-boot', supports: { awsMskIam: true } };
    const vouched = configureClient(iamSpec(), spring({ binding }), memorySink({}).sink);
    expect(codes(vouched.diagnostics)).not.toContain('CLIENT_MECHANISM_UNSUPPORTED');
    expect(vouched.item).toBeDefined();
  });

  it('refuses a client certificate to a family that cannot present one', () => {
    const family: ClientFamily = {
      family: 'no-mtls',
      mechanisms: ['PLAIN'],
      mtls: false,
      detect: () => undefined,
      emit: () => ({ env: {}, notes: [], problems: [] }),
    };
    expect(codes(checkCapabilities(mtlsSpec(), input(), family))).toEqual(['CLIENT_MTLS_UNSUPPORTED']);
    expect(checkCapabilities(scramSpec(), input(), { ...family, mechanisms: ['SCRAM-SHA-512'] })).toEqual([]);
  });

  it('offers no aws-msk-iam-auth vouching to a family whose clients are not Java, and takes none', () => {
    const family: ClientFamily = {
      family: 'go-client',
      mechanisms: ['PLAIN', 'SCRAM-SHA-512'],
      mtls: false,
      notJava: true,
      detect: () => undefined,
      emit: () => ({ env: {}, notes: [], problems: [] }),
    };
    const refused = checkCapabilities(iamSpec(), input(), family);
    expect(codes(refused)).toEqual(['CLIENT_MECHANISM_UNSUPPORTED']);
    expect(refused[0]?.help).not.toContain('aws-msk-iam-auth');
    expect(refused[0]?.help).toContain('PLAIN, SCRAM-SHA-512');
    const binding: ClientBinding = { service: 'app', supports: { awsMskIam: true } };
    expect(codes(checkCapabilities(iamSpec(), input({ binding }), family))).toEqual(['CLIENT_MECHANISM_UNSUPPORTED']);
  });
});

describe('configure stage: settings', () => {
  const envBinding: ClientBinding = {
    service: 'app',
    family: 'env',
    env: {
      bootstrapServers: 'BROKERS',
      securityProtocol: 'KAFKA_SECURITY',
      saslMechanism: 'SASL_MECH',
      saslUsername: 'SASL_USER',
      saslPassword: 'SASL_PASS',
      caFile: 'CA_FILE',
    },
  };

  it('removes every origin setting on the family surface it does not write, each with a plan entry', () => {
    const origin = {
      SPRING_KAFKA_BOOTSTRAP_SERVERS: 'b:9092',
      SPRING_KAFKA_PROPERTIES_SASL_CLIENT_CALLBACK_HANDLER_CLASS: 'software.amazon.msk.auth.iam.IAMClientCallbackHandler',
      SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD: 'changeit',
      SPRING_KAFKA_PROPERTIES_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM: '',
      LOG_LEVEL: 'info',
    };
    const s = memorySink(origin);
    const out = configureClient(scramSpec(), input({ env: origin, impliedFamily: 'spring-boot' }), s.sink);
    expect(out.diagnostics).toEqual([]);
    const removed = out.removed.map((r) => r.name);
    expect(removed).toEqual([
      'SPRING_KAFKA_PROPERTIES_SASL_CLIENT_CALLBACK_HANDLER_CLASS',
      'SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD',
      'SPRING_KAFKA_PROPERTIES_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM',
    ]);
    for (const r of out.removed) expect(r.at).toEqual({ file: 'stack.yml', start: 100, end: 110 });
    expect(out.removed[1]?.reason).toContain('credential');
    expect(s.env.has('LOG_LEVEL')).toBe(true);
    expect(s.env.has('SPRING_KAFKA_PROPERTIES_SASL_MECHANISM')).toBe(true);
    // removals come before the new settings, so a name the family writes is never removed after being set
    const firstSet = s.calls.findIndex((c) => c.startsWith('set '));
    expect(s.calls.slice(0, firstSet).every((c) => c.startsWith('remove ') || c.startsWith('file '))).toBe(true);
  });

  it('refuses to remove a stale setting that lives where other workloads read it too, and removes nothing there', () => {
    const origin = { SPRING_KAFKA_BOOTSTRAP_SERVERS: 'b:9092', SPRING_KAFKA_PROPERTIES_SASL_CLIENT_CALLBACK_HANDLER_CLASS: 'x' };
    const s = memorySink(origin);
    s.sink.sharedWith = (name) =>
      name.endsWith('HANDLER_CLASS') ? 'ConfigMap kafka-client (key X), which Deployment/b also read' : undefined;
    const out = configureClient(scramSpec(), input({ env: origin, impliedFamily: 'spring-boot' }), s.sink);
    expect(codes(out.diagnostics)).toEqual(['CLIENT_STALE_SETTING_SHARED']);
    expect(out.diagnostics[0]?.message).toContain('ConfigMap kafka-client');
    expect(s.calls).not.toContain('remove SPRING_KAFKA_PROPERTIES_SASL_CLIENT_CALLBACK_HANDLER_CLASS');
    expect(out.removed).toEqual([]);
  });

  it('does not set a literal the client already has', () => {
    const s = memorySink({ BROKERS: 'b1.kafka.example.com:9094,b2.kafka.example.com:9094' });
    configureClient(plaintextSpec(), input({ binding: { service: 'app', env: { bootstrapServers: 'BROKERS' } } }), s.sink);
    expect(s.calls).not.toContain('set BROKERS');
  });

  it('refuses a secret file where the platform mounts none, and injects a whole secret as its own variable', () => {
    const s = memorySink({}, { secretFiles: false, files: false, properties: false });
    const out = configureClient(scramSpec(), input({ binding: envBinding }), s.sink);
    expect(codes(out.diagnostics)).toEqual(['CLIENT_SECRET_FILE_UNSUPPORTED']);
    expect(out.diagnostics[0]?.help).toContain('kafka.clients.app.env caPem');
    expect(s.env.get('SASL_PASS')).toEqual({ parts: [{ secret: scramSpec().sasl?.password }] });
    expect(s.calls).not.toContain('set CA_FILE');
  });

  it('gives an env-family client the PEM itself where the platform mounts no files, and the file where it does', () => {
    const pems = { caFile: 'CA_FILE', certFile: 'CERT_FILE', keyFile: 'KEY_FILE', caPem: 'CA_PEM', certPem: 'CERT_PEM', keyPem: 'KEY_PEM' };
    const binding: ClientBinding = {
      service: 'app',
      family: 'env',
      env: { bootstrapServers: 'BROKERS', securityProtocol: 'SEC', ...pems },
    };
    const spec = mtlsSpec();
    const ecs = memorySink({}, { secretFiles: false, files: false, properties: false });
    const out = configureClient(spec, input({ binding }), ecs.sink);
    expect(codes(out.diagnostics)).toEqual([]);
    expect(ecs.env.get('CA_PEM')).toEqual({ parts: [{ secret: spec.tls?.ca }] });
    expect(ecs.env.get('CERT_PEM')).toEqual({ parts: [{ secret: spec.tls?.clientCert }] });
    expect(ecs.env.get('KEY_PEM')).toEqual({ parts: [{ secret: spec.tls?.clientKey }] });
    expect([...ecs.env.keys()].filter((k) => k.endsWith('_FILE'))).toEqual([]);
    const compose = memorySink({});
    expect(codes(configureClient(spec, input({ binding }), compose.sink).diagnostics)).toEqual([]);
    expect(compose.env.get('CA_FILE')).toBe('/run/secrets/tls.ca');
    expect([...compose.env.keys()].filter((k) => k.endsWith('_PEM'))).toEqual([]);
    // with no file binding, the PEM variable is used everywhere
    const only = memorySink({});
    const pemOnly: ClientBinding = {
      ...binding,
      env: { bootstrapServers: 'BROKERS', securityProtocol: 'SEC', caPem: 'CA_PEM', certPem: 'CERT_PEM', keyPem: 'KEY_PEM' },
    };
    expect(codes(configureClient(spec, input({ binding: pemOnly }), only.sink).diagnostics)).toEqual([]);
    expect(only.env.get('CA_PEM')).toEqual({ parts: [{ secret: spec.tls?.ca }] });
  });

  it('refuses a composite secret value where the platform injects only whole variables', () => {
    const binding: ClientBinding = { service: 'app', family: 'env', env: { bootstrapServers: 'BROKERS', saslJaasConfig: 'JAAS' } };
    const spec: CustomerKafka = { ...scramSpec(), securityProtocol: 'SASL_PLAINTEXT' };
    delete spec.tls;
    const composite = configureClient(spec, input({ binding }), memorySink({}, { secretFiles: false, composites: false }).sink);
    expect(codes(composite.diagnostics)).toContain('CLIENT_COMPOSITE_SECRET_UNSUPPORTED');
    const fine = memorySink({});
    expect(codes(configureClient(spec, input({ binding }), fine.sink).diagnostics)).not.toContain('CLIENT_COMPOSITE_SECRET_UNSUPPORTED');
    expect(fine.calls).toContain('set JAAS');
  });

  it('gives kafka-env its JAAS secret through EnvVarConfigProvider where the platform injects only whole variables', () => {
    const spec: CustomerKafka = { ...scramSpec(), securityProtocol: 'SASL_PLAINTEXT' };
    delete spec.tls;
    const events = input({ image: 'quay.io/strimzi-examples/java-kafka-consumer:latest', env: { KAFKA_BOOTSTRAP_SERVERS: 'b:9092' } });
    const ecs = memorySink({}, { secretFiles: false, composites: false });
    const out = configureClient(spec, events, ecs.sink);
    expect(out.diagnostics).toEqual([]);
    expect(ecs.env.get('KAFKA_SASL_JAAS_CONFIG')).toBe(
      'org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="${secrets:GRAFT_KAFKA_SASL_PASSWORD}";',
    );
    expect(ecs.env.get('KAFKA_CONFIG_PROVIDERS')).toBe('secrets');
    expect(ecs.env.get('KAFKA_CONFIG_PROVIDERS_SECRETS_CLASS')).toBe('org.apache.kafka.common.config.provider.EnvVarConfigProvider');
    expect(ecs.env.get('GRAFT_KAFKA_SASL_PASSWORD')).toEqual({ parts: [{ secret: spec.sasl?.password }] });
    // where the platform builds composites, the line is a template and no provider is added
    const k8s = memorySink({});
    expect(configureClient(spec, events, k8s.sink).diagnostics).toEqual([]);
    expect(typeof k8s.env.get('KAFKA_SASL_JAAS_CONFIG')).toBe('object');
    expect(k8s.env.has('KAFKA_CONFIG_PROVIDERS')).toBe(false);
  });

  it('warns where the environment cannot reference a secret at all (a Lambda function)', () => {
    const spec: CustomerKafka = { ...scramSpec(), securityProtocol: 'SASL_PLAINTEXT' };
    delete spec.tls;
    const s = memorySink({ SASL_PASS: 'dev-password' }, { secretFiles: false, secretEnv: false, composites: false });
    const out = configureClient(spec, input({ binding: envBinding }), s.sink);
    expect(codes(out.diagnostics)).toEqual(['CLIENT_SECRET_ENV_UNSUPPORTED']);
    expect(out.diagnostics[0]?.severity).toBe('warning');
    expect(s.calls).not.toContain('set SASL_PASS');
    // the origin's value served the bundled Kafka: it goes, once, with a plan entry
    expect(s.calls.filter((c) => c === 'remove SASL_PASS')).toHaveLength(1);
    expect(out.removed.map((r) => r.name)).toEqual(['SASL_PASS']);
  });

  it('refuses generated files and properties files where the platform has no way to deliver them', () => {
    const kafdrop = input({ image: 'obsidiandynamics/kafdrop:4.0.1', env: { KAFKA_BROKERCONNECT: 'b:9092' } });
    const noFiles = configureClient(scramSpec(), kafdrop, memorySink({}, { files: false }).sink);
    expect(codes(noFiles.diagnostics)).toContain('CLIENT_GENERATED_FILE_UNSUPPORTED');
    const withFiles = memorySink({});
    const ok = configureClient(scramSpec(), kafdrop, withFiles.sink);
    expect(codes(ok.diagnostics)).not.toContain('CLIENT_GENERATED_FILE_UNSUPPORTED');
    expect(withFiles.calls.some((c) => c.startsWith('files '))).toBe(true);

    const props = input({ binding: { service: 'app', family: 'java-properties', configFile: '/etc/app/client.properties' } });
    const inImage = configureClient(scramSpec(), props, memorySink({}, { properties: false }).sink);
    expect(codes(inImage.diagnostics)).toEqual(['CLIENT_PROPERTIES_FILE_UNSUPPORTED']);
    const edited = memorySink({});
    const out = configureClient(scramSpec(), props, edited.sink);
    expect(out.diagnostics).toEqual([]);
    expect(edited.calls).toContain('properties /etc/app/client.properties');
    expect(out.item?.changed[0]).toMatch(/^\/etc\/app\/client\.properties \(/);
  });

  it('refuses a secret librdkafka reads only inside its file unless the platform assembles the file at start', () => {
    const props = input({ binding: { service: 'app', family: 'librdkafka-properties', configFile: '/etc/app/librdkafka.conf' } });
    const compose = configureClient(scramSpec(), props, memorySink({}).sink);
    expect(codes(compose.diagnostics)).toEqual(['CLIENT_SECRET_NEEDS_VALUE']);
    expect(compose.diagnostics[0]?.message).toContain('sasl.password as sasl.password in /etc/app/librdkafka.conf');
    const ecs = configureClient(scramSpec(), props, memorySink({}, { secretFiles: false, properties: false, files: false }).sink);
    expect(codes(ecs.diagnostics)).toEqual(['CLIENT_SECRET_NEEDS_VALUE', 'CLIENT_PROPERTIES_FILE_UNSUPPORTED']);
    const kubernetes = memorySink({}, { assembleAtStart: true });
    const out = configureClient(scramSpec(), props, kubernetes.sink);
    expect(out.diagnostics).toEqual([]);
    expect(kubernetes.calls).toContain('properties /etc/app/librdkafka.conf');
  });

  it('notes that a file secret read through DirectoryConfigProvider must not end with a newline', () => {
    const spec = scramSpec();
    spec.sasl = {
      mechanism: 'SCRAM-SHA-512',
      username: 'app',
      password: secretAt('sasl.password', { store: 'file', file: '/secrets/pw' }),
    };
    const out = configureClient(
      spec,
      input({ image: 'confluentinc/cp-kafka-connect:7.6.1', env: { CONNECT_BOOTSTRAP_SERVERS: 'b:9092' } }),
      memorySink({}).sink,
    );
    expect(out.item?.notes.some((n) => n.includes('sasl.password') && n.includes('trailing newline'))).toBe(true);
  });

  it("warns when a registry client gets the customer's registry without credentials graft can give", () => {
    const out = configureClient(
      withSchemaRegistry(scramSpec()),
      input({
        usesRegistry: true,
        binding: {
          service: 'app',
          env: { bootstrapServers: 'BROKERS', securityProtocol: 'P', saslUsername: 'U', saslPasswordFile: 'PF', caFile: 'CA' },
        },
      }),
      memorySink({}).sink,
    );
    expect(codes(out.diagnostics)).toContain('CLIENT_REGISTRY_AUTH_UNKNOWN');
    const noRegistry = configureClient(
      withSchemaRegistry(scramSpec()),
      input({ binding: { service: 'app', env: { bootstrapServers: 'BROKERS' } } }),
      memorySink({}).sink,
    );
    expect(codes(noRegistry.diagnostics)).not.toContain('CLIENT_REGISTRY_AUTH_UNKNOWN');
  });
});
