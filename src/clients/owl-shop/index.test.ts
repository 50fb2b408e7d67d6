import { describe, expect, it } from 'vitest';
import { staleSecuritySettings } from '../../configure/security-surface.js';
import { makeContext, mtlsSpec, plaintextSpec, scramSpec, secretAt, showEnv } from '../testing.js';
import { owlShop } from './index.js';

const SERVERS = 'b1.kafka.example.com:9094,b2.kafka.example.com:9094';
const IMAGE = 'quay.io/cloudhut/owl-shop:latest';

const emit = (spec = scramSpec(), env: Record<string, string> = { SHOP_KAFKA_BROKERS: 'redpanda:9092' }) =>
  owlShop.emit(makeContext({ spec, name: 'owl-shop', image: IMAGE, env }));

describe('owl-shop', () => {
  it('is recognized by its images only', () => {
    const detect = (image: string) => owlShop.detect({ name: 'o', image, env: new Map([['SHOP_KAFKA_BROKERS', 'k:9092']]) });
    expect(detect(IMAGE)).toBe('certain');
    expect(detect('docker.redpanda.com/redpandadata/owl-shop:v1.2.0')).toBe('certain');
    expect(detect('acme/owl-shop-fork:1')).toBeUndefined();
  });

  it('PLAINTEXT sets only the brokers', () => {
    expect(showEnv(emit(plaintextSpec()).env)).toEqual({ SHOP_KAFKA_BROKERS: SERVERS });
  });

  it('SCRAM over TLS: SASL enabled, secrets as values, the CA as a mounted file, in the shop.kafka spelling', () => {
    const spec = scramSpec();
    spec.sasl = { mechanism: 'SCRAM-SHA-256', username: 'shop', password: secretAt('sasl.password') };
    const out = emit(spec);
    expect(showEnv(out.env)).toEqual({
      SHOP_KAFKA_BROKERS: SERVERS,
      SHOP_KAFKA_SASL_ENABLED: 'true',
      SHOP_KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256',
      SHOP_KAFKA_SASL_USERNAME: 'shop',
      SHOP_KAFKA_SASL_PASSWORD: '<secret:sasl.password>',
      SHOP_KAFKA_TLS_ENABLED: 'true',
      SHOP_KAFKA_TLS_CAFILEPATH: '/run/secrets/kafka_ca',
    });
    expect(out.problems).toEqual([]);
  });

  it('mTLS in the later releases’ kafka.* spelling when the stack uses it', () => {
    expect(showEnv(emit(mtlsSpec(), { KAFKA_BROKERS: 'redpanda:9092' }).env)).toEqual({
      KAFKA_BROKERS: SERVERS,
      KAFKA_TLS_ENABLED: 'true',
      KAFKA_TLS_CAFILEPATH: '/run/secrets/kafka_ca',
      KAFKA_TLS_CERTFILEPATH: '/run/secrets/kafka_client_cert',
      KAFKA_TLS_KEYFILEPATH: '/run/secrets/kafka_client_key',
    });
  });

  it('puts one customer prefix before its global prefix, refuses naming it cannot follow', () => {
    const one = emit({ ...plaintextSpec(), topics: { prefix: 'acme.' }, groups: { prefix: 'acme.' } });
    expect(one.env.SHOP_GLOBALPREFIX).toBe('acme.owlshop-');
    expect(one.problems).toEqual([]);
    const kept = emit(
      { ...plaintextSpec(), topics: { prefix: 'acme.' } },
      { SHOP_KAFKA_BROKERS: 'k:9092', SHOP_GLOBALPREFIX: 'acme.demo-' },
    );
    expect(kept.env.SHOP_GLOBALPREFIX).toBe('acme.demo-');
    const two = emit({ ...plaintextSpec(), topics: { prefix: 'acme.' }, groups: { prefix: 'team.' } });
    expect(two.problems.map((p) => p.code)).toEqual(['CLIENT_IMPLICIT_NAME']);
    expect(two.env.SHOP_GLOBALPREFIX).toBeUndefined();
  });

  it("removes the origin's other TLS and SASL settings", () => {
    expect(
      staleSecuritySettings(
        'owl-shop',
        ['SHOP_KAFKA_TLS_PASSPHRASE', 'SHOP_KAFKA_SASL_GSSAPI_KEYTABPATH', 'SHOP_KAFKA_TOPICREPLICATIONFACTOR'],
        ['SHOP_KAFKA_BROKERS'],
      ),
    ).toEqual(['SHOP_KAFKA_TLS_PASSPHRASE', 'SHOP_KAFKA_SASL_GSSAPI_KEYTABPATH']);
  });
});
