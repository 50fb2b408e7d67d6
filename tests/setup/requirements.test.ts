import { describe, expect, it } from 'vitest';
import { loadRequirements } from '../../src/check/requirements.js';
import type { CheckStep } from '../../src/check/types.js';
import { parseAllDocuments } from 'yaml';
import { itemStatuses, requirementItems, toolFor } from '../../src/setup/requirements.js';

const text = JSON.stringify(
  {
    apiVersion: 'graft.dev/v1',
    kind: 'KafkaRequirements',
    topics: [
      { name: 'orders', partitions: 3, configs: { 'cleanup.policy': 'compact' }, operations: ['READ', 'WRITE'] },
      { name: 'payments' },
    ],
    groups: ['billing'],
    transactionalIdPrefixes: ['billing-tx-'],
    cluster: ['IDEMPOTENT_WRITE'],
    schemaRegistry: { subjects: ['acme.orders-value'] },
  },
  null,
  2,
);
const source = { path: 'requirements.json', text };
const r = loadRequirements(source).requirements!;
const spec = {
  bootstrapServers: 'k1:9093,k2:9093',
  sasl: { username: 'appliance' },
  topics: { prefix: 'acme.' },
  groups: { prefix: 'acme.' },
};

describe('graft setup requirements', () => {
  it('lists each item with the Kafka CLI commands for the cluster in the form (its servers, prefixes and user)', () => {
    const items = requirementItems(r, spec);
    expect(items.map((i) => i.id)).toEqual(['topic:0', 'topic:1', 'group:0', 'transactionalIdPrefixes:0', 'cluster', 'subject:0']);
    expect(items[0].commands).toEqual([
      'kafka-topics.sh --bootstrap-server k1:9093,k2:9093 --command-config admin.properties --create --if-not-exists --topic acme.orders --partitions 3 --config cleanup.policy=compact',
      'kafka-acls.sh --bootstrap-server k1:9093,k2:9093 --command-config admin.properties --add --allow-principal User:appliance --operation Read --topic acme.orders --resource-pattern-type literal',
      'kafka-acls.sh --bootstrap-server k1:9093,k2:9093 --command-config admin.properties --add --allow-principal User:appliance --operation Write --topic acme.orders --resource-pattern-type literal',
    ]);
    expect(items[0].verifies).toBe(
      'the topic acme.orders exists with at least 3 partitions, its configs are cleanup.policy=compact, and the principal may READ, WRITE it',
    );
    expect(items[2].commands[0]).toContain('--operation Read --group acme.billing');
    expect(items[3].commands[0]).toContain('--transactional-id billing-tx- --resource-pattern-type prefixed');
    expect(items[4].commands[0]).toContain('--operation IdempotentWrite --cluster');
    // no user in the form: the principal is left to the shell
    expect(requirementItems(r, {})[2].commands[0]).toContain('--allow-principal "$PRINCIPAL"');
  });

  it('picks the tool from the cluster: Confluent Cloud, Redpanda, Strimzi, MSK IAM, else the Kafka CLI', () => {
    expect(toolFor({ bootstrapServers: 'pkc-1.us-east-1.aws.confluent.cloud:9092' })).toBe('confluent');
    expect(toolFor({ bootstrapServers: ['seed-0.c1.fmc.prd.cloud.redpanda.com:9092'] })).toBe('rpk');
    expect(toolFor({ bootstrapServers: 'my-cluster-kafka-bootstrap.kafka.svc:9093' })).toBe('strimzi');
    expect(toolFor({ bootstrapServers: 'b-1.c.x.kafka.us-east-1.amazonaws.com:9098', sasl: { mechanism: 'AWS_MSK_IAM' } })).toBe('msk-iam');
    expect(toolFor({ bootstrapServers: 'kafka-1.example.internal:9093' })).toBe('kafka-cli');
  });

  it('states every item in the Confluent CLI: topic create and acl create with --consumer-group, --prefix, --cluster-scope', () => {
    const items = requirementItems(r, spec, 'confluent');
    expect(items[0].commands).toEqual([
      'confluent kafka topic create acme.orders --cluster "$CLUSTER" --if-not-exists --partitions 3 --config cleanup.policy=compact',
      'confluent kafka acl create --cluster "$CLUSTER" --allow --service-account "$SERVICE_ACCOUNT" --operations read --topic acme.orders',
      'confluent kafka acl create --cluster "$CLUSTER" --allow --service-account "$SERVICE_ACCOUNT" --operations write --topic acme.orders',
    ]);
    expect(items[2].commands).toEqual([
      'confluent kafka acl create --cluster "$CLUSTER" --allow --service-account "$SERVICE_ACCOUNT" --operations read --consumer-group acme.billing',
    ]);
    expect(items[3].commands[0]).toBe(
      'confluent kafka acl create --cluster "$CLUSTER" --allow --service-account "$SERVICE_ACCOUNT" --operations write --transactional-id billing-tx- --prefix',
    );
    expect(items[4].commands).toEqual([
      'confluent kafka acl create --cluster "$CLUSTER" --allow --service-account "$SERVICE_ACCOUNT" --operations idempotent-write --cluster-scope',
    ]);
  });

  it('states every item in rpk: topic create -p -c and security acl create with --cluster for cluster operations', () => {
    const items = requirementItems(r, spec, 'rpk');
    expect(items[0].commands).toEqual([
      'rpk topic create -X brokers=k1:9093,k2:9093 acme.orders -p 3 -c cleanup.policy=compact',
      'rpk security acl create -X brokers=k1:9093,k2:9093 --allow-principal User:appliance --operation read --topic acme.orders --resource-pattern-type literal',
      'rpk security acl create -X brokers=k1:9093,k2:9093 --allow-principal User:appliance --operation write --topic acme.orders --resource-pattern-type literal',
    ]);
    expect(items[3].commands[1]).toContain('--operation describe --transactional-id billing-tx- --resource-pattern-type prefixed');
    expect(items[4].commands).toEqual([
      'rpk security acl create -X brokers=k1:9093,k2:9093 --allow-principal User:appliance --operation idempotent_write --cluster',
    ]);
  });

  it('states every item for Strimzi: a KafkaTopic and the KafkaUser spec.authorization.acls entries', () => {
    const items = requirementItems(r, spec, 'strimzi');
    const [topic] = parseAllDocuments(items[0].commands[0]).map((d) => d.toJS() as Record<string, unknown>);
    expect(topic).toEqual({
      apiVersion: 'kafka.strimzi.io/v1beta2',
      kind: 'KafkaTopic',
      metadata: { name: 'acme.orders', labels: { 'strimzi.io/cluster': 'my-cluster' } },
      spec: { partitions: 3, config: { 'cleanup.policy': 'compact' } },
    });
    expect(items[0].commands[1]).toMatch(/^# KafkaUser appliance: add to spec.authorization.acls\n/);
    expect(parseAllDocuments(items[0].commands[1])[0].toJS()).toEqual([
      { resource: { type: 'topic', name: 'acme.orders', patternType: 'literal' }, operations: ['Read'], host: '*' },
      { resource: { type: 'topic', name: 'acme.orders', patternType: 'literal' }, operations: ['Write'], host: '*' },
    ]);
    expect(parseAllDocuments(items[4].commands[0])[0].toJS()).toEqual([
      { resource: { type: 'cluster' }, operations: ['IdempotentWrite'], host: '*' },
    ]);
  });

  const statements = (text: string): Record<string, unknown>[] => JSON.parse(text) as Record<string, unknown>[];

  it('states MSK IAM grants as IAM policy statements (no ACL commands) with the cluster ARN from the spec', () => {
    const iam = {
      bootstrapServers: 'b-1.shop.abc123.c2.kafka.eu-west-1.amazonaws.com:9098',
      sasl: { mechanism: 'AWS_MSK_IAM', aws: { roleArn: 'arn:aws:iam::123456789012:role/app', region: 'eu-west-1' } },
    };
    const items = requirementItems(r, iam, 'msk-iam');
    expect(items[0].commands[0]).toMatch(
      /^kafka-topics\.sh .* --command-config client-iam\.properties --create --if-not-exists --topic orders /,
    );
    expect(items.flatMap((i) => i.commands).some((c) => /kafka-acls|acl create/.test(c))).toBe(false);
    const base = 'arn:aws:kafka:eu-west-1:123456789012';
    expect(JSON.parse(items[0].commands[1])).toEqual([
      {
        Sid: 'DescribeTopics',
        Effect: 'Allow',
        Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:DescribeTopicDynamicConfiguration'],
        Resource: [`${base}:topic/shop/*/orders`],
      },
      { Sid: 'Consume', Effect: 'Allow', Action: ['kafka-cluster:ReadData'], Resource: [`${base}:topic/shop/*/orders`] },
      { Sid: 'Produce', Effect: 'Allow', Action: ['kafka-cluster:WriteData'], Resource: [`${base}:topic/shop/*/orders`] },
    ]);
    expect(statements(items[1].commands[1])[0].Sid).toBe('DescribeTopics');
    expect(statements(items[2].commands[0])[0]).toMatchObject({ Resource: [`${base}:group/shop/*/billing`] });
    expect(statements(items[3].commands[0])[0]).toMatchObject({ Resource: [`${base}:transactional-id/shop/*/billing-tx-*`] });
    expect(statements(items[4].commands[0])[0]).toEqual({
      Sid: 'Connect',
      Effect: 'Allow',
      Action: ['kafka-cluster:Connect', 'kafka-cluster:WriteDataIdempotently'],
      Resource: [`${base}:cluster/shop/*`],
    });
  });

  it('states cluster operations on MSK IAM from the one table: CREATE is CreateTopic on every topic, ALTER needs DescribeCluster', () => {
    const iam = {
      bootstrapServers: 'b-1.shop.abc123.c2.kafka.eu-west-1.amazonaws.com:9098',
      sasl: { mechanism: 'AWS_MSK_IAM', aws: { roleArn: 'arn:aws:iam::123456789012:role/app', region: 'eu-west-1' } },
    };
    const ops = loadRequirements({
      path: 'requirements.json',
      text: JSON.stringify({ apiVersion: 'graft.dev/v1', kind: 'KafkaRequirements', cluster: ['CREATE', 'ALTER', 'DESCRIBE_CONFIGS'] }),
    }).requirements!;
    const [item] = requirementItems(ops, iam, 'msk-iam');
    const base = 'arn:aws:kafka:eu-west-1:123456789012';
    expect(statements(item.commands[0])).toEqual([
      {
        Sid: 'Connect',
        Effect: 'Allow',
        Action: [
          'kafka-cluster:Connect',
          'kafka-cluster:DescribeCluster',
          'kafka-cluster:AlterCluster',
          'kafka-cluster:DescribeClusterDynamicConfiguration',
        ],
        Resource: [`${base}:cluster/shop/*`],
      },
      { Sid: 'CreateTopics', Effect: 'Allow', Action: ['kafka-cluster:CreateTopic'], Resource: [`${base}:topic/shop/*/*`] },
    ]);
  });

  it('lists the registry subjects with what the check verifies, the lookup at the spec registry', () => {
    const withSr = { ...spec, schemaRegistry: { url: 'https://sr.example:8081/', basicAuth: { username: 'u' } } };
    const subject = requirementItems(r, withSr).find((i) => i.id === 'subject:0')!;
    expect(subject.title).toBe('schema registry subject acme.orders-value');
    expect(subject.verifies).toContain('https://sr.example:8081 answers GET /subjects with the spec’s basicAuth credentials');
    expect(subject.commands).toEqual([
      'curl -fsS -u "$SR_USER:$SR_PASSWORD" https://sr.example:8081/subjects/acme.orders-value/versions/latest',
    ]);
    expect(subject.probes).toEqual(['schema-registry']);
    expect(requirementItems(r, spec).find((i) => i.id === 'subject:0')!.verifies).toContain('set schemaRegistry.url');
  });

  it('ticks what the check confirmed, marks what a finding points into, and leaves what did not run unchecked', () => {
    const items = requirementItems(r, spec);
    const step = (probe: string, status: CheckStep['status'], at?: (string | number)[]): CheckStep => ({
      probe,
      target: 'x',
      status,
      detail: '',
      ms: 0,
      diagnostics: at ? [{ code: 'CHECK_TOPIC_MISSING', severity: 'error', message: 'm', help: 'h', subject: r.spans!.at(at) }] : [],
    });
    const ran = itemStatuses(items, [
      step('topics', 'fail', ['topics', 1, 'name']),
      step('acls', 'pass'),
      step('schema-registry', 'fail', ['schemaRegistry', 'subjects', 0]),
    ]);
    expect(ran).toEqual({
      'topic:0': 'confirmed',
      'topic:1': 'missing',
      'group:0': 'confirmed',
      'transactionalIdPrefixes:0': 'confirmed',
      cluster: 'confirmed',
      'subject:0': 'missing',
    });
    const skipped = itemStatuses(items, [step('topics', 'skip'), step('acls', 'skip'), step('schema-registry', 'skip')]);
    expect(Object.values(skipped)).toEqual(['unchecked', 'unchecked', 'unchecked', 'unchecked', 'unchecked', 'unchecked']);
    // a registry that failed as a whole (no finding at any subject) confirms none of its subjects
    const down: CheckStep = {
      ...step('schema-registry', 'fail'),
      diagnostics: [{ code: 'CHECK_SR_UNREACHABLE', severity: 'error', message: 'm', help: 'h' }],
    };
    expect(itemStatuses(items, [step('topics', 'pass'), step('acls', 'pass'), down])['subject:0']).toBe('unchecked');
  });
});
