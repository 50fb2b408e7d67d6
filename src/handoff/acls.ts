import type { HandoffModel } from './model.js';

/** One ACL the customer grants the appliance's principal: one operation on one resource pattern. */
export interface AclGrant {
  resourceType: 'topic' | 'group' | 'transactional-id';
  pattern: 'literal' | 'prefixed';
  name: string;
  /** Kafka CLI operation name (`Read`, `Write`, `Describe`, `DescribeConfigs`). */
  operation: string;
  why: string;
}

/**
 * The grants the deployment needs. With a prefix, one PREFIXED pattern per resource type covers
 * every topic (Streams internal and Connect storage topics included), group or transactional id;
 * otherwise (an allow-list, or no naming rules) LITERAL patterns name each resource.
 */
export function grantsOf(model: HandoffModel): AclGrant[] {
  const out: AclGrant[] = [];
  const tp = model.spec.topics?.prefix;
  const gp = model.spec.groups?.prefix;
  const ops: [string, (t: HandoffModel['topics'][number]) => boolean, string][] = [
    ['Describe', () => true, 'see the topic (metadata)'],
    ['DescribeConfigs', () => true, 'let graft check verify the topic configs'],
    ['Read', (t) => t.consumers.length > 0, 'consume'],
    ['Write', (t) => t.producers.length > 0, 'produce (also covers the idempotent producer, KIP-679)'],
  ];
  for (const [operation, needs, why] of ops) {
    const topics = model.topics.filter(needs);
    if (topics.length === 0) continue;
    if (tp)
      out.push({ resourceType: 'topic', pattern: 'prefixed', name: tp, operation, why: `${why}: ${topics.map((t) => t.name).join(', ')}` });
    else for (const t of topics) out.push({ resourceType: 'topic', pattern: 'literal', name: t.name, operation, why });
  }
  if (model.groups.length > 0) {
    const why = `join and commit offsets: ${model.groups.join(', ')}`;
    if (gp) out.push({ resourceType: 'group', pattern: 'prefixed', name: gp, operation: 'Read', why });
    else
      for (const g of model.groups)
        out.push({ resourceType: 'group', pattern: 'literal', name: g, operation: 'Read', why: 'join and commit offsets' });
  }
  for (const id of model.transactionalIds) {
    for (const operation of ['Write', 'Describe'])
      out.push({ resourceType: 'transactional-id', pattern: 'literal', name: id, operation, why: 'transactional producer' });
  }
  return out;
}

/** The `kafka-acls.sh` arguments of one grant, after `--add --allow-principal ...`. */
export function aclArgs(g: AclGrant): string {
  return `--operation ${g.operation} --${g.resourceType} ${g.name} --resource-pattern-type ${g.pattern}`;
}
