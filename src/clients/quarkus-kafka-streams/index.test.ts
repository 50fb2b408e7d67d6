import { describe, expect, it } from 'vitest';
import { staleSecuritySettings } from '../../configure/security-surface.js';
import { iamSpec, makeContext, mtlsSpec, oauthSpec, plaintextSpec, scramSpec, showEnv, withSchemaRegistry } from '../testing.js';
import { quarkusKafkaStreams } from './index.js';

const SERVERS = 'b1.kafka.example.com:9094,b2.kafka.example.com:9094';

const emit = (spec = scramSpec(), env: Record<string, string> = {}, binding?: { service: string; supports: { awsMskIam: boolean } }) =>
  quarkusKafkaStreams.emit(
    makeContext({
      spec,
      name: 'aggregator',
      image: 'quarkus-quickstarts/kafka-streams-aggregator:1.0',
      env: { QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS: 'kafka:9092', ...env },
      ...(binding ? { binding } : {}),
    }),
  );

describe('quarkus-kafka-streams', () => {
  it('is recognized by QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS only', () => {
    const detect = (env: Record<string, string>) => quarkusKafkaStreams.detect({ name: 'a', env: new Map(Object.entries(env)) });
    expect(detect({ QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS: 'kafka:9092' })).toBe('certain');
    expect(detect({ KAFKA_BOOTSTRAP_SERVERS: 'kafka:9092' })).toBeUndefined();
  });

  it('PLAINTEXT sets the bootstrap servers and the protocol', () => {
    const out = emit(plaintextSpec());
    expect(showEnv(out.env)).toEqual({
      QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS: SERVERS,
      QUARKUS_KAFKA_STREAMS_SECURITY_PROTOCOL: 'PLAINTEXT',
    });
    expect(out.problems).toEqual([]);
  });

  it('SCRAM over TLS: a JAAS template the platform fills in, the CA by path, host name verification on', () => {
    const out = emit(scramSpec(), { QUARKUS_KAFKA_STREAMS_APPLICATION_ID: 'temperature-aggregator' });
    expect(showEnv(out.env)).toEqual({
      QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS: SERVERS,
      QUARKUS_KAFKA_STREAMS_SECURITY_PROTOCOL: 'SASL_SSL',
      QUARKUS_KAFKA_STREAMS_SASL_MECHANISM: 'SCRAM-SHA-512',
      QUARKUS_KAFKA_STREAMS_SASL_JAAS_CONFIG:
        'org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="<secret:sasl.password>";',
      QUARKUS_KAFKA_STREAMS_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM: 'https',
      QUARKUS_KAFKA_STREAMS_SSL_TRUSTSTORE_TYPE: 'PEM',
      QUARKUS_KAFKA_STREAMS_SSL_TRUSTSTORE_LOCATION: '/run/secrets/kafka_ca',
    });
    expect(out.problems).toEqual([]);
  });

  it('mTLS gives the PEM certificate chain and key as values', () => {
    const out = showEnv(emit(mtlsSpec()).env);
    expect(out.QUARKUS_KAFKA_STREAMS_SSL_KEYSTORE_TYPE).toBe('PEM');
    expect(out.QUARKUS_KAFKA_STREAMS_SSL_KEYSTORE_CERTIFICATE_CHAIN).toBe('<secret:tls.clientCert>');
    expect(out.QUARKUS_KAFKA_STREAMS_SSL_KEYSTORE_KEY).toBe('<secret:tls.clientKey>');
  });

  it('AWS_MSK_IAM only when the vendor vouches for the jar', () => {
    expect(emit(iamSpec()).problems.map((p) => p.code)).toEqual(['CLIENT_MECHANISM_UNSUPPORTED']);
    const vouched = showEnv(emit(iamSpec(), {}, { service: 'aggregator', supports: { awsMskIam: true } }).env);
    expect(vouched.QUARKUS_KAFKA_STREAMS_SASL_CLIENT_CALLBACK_HANDLER_CLASS).toBe('software.amazon.msk.auth.iam.IAMClientCallbackHandler');
    expect(quarkusKafkaStreams.mechanisms).not.toContain(oauthSpec().sasl?.mechanism);
  });

  it('refuses an application id it cannot see under a group prefix, and registry credentials it cannot pass', () => {
    const prefixed = { ...plaintextSpec(), groups: { prefix: 'acme.' } };
    expect(emit(prefixed).problems.map((p) => p.code)).toEqual(['CLIENT_IMPLICIT_NAME']);
    expect(emit(prefixed, { QUARKUS_KAFKA_STREAMS_APPLICATION_ID: 'agg' }).problems).toEqual([]);
    const sr = emit(withSchemaRegistry(plaintextSpec(), false), { QUARKUS_KAFKA_STREAMS_SCHEMA_REGISTRY_URL: 'http://registry:8081' });
    expect(sr.problems.map((p) => p.code)).toEqual(['CLIENT_NO_DECLARED_PATH']);
  });

  it('declares the extension’s security settings and their kafka-streams.* pass-through its surface', () => {
    expect(
      staleSecuritySettings(
        'quarkus-kafka-streams',
        [
          'QUARKUS_KAFKA_STREAMS_SSL_TRUSTSTORE_PASSWORD',
          'QUARKUS_KAFKA_STREAMS_SASL_LOGIN_CALLBACK_HANDLER_CLASS',
          'KAFKA_STREAMS_SASL_JAAS_CONFIG',
          'QUARKUS_KAFKA_STREAMS_TOPICS',
        ],
        ['QUARKUS_KAFKA_STREAMS_SECURITY_PROTOCOL'],
      ),
    ).toEqual([
      'QUARKUS_KAFKA_STREAMS_SSL_TRUSTSTORE_PASSWORD',
      'QUARKUS_KAFKA_STREAMS_SASL_LOGIN_CALLBACK_HANDLER_CLASS',
      'KAFKA_STREAMS_SASL_JAAS_CONFIG',
    ]);
  });
});
