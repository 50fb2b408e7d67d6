import { describe, expect, it } from 'vitest';
import { staleSecuritySettings } from '../../configure/security-surface.js';
import type { CustomerKafka } from '../../spec/types.js';
import { iamSpec, makeContext, plaintextSpec, scramSpec, secretAt, showEnv } from '../testing.js';
import { jitsu, jitsuComponent } from './index.js';

const SERVERS = 'b1.kafka.example.com:9094,b2.kafka.example.com:9094';

/** SASL_SSL with PLAIN and a public CA (Confluent Cloud's shape), no naming. */
function plainPublicCa(): CustomerKafka {
  return {
    bootstrapServers: SERVERS.split(','),
    securityProtocol: 'SASL_SSL',
    sasl: { mechanism: 'PLAIN', username: secretAt('sasl.username'), password: secretAt('sasl.password') },
    file: 'kafka.yaml',
  };
}

const emit = (spec: CustomerKafka, image: string | undefined, env: Record<string, string>) =>
  jitsu.emit(makeContext({ spec, name: 'svc', ...(image ? { image } : {}), env }));

describe('jitsu', () => {
  it('is recognized by its images; BULKER_/INGEST_ bootstrap variables make another image likely', () => {
    const detect = (image: string | undefined, env: Record<string, string>) =>
      jitsu.detect({ name: 's', env: new Map(Object.entries(env)), ...(image ? { image } : {}) });
    expect(detect('jitsucom/rotor:latest', { KAFKA_BOOTSTRAP_SERVERS: 'kafka:9092' })).toBe('certain');
    expect(detect('registry.example.com/jitsucom/bulker@sha256:abc', {})).toBe('certain');
    expect(detect('acme/bulker-fork:1', { BULKER_KAFKA_BOOTSTRAP_SERVERS: 'kafka:9092' })).toBe('likely');
    expect(detect('node:22', { KAFKA_BOOTSTRAP_SERVERS: 'kafka:9092' })).toBeUndefined();
    expect(detect('jitsucom/console:latest', {})).toBeUndefined();
    expect(jitsuComponent('acme/x', new Map([['INGEST_KAFKA_BOOTSTRAP_SERVERS', 'kafka:9092']]))).toBe('ingest');
  });

  it('PLAINTEXT sets only the brokers, under each service’s prefix', () => {
    expect(showEnv(emit(plaintextSpec(), 'jitsucom/ingest:latest', { INGEST_KAFKA_BOOTSTRAP_SERVERS: 'kafka:9092' }).env)).toEqual({
      INGEST_KAFKA_BOOTSTRAP_SERVERS: SERVERS,
    });
    expect(showEnv(emit(plaintextSpec(), 'jitsucom/rotor:latest', { KAFKA_BOOTSTRAP_SERVERS: 'kafka:9092' }).env)).toEqual({
      KAFKA_BOOTSTRAP_SERVERS: SERVERS,
    });
  });

  it('bulker over SASL_SSL with a private CA: KAFKA_SSL, the SASL object librdkafka reads as sasl.*, the CA file', () => {
    const out = emit(scramSpec(), 'jitsucom/bulker:latest', { BULKER_KAFKA_BOOTSTRAP_SERVERS: 'kafka:9092' });
    expect(showEnv(out.env)).toEqual({
      BULKER_KAFKA_BOOTSTRAP_SERVERS: SERVERS,
      BULKER_KAFKA_SSL: 'true',
      BULKER_KAFKA_SASL: '{"mechanism":"SCRAM-SHA-512","username":"app","password":"<secret:sasl.password>"}',
      BULKER_KAFKA_SSL_CA_FILE: '/run/secrets/kafka_ca',
    });
    expect(out.problems).toEqual([]);
  });

  it('rotor: kafkajs’ lower-case mechanism, no CA setting, and the plan says it verifies no certificate', () => {
    const out = emit(plainPublicCa(), 'jitsucom/rotor:latest', { KAFKA_BOOTSTRAP_SERVERS: 'kafka:9092' });
    expect(showEnv(out.env)).toEqual({
      KAFKA_BOOTSTRAP_SERVERS: SERVERS,
      KAFKA_SSL: 'true',
      KAFKA_SASL: '{"mechanism":"plain","username":"<secret:sasl.username>","password":"<secret:sasl.password>"}',
    });
    expect(out.notes.join('\n')).toMatch(/rejectUnauthorized: false/);
  });

  it('quotes a literal username as JSON and says a protocol librdkafka cannot infer (SASL_PLAINTEXT)', () => {
    const spec: CustomerKafka = {
      bootstrapServers: SERVERS.split(','),
      securityProtocol: 'SASL_PLAINTEXT',
      sasl: { mechanism: 'SCRAM-SHA-256', username: 'a"b', password: secretAt('sasl.password') },
      file: 'kafka.yaml',
    };
    expect(showEnv(emit(spec, 'jitsucom/ingest:latest', { INGEST_KAFKA_BOOTSTRAP_SERVERS: 'kafka:9092' }).env)).toEqual({
      INGEST_KAFKA_BOOTSTRAP_SERVERS: SERVERS,
      INGEST_KAFKA_SASL: '{"mechanism":"SCRAM-SHA-256","username":"a\\"b","password":"<secret:sasl.password>"}',
      INGEST_KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
    });
  });

  it('refuses the customer’s topic or group naming: Jitsu names them in code', () => {
    const out = emit({ ...plainPublicCa(), groups: { prefix: 'acme.' } }, 'jitsucom/bulker:latest', {
      BULKER_KAFKA_BOOTSTRAP_SERVERS: 'kafka:9092',
    });
    expect(out.problems.map((p) => p.code)).toEqual(['CLIENT_IMPLICIT_NAME']);
    expect(out.problems[0]?.message).toMatch(/jitsu bulker/);
  });

  it('asks for a declaration when it cannot tell the service', () => {
    const out = emit(plaintextSpec(), 'acme/jitsu-thing:1', { KAFKA_BOOTSTRAP_SERVERS: 'kafka:9092' });
    expect(out.problems.map((p) => p.code)).toEqual(['CLIENT_UNKNOWN_COMPONENT']);
    expect(out.env).toEqual({});
  });

  it('cannot present a client certificate and knows no OAuth or IAM, even vouched for', () => {
    expect(jitsu.mtls).toBe(false);
    expect(jitsu.mechanisms).toEqual(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']);
    const out = jitsu.emit(
      makeContext({
        spec: iamSpec(),
        name: 'bulker',
        image: 'jitsucom/bulker:latest',
        env: { BULKER_KAFKA_BOOTSTRAP_SERVERS: 'kafka:9092' },
        binding: { service: 'bulker', supports: { awsMskIam: true } },
      }),
    );
    expect(out.problems.map((p) => p.code)).toEqual(['CLIENT_MECHANISM_UNSUPPORTED']);
    expect(out.env).not.toHaveProperty('BULKER_KAFKA_SASL');
  });

  it('declares the KafkaConfig security variables its surface under every prefix', () => {
    expect(
      staleSecuritySettings(
        'jitsu',
        [
          'BULKER_KAFKA_SSL_SKIP_VERIFY',
          'BULKER_KAFKA_SSL_CA',
          'KAFKA_SASL',
          'INGEST_KAFKA_SECURITY_PROTOCOL',
          'BULKER_KAFKA_TOPIC_PREFIX',
          'KAFKA_CONSUMER_GROUP_ID',
        ],
        ['BULKER_KAFKA_BOOTSTRAP_SERVERS'],
      ),
    ).toEqual(['BULKER_KAFKA_SSL_SKIP_VERIFY', 'BULKER_KAFKA_SSL_CA', 'KAFKA_SASL', 'INGEST_KAFKA_SECURITY_PROTOCOL']);
  });
});
