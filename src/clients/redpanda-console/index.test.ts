import { describe, expect, it } from 'vitest';
import { iamSpec, makeContext, mtlsSpec, oauthSpec, plaintextSpec, scramSpec, showEnv, withSchemaRegistry } from '../testing.js';
import { detectConsoleMajor, redpandaConsole } from './index.js';

const SERVERS = 'b1.kafka.example.com:9094,b2.kafka.example.com:9094';

const emit = (
  spec = scramSpec(),
  image = 'docker.redpanda.com/redpandadata/console:v3.1.0',
  env: Record<string, string> = { KAFKA_BROKERS: 'redpanda:9092' },
) => redpandaConsole.emit(makeContext({ spec, name: 'console', image, env }));

describe('detect', () => {
  it('recognizes the console images, old and new', () => {
    for (const image of [
      'redpandadata/console:v2.8.0',
      'docker.redpanda.com/redpandadata/console:latest',
      'vectorized/console:v2.1.1',
      'quay.io/cloudhut/kowl:master',
    ]) {
      expect(redpandaConsole.detect({ name: 'c', image, env: new Map() }), image).toBe('certain');
    }
    expect(
      redpandaConsole.detect({ name: 'c', image: 'redpandadata/redpanda:v24.1.1', env: new Map([['KAFKA_BROKERS', 'x']]) }),
    ).toBeUndefined();
  });

  it('tells Console v2 from v3 by its schema registry variables, then by tag', () => {
    const facts = (image: string, env: Record<string, string> = {}) => ({ name: 'c', image, env: new Map(Object.entries(env)) });
    expect(detectConsoleMajor(facts('redpandadata/console:v2.8.0'))).toBe(2);
    expect(detectConsoleMajor(facts('redpandadata/console:v3.0.0'))).toBe(3);
    expect(detectConsoleMajor(facts('redpandadata/console:latest'))).toBe(3);
    expect(detectConsoleMajor(facts('redpandadata/console:latest', { KAFKA_SCHEMAREGISTRY_ENABLED: 'true' }))).toBe(2);
  });
});

describe('emit', () => {
  it('PLAINTEXT', () => {
    const out = emit(plaintextSpec());
    expect(out.env).toEqual({ KAFKA_BROKERS: SERVERS, KAFKA_TLS_ENABLED: 'false', KAFKA_SASL_ENABLED: 'false' });
    expect(out.problems).toEqual([]);
  });

  it('SASL_SSL + SCRAM-SHA-512 with a CA: the CA by path, the password as a value', () => {
    const out = emit();
    expect(showEnv(out.env)).toEqual({
      KAFKA_BROKERS: SERVERS,
      KAFKA_TLS_ENABLED: 'true',
      KAFKA_TLS_CAFILEPATH: '/run/secrets/kafka_ca',
      KAFKA_SASL_ENABLED: 'true',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'app',
      KAFKA_SASL_PASSWORD: '<secret:sasl.password>',
    });
    expect(out.notes).toEqual([
      'Redpanda Console reads KAFKA_SASL_PASSWORD only as a value: it is filled from the secret at run time and must not contain a comma (Console splits values at commas)',
    ]);
  });

  it('SASL_SSL + OAUTHBEARER with client credentials', () => {
    expect(showEnv(emit(oauthSpec()).env)).toEqual({
      KAFKA_BROKERS: SERVERS,
      KAFKA_TLS_ENABLED: 'true',
      KAFKA_SASL_ENABLED: 'true',
      KAFKA_SASL_MECHANISM: 'OAUTHBEARER',
      KAFKA_SASL_OAUTH_TOKENENDPOINT: 'https://idp.example.com/oauth2/token',
      KAFKA_SASL_OAUTH_CLIENTID: 'graft-client',
      KAFKA_SASL_OAUTH_CLIENTSECRET: '<secret:sasl.oauth.clientSecret>',
      KAFKA_SASL_OAUTH_SCOPE: 'kafka',
    });
  });

  it('SSL mTLS by file paths', () => {
    expect(emit(mtlsSpec()).env).toEqual({
      KAFKA_BROKERS: SERVERS,
      KAFKA_TLS_ENABLED: 'true',
      KAFKA_TLS_CAFILEPATH: '/run/secrets/kafka_ca',
      KAFKA_TLS_CERTFILEPATH: '/run/secrets/kafka_client_cert',
      KAFKA_TLS_KEYFILEPATH: '/run/secrets/kafka_client_key',
      KAFKA_SASL_ENABLED: 'false',
    });
  });

  it('uses the v3 schema registry block', () => {
    const out = emit(withSchemaRegistry(plaintextSpec()));
    expect(showEnv(out.env)).toEqual({
      KAFKA_BROKERS: SERVERS,
      KAFKA_TLS_ENABLED: 'false',
      KAFKA_SASL_ENABLED: 'false',
      SCHEMAREGISTRY_ENABLED: 'true',
      SCHEMAREGISTRY_URLS: 'https://sr.example.com',
      SCHEMAREGISTRY_TLS_ENABLED: 'true',
      SCHEMAREGISTRY_TLS_CAFILEPATH: '/run/secrets/schema_registry_ca',
      SCHEMAREGISTRY_AUTHENTICATION_BASIC_USERNAME: 'sr-user',
      SCHEMAREGISTRY_AUTHENTICATION_BASIC_PASSWORD: '<secret:schemaRegistry.basicAuth.password>',
    });
  });

  it('uses the v2 kafka.schemaRegistry block on Console v2', () => {
    const out = emit(withSchemaRegistry(plaintextSpec(), false), 'redpandadata/console:v2.8.0');
    expect(showEnv(out.env)).toEqual({
      KAFKA_BROKERS: SERVERS,
      KAFKA_TLS_ENABLED: 'false',
      KAFKA_SASL_ENABLED: 'false',
      KAFKA_SCHEMAREGISTRY_ENABLED: 'true',
      KAFKA_SCHEMAREGISTRY_URLS: 'https://sr.example.com',
      KAFKA_SCHEMAREGISTRY_TLS_ENABLED: 'true',
      KAFKA_SCHEMAREGISTRY_USERNAME: 'sr-user',
      KAFKA_SCHEMAREGISTRY_PASSWORD: '<secret:schemaRegistry.basicAuth.password>',
    });
  });
});

describe('AWS_MSK_IAM', () => {
  it('uses Console’s native IAM signer, with no jar to vouch for', () => {
    const ctx = makeContext({ spec: iamSpec(), name: 'console', image: 'redpandadata/console:v3.1.0' });
    const out = redpandaConsole.emit(ctx);
    expect(out.env).toEqual({
      KAFKA_BROKERS: SERVERS,
      KAFKA_TLS_ENABLED: 'true',
      KAFKA_SASL_ENABLED: 'true',
      KAFKA_SASL_MECHANISM: 'AWS_MSK_IAM',
      KAFKA_SASL_AWSMSKIAM_REGION: 'eu-west-1',
    });
    expect(out.problems).toEqual([]);
  });
});
