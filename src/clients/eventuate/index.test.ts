import { describe, expect, it } from 'vitest';
import { staleSecuritySettings } from '../../configure/security-surface.js';
import { makeContext, mtlsSpec, plaintextSpec, scramSpec, showEnv } from '../testing.js';
import { eventuate } from './index.js';

const SERVERS = 'b1.kafka.example.com:9094,b2.kafka.example.com:9094';
const SCRAM_JAAS = 'org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="${kafka_sasl_password}";';

const emit = (spec = scramSpec(), env: Record<string, string> = {}, image = 'eventuateexamples/customer-service:latest') =>
  eventuate.emit(
    makeContext({ spec, name: 'customer-service', image, env: { EVENTUATELOCAL_KAFKA_BOOTSTRAP_SERVERS: 'kafka:9092', ...env } }),
  );

/** The same settings in Eventuate's consumer and producer property maps. */
const both = (settings: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    ['EVENTUATE_LOCAL_KAFKA_CONSUMER_PROPERTIES_', 'EVENTUATE_LOCAL_KAFKA_PRODUCER_PROPERTIES_'].flatMap((p) =>
      Object.entries(settings).map(([k, v]) => [p + k, v]),
    ),
  );

describe('eventuate', () => {
  it('is recognized by EVENTUATELOCAL_KAFKA_BOOTSTRAP_SERVERS', () => {
    const detect = (env: Record<string, string>) => eventuate.detect({ name: 's', env: new Map(Object.entries(env)) });
    expect(detect({ EVENTUATELOCAL_KAFKA_BOOTSTRAP_SERVERS: 'kafka:9092' })).toBe('certain');
    expect(detect({ KAFKA_BOOTSTRAP_SERVERS: 'kafka:9092' })).toBeUndefined();
  });

  it('PLAINTEXT sets the bootstrap servers and the protocol of both property maps', () => {
    expect(showEnv(emit(plaintextSpec()).env)).toEqual({
      EVENTUATELOCAL_KAFKA_BOOTSTRAP_SERVERS: SERVERS,
      ...both({ SECURITY_PROTOCOL: 'PLAINTEXT' }),
    });
  });

  it('SCRAM with a CA: both maps, the password from a Spring config tree, the CA by path', () => {
    const out = emit();
    expect(showEnv(out.env)).toEqual({
      EVENTUATELOCAL_KAFKA_BOOTSTRAP_SERVERS: SERVERS,
      ...both({
        SECURITY_PROTOCOL: 'SASL_SSL',
        SASL_MECHANISM: 'SCRAM-SHA-512',
        SASL_JAAS_CONFIG: SCRAM_JAAS,
        SSL_TRUSTSTORE_TYPE: 'PEM',
        SSL_TRUSTSTORE_LOCATION: '/run/secrets/kafka_ca',
      }),
      SPRING_CONFIG_IMPORT: 'optional:configtree:/run/secrets/',
    });
    expect(out.problems).toEqual([]);
  });

  it('mTLS reads the PEM certificate and key through the config tree', () => {
    const env = showEnv(emit(mtlsSpec()).env);
    expect(env.EVENTUATE_LOCAL_KAFKA_PRODUCER_PROPERTIES_SSL_KEYSTORE_KEY).toBe('${kafka_client_key}');
    expect(env.EVENTUATE_LOCAL_KAFKA_CONSUMER_PROPERTIES_SSL_KEYSTORE_CERTIFICATE_CHAIN).toBe('${kafka_client_cert}');
  });

  it('refuses the CDC service once its ZooKeeper is gone, not while it keeps one', () => {
    const cdc = 'eventuateio/eventuate-cdc-service:0.6.1.RELEASE';
    expect(emit(plaintextSpec(), {}, cdc).problems.map((p) => p.code)).toEqual(['CLIENT_NO_DECLARED_PATH']);
    expect(emit(plaintextSpec(), { EVENTUATELOCAL_ZOOKEEPER_CONNECTION_STRING: 'cdc-zookeeper:2181' }, cdc).problems).toEqual([]);
    expect(emit(plaintextSpec()).problems).toEqual([]);
  });

  it('refuses the customer’s topic and group naming, which cannot reach names chosen in code', () => {
    expect(emit({ ...plaintextSpec(), groups: { prefix: 'acme.' } }).problems.map((p) => p.code)).toEqual(['CLIENT_IMPLICIT_NAME']);
    expect(emit({ ...plaintextSpec(), topics: { allow: ['orders'] } }).problems.map((p) => p.code)).toEqual(['CLIENT_IMPLICIT_NAME']);
  });

  it('declares both property maps its security surface', () => {
    expect(
      staleSecuritySettings(
        'eventuate',
        [
          'EVENTUATE_LOCAL_KAFKA_CONSUMER_PROPERTIES_SSL_TRUSTSTORE_PASSWORD',
          'EVENTUATE_LOCAL_KAFKA_PRODUCER_PROPERTIES_SASL_CLIENT_CALLBACK_HANDLER_CLASS',
          'EVENTUATE_LOCAL_KAFKA_CONSUMER_PROPERTIES_MAX_POLL_RECORDS',
        ],
        [],
      ),
    ).toEqual([
      'EVENTUATE_LOCAL_KAFKA_CONSUMER_PROPERTIES_SSL_TRUSTSTORE_PASSWORD',
      'EVENTUATE_LOCAL_KAFKA_PRODUCER_PROPERTIES_SASL_CLIENT_CALLBACK_HANDLER_CLASS',
    ]);
  });
});
