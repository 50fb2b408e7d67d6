import { describe, expect, it } from 'vitest';
import { staleSecuritySettings } from '../../configure/security-surface.js';
import { makeContext, mtlsSpec, plaintextSpec, scramSpec, showEnv } from '../testing.js';
import type { CustomerKafka } from '../../spec/types.js';
import { skywalkingOap } from './index.js';

const SERVERS = 'b1.kafka.example.com:9094,b2.kafka.example.com:9094';

const emit = (spec: CustomerKafka, binding?: { service: string; consumes?: string[]; groups?: string[] }) =>
  skywalkingOap.emit(
    makeContext({
      spec,
      name: 'oap',
      image: 'apache/skywalking-oap-server:10.1.0',
      env: { SW_KAFKA_FETCHER: 'default', SW_KAFKA_FETCHER_SERVERS: 'broker-a:9092,broker-b:9092' },
      ...(binding ? { binding } : {}),
    }),
  );

describe('skywalking-oap', () => {
  it('is recognized by SW_KAFKA_FETCHER_SERVERS', () => {
    const detect = (env: Record<string, string>) => skywalkingOap.detect({ name: 'oap', env: new Map(Object.entries(env)) });
    expect(detect({ SW_KAFKA_FETCHER_SERVERS: 'kafka:9092' })).toBe('certain');
    expect(detect({ SW_KAFKA_BOOTSTRAP_SERVERS: 'kafka:9092' })).toBeUndefined();
  });

  it('PLAINTEXT without naming: the brokers are the whole configuration', () => {
    const out = emit(plaintextSpec());
    expect(showEnv(out.env)).toEqual({ SW_KAFKA_FETCHER_SERVERS: SERVERS });
    expect(out.problems).toEqual([]);
  });

  it('refuses security settings, naming the file and the map they belong in', () => {
    const out = emit(scramSpec());
    expect(out.problems.map((p) => p.code)).toEqual(['CLIENT_NO_DECLARED_PATH']);
    expect(out.problems[0]?.message).toContain('kafka-fetcher.default.kafkaConsumerConfig');
    expect(out.problems[0]?.help).toContain('/skywalking/config/application.yml');
    expect(out.problems[0]?.help).toContain('family env');
    expect(out.problems[0]?.help).toContain('security.protocol, sasl.mechanism, sasl.jaas.config, ssl.truststore.*');
    expect(emit(mtlsSpec()).problems[0]?.help).toContain('security.protocol, ssl.truststore.*');
  });

  it('refuses topic or group naming unless graft.yaml lists the topics and the group', () => {
    const named = { ...plaintextSpec(), groups: { prefix: 'acme.' } };
    expect(emit(named).problems.map((p) => p.code)).toEqual(['CLIENT_IMPLICIT_NAME']);
    expect(emit(named).problems[0]?.message).toContain('skywalking-consumer');
    expect(emit(named, { service: 'oap', consumes: ['acme.skywalking-logs'], groups: ['acme.oap'] }).problems).toEqual([]);
    expect(emit(named, { service: 'oap', consumes: ['acme.skywalking-logs'] }).problems.map((p) => p.code)).toEqual([
      'CLIENT_IMPLICIT_NAME',
    ]);
  });

  it('declares the SW_KAFKA_FETCHER_ security variables a vendor’s application.yml may read its surface', () => {
    expect(
      staleSecuritySettings(
        'skywalking-oap',
        ['SW_KAFKA_FETCHER_SASL_JAAS_CONFIG', 'SW_KAFKA_FETCHER_SECURITY_PROTOCOL', 'SW_KAFKA_FETCHER_PARTITIONS', 'SW_KAFKA_FETCHER'],
        ['SW_KAFKA_FETCHER_SERVERS'],
      ),
    ).toEqual(['SW_KAFKA_FETCHER_SASL_JAAS_CONFIG', 'SW_KAFKA_FETCHER_SECURITY_PROTOCOL']);
  });
});
