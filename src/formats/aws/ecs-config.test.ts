import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configureClient } from '../../configure/stage.js';
import type { CustomerKafka, SecretValue } from '../../spec/types.js';
import { ecsSink } from './ecs.js';
import { ecsConfigInit, noShellProblem, type EcsConfigInit, type EcsPropertiesInput } from './ecs-config.js';

const span = { file: 'kafka.yaml', start: 0, end: 0 };
const sm = (path: string, key: string): SecretValue => ({
  path,
  span,
  secretRef: { store: 'awsSecretsManager', awsSecretsManager: { arn: 'arn:aws:secretsmanager:us-east-1:1:secret:k', key } },
});

const work = mkdtempSync(join(tmpdir(), 'graft-ecs-config-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The origin's file as an image ships it: stale security settings in every separator style, a JAAS line continued over
// two lines, a value ending in an escaped backslash (no continuation), and settings that stay.
const ORIGIN = [
  '# the vendor settings',
  'bootstrap.servers=kafka:9092',
  'client.id=ledger',
  'security.protocol : SASL_PLAINTEXT',
  '  sasl.mechanism PLAIN',
  'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\',
  '    username="old" password="old";',
  'ssl.truststore.location=/old/truststore.jks',
  'log.dir=C:\\\\',
  'sslish.setting=kept',
  'acks=all',
].join('\n'); // no line break after the last line

/** Runs the script with this machine's sh over a copy of an image directory; the volume is another directory. */
function run(input: Omit<EcsPropertiesInput, 'file'>, env: Record<string, string>, origin = ORIGIN) {
  const root = mkdtempSync(join(work, 'run-'));
  const dir = join(root, 'image', 'etc', 'app');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'client.properties'), origin);
  writeFileSync(join(dir, 'logback.xml'), '<configuration/>');
  const volume = join(root, 'volume');
  mkdirSync(volume);
  const init = ecsConfigInit('ledger', { ...input, file: join(dir, 'client.properties') }, volume);
  const r = spawnSync('sh', ['-c', init.script], { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env }, encoding: 'utf8' });
  const read = (name: string): string | undefined => {
    try {
      return readFileSync(join(volume, name), 'utf8');
    } catch {
      return undefined;
    }
  };
  return { init, code: r.status, stderr: r.stderr, read, dir };
}

describe('the ECS step that rewrites a properties file of the image at start', () => {
  it('copies the directory, removes every origin security setting and appends the settings', () => {
    const { code, stderr, read, init } = run(
      {
        format: 'java',
        set: {
          'bootstrap.servers': 'b-1.example.com:9096',
          'security.protocol': 'SASL_SSL',
          'sasl.jaas.config': 'x required password="${secrets:GRAFT_KAFKA_SASL_PASSWORD}";',
        },
      },
      {},
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(init.secrets.size).toBe(0);
    expect(read('logback.xml')).toBe('<configuration/>');
    expect(read('client.properties')).toBe(
      [
        '# the vendor settings',
        'client.id=ledger',
        'log.dir=C:\\\\',
        'sslish.setting=kept',
        // the origin's last line had no line break: it gets one
        'acks=all',
        'bootstrap.servers=b-1.example.com:9096',
        'security.protocol=SASL_SSL',
        'sasl.jaas.config=x required password="${secrets:GRAFT_KAFKA_SASL_PASSWORD}";',
        '',
      ].join('\n'),
    );
  });

  it('writes librdkafka secrets from the variables only it receives, and the PEM a file setting names beside the file', () => {
    const { code, read, init, dir } = run(
      {
        format: 'librdkafka',
        set: { 'bootstrap.servers': 'b:9096', 'sasl.username': 'acme' },
        secrets: { 'sasl.password': sm('sasl.password', 'password') },
        files: { 'ssl.ca.location': sm('tls.ca', 'ca') },
      },
      // one trailing line break ends the line, as a secret file's would; `$`, quotes and backslashes stay as they are
      { GRAFT_KAFKA_SASL_PASSWORD: 'p$a"s\\s\'${x}\n', GRAFT_KAFKA_CA: '-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----' },
    );
    expect(code).toBe(0);
    expect([...init.secrets.keys()].sort()).toEqual(['GRAFT_KAFKA_CA', 'GRAFT_KAFKA_SASL_PASSWORD']);
    const text = read('client.properties') ?? '';
    expect(text).toContain('\nsasl.password=p$a"s\\s\'${x}\n');
    expect(text).toContain(`\nssl.ca.location=${dir}/graft-kafka-ca.pem\n`);
    expect(text).not.toContain('old');
    expect(read('graft-kafka-ca.pem')).toBe('-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n');
  });

  it('fails, leaving the copy unchanged, on a secret with a line break inside, a missing variable or a missing file', () => {
    const input = { format: 'librdkafka' as const, set: {}, secrets: { 'sasl.password': sm('sasl.password', 'password') } };
    const broken = run(input, { GRAFT_KAFKA_SASL_PASSWORD: 'a\nsasl.username=x' });
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toContain('a line break inside the value of sasl.password');
    expect(broken.read('client.properties')).toBe(ORIGIN);
    const missing = run(input, {});
    expect(missing.code).not.toBe(0);
    expect(missing.read('client.properties')).toBe(ORIGIN);
    const noFile = run(input, { GRAFT_KAFKA_SASL_PASSWORD: 'x' }, '');
    expect(noFile.code).toBe(0);
    rmSync(join(noFile.dir, 'client.properties'));
    const r = spawnSync('sh', ['-c', noFile.init.script], {
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', GRAFT_KAFKA_SASL_PASSWORD: 'x' },
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('is not in the image');
  });

  it('refuses an image known to have no shell', () => {
    expect(noShellProblem('ledger', 'gcr.io/distroless/java21-debian12:nonroot', '/etc/app/client.properties')?.code).toBe(
      'CLIENT_PROPERTIES_IMAGE_NO_SHELL',
    );
    expect(noShellProblem('ledger', 'registry.example.com/acme/ledger:5.1.0', '/etc/app/client.properties')).toBeUndefined();
  });
});

describe('the ECS sink of a properties file', () => {
  const spec: CustomerKafka = {
    file: 'kafka.yaml',
    bootstrapServers: ['b-1.example.com:9096'],
    securityProtocol: 'SASL_SSL',
    sasl: { mechanism: 'SCRAM-SHA-512', username: 'acme', password: sm('sasl.password', 'password') },
    tls: { ca: sm('tls.ca', 'ca') },
  };
  const configure = (family: string, file: string, image = 'registry.example.com/acme/app:1') => {
    const secrets = new Map<string, SecretValue>();
    const inits: EcsConfigInit[] = [];
    const out = configureClient(
      spec,
      {
        name: 'app',
        subject: 'container "app" of Task',
        planId: { format: 'cloudformation', file: 'stack.yaml', kind: 'resource', name: 'Task', container: 'app' },
        removedFrom: 'Task/app',
        image,
        env: new Map(),
        matched: [],
        binding: { service: 'app', family, configFile: file },
        declare: 'kafka.clients.app: { family: env }',
        at: span,
      },
      ecsSink({
        name: 'app',
        image,
        names: () => [],
        literal: () => undefined,
        setEnvironment: () => undefined,
        setSecret: (name, secret) => secrets.set(name, secret),
        remove: () => undefined,
        addConfigInit: (init) => inits.push(init),
      }),
    );
    return { out, secrets, inits };
  };

  it("gives a Java client its secrets through EnvVarConfigProvider from the app container's own variables", () => {
    const { out, secrets, inits } = configure('java-properties', '/etc/app/client.properties');
    expect(out.diagnostics).toEqual([]);
    expect([...secrets.keys()].sort()).toEqual(['GRAFT_KAFKA_CA', 'GRAFT_KAFKA_SASL_PASSWORD']);
    expect(inits).toHaveLength(1);
    const [init] = inits;
    expect(init?.name).toBe('app-kafka-config');
    expect(init?.dir).toBe('/etc/app');
    expect(init?.secrets.size).toBe(0);
    expect(init?.script).toContain('ssl.truststore.certificates=${secrets:GRAFT_KAFKA_CA}');
    expect(init?.script).toContain('config.providers.secrets.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider');
    expect(init?.script).not.toContain('/graft/ecs-has-no-secret-files');
    expect(out.item?.notes.join('\n')).toContain('EnvVarConfigProvider');
    expect(out.item?.notes.join('\n')).not.toContain('DirectoryConfigProvider');
  });

  it("gives librdkafka its secrets only in the init container's variables", () => {
    const { out, secrets, inits } = configure('librdkafka-properties', '/etc/audit/librdkafka.properties');
    expect(out.diagnostics).toEqual([]);
    expect(secrets.size).toBe(0);
    expect([...(inits[0]?.secrets.keys() ?? [])].sort()).toEqual(['GRAFT_KAFKA_CA', 'GRAFT_KAFKA_SASL_PASSWORD']);
    expect(inits[0]?.script).toContain("'ssl.ca.location' '/etc/audit/graft-kafka-ca.pem'");
  });

  it('refuses an image without a shell', () => {
    const { out, inits } = configure('librdkafka-properties', '/etc/audit/librdkafka.properties', 'gcr.io/distroless/cc-debian12');
    expect(out.diagnostics.map((d) => d.code)).toEqual(['CLIENT_PROPERTIES_IMAGE_NO_SHELL']);
    expect(inits).toHaveLength(0);
  });
});
