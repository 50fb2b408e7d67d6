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

/** One statement of a kafka-cluster policy: its actions on resources of one kind, as names or `*` patterns. */
export interface KafkaGrant {
  sid: string;
  actions: string[];
  kind: MskResourceKind;
  /** Names on the customer's cluster, or prefix patterns ending in `*`; the cluster itself has none. */
  names: string[];
}

/**
 * The least-privilege kafka-cluster statements of clients: connect and describe the cluster (idempotent writes when
 * anything produces), describe the topics they name, read what they consume and write what they produce, their consumer
 * groups, Kafka Streams internal topics under `<application.id>-`, their transactional ids. With a topic or group
 * prefix, one prefix pattern stands for the names. The handoff's `iam-policy.json` and the policies graft attaches to
 * a stack's roles are both these statements.
 */
export function kafkaClientGrants(need: KafkaClientNeed, naming: { topicPrefix?: string; groupPrefix?: string } = {}): KafkaGrant[] {
  const uniq = (xs: readonly string[]): string[] => [...new Set(xs)].sort();
  const topics = (ts: readonly string[]): string[] => (naming.topicPrefix ? [`${naming.topicPrefix}*`] : uniq(ts));
  const all = uniq([...need.produces, ...need.consumes]);
  const out: KafkaGrant[] = [
    {
      sid: 'Connect',
      kind: 'cluster',
      names: [],
      actions: [
        'kafka-cluster:Connect',
        'kafka-cluster:DescribeCluster',
        ...(need.produces.length ? ['kafka-cluster:WriteDataIdempotently'] : []),
      ],
    },
  ];
  if (all.length)
    out.push({
      sid: 'DescribeTopics',
      kind: 'topic',
      names: topics(all),
      actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:DescribeTopicDynamicConfiguration'],
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
