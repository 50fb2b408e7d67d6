import type { KafkaClientNeed } from '../../naming/uses.js';
import type { MskResourceKind } from './msk-arn.js';

/** What graft does with one IAM action of a stack that used MSK. */
export type KafkaActionFate = 'keep' | 'data-plane' | 'control-plane';

/**
 * Classifies an IAM action: `kafka-cluster:*` actions authorize Kafka requests; `kafka:*` actions manage MSK clusters
 * (GetBootstrapBrokers, DescribeCluster, ...). Both follow the customer's cluster under AWS_MSK_IAM (an MSK event
 * source needs the control plane too) and go otherwise; everything else stays.
 */
export function kafkaActionFate(action: string): KafkaActionFate {
  const a = action.toLowerCase();
  if (a.startsWith('kafka-cluster:')) return 'data-plane';
  if (a.startsWith('kafka:')) return 'control-plane';
  return 'keep';
}

const KIND_OF: readonly [RegExp, MskResourceKind][] = [
  [/topic|readdata|writedata(?!idempotently)/i, 'topic'],
  [/group/i, 'group'],
  [/transactionalid/i, 'transactional-id'],
  [/cluster|connect|idempotently/i, 'cluster'],
];

/** The MSK resource kinds a set of kafka-cluster actions can touch (`kafka-cluster:*` touches all). */
export function kafkaActionKinds(actions: readonly string[]): MskResourceKind[] {
  const kinds = new Set<MskResourceKind>();
  for (const action of actions) {
    if (kafkaActionFate(action) !== 'data-plane') continue;
    const name = action.slice(action.indexOf(':') + 1);
    if (name.includes('*') && !/topic|group|transactional|cluster|data|connect/i.test(name)) {
      for (const k of ['cluster', 'topic', 'group', 'transactional-id'] as const) kinds.add(k);
      continue;
    }
    for (const [re, kind] of KIND_OF) if (re.test(name)) kinds.add(kind);
  }
  // every Kafka request needs kafka-cluster:Connect on the cluster
  return (['cluster', 'topic', 'group', 'transactional-id'] as const).filter((k) => kinds.has(k));
}

/** Kafka's cluster ACL operations, as the Kafka CLI names them. */
export type ClusterOperation = 'IdempotentWrite' | 'Create' | 'Describe' | 'DescribeConfigs' | 'Alter' | 'AlterConfigs' | 'ClusterAction';

/**
 * What MSK IAM authorizes each cluster operation with (Amazon MSK, "Semantics of IAM authorization policy actions and
 * resources"), with the actions the table there requires beside it: `cluster` on the cluster ARN, `topics` on every
 * topic's ARN (creating topics is authorized per topic, not on the cluster). CLUSTER_ACTION is the brokers' own.
 * The handoff's policy, the policies graft attaches to a stack's roles and `graft setup`'s statements all read this.
 */
export const MSK_CLUSTER_ACTIONS: Readonly<Record<ClusterOperation, { cluster: readonly string[]; topics?: readonly string[] }>> = {
  IdempotentWrite: { cluster: ['kafka-cluster:WriteDataIdempotently'] },
  Create: { cluster: [], topics: ['kafka-cluster:CreateTopic'] },
  Describe: { cluster: ['kafka-cluster:DescribeCluster'] },
  DescribeConfigs: { cluster: ['kafka-cluster:DescribeClusterDynamicConfiguration'] },
  Alter: { cluster: ['kafka-cluster:DescribeCluster', 'kafka-cluster:AlterCluster'] },
  AlterConfigs: { cluster: ['kafka-cluster:DescribeClusterDynamicConfiguration', 'kafka-cluster:AlterClusterDynamicConfiguration'] },
  ClusterAction: { cluster: [] },
};

/** Tells whether a name is a cluster operation of {@link MSK_CLUSTER_ACTIONS}. */
export function isClusterOperation(op: string): op is ClusterOperation {
  return Object.hasOwn(MSK_CLUSTER_ACTIONS, op);
}

/** The cluster operations of clients: idempotent writes when anything produces (Java's default since Kafka 3.0), and theirs. */
export function clusterOperationsOf(need: KafkaClientNeed): ClusterOperation[] {
  const ops = new Set<ClusterOperation>((need.cluster ?? []).filter(isClusterOperation));
  if (need.produces.length || need.transactionalIds.length || need.transactionalIdPrefixes.length) ops.add('IdempotentWrite');
  return (Object.keys(MSK_CLUSTER_ACTIONS) as ClusterOperation[]).filter((op) => ops.has(op));
}

/** The actions on the cluster of some cluster operations: `kafka-cluster:Connect`, which every request needs, and theirs. */
export function clusterActions(ops: readonly ClusterOperation[]): string[] {
  return [...new Set(['kafka-cluster:Connect', ...ops.flatMap((op) => MSK_CLUSTER_ACTIONS[op].cluster)])];
}

/** One statement of a kafka-cluster policy: its actions on resources of one kind, as names or `*` patterns. */
export interface KafkaGrant {
  sid: string;
  actions: string[];
  kind: MskResourceKind;
  /** Names on the customer's cluster, or prefix patterns ending in `*`; the cluster itself has none. */
  names: string[];
}

/**
 * The least-privilege kafka-cluster statements of clients: connect and describe the cluster, their cluster operations
 * through {@link MSK_CLUSTER_ACTIONS} (idempotent writes when anything produces), the topics they create themselves, describe the topics they name, read what they consume and write what they produce, their consumer
 * groups, Kafka Streams internal topics under `<application.id>-`, their transactional ids. With a topic or group
 * prefix, one prefix pattern stands for the names. The handoff's `iam-policy.json` and the policies graft attaches to
 * a stack's roles are both these statements.
 */
export function kafkaClientGrants(need: KafkaClientNeed, naming: { topicPrefix?: string; groupPrefix?: string } = {}): KafkaGrant[] {
  const uniq = (xs: readonly string[]): string[] => [...new Set(xs)].sort();
  const topics = (ts: readonly string[]): string[] => (naming.topicPrefix ? [`${naming.topicPrefix}*`] : uniq(ts));
  const all = uniq([...need.produces, ...need.consumes]);
  const ops = clusterOperationsOf(need);
  const out: KafkaGrant[] = [
    {
      sid: 'Connect',
      kind: 'cluster',
      names: [],
      // clients describe the cluster (brokers, controller) as they start
      actions: clusterActions(['Describe', ...ops]),
    },
  ];
  // an operation on every topic (a UI that lists them): one pattern, the prefix's or every topic's
  const everyTopic = naming.topicPrefix ? [`${naming.topicPrefix}*`] : ['*'];
  const described = need.describesAll ? everyTopic : all.length ? topics(all) : [];
  if (described.length)
    out.push({
      sid: 'DescribeTopics',
      kind: 'topic',
      names: described,
      actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:DescribeTopicDynamicConfiguration'],
    });
  const creates = ops.some((op) => MSK_CLUSTER_ACTIONS[op].topics) ? everyTopic : need.creates?.length ? topics(need.creates) : [];
  if (creates.length)
    out.push({
      sid: 'CreateTopics',
      kind: 'topic',
      names: creates,
      actions: ['kafka-cluster:CreateTopic'],
    });
  if (need.consumes.length) out.push({ sid: 'Consume', kind: 'topic', names: topics(need.consumes), actions: ['kafka-cluster:ReadData'] });
  if (need.produces.length) out.push({ sid: 'Produce', kind: 'topic', names: topics(need.produces), actions: ['kafka-cluster:WriteData'] });
  if (need.groups.length)
    out.push({
      sid: 'ConsumerGroups',
      kind: 'group',
      names: naming.groupPrefix ? [`${naming.groupPrefix}*`] : uniq(need.groups),
      actions: ['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup'],
    });
  if (need.describesAll)
    out.push({
      sid: 'DescribeGroups',
      kind: 'group',
      names: naming.groupPrefix ? [`${naming.groupPrefix}*`] : ['*'],
      actions: ['kafka-cluster:DescribeGroup'],
    });
  if (need.streams.length)
    out.push({
      sid: 'StreamsInternalTopics',
      kind: 'topic',
      names: need.streams.map((a) => `${a}-*`),
      actions: [
        'kafka-cluster:CreateTopic',
        'kafka-cluster:DeleteTopic',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:DescribeTopicDynamicConfiguration',
        'kafka-cluster:ReadData',
        'kafka-cluster:WriteData',
      ],
    });
  if (need.transactionalIds.length || need.transactionalIdPrefixes.length)
    out.push({
      sid: 'Transactions',
      kind: 'transactional-id',
      names: [...need.transactionalIds, ...need.transactionalIdPrefixes.map((p) => `${p}*`)],
      actions: ['kafka-cluster:AlterTransactionalId', 'kafka-cluster:DescribeTransactionalId'],
    });
  return out;
}
