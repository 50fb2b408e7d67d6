import { describe, expect, it } from 'vitest';
import { DIRECTORY_PROVIDER, OAUTH_LOGIN_HANDLER } from '../java-common/index.js';
import { iamSpec, makeContext, mtlsSpec, oauthSpec, plaintextSpec, scramSpec, showEnv, withSchemaRegistry } from '../testing.js';
import { kafdrop, KAFDROP_PROPERTIES } from './index.js';

const SERVERS = 'b1.kafka.example.com:9094,b2.kafka.example.com:9094';
const HEADER = "# Written by graft: security settings of the customer's Kafka.\n";
const PROVIDERS = `config.providers=secrets\nconfig.providers.secrets.class=${DIRECTORY_PROVIDER}\n`;
const BASE_ENV = { KAFKA_BROKERCONNECT: SERVERS, KAFKA_PROPERTIES_FILE: KAFDROP_PROPERTIES };

const emit = (spec = scramSpec(), env: Record<string, string> = { KAFKA_BROKERCONNECT: 'kafka:29092' }) =>
  kafdrop.emit(makeContext({ spec, name: 'kafdrop', image: 'obsidiandynamics/kafdrop:4.0.1', env }));

describe('detect', () => {
  it('recognizes the image and KAFKA_BROKERCONNECT', () => {
    expect(kafdrop.detect({ name: 'k', image: 'obsidiandynamics/kafdrop:latest', env: new Map() })).toBe('certain');
    expect(kafdrop.detect({ name: 'k', env: new Map([['KAFKA_BROKERCONNECT', 'kafka:9092']]) })).toBe('certain');
    expect(kafdrop.detect({ name: 'k', image: 'acme/kafdrop-fork', env: new Map() })).toBeUndefined();
  });
});

describe('emit', () => {
  it('PLAINTEXT', () => {
    const out = emit(plaintextSpec());
    expect(out.env).toEqual(BASE_ENV);
    expect(out.files).toEqual({ [KAFDROP_PROPERTIES]: `${HEADER}security.protocol=PLAINTEXT\n` });
    expect(out.problems).toEqual([]);
  });

  it('SASL_SSL + SCRAM-SHA-512 with a CA', () => {
    const out = emit();
    expect(out.env).toEqual(BASE_ENV);
    expect(out.files).toEqual({
      [KAFDROP_PROPERTIES]:
        HEADER +
        'security.protocol=SASL_SSL\n' +
        'sasl.mechanism=SCRAM-SHA-512\n' +
        'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="${secrets:/run/secrets:kafka_sasl_password}";\n' +
        'ssl.truststore.type=PEM\n' +
        'ssl.truststore.location=/run/secrets/kafka_ca\n' +
        PROVIDERS,
    });
  });

  it('SASL_SSL + OAUTHBEARER', () => {
    const out = emit(oauthSpec());
    expect(out.env).toEqual({
      ...BASE_ENV,
      JAVA_TOOL_OPTIONS: '-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=https://idp.example.com/oauth2/token',
    });
    expect(out.files).toEqual({
      [KAFDROP_PROPERTIES]:
        HEADER +
        'security.protocol=SASL_SSL\n' +
        'sasl.mechanism=OAUTHBEARER\n' +
        'sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="graft-client" clientSecret="${secrets:/run/secrets:kafka_oauth_client_secret}" scope="kafka";\n' +
        `sasl.login.callback.handler.class=${OAUTH_LOGIN_HANDLER}\n` +
        'sasl.oauthbearer.token.endpoint.url=https://idp.example.com/oauth2/token\n' +
        PROVIDERS,
    });
  });

  it('SSL mTLS, replacing a base64 KAFKA_PROPERTIES from the vendor', () => {
    const out = emit(mtlsSpec(), { KAFKA_BROKERCONNECT: 'kafka:29092', KAFKA_PROPERTIES: 'c2VjdXJpdHkucHJvdG9jb2w9UExBSU5URVhU' });
    expect(out.env).toEqual({ ...BASE_ENV, KAFKA_PROPERTIES: '' });
    expect(out.files).toEqual({
      [KAFDROP_PROPERTIES]:
        HEADER +
        'security.protocol=SSL\n' +
        'ssl.truststore.type=PEM\n' +
        'ssl.truststore.location=/run/secrets/kafka_ca\n' +
        'ssl.keystore.type=PEM\n' +
        'ssl.keystore.certificate.chain=${secrets:/run/secrets:kafka_client_cert}\n' +
        'ssl.keystore.key=${secrets:/run/secrets:kafka_client_key}\n' +
        PROVIDERS,
    });
    expect(out.notes[0]).toBe(`kafdrop's KAFKA_PROPERTIES (settings for the dropped cluster) is replaced by ${KAFDROP_PROPERTIES}`);
  });

  it('points kafdrop at the customer schema registry', () => {
    const out = emit(withSchemaRegistry(plaintextSpec(), false));
    expect(showEnv(out.env)).toEqual({
      ...BASE_ENV,
      SCHEMAREGISTRY_CONNECT: 'https://sr.example.com',
      SCHEMAREGISTRY_AUTH: 'sr-user:<secret:schemaRegistry.basicAuth.password>',
    });
  });
});

describe('refusals', () => {
  it('refuses a schema registry CA it has no setting for', () => {
    const out = emit(withSchemaRegistry(plaintextSpec()));
    expect(out.problems.map((p) => p.code)).toEqual(['CLIENT_SCHEMA_REGISTRY_CA_UNSUPPORTED']);
    expect(out.problems[0]?.message).toContain('service "kafdrop"');
  });

  it('refuses AWS_MSK_IAM without the vendor vouching for the jar', () => {
    expect(emit(iamSpec()).problems.map((p) => p.code)).toEqual(['CLIENT_MECHANISM_UNSUPPORTED']);
  });
});
