import { describe, expect, it } from 'vitest';
import { OAUTH_LOGIN_HANDLER } from '../java-common/index.js';
import { iamSpec, makeContext, mtlsSpec, oauthSpec, plaintextSpec, scramSpec, withSchemaRegistry } from '../testing.js';
import { kafkaUi } from './index.js';

const SERVERS = 'b1.kafka.example.com:9094,b2.kafka.example.com:9094';
const TREE = { SPRING_CONFIG_IMPORT: 'optional:configtree:/run/secrets/' };

const emit = (spec = scramSpec(), env: Record<string, string> = { KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS: 'kafka:9092' }) =>
  kafkaUi.emit(makeContext({ spec, name: 'ui', image: 'provectuslabs/kafka-ui:v0.7.2', env }));

describe('detect', () => {
  const detect = (image: string | undefined, env: Record<string, string> = {}) =>
    kafkaUi.detect({ name: 'ui', env: new Map(Object.entries(env)), ...(image ? { image } : {}) });

  it('recognizes both images and the cluster variables', () => {
    expect(detect('provectuslabs/kafka-ui:latest')).toBe('certain');
    expect(detect('ghcr.io/kafbat/kafka-ui:v1.2.0')).toBe('certain');
    expect(detect(undefined, { KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS: 'kafka:9092' })).toBe('certain');
    expect(detect('acme/kafka-ui-like:1', { KAFKA_BOOTSTRAP_SERVERS: 'kafka:9092' })).toBeUndefined();
  });
});

describe('emit', () => {
  it('PLAINTEXT', () => {
    const out = emit(plaintextSpec());
    expect(out.env).toEqual({ KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS: SERVERS, KAFKA_CLUSTERS_0_PROPERTIES_SECURITY_PROTOCOL: 'PLAINTEXT' });
    expect(out.problems).toEqual([]);
  });

  it('SASL_SSL + SCRAM-SHA-512 with a CA takes the password from the Spring config tree', () => {
    const out = emit();
    expect(out.env).toEqual({
      KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS: SERVERS,
      KAFKA_CLUSTERS_0_PROPERTIES_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_CLUSTERS_0_PROPERTIES_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_CLUSTERS_0_PROPERTIES_SASL_JAAS_CONFIG:
        'org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="${kafka_sasl_password}";',
      KAFKA_CLUSTERS_0_PROPERTIES_SSL_TRUSTSTORE_TYPE: 'PEM',
      KAFKA_CLUSTERS_0_PROPERTIES_SSL_TRUSTSTORE_LOCATION: '/run/secrets/kafka_ca',
      ...TREE,
    });
    expect(out.notes).toEqual(['secrets reach kafka-ui as a Spring config tree at /run/secrets/ (SPRING_CONFIG_IMPORT)']);
  });

  it('SASL_SSL + OAUTHBEARER', () => {
    const out = emit(oauthSpec());
    expect(out.env).toEqual({
      KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS: SERVERS,
      KAFKA_CLUSTERS_0_PROPERTIES_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_CLUSTERS_0_PROPERTIES_SASL_MECHANISM: 'OAUTHBEARER',
      KAFKA_CLUSTERS_0_PROPERTIES_SASL_JAAS_CONFIG:
        'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="graft-client" clientSecret="${kafka_oauth_client_secret}" scope="kafka";',
      KAFKA_CLUSTERS_0_PROPERTIES_SASL_LOGIN_CALLBACK_HANDLER_CLASS: OAUTH_LOGIN_HANDLER,
      KAFKA_CLUSTERS_0_PROPERTIES_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL: 'https://idp.example.com/oauth2/token',
      JAVA_TOOL_OPTIONS: '-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=https://idp.example.com/oauth2/token',
      ...TREE,
    });
  });

  it('SSL mTLS', () => {
    expect(emit(mtlsSpec()).env).toEqual({
      KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS: SERVERS,
      KAFKA_CLUSTERS_0_PROPERTIES_SECURITY_PROTOCOL: 'SSL',
      KAFKA_CLUSTERS_0_PROPERTIES_SSL_TRUSTSTORE_TYPE: 'PEM',
      KAFKA_CLUSTERS_0_PROPERTIES_SSL_TRUSTSTORE_LOCATION: '/run/secrets/kafka_ca',
      KAFKA_CLUSTERS_0_PROPERTIES_SSL_KEYSTORE_TYPE: 'PEM',
      KAFKA_CLUSTERS_0_PROPERTIES_SSL_KEYSTORE_CERTIFICATE_CHAIN: '${kafka_client_cert}',
      KAFKA_CLUSTERS_0_PROPERTIES_SSL_KEYSTORE_KEY: '${kafka_client_key}',
      ...TREE,
    });
  });

  it('configures only the clusters already rewired to the customer, keeping their value', () => {
    const out = emit(plaintextSpec(), {
      KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS: 'other-team-kafka:9092',
      KAFKA_CLUSTERS_1_BOOTSTRAPSERVERS: `\${KAFKA:-${SERVERS}}`,
      SPRING_CONFIG_IMPORT: 'optional:file:/etc/ui.yml',
    });
    expect(out.env).toEqual({
      KAFKA_CLUSTERS_1_BOOTSTRAPSERVERS: `\${KAFKA:-${SERVERS}}`,
      KAFKA_CLUSTERS_1_PROPERTIES_SECURITY_PROTOCOL: 'PLAINTEXT',
    });
  });

  it('configures every cluster when none was rewired', () => {
    const out = emit(plaintextSpec(), { KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS: 'a:9092', KAFKA_CLUSTERS_2_BOOTSTRAPSERVERS: 'b:9092' });
    expect(Object.keys(out.env).sort()).toEqual([
      'KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS',
      'KAFKA_CLUSTERS_0_PROPERTIES_SECURITY_PROTOCOL',
      'KAFKA_CLUSTERS_2_BOOTSTRAPSERVERS',
      'KAFKA_CLUSTERS_2_PROPERTIES_SECURITY_PROTOCOL',
    ]);
    expect(out.notes).toEqual(["kafka-ui clusters configured for the customer's Kafka: KAFKA_CLUSTERS_0, KAFKA_CLUSTERS_2"]);
  });

  it('points the cluster at the customer schema registry and appends the config tree to an existing import', () => {
    const out = emit(withSchemaRegistry(plaintextSpec(), false), {
      KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS: 'kafka:9092',
      SPRING_CONFIG_IMPORT: 'optional:file:/etc/ui.yml',
    });
    expect(out.env).toEqual({
      KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS: SERVERS,
      KAFKA_CLUSTERS_0_PROPERTIES_SECURITY_PROTOCOL: 'PLAINTEXT',
      KAFKA_CLUSTERS_0_SCHEMAREGISTRY: 'https://sr.example.com',
      KAFKA_CLUSTERS_0_SCHEMAREGISTRYAUTH_USERNAME: 'sr-user',
      KAFKA_CLUSTERS_0_SCHEMAREGISTRYAUTH_PASSWORD: '${schema_registry_password}',
      SPRING_CONFIG_IMPORT: 'optional:file:/etc/ui.yml,optional:configtree:/run/secrets/',
    });
  });
});

describe('refusals', () => {
  it('refuses a schema registry CA it cannot load', () => {
    const out = emit(withSchemaRegistry(plaintextSpec()));
    expect(out.problems.map((p) => p.code)).toEqual(['CLIENT_SCHEMA_REGISTRY_CA_UNSUPPORTED']);
    expect(out.problems[0]?.message).toContain('service "ui"');
  });

  it('refuses AWS_MSK_IAM on an image not known to ship the jar, unless the vendor vouches for it', () => {
    const ctx = (binding?: { service: string; supports: { awsMskIam: boolean } }) =>
      makeContext({
        spec: iamSpec(),
        name: 'ui',
        image: 'acme/kafka-console:1',
        env: { KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS: 'kafka:9092' },
        binding,
      });
    expect(kafkaUi.emit(ctx()).problems.map((p) => p.code)).toEqual(['CLIENT_MECHANISM_UNSUPPORTED']);
    expect(kafkaUi.emit(ctx({ service: 'ui', supports: { awsMskIam: true } })).problems).toEqual([]);
  });

  it('configures AWS_MSK_IAM on the official images, which ship aws-msk-iam-auth', () => {
    const out = emit(iamSpec());
    expect(out.problems).toEqual([]);
    expect(out.env.KAFKA_CLUSTERS_0_PROPERTIES_SASL_MECHANISM).toBe('AWS_MSK_IAM');
    expect(out.env.KAFKA_CLUSTERS_0_PROPERTIES_SASL_CLIENT_CALLBACK_HANDLER_CLASS).toBe(
      'software.amazon.msk.auth.iam.IAMClientCallbackHandler',
    );
    expect(out.env.KAFKA_CLUSTERS_0_PROPERTIES_SASL_JAAS_CONFIG as string).toMatch(
      /^software\.amazon\.msk\.auth\.iam\.IAMLoginModule required/,
    );
  });
});
