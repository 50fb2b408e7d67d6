import type { ClientBinding } from '../bindings/types.js';
import { secretName } from '../secrets/names.js';
import type { CustomerKafka, SecretRef, SecretValue } from '../spec/types.js';
import type { EmitContext, SettingValue } from './types.js';

// Fixtures for the client family tests: real CustomerKafka objects and a hand-written EmitContext.

/** Where the test context mounts every secret. */
export const SECRETS_DIR = '/run/secrets';

/** The customer's bootstrap servers used by every fixture. */
export const BOOTSTRAP = ['b1.kafka.example.com:9094', 'b2.kafka.example.com:9094'];

/** A secret reference declared at a spec path. */
export function secretAt(path: string, secretRef: SecretRef = { store: 'env', env: path.toUpperCase().replace(/\W/g, '_') }): SecretValue {
  return { secretRef, path, span: { file: 'kafka.yaml', start: 0, end: 0 } };
}

/** A cluster without security. */
export function plaintextSpec(): CustomerKafka {
  return { bootstrapServers: [...BOOTSTRAP], securityProtocol: 'PLAINTEXT', file: 'kafka.yaml' };
}

/** SASL_SSL with SCRAM-SHA-512, a literal username, a secret password and a private CA. */
export function scramSpec(): CustomerKafka {
  return {
    bootstrapServers: [...BOOTSTRAP],
    securityProtocol: 'SASL_SSL',
    sasl: { mechanism: 'SCRAM-SHA-512', username: 'app', password: secretAt('sasl.password') },
    tls: { ca: secretAt('tls.ca') },
    file: 'kafka.yaml',
  };
}

/** SASL_SSL with OAUTHBEARER client credentials, trusting public CAs. */
export function oauthSpec(): CustomerKafka {
  return {
    bootstrapServers: [...BOOTSTRAP],
    securityProtocol: 'SASL_SSL',
    sasl: {
      mechanism: 'OAUTHBEARER',
      oauth: {
        tokenEndpoint: 'https://idp.example.com/oauth2/token',
        clientId: 'graft-client',
        clientSecret: secretAt('sasl.oauth.clientSecret'),
        scope: 'kafka',
      },
    },
    file: 'kafka.yaml',
  };
}

/** SSL with a private CA and a client certificate (mTLS). */
export function mtlsSpec(): CustomerKafka {
  return {
    bootstrapServers: [...BOOTSTRAP],
    securityProtocol: 'SSL',
    tls: { ca: secretAt('tls.ca'), clientCert: secretAt('tls.clientCert'), clientKey: secretAt('tls.clientKey') },
    file: 'kafka.yaml',
  };
}

/** SASL_SSL with AWS_MSK_IAM. */
export function iamSpec(): CustomerKafka {
  return {
    bootstrapServers: [...BOOTSTRAP],
    securityProtocol: 'SASL_SSL',
    sasl: { mechanism: 'AWS_MSK_IAM', aws: { roleArn: 'arn:aws:iam::123456789012:role/app', region: 'eu-west-1' } },
    file: 'kafka.yaml',
  };
}

/** Adds a customer schema registry with basic auth and a private CA. */
export function withSchemaRegistry(spec: CustomerKafka, ca = true): CustomerKafka {
  return {
    ...spec,
    schemaRegistry: {
      url: 'https://sr.example.com',
      basicAuth: { username: 'sr-user', password: secretAt('schemaRegistry.basicAuth.password') },
      ...(ca ? { ca: secretAt('schemaRegistry.ca') } : {}),
    },
  };
}

/** What a test says about the service being configured. */
export interface ServiceFixture {
  spec: CustomerKafka;
  name?: string;
  image?: string;
  env?: Record<string, string>;
  binding?: ClientBinding;
}

/** An emit context whose mountSecret places every secret at `/run/secrets/<secretName>`. */
export function makeContext(f: ServiceFixture): EmitContext {
  return {
    spec: f.spec,
    service: { name: f.name ?? 'app', env: new Map(Object.entries(f.env ?? {})), ...(f.image ? { image: f.image } : {}) },
    ...(f.binding ? { binding: f.binding } : {}),
    bootstrap: f.spec.bootstrapServers.join(','),
    mountSecret: (secret) => {
      const name = secretName(secret);
      return { dir: SECRETS_DIR, name, path: `${SECRETS_DIR}/${name}` };
    },
  };
}

/** A template value as the tests write it: literal parts, secrets as `<secret:spec.path>`. */
export function showValue(v: SettingValue): string {
  return typeof v === 'string' ? v : v.parts.map((p) => (typeof p === 'string' ? p : `<secret:${p.secret.path}>`)).join('');
}

/** Every env value rendered with showValue, for exact comparisons. */
export function showEnv(env: Record<string, SettingValue>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, showValue(v)]));
}
