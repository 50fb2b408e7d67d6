import { TOPIC_OPERATIONS, type Requirements, type TopicRequirement } from '../check/requirements.js';
import type { HandoffModel } from './types.js';

/** What `requirements.json` holds: the `graft check --requirements` format, names as on the customer's cluster. */
export function requirementsOf(model: HandoffModel): Requirements & { apiVersion: 'graft.dev/v1'; kind: 'KafkaRequirements' } {
  const topics: TopicRequirement[] = model.topics.map((t) => {
    const ops = new Set<(typeof TOPIC_OPERATIONS)[number]>(['DESCRIBE']);
    if (t.consumers.length) ops.add('READ');
    if (t.producers.length) ops.add('WRITE');
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
    ...(required.length ? { schemaRegistry: { subjects: required } } : {}),
  };
}

/** `requirements.json`, the input of `graft check --requirements`. */
export function renderRequirements(model: HandoffModel): string {
  return JSON.stringify(requirementsOf(model), null, 2) + '\n';
}
