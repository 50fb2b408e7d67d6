import { describe, expect, it } from 'vitest';
import { kafkaClientGrants } from '../formats/aws/iam.js';
import { clientNeed } from './uses.js';

describe('clientNeed', () => {
  it('reads directions from setting names, groups, and the declaration under the customer naming', () => {
    const need = clientNeed(
      { groups: { prefix: 'shop.' }, topics: { prefix: 'shop.' } },
      [
        ['ORDERS_CONSUMER_TOPIC', 'shop.orders'],
        ['PAYMENTS_PRODUCER_TOPIC', 'shop.payments'],
        ['AUDIT_TOPIC', 'shop.audit'],
        ['KAFKA_GROUP_ID', 'shop.orders-service'],
        ['KAFKA_BOOTSTRAP_SERVERS', 'b-1:9098'],
      ],
      undefined,
      { service: 'orders', consumes: ['refunds'], transactionalIds: ['orders-tx'] },
    );
    expect(need).toEqual({
      produces: ['shop.audit', 'shop.payments'],
      consumes: ['shop.audit', 'shop.orders', 'shop.refunds'],
      groups: ['shop.orders-service'],
      streams: [],
      transactionalIds: ['orders-tx'],
      transactionalIdPrefixes: [],
    });
  });

  it('a topic an undirected setting names is settled by a directed one', () => {
    const need = clientNeed({}, [
      ['KAFKA_TOPIC', 'jobs'],
      ['JOBS_INPUT_TOPIC', 'jobs'],
    ]);
    expect(need.consumes).toEqual(['jobs']);
    expect(need.produces).toEqual([]);
  });

  it('a Kafka Streams application: its id is a group, its internal topics and exactly-once transactional ids follow', () => {
    const need = clientNeed(
      { groups: { prefix: 'p.' } },
      [['APPLICATION_ID', 'p.enricher']],
      { groupEnv: ['APPLICATION_ID'] },
      {
        service: 'enricher',
        kafkaStreams: { applicationId: 'enricher', exactlyOnce: true },
      },
    );
    expect(need.groups).toEqual(['p.enricher']);
    expect(need.streams).toEqual(['p.enricher']);
    expect(need.transactionalIdPrefixes).toEqual(['p.enricher-']);
  });
});

describe('kafkaClientGrants', () => {
  const none = { produces: [], consumes: [], groups: [], streams: [], transactionalIds: [], transactionalIdPrefixes: [] };

  it('a client that names nothing may only connect', () => {
    expect(kafkaClientGrants(none)).toEqual([
      { sid: 'Connect', kind: 'cluster', names: [], actions: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster'] },
    ]);
  });

  it('reads what it consumes, writes what it produces, idempotently; a prefix stands for the names', () => {
    const grants = kafkaClientGrants({ ...none, produces: ['b'], consumes: ['a'], groups: ['g'] }, { groupPrefix: 'x.' });
    expect(grants.map((g) => [g.sid, g.names])).toEqual([
      ['Connect', []],
      ['DescribeTopics', ['a', 'b']],
      ['Consume', ['a']],
      ['Produce', ['b']],
      ['ConsumerGroups', ['x.*']],
    ]);
    expect(grants[0]?.actions).toContain('kafka-cluster:WriteDataIdempotently');
    expect(grants.find((g) => g.sid === 'Consume')?.actions).toEqual(['kafka-cluster:ReadData']);
  });
});
