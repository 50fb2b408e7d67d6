import { describe, expect, it } from 'vitest';
import { staleSecuritySettings } from '../../configure/security-surface.js';
import { makeContext, mtlsSpec, plaintextSpec, scramSpec, secretAt, showEnv } from '../testing.js';
import { kminion } from './index.js';

const SERVERS = 'b1.kafka.example.com:9094,b2.kafka.example.com:9094';
const IMAGE = 'docker.io/redpandadata/kminion:v2.2.5@sha256:195cf8ed7b883e8246438a3918c60834c9f285bcd1dcd525e8ea834cb22106c7';

const emit = (spec = scramSpec(), env: Record<string, string> = {}) =>
  kminion.emit(makeContext({ spec, name: 'kminion', image: IMAGE, env: { KAFKA_BROKERS: 'bootstrap:9092', ...env } }));

describe('kminion', () => {
  it('is recognized by its images only: KAFKA_BROKERS is any program’s variable', () => {
    const detect = (image: string | undefined) =>
      kminion.detect({ name: 'k', env: new Map([['KAFKA_BROKERS', 'kafka:9092']]), ...(image ? { image } : {}) });
    expect(detect(IMAGE)).toBe('certain');
    expect(detect('quay.io/cloudhut/kminion:v2.0.0')).toBe('certain');
    expect(detect('vectorized/kminion:latest')).toBe('certain');
    expect(detect('redpandadata/console:v2.4.0')).toBeUndefined();
    expect(detect(undefined)).toBeUndefined();
  });

  it('PLAINTEXT sets only the brokers', () => {
    expect(showEnv(emit(plaintextSpec()).env)).toEqual({ KAFKA_BROKERS: SERVERS });
  });

  it('SCRAM over TLS with a private CA: SASL enabled, the password as a value, the CA as a mounted file', () => {
    const spec = scramSpec();
    spec.sasl = { mechanism: 'SCRAM-SHA-512', username: secretAt('sasl.username'), password: secretAt('sasl.password') };
    const out = emit(spec);
    expect(showEnv(out.env)).toEqual({
      KAFKA_BROKERS: SERVERS,
      KAFKA_SASL_ENABLED: 'true',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: '<secret:sasl.username>',
      KAFKA_SASL_PASSWORD: '<secret:sasl.password>',
      KAFKA_TLS_ENABLED: 'true',
      KAFKA_TLS_CAFILEPATH: '/run/secrets/kafka_ca',
    });
    expect(out.problems).toEqual([]);
  });

  it('mTLS reads the certificate and key from mounted files', () => {
    expect(showEnv(emit(mtlsSpec()).env)).toEqual({
      KAFKA_BROKERS: SERVERS,
      KAFKA_TLS_ENABLED: 'true',
      KAFKA_TLS_CAFILEPATH: '/run/secrets/kafka_ca',
      KAFKA_TLS_CERTFILEPATH: '/run/secrets/kafka_client_cert',
      KAFKA_TLS_KEYFILEPATH: '/run/secrets/kafka_client_key',
    });
  });

  it('keeps brokers already rewired and declares KAFKA_SASL_* and KAFKA_TLS_* its surface', () => {
    expect(emit(plaintextSpec(), { KAFKA_BROKERS: `\${BROKERS:-${SERVERS}}` }).env.KAFKA_BROKERS).toBe(`\${BROKERS:-${SERVERS}}`);
    expect(
      staleSecuritySettings(
        'kminion',
        ['KAFKA_TLS_PASSPHRASE', 'KAFKA_TLS_INSECURESKIPTLSVERIFY', 'KAFKA_SASL_GSSAPI_KEYTABPATH', 'KAFKA_CONSUMER_OFFSETS_TOPIC_NAME'],
        ['KAFKA_BROKERS'],
      ),
    ).toEqual(['KAFKA_TLS_PASSPHRASE', 'KAFKA_TLS_INSECURESKIPTLSVERIFY', 'KAFKA_SASL_GSSAPI_KEYTABPATH']);
  });
});
