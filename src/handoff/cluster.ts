import { findFamily } from '../clients/index.js';
import { clusterActions, type ClusterOperation } from '../formats/aws/iam.js';
import { workloadLabel } from '../plan/types.js';
import type { HandoffModel } from './types.js';

/** What some workloads do on the cluster beyond reading and writing their topics, and the MSK IAM actions it takes. */
export interface ClusterUse {
  /** The workloads, as the handoff names them. */
  services: string[];
  /** What they do. */
  why: string;
  /** The kafka-cluster actions, and on what. */
  actions: string;
}

/** The workloads whose client family lists and describes the whole cluster (a Kafka UI, a lag exporter). */
export function browsersOf(model: HandoffModel): string[] {
  const out = new Set<string>();
  for (const [name, families] of model.families) {
    const id = model.workloads.get(name);
    if (families.some((f) => findFamily(f)?.clusterUse === 'browse')) out.add(id ? workloadLabel(id) : name);
  }
  return [...out].sort();
}

/**
 * What the workloads' families do on the cluster, for the MSK IAM policy: cluster operations (idempotent writes of
 * every producer, describing the brokers and their configs for a UI), the topics they create themselves, and whether
 * something lists every topic and group.
 */
export function clusterNeedOf(model: HandoffModel): { cluster: ClusterOperation[]; creates: string[]; describesAll: boolean } {
  const browse = browsersOf(model).length > 0;
  const producers = model.services.some((s) => s.produces.length || s.transactionalIds.length || s.transactionalIdPrefixes.length);
  return {
    cluster: [...(producers ? (['IdempotentWrite'] as const) : []), ...(browse ? (['Describe', 'DescribeConfigs'] as const) : [])],
    creates: [...new Set(model.services.flatMap((s) => s.creates))].sort(),
    describesAll: browse,
  };
}

const code = (actions: readonly string[]): string => actions.map((a) => `\`${a}\``).join(', ');

/** The uses {@link clusterNeedOf} grants, per kind with the workloads and the actions, for the README. */
export function clusterUsesOf(model: HandoffModel): ClusterUse[] {
  const out: ClusterUse[] = [];
  const producers = model.services
    .filter((s) => s.produces.length || s.transactionalIds.length || s.transactionalIdPrefixes.length)
    .map((s) => s.service);
  if (producers.length)
    out.push({
      services: producers,
      why: 'idempotent producers (the Java client default since Kafka 3.0; transactional producers are idempotent)',
      actions: `${code(clusterActions(['IdempotentWrite']).slice(1))} on the cluster`,
    });
  const creators = model.services.filter((s) => s.creates.length);
  if (creators.length)
    out.push({
      services: creators.map((s) => s.service),
      why: 'Kafka Connect workers create their storage topics when they are missing',
      actions: `\`kafka-cluster:CreateTopic\` on ${[...new Set(creators.flatMap((s) => s.creates))]
        .sort()
        .map((t) => `\`${t}\``)
        .join(', ')}`,
    });
  const browse = browsersOf(model);
  if (browse.length)
    out.push({
      services: browse,
      why: 'they list the brokers and their configs, every topic and every consumer group',
      actions:
        `${code(clusterActions(['Describe', 'DescribeConfigs']).slice(1))} on the cluster, \`kafka-cluster:DescribeTopic\`, ` +
        `\`kafka-cluster:DescribeTopicDynamicConfiguration\` on ${model.spec.topics?.prefix ? `the topics \`${model.spec.topics.prefix}*\`` : 'every topic'} ` +
        `and \`kafka-cluster:DescribeGroup\` on ${model.spec.groups?.prefix ? `the groups \`${model.spec.groups.prefix}*\`` : 'every group'}`,
    });
  return out;
}
