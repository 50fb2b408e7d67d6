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
  [/topic|readdata|writedata/i, 'topic'],
  [/group/i, 'group'],
  [/transactionalid/i, 'transactional-id'],
  [/cluster|connect/i, 'cluster'],
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
