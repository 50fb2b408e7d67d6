import { readFileSync } from 'node:fs';
import type { TestbedState } from '../../testbed/kafka/index.js';
import { addWriterUser } from './testbed-user.js';

// The security setups of the conformance matrix: each builds a CustomerKafka spec pointing at one
// listener of the real broker test bed, with its secrets put in a test secret store (files + host
// environment) and referenced as `{ file }` / `{ env }` — a mix of both kinds across the setups.

/** How a setup is expected to end for a client that can be configured for it. */
export type Outcome = 'pass' | 'fail:auth' | 'fail:tls' | 'fail:acl' | 'compile-only';

/** Puts secret values into the test secret store and returns the reference to use in the spec. */
export interface SecretStore {
  /** Writes a file into the store's directory; the reference names its absolute path. */
  file(name: string, content: string): { secretRef: { file: string } };
  /** Sets a host environment variable; the reference names it. */
  env(name: string, value: string): { secretRef: { env: string } };
}

/** One row of the matrix. */
export interface Setup {
  id: string;
  title: string;
  outcome: Outcome;
  /** The CustomerKafka spec (as YAML data) for the test bed. */
  spec(tb: TestbedState, store: SecretStore): Record<string, unknown>;
  /** Prepares the broker (e.g. adds a user) once, before any setup runs; `dir` is scratch space. */
  prepare?(tb: TestbedState, dir: string): Promise<void>;
}

const pem = (path: string): string => readFileSync(path, 'utf8');
const naming = { topics: { prefix: 'acme.' }, groups: { prefix: 'acme.' } };

// A password with the characters a JAAS value gives meaning to: a quote, a backslash, a placeholder.
const SPECIAL_PASSWORD = `q"u\\o \${te}'s`;

const scram256 = (user: 'alice' | 'reader', password: (tb: TestbedState) => string, eol = ''): Setup['spec'] => {
  return (tb, store) => ({
    bootstrapServers: tb.listeners.saslSsl,
    securityProtocol: 'SASL_SSL',
    sasl: { mechanism: 'SCRAM-SHA-256', username: user, password: store.file('kafka-password', password(tb) + eol) },
    tls: { ca: store.env('KAFKA_CA_PEM', pem(tb.tls.caPem)) },
    ...naming,
  });
};

const mtls = (caFile: (tb: TestbedState) => string): Setup['spec'] => {
  return (tb, store) => ({
    bootstrapServers: tb.listeners.ssl,
    securityProtocol: 'SSL',
    tls: {
      ca: { secretRef: { file: caFile(tb) } },
      clientCert: store.file('client-cert.pem', pem(tb.tls.clientCertPem)),
      clientKey: store.env('KAFKA_CLIENT_KEY_PEM', pem(tb.tls.clientKeyPem)),
    },
    ...naming,
  });
};

/** Every setup, positive ones first, then the negative ones, then the compile-only ones. */
export const SETUPS: readonly Setup[] = [
  {
    id: 'plaintext',
    title: 'PLAINTEXT',
    outcome: 'pass',
    spec: (tb) => ({ bootstrapServers: tb.listeners.plaintext, securityProtocol: 'PLAINTEXT', ...naming }),
  },
  {
    id: 'sasl-plaintext-scram-512',
    title: 'SASL_PLAINTEXT + SCRAM-SHA-512',
    outcome: 'pass',
    spec: (tb, store) => ({
      bootstrapServers: tb.listeners.saslPlaintext,
      securityProtocol: 'SASL_PLAINTEXT',
      sasl: {
        mechanism: 'SCRAM-SHA-512',
        username: store.env('KAFKA_USERNAME', 'alice'),
        password: store.file('kafka-password', tb.users.alice.password),
      },
      ...naming,
    }),
  },
  {
    id: 'sasl-ssl-plain',
    title: 'SASL_SSL + PLAIN',
    outcome: 'pass',
    spec: (tb, store) => ({
      bootstrapServers: tb.listeners.saslSsl,
      securityProtocol: 'SASL_SSL',
      sasl: { mechanism: 'PLAIN', username: 'alice', password: store.env('KAFKA_PASSWORD', tb.users.alice.password) },
      tls: { ca: store.file('ca.pem', pem(tb.tls.caPem)) },
      ...naming,
    }),
  },
  {
    id: 'sasl-ssl-scram-256',
    title: 'SASL_SSL + SCRAM-SHA-256',
    outcome: 'pass',
    spec: scram256('alice', (tb) => tb.users.alice.password),
  },
  {
    id: 'sasl-ssl-oauthbearer',
    title: 'SASL_SSL + OAUTHBEARER (OIDC)',
    outcome: 'pass',
    spec: (tb, store) => ({
      bootstrapServers: tb.listeners.saslSsl,
      securityProtocol: 'SASL_SSL',
      sasl: {
        mechanism: 'OAUTHBEARER',
        oauth: {
          tokenEndpoint: tb.oidc.tokenEndpoint,
          clientId: tb.oidc.clientId,
          clientSecret: store.env('OAUTH_CLIENT_SECRET', tb.oidc.clientSecret),
          scope: tb.oidc.scope,
        },
      },
      tls: { ca: store.file('ca.pem', pem(tb.tls.caPem)) },
      ...naming,
    }),
  },
  { id: 'ssl-mtls', title: 'SSL mTLS (private CA)', outcome: 'pass', spec: mtls((tb) => tb.tls.caPem) },
  {
    id: 'password-special-chars',
    title: 'SASL_PLAINTEXT + SCRAM-SHA-512, password with `"` `\\` `${`',
    outcome: 'pass',
    prepare: (tb, dir) => addWriterUser(tb, 'carol', SPECIAL_PASSWORD, dir),
    spec: (tb, store) => ({
      bootstrapServers: tb.listeners.saslPlaintext,
      securityProtocol: 'SASL_PLAINTEXT',
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'carol', password: store.file('kafka-password', SPECIAL_PASSWORD) },
      ...naming,
    }),
  },
  {
    // as `echo "$PASSWORD" > file` writes it
    id: 'secret-file-newline',
    title: 'SASL_SSL + SCRAM-SHA-256, secret file ends with a newline',
    outcome: 'pass',
    spec: scram256('alice', (tb) => tb.users.alice.password, '\n'),
  },
  {
    id: 'wrong-password',
    title: '✗ wrong password (SASL_SSL + SCRAM-SHA-256)',
    outcome: 'fail:auth',
    spec: scram256('alice', (tb) => `${tb.users.alice.password}-wrong`),
  },
  // the spec's CA reference points straight at the test bed's unrelated second CA
  { id: 'ca-mismatch', title: '✗ CA mismatch (SSL mTLS, other CA)', outcome: 'fail:tls', spec: mtls((tb) => tb.tls.otherCaPem) },
  {
    id: 'no-write-acl',
    title: '✗ no WRITE ACL (user reader, SCRAM-SHA-256)',
    outcome: 'fail:acl',
    spec: scram256('reader', (tb) => tb.users.reader.password),
  },
  {
    id: 'aws-msk-iam',
    title: 'SASL_SSL + AWS_MSK_IAM (compile only)',
    outcome: 'compile-only',
    spec: (tb) => ({
      bootstrapServers: tb.listeners.saslSsl,
      securityProtocol: 'SASL_SSL',
      sasl: { mechanism: 'AWS_MSK_IAM', aws: { roleArn: 'arn:aws:iam::123456789012:role/acme-clients', region: 'eu-west-1' } },
      ...naming,
    }),
  },
];

const scramPlaintext = (user: 'alice' | 'reader', password: (tb: TestbedState) => string): Setup['spec'] => {
  return (tb, store) => ({
    bootstrapServers: tb.listeners.saslPlaintext,
    securityProtocol: 'SASL_PLAINTEXT',
    sasl: { mechanism: 'SCRAM-SHA-512', username: user, password: store.env('KAFKA_PASSWORD', password(tb)) },
    ...naming,
  });
};

/**
 * The ECS matrix's rows: every setup, then negative rows of ECS's own. ECS injects secrets only as environment
 * variables (a private CA as PEM content); these rows provoke each failure kind without a CA: bad credentials and
 * a missing ACL over SASL_PLAINTEXT, and a TLS listener whose private CA the spec does not give (the clients then
 * trust only their default CA store).
 */
export const ECS_SETUPS: readonly Setup[] = [
  ...SETUPS,
  {
    id: 'ecs-wrong-password',
    title: '✗ wrong password (SASL_PLAINTEXT + SCRAM-SHA-512)',
    outcome: 'fail:auth',
    spec: scramPlaintext('alice', (tb) => `${tb.users.alice.password}-wrong`),
  },
  {
    id: 'ecs-no-write-acl',
    title: '✗ no WRITE ACL (user reader, SASL_PLAINTEXT + SCRAM-SHA-512)',
    outcome: 'fail:acl',
    spec: scramPlaintext('reader', (tb) => tb.users.reader.password),
  },
  {
    id: 'ecs-untrusted-ca',
    title: '✗ broker CA not trusted (SASL_SSL + SCRAM-SHA-256, no CA in the spec)',
    outcome: 'fail:tls',
    spec: (tb, store) => ({
      bootstrapServers: tb.listeners.saslSsl,
      securityProtocol: 'SASL_SSL',
      sasl: { mechanism: 'SCRAM-SHA-256', username: 'alice', password: store.env('KAFKA_PASSWORD', tb.users.alice.password) },
      ...naming,
    }),
  },
];
