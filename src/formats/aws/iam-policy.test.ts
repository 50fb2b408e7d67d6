import { describe, expect, it } from 'vitest';
import { decide, pollerAccess, resourceCovers, type PolicyStatement } from './iam-policy.js';

const POLLER = [
  'kafka-cluster:Connect',
  'kafka-cluster:DescribeClusterDynamicConfiguration',
  'kafka:DescribeClusterV2',
  'kafka:GetBootstrapBrokers',
  'kafka-cluster:DescribeTopic',
  'kafka-cluster:ReadData',
  'kafka-cluster:DescribeGroup',
  'kafka-cluster:AlterGroup',
];

const allow = (actions: string[], resources: string[], more: Partial<PolicyStatement> = {}): PolicyStatement => ({
  effect: 'Allow',
  actions,
  resources: resources.map((pattern) => ({ pattern })),
  conditional: false,
  ...more,
});

describe('IAM statements read as IAM evaluates them', () => {
  it('action wildcards: service-wide, prefix, any action; case-insensitive', () => {
    for (const a of ['kafka-cluster:*', 'kafka-cluster:Read*', '*', 'KAFKA-CLUSTER:readdata', 'kafka-cluster:ReadDat?'])
      expect(decide([allow([a], ['*'])], 'kafka-cluster:ReadData', 'topic'), a).toBe('allow');
    for (const a of ['kafka-cluster:Write*', 'kafka:*', 'secretsmanager:*', 'kafka-cluster:ReadDataX'])
      expect(decide([allow([a], ['*'])], 'kafka-cluster:ReadData', 'topic'), a).toBe('none');
  });

  it('resource types: a cluster ARN does not name a topic; wildcards and placeholders do', () => {
    const covers = (pattern: string, kind: 'cluster' | 'topic' | 'group') => resourceCovers({ pattern }, kind);
    expect(covers('arn:aws:kafka:us-east-1:123456789012:topic/orders/*', 'topic')).toBe(true);
    expect(covers('arn:aws:kafka:*:*:topic/*/*/acme.*', 'topic')).toBe(true);
    expect(covers('arn:aws:kafka:us-east-1:123456789012:cluster/orders/abc-1', 'topic')).toBe(false);
    expect(covers('arn:aws:kafka:us-east-1:123456789012:cluster/orders/abc-1', 'cluster')).toBe(true);
    expect(covers('arn:aws:kafka:us-east-1:123456789012:group/orders/*', 'topic')).toBe(false);
    expect(covers('arn:aws:kafka:*:*:*', 'group')).toBe(true);
    expect(covers('arn:aws:kafka:us-east-1:123456789012:*/orders/*', 'group')).toBe(true);
    expect(covers('arn:*:kafka:*:*:topic/*', 'topic')).toBe(true);
    expect(covers('arn:aws:secretsmanager:*:*:secret:*', 'topic')).toBe(false);
    expect(covers('arn:aws-cn:kafka:cn-north-1:123456789012:topic/c/u/t', 'topic')).toBe(true);
    expect(covers('*', 'topic')).toBe(true);
    // an expression only Terraform or CloudFormation resolves stands for what graft repointed it at
    expect(resourceCovers({ expression: 'aws_msk_cluster.events.arn' }, 'topic')).toBe(true);
  });

  it('an explicit Deny wins over any Allow, also through NotAction and NotResource', () => {
    const readAll = allow(['kafka-cluster:*'], ['*']);
    expect(
      decide([readAll, { effect: 'Deny', actions: ['kafka-cluster:ReadData'], conditional: false }], 'kafka-cluster:ReadData', 'topic'),
    ).toBe('deny');
    expect(
      decide(
        [readAll, { effect: 'Deny', notActions: ['kafka-cluster:Connect'], resources: [{ pattern: '*' }], conditional: false }],
        'kafka-cluster:ReadData',
        'topic',
      ),
    ).toBe('deny');
    expect(
      decide(
        [readAll, { effect: 'Deny', notActions: ['kafka-cluster:*'], resources: [{ pattern: '*' }], conditional: false }],
        'kafka-cluster:ReadData',
        'topic',
      ),
    ).toBe('allow');
    // a Deny on groups only leaves topics readable
    const denyGroups = allow(['kafka-cluster:*'], ['arn:aws:kafka:*:*:group/*'], { effect: 'Deny' });
    expect(decide([readAll, denyGroups], 'kafka-cluster:ReadData', 'topic')).toBe('allow');
    expect(decide([readAll, denyGroups], 'kafka-cluster:AlterGroup', 'group')).toBe('deny');
    // a Deny under a condition graft cannot evaluate is taken to apply
    expect(decide([readAll, { ...denyGroups, conditional: true }], 'kafka-cluster:AlterGroup', 'group')).toBe('deny');
  });

  it('NotAction and NotResource Allows, and an Allow under a Condition', () => {
    expect(decide([allow([], ['*'], { actions: undefined, notActions: ['iam:*'] })], 'kafka-cluster:ReadData', 'topic')).toBe('allow');
    expect(decide([allow([], ['*'], { actions: undefined, notActions: ['kafka-cluster:*'] })], 'kafka-cluster:ReadData', 'topic')).toBe(
      'none',
    );
    const notTopics: PolicyStatement = {
      effect: 'Allow',
      actions: ['kafka-cluster:*'],
      notResources: [{ pattern: 'arn:aws:kafka:*:*:topic/*' }],
      conditional: false,
    };
    expect(decide([notTopics], 'kafka-cluster:ReadData', 'topic')).toBe('none');
    expect(decide([notTopics], 'kafka-cluster:AlterGroup', 'group')).toBe('allow');
    expect(decide([allow(['kafka-cluster:*'], ['*'], { conditional: true })], 'kafka-cluster:ReadData', 'topic')).toBe('none');
  });

  it("a poller's access: reads data, the actions left to allow, the actions denied", () => {
    // a Secrets Manager wildcard and an unrelated `kafka:*` read nothing of Kafka's data
    expect(pollerAccess([allow(['secretsmanager:*', 'kafka:*'], ['*'])], POLLER)).toEqual({
      readsData: false,
      missing: POLLER.filter((a) => !a.startsWith('kafka:')),
      denied: [],
    });
    expect(pollerAccess([allow(['kafka-cluster:*', 'kafka:*'], ['*'])], POLLER)).toEqual({ readsData: true, missing: [], denied: [] });
    // ReadData on the cluster's ARN alone does not reach its topics
    const clusterOnly = allow(['kafka-cluster:*'], ['arn:aws:kafka:us-east-1:123456789012:cluster/orders/abc-1']);
    expect(pollerAccess([clusterOnly], POLLER).readsData).toBe(false);
    const topicsDenied = allow(['kafka-cluster:ReadData'], ['*'], { effect: 'Deny' });
    expect(pollerAccess([allow(['*'], ['*']), topicsDenied], POLLER)).toEqual({
      readsData: false,
      missing: ['kafka-cluster:ReadData'],
      denied: ['kafka-cluster:ReadData'],
    });
  });
});
