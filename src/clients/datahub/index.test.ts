import { describe, expect, it } from 'vitest';
import { staleSecuritySettings } from '../../configure/security-surface.js';
import { iamSpec, makeContext, mtlsSpec, oauthSpec, plaintextSpec, scramSpec, secretAt, showEnv, withSchemaRegistry } from '../testing.js';
import { dataHub, dataHubComponent } from './index.js';

const SERVERS = 'b1.kafka.example.com:9094,b2.kafka.example.com:9094';
const JAAS = 'org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="<secret:sasl.password>";';

const emit = (image: string, spec = scramSpec(), env: Record<string, string> = {}) =>
  dataHub.emit(makeContext({ spec, name: 'svc', image, env: { KAFKA_BOOTSTRAP_SERVER: 'broker:29092', ...env } }));

describe('detect', () => {
  it("recognizes DataHub's images, with or without the quickstart's image variables", () => {
    const detect = (image: string) => dataHub.detect({ name: 's', image, env: new Map() });
    expect(detect('linkedin/datahub-gms:head')).toBe('certain');
    expect(detect('${DATAHUB_GMS_IMAGE:-linkedin/datahub-gms}:${DATAHUB_VERSION:-head}')).toBe('certain');
    expect(detect('acryldata/datahub-upgrade:v0.13.0')).toBe('certain');
    expect(detect('acryldata/datahub-actions:head')).toBe('certain');
    expect(detect('linkedin/datahub-frontend-react:head')).toBe('certain');
    expect(detect('acryldata/datahub-mae-consumer:v0.12.1')).toBe('certain');
    // the setup jobs are not clients graft configures: kafka-setup creates topics, the others touch no Kafka
    expect(detect('linkedin/datahub-kafka-setup:head')).toBeUndefined();
    expect(detect('acryldata/datahub-mysql-setup:head')).toBeUndefined();
    expect(detect('acme/datahub-gms-fork:1')).toBeUndefined();
  });

  it('tells the components apart', () => {
    expect(dataHubComponent('linkedin/datahub-gms:head')).toBe('spring');
    expect(dataHubComponent('acryldata/datahub-mce-consumer:head')).toBe('spring');
    expect(dataHubComponent('linkedin/datahub-frontend-react:head')).toBe('frontend');
    expect(dataHubComponent('acryldata/datahub-actions:head')).toBe('actions');
  });
});

describe('Spring components (GMS, upgrade, MAE/MCE consumers)', () => {
  it('PLAINTEXT: the bootstrap variable and the protocol', () => {
    expect(showEnv(emit('linkedin/datahub-gms:head', plaintextSpec()).env)).toEqual({
      KAFKA_BOOTSTRAP_SERVER: SERVERS,
      SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL: 'PLAINTEXT',
    });
  });

  it('SCRAM over TLS: spring.kafka.properties.*, the JAAS line built around the secret, the CA as a PEM file', () => {
    const out = emit('linkedin/datahub-gms:head');
    expect(showEnv(out.env)).toEqual({
      KAFKA_BOOTSTRAP_SERVER: SERVERS,
      SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL: 'SASL_SSL',
      SPRING_KAFKA_PROPERTIES_SASL_MECHANISM: 'SCRAM-SHA-512',
      SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG: JAAS,
      SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_TYPE: 'PEM',
      SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_LOCATION: '/run/secrets/kafka_ca',
    });
    expect(out.problems).toEqual([]);
  });

  it('mTLS: the PEM key store from the certificate and key values', () => {
    const out = emit('acryldata/datahub-upgrade:head', mtlsSpec());
    expect(showEnv(out.env)).toMatchObject({
      SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL: 'SSL',
      SPRING_KAFKA_PROPERTIES_SSL_KEYSTORE_TYPE: 'PEM',
      SPRING_KAFKA_PROPERTIES_SSL_KEYSTORE_CERTIFICATE_CHAIN: '<secret:tls.clientCert>',
      SPRING_KAFKA_PROPERTIES_SSL_KEYSTORE_KEY: '<secret:tls.clientKey>',
    });
    expect(out.problems).toEqual([]);
  });

  it("the customer's registry and its basic auth where the service reads KAFKA_SCHEMAREGISTRY_URL; a private registry CA is refused", () => {
    const spec = withSchemaRegistry(scramSpec(), false);
    const out = emit('linkedin/datahub-gms:head', spec, { KAFKA_SCHEMAREGISTRY_URL: 'http://schema-registry:8081' });
    expect(showEnv(out.env)).toMatchObject({
      KAFKA_SCHEMAREGISTRY_URL: 'https://sr.example.com',
      SPRING_KAFKA_PROPERTIES_BASIC_AUTH_CREDENTIALS_SOURCE: 'USER_INFO',
      SPRING_KAFKA_PROPERTIES_BASIC_AUTH_USER_INFO: 'sr-user:<secret:schemaRegistry.basicAuth.password>',
    });
    expect(out.problems).toEqual([]);
    const withCa = emit('linkedin/datahub-gms:head', withSchemaRegistry(scramSpec()), { KAFKA_SCHEMAREGISTRY_URL: 'http://sr:8081' });
    expect(withCa.problems.map((p) => p.code)).toEqual(['CLIENT_SCHEMA_REGISTRY_CA_UNSUPPORTED']);
  });

  it('AWS_MSK_IAM only where the vendor vouches for the library', () => {
    expect(emit('linkedin/datahub-gms:head', iamSpec()).problems.map((p) => p.code)).toEqual(['CLIENT_MECHANISM_UNSUPPORTED']);
    const out = dataHub.emit(
      makeContext({
        spec: iamSpec(),
        image: 'linkedin/datahub-gms:head',
        env: { KAFKA_BOOTSTRAP_SERVER: 'broker:29092' },
        binding: { service: 'svc', supports: { awsMskIam: true } },
      }),
    );
    expect(showEnv(out.env)).toMatchObject({
      SPRING_KAFKA_PROPERTIES_SASL_MECHANISM: 'AWS_MSK_IAM',
      SPRING_KAFKA_PROPERTIES_SASL_CLIENT_CALLBACK_HANDLER_CLASS: 'software.amazon.msk.auth.iam.IAMClientCallbackHandler',
    });
  });
});

describe('frontend', () => {
  it('SCRAM over TLS: KAFKA_PROPERTIES_* of its analytics producer', () => {
    const out = emit('linkedin/datahub-frontend-react:head');
    expect(showEnv(out.env)).toEqual({
      KAFKA_BOOTSTRAP_SERVER: SERVERS,
      KAFKA_PROPERTIES_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_PROPERTIES_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_PROPERTIES_SASL_JAAS_CONFIG: JAAS,
      KAFKA_PROPERTIES_SSL_TRUSTSTORE_TYPE: 'PEM',
      KAFKA_PROPERTIES_SSL_TRUSTSTORE_LOCATION: '/run/secrets/kafka_ca',
    });
    expect(out.problems).toEqual([]);
  });

  it('refuses a client certificate: it reads a key store file only', () => {
    const out = emit('linkedin/datahub-frontend-react:head', mtlsSpec());
    expect(out.problems.map((p) => p.code)).toEqual(['CLIENT_NO_DECLARED_PATH']);
    expect(out.problems[0]?.message).toContain('ssl.keystore.location');
  });
});

describe('actions', () => {
  it("SCRAM over TLS: librdkafka's settings as KAFKA_PROPERTIES_*, the password as a whole value", () => {
    const spec = scramSpec();
    spec.sasl = { mechanism: 'SCRAM-SHA-512', username: secretAt('sasl.username'), password: secretAt('sasl.password') };
    const out = emit('acryldata/datahub-actions:head', spec, { KAFKA_PROPERTIES_SECURITY_PROTOCOL: 'PLAINTEXT' });
    expect(showEnv(out.env)).toEqual({
      KAFKA_BOOTSTRAP_SERVER: SERVERS,
      KAFKA_PROPERTIES_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_PROPERTIES_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_PROPERTIES_SASL_USERNAME: '<secret:sasl.username>',
      KAFKA_PROPERTIES_SASL_PASSWORD: '<secret:sasl.password>',
      KAFKA_PROPERTIES_SSL_CA_LOCATION: '/run/secrets/kafka_ca',
    });
  });

  it('mTLS: certificate and key as files', () => {
    expect(showEnv(emit('acryldata/datahub-actions:head', mtlsSpec()).env)).toEqual({
      KAFKA_BOOTSTRAP_SERVER: SERVERS,
      KAFKA_PROPERTIES_SECURITY_PROTOCOL: 'SSL',
      KAFKA_PROPERTIES_SSL_CA_LOCATION: '/run/secrets/kafka_ca',
      KAFKA_PROPERTIES_SSL_CERTIFICATE_LOCATION: '/run/secrets/kafka_client_cert',
      KAFKA_PROPERTIES_SSL_KEY_LOCATION: '/run/secrets/kafka_client_key',
    });
  });

  it('refuses OAUTHBEARER and registry credentials it can read only from its actions config', () => {
    expect(emit('acryldata/datahub-actions:head', oauthSpec()).problems.map((p) => p.code)).toEqual(['CLIENT_MECHANISM_UNSUPPORTED']);
    const out = emit('acryldata/datahub-actions:head', withSchemaRegistry(scramSpec(), false), {
      SCHEMA_REGISTRY_URL: 'http://schema-registry:8081',
    });
    expect(out.env.SCHEMA_REGISTRY_URL).toBe('https://sr.example.com');
    expect(out.problems.map((p) => p.code)).toEqual(['CLIENT_NO_DECLARED_PATH']);
  });
});

describe('naming', () => {
  it("refuses the customer's topic and group naming unless the service's names are declared", () => {
    const spec = { ...scramSpec(), topics: { prefix: 'acme.' }, groups: { prefix: 'acme.' } };
    expect(emit('linkedin/datahub-gms:head', spec).problems.map((p) => p.code)).toEqual(['CLIENT_IMPLICIT_NAME']);
    const declared = dataHub.emit(
      makeContext({
        spec,
        image: 'linkedin/datahub-gms:head',
        env: { KAFKA_BOOTSTRAP_SERVER: 'broker:29092' },
        binding: {
          service: 'svc',
          produces: ['acme.MetadataChangeLog_Versioned_v1'],
          consumes: ['acme.MetadataChangeProposal_v1'],
          groups: ['acme.gms'],
        },
      }),
    );
    expect(declared.problems).toEqual([]);
  });
});

describe('security surface', () => {
  it("removes the origin's client security settings in both spellings, keeps the rest", () => {
    expect(
      staleSecuritySettings(
        'datahub',
        [
          'KAFKA_PROPERTIES_SECURITY_PROTOCOL',
          'KAFKA_PROPERTIES_SSL_KEYSTORE_LOCATION',
          'SPRING_KAFKA_PROPERTIES_SASL_KERBEROS_SERVICE_NAME',
          'KAFKA_SCHEMAREGISTRY_URL',
          'KAFKA_CONSUMER_STOP_ON_DESERIALIZATION_ERROR',
        ],
        ['KAFKA_BOOTSTRAP_SERVER'],
      ),
    ).toEqual([
      'KAFKA_PROPERTIES_SECURITY_PROTOCOL',
      'KAFKA_PROPERTIES_SSL_KEYSTORE_LOCATION',
      'SPRING_KAFKA_PROPERTIES_SASL_KERBEROS_SERVICE_NAME',
    ]);
  });
});
