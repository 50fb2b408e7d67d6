import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../spec/validate.js';
import type { SecretValue } from '../spec/types.js';
import { creationCommands, describeRef, parseSecretRef, secretRefSchema, storeOf, STORE_KINDS, STORES, type SecretRef } from './index.js';

const span = { file: 'kafka.yaml', start: 0, end: 0 };
const at = (path: string, written: unknown): SecretValue => {
  const secretRef = parseSecretRef(written);
  if (!secretRef) throw new Error(`no store in ${JSON.stringify(written)}`);
  return { secretRef, path, span };
};
const SM = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:payments-kafka-AbCdEf';

// one reference per store, as a customer writes it
const WRITTEN: Record<SecretRef['store'], unknown> = {
  env: { env: 'KAFKA_PASSWORD' },
  file: { file: '/etc/kafka/password' },
  kubernetes: { kubernetes: { name: 'kafka', key: 'password' } },
  awsSecretsManager: { awsSecretsManager: { arn: SM, key: 'password' } },
  awsSsm: { awsSsm: { name: '/kafka/password' } },
};

describe('secret store registry', () => {
  it('has one store per name, each knowing its own name', () => {
    expect(STORE_KINDS).toEqual(['env', 'file', 'kubernetes', 'awsSecretsManager', 'awsSsm']);
    for (const k of STORE_KINDS) expect(STORES[k].kind).toBe(k);
  });

  it('reads the customer shape and adds the store discriminant', () => {
    expect(parseSecretRef({ env: 'X' })).toEqual({ store: 'env', env: 'X' });
    expect(parseSecretRef({ kubernetes: { name: 'a', key: 'b' } })).toEqual({ store: 'kubernetes', kubernetes: { name: 'a', key: 'b' } });
    expect(parseSecretRef({ envv: 'X' })).toBeUndefined();
    expect(parseSecretRef({})).toBeUndefined();
    expect(parseSecretRef('X')).toBeUndefined();
    for (const [k, w] of Object.entries(WRITTEN)) expect(parseSecretRef(w)?.store).toBe(k);
  });

  it('gives the spec loader references with their store, the YAML keeping its shape', () => {
    const { spec, diagnostics } = loadSpec({
      path: 'kafka.yaml',
      text: [
        'apiVersion: graft.dev/v1',
        'kind: CustomerKafka',
        'bootstrapServers: b.example.com:9096',
        'securityProtocol: SASL_SSL',
        'sasl:',
        '  mechanism: SCRAM-SHA-512',
        '  username: { secretRef: { awsSsm: { name: /kafka/user } } }',
        `  password: { secretRef: { awsSecretsManager: { arn: ${SM}, key: password } } }`,
        'tls: { ca: { secretRef: { kubernetes: { name: kafka-ca, key: ca.crt } } } }',
        '',
      ].join('\n'),
    });
    expect(diagnostics).toEqual([]);
    expect(spec?.sasl?.password?.secretRef).toEqual({ store: 'awsSecretsManager', awsSecretsManager: { arn: SM, key: 'password' } });
    expect(spec?.tls?.ca?.secretRef.store).toBe('kubernetes');
  });

  it('builds the published secretRef schema from the stores', () => {
    const published = JSON.parse(readFileSync(new URL('../../schemas/customer-kafka.schema.json', import.meta.url), 'utf8')) as {
      definitions: { secretRef: unknown };
    };
    expect(secretRefSchema()).toEqual(published.definitions.secretRef);
  });

  it("runs each store's own rules at the reference's spec path", () => {
    const { diagnostics } = loadSpec({
      path: 'kafka.yaml',
      text: [
        'apiVersion: graft.dev/v1',
        'kind: CustomerKafka',
        'bootstrapServers: b.example.com:9096',
        'securityProtocol: SASL_SSL',
        'sasl:',
        '  mechanism: SCRAM-SHA-512',
        '  username: app',
        '  password: { secretRef: { awsSecretsManager: { arn: "arn:aws:s3:::bucket" } } }',
        'tls: { ca: { secretRef: { file: certs/ca.pem } } }',
        '',
      ].join('\n'),
    });
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['SPEC_BAD_ARN', '"arn:aws:s3:::bucket" is not a Secrets Manager secret ARN'],
      ['SPEC_FILE_NOT_ABSOLUTE', 'file reference "certs/ca.pem" is relative'],
    ]);
    expect(diagnostics[0]?.subject?.start).toBeGreaterThan(0);
  });
});

describe('what each store means on each platform', () => {
  const refs = Object.fromEntries(STORE_KINDS.map((k) => [k, at('sasl.password', WRITTEN[k]).secretRef])) as {
    [K in SecretRef['store']]: Extract<SecretRef, { store: K }>;
  };

  it('describes references without values', () => {
    expect(STORE_KINDS.map((k) => describeRef(refs[k]))).toEqual([
      'env KAFKA_PASSWORD',
      'file /etc/kafka/password',
      'kubernetes secret kafka/password',
      `aws secrets manager ${SM}#password`,
      'aws ssm /kafka/password',
    ]);
  });

  it('Compose reads host variables and files only', () => {
    expect(STORE_KINDS.map((k) => storeOf(refs[k]).compose(refs[k]))).toEqual([
      { key: 'environment', value: 'KAFKA_PASSWORD', variable: 'KAFKA_PASSWORD', customerFile: false },
      { key: 'file', value: '/etc/kafka/password', customerFile: true },
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('Kubernetes reads Secrets, and syncs the AWS stores through External Secrets', () => {
    expect(STORE_KINDS.map((k) => storeOf(refs[k]).kubernetes(refs[k]))).toEqual([
      undefined,
      undefined,
      { kind: 'secret', name: 'kafka', key: 'password' },
      { kind: 'sync', remoteRef: { key: SM, property: 'password' } },
      { kind: 'sync', remoteRef: { key: '/kafka/password' } },
    ]);
  });

  it('AWS services read Secrets Manager and SSM only', () => {
    expect(STORE_KINDS.map((k) => storeOf(refs[k]).aws(refs[k]))).toEqual([
      undefined,
      undefined,
      undefined,
      { store: 'secretsManager', arn: SM, key: 'password' },
      { store: 'ssm', name: '/kafka/password' },
    ]);
  });

  it('graft check reads env and file references itself', () => {
    expect(STORE_KINDS.map((k) => storeOf(refs[k]).local(refs[k]))).toEqual([
      { kind: 'env', name: 'KAFKA_PASSWORD' },
      { kind: 'file', path: '/etc/kafka/password' },
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('creation commands of the handoff', () => {
  const ctx = {
    namespaces: ['shop', 'billing'],
    isPem: (s: SecretValue) => s.path.startsWith('tls.'),
    file: (s: SecretValue) => `${s.path.replace(/\W/g, '_')}${s.path.startsWith('tls.') ? '.pem' : ''}`,
  };

  it('creates Kubernetes Secrets first, one object per Secret or Secrets Manager secret, the rest in spec order', () => {
    const secrets = [
      at('sasl.username', { env: 'KAFKA_USER' }),
      at('sasl.password', { awsSecretsManager: { arn: SM, key: 'password' } }),
      at('tls.ca', { kubernetes: { name: 'kafka', key: 'ca.crt' } }),
      at('schemaRegistry.basicAuth.password', { awsSsm: { name: '/sr/password' } }),
      at('tls.clientKey', { kubernetes: { name: 'kafka', key: 'tls.key' } }),
      at('schemaRegistry.basicAuth.username', { awsSecretsManager: { arn: SM, key: 'username' } }),
      at('tls.clientCert', { file: '/etc/kafka/client.pem' }),
    ];
    expect(creationCommands(secrets, ctx)).toEqual([
      'kubectl create secret generic kafka --namespace shop --from-file=ca.crt=./tls_ca.pem --from-file=tls.key=./tls_clientKey.pem',
      'kubectl create secret generic kafka --namespace billing --from-file=ca.crt=./tls_ca.pem --from-file=tls.key=./tls_clientKey.pem',
      'export KAFKA_USER="$(cat ./sasl_username)"   # in the environment that runs docker compose (or its .env file)',
      `jq -cjn --rawfile v0 sasl_password --rawfile v1 schemaRegistry_basicAuth_username '{"password":$v0,"username":$v1}' > payments-kafka.json`,
      'aws secretsmanager create-secret --region eu-west-1 --name payments-kafka --secret-string file://payments-kafka.json',
      'aws ssm put-parameter --name /sr/password --type SecureString --value file://schemaRegistry_basicAuth_password',
      'install -m 0400 ./tls_clientCert.pem /etc/kafka/client.pem',
    ]);
    expect(creationCommands([at('sasl.password', { file: '/etc/kafka/password' })], ctx)).toEqual([
      'install -m 0400 ./sasl_password /etc/kafka/password',
    ]);
    expect(creationCommands([at('tls.ca', { env: 'KAFKA_CA' })], ctx)).toEqual([
      'KAFKA_CA="$(cat ./tls_ca.pem; printf .)" && export KAFKA_CA="${KAFKA_CA%.}"   # in the environment that runs docker compose (or its .env file)',
    ]);
  });

  it('never lets a command add a newline to a value, nor put a value on its command line', () => {
    const secrets = STORE_KINDS.flatMap((k) => [at('sasl.password', WRITTEN[k]), at('tls.ca', WRITTEN[k])]);
    for (const c of creationCommands(secrets, ctx)) {
      expect(c).not.toMatch(/\becho\b|<<|\n|<[^>]*>/);
      // every value is read from the file the customer wrote it into, never typed between quotes
      expect(c).toMatch(
        /(=\.\/|cat \.\/|file:\/\/|install -m 0400 \.\/|--rawfile v\d )(tls_ca\.pem|sasl_password)|file:\/\/[\w.-]+\.json$/,
      );
    }
  });
});
