import { CLUSTER_OPERATIONS, TOPIC_OPERATIONS, type Requirements, type TopicRequirement } from '../check/requirements.js';
import { grantsOf, operationEnum } from './acls.js';
import type { HandoffModel } from './types.js';

/**
 * What `requirements.json` holds: the `graft check --requirements` format, names as on the customer's cluster. The
 * topics a workload creates itself need CREATE, and the cluster operations are those the ACL forms grant
 * ({@link grantsOf}).
 */
export function requirementsOf(model: HandoffModel): Requirements & { apiVersion: 'graft.dev/v1'; kind: 'KafkaRequirements' } {
  const creates = new Set(model.services.flatMap((s) => s.creates));
  const grants = grantsOf(model);
  const clusterOps = new Set(grants.filter((g) => g.resourceType === 'cluster').map((g) => operationEnum(g.operation)));
  const cluster = CLUSTER_OPERATIONS.filter((o) => clusterOps.has(o));
  const topics: TopicRequirement[] = model.topics.map((t) => {
    const ops = new Set<(typeof TOPIC_OPERATIONS)[number]>(['DESCRIBE']);
    if (t.consumers.length) ops.add('READ');
    if (t.producers.length) ops.add('WRITE');
    if (creates.has(t.name)) ops.add('CREATE');
    const configs = Object.fromEntries(Object.entries(t.configs).sort(([a], [b]) => (a < b ? -1 : 1)));
    return {
      name: t.name,
      ...(t.partitions ? { partitions: t.partitions } : {}),
      ...(Object.keys(configs).length ? { configs } : {}),
      operations: TOPIC_OPERATIONS.filter((o) => ops.has(o)),
    };
  });
  // subjects the services register themselves need not exist before they start
  const required = model.subjects.filter((s) => !s.autoRegistered).map((s) => s.name);
  return {
    apiVersion: 'graft.dev/v1',
    kind: 'KafkaRequirements',
    ...(topics.length ? { topics } : {}),
    ...(model.groups.length ? { groups: model.groups } : {}),
    ...(model.transactionalIds.length ? { transactionalIds: model.transactionalIds } : {}),
    ...(model.transactionalIdPrefixes.length ? { transactionalIdPrefixes: model.transactionalIdPrefixes } : {}),
    ...(cluster.length ? { cluster } : {}),
    ...(required.length ? { schemaRegistry: { subjects: required } } : {}),
  };
}

/** `requirements.json`, the input of `graft check --requirements`. */
export function renderRequirements(model: HandoffModel): string {
  return JSON.stringify(requirementsOf(model), null, 2) + '\n';
}
