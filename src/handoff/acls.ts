import { browsersOf, clusterNeedOf } from './cluster.js';
import type { HandoffModel } from './types.js';

/**
 * One ACL the customer grants the appliance's principal: one operation on one resource pattern. The cluster is the
 * LITERAL resource `kafka-cluster`, as Kafka names it.
 */
export interface AclGrant {
  resourceType: 'topic' | 'group' | 'transactional-id' | 'cluster';
  pattern: 'literal' | 'prefixed';
  name: string;
  /** Kafka CLI operation name (`Read`, `Write`, `Describe`, `DescribeConfigs`, `Create`). */
  operation: string;
  why: string;
}

/** Kafka's name of the cluster resource. */
export const CLUSTER_RESOURCE = 'kafka-cluster';

/** Operations a Kafka Streams application needs on its internal topics: it creates them and purges repartition records. */
const STREAMS_TOPIC_OPS = ['Create', 'Delete', 'Describe', 'DescribeConfigs', 'Read', 'Write'];

/**
 * The grants the deployment needs. With a prefix, one PREFIXED pattern per resource type covers
 * every topic (Connect storage topics included) or group; otherwise (an allow-list, or no naming rules)
 * LITERAL patterns name each resource. A Kafka Streams application gets PREFIXED `<application.id>-`
 * grants for its internal topics and, exactly-once, its transactional ids; a grant another one already
 * covers is left out. What the workloads do beyond their topics comes from the model `iam-policy.json` reads
 * ({@link clusterNeedOf}): CREATE on the topics a Connect worker creates itself; for a workload that browses the
 * cluster (a UI, a lag exporter) DESCRIBE and DESCRIBE_CONFIGS on the cluster and every topic, DESCRIBE on every group
 * (the LITERAL wildcard `*`, or the prefix). Idempotent producers need no cluster grant: WRITE on a topic allows
 * IDEMPOTENT_WRITE (KIP-679).
 */
export function grantsOf(model: HandoffModel): AclGrant[] {
  const out: AclGrant[] = [];
  const tp = model.spec.topics?.prefix;
  const gp = model.spec.groups?.prefix;
  const need = clusterNeedOf(model);
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
  if (need.creates.length) {
    const creators = model.services.filter((s) => s.creates.length).map((s) => s.service);
    const why = `Kafka Connect workers create their storage topics when they are missing: ${creators.join(', ')}`;
    if (tp) out.push({ resourceType: 'topic', pattern: 'prefixed', name: tp, operation: 'Create', why });
    else for (const t of need.creates) out.push({ resourceType: 'topic', pattern: 'literal', name: t, operation: 'Create', why });
  }
  const browsers = need.describesAll ? browsersOf(model) : [];
  if (browsers.length)
    for (const operation of ['Describe', 'DescribeConfigs'])
      out.push({
        resourceType: 'topic',
        pattern: tp ? 'prefixed' : 'literal',
        name: tp ?? '*',
        operation,
        why: `list every topic and its configs: ${browsers.join(', ')}`,
      });
  for (const app of model.streams)
    for (const operation of STREAMS_TOPIC_OPS)
      out.push({
        resourceType: 'topic',
        pattern: 'prefixed',
        name: `${app.applicationId}-`,
        operation,
        why: `Kafka Streams internal topics (changelog, repartition) of ${app.service}`,
      });
  if (model.groups.length > 0) {
    const why = `join and commit offsets: ${model.groups.join(', ')}`;
    if (gp) out.push({ resourceType: 'group', pattern: 'prefixed', name: gp, operation: 'Read', why });
    else
      for (const g of model.groups)
        out.push({ resourceType: 'group', pattern: 'literal', name: g, operation: 'Read', why: 'join and commit offsets' });
  }
  if (browsers.length)
    out.push({
      resourceType: 'group',
      pattern: gp ? 'prefixed' : 'literal',
      name: gp ?? '*',
      operation: 'Describe',
      why: `list every consumer group and its lag: ${browsers.join(', ')}`,
    });
  const txn: [string, 'literal' | 'prefixed'][] = [
    ...model.transactionalIds.map((id): [string, 'literal'] => [id, 'literal']),
    ...model.transactionalIdPrefixes.map((p): [string, 'prefixed'] => [p, 'prefixed']),
  ];
  for (const [name, pattern] of txn) {
    const users = model.services.filter((s) => (pattern === 'literal' ? s.transactionalIds : s.transactionalIdPrefixes).includes(name));
    const why = `transactional producer: ${users.map((s) => s.service).join(', ')}`;
    // WRITE is what InitProducerId and transactional produce need; DESCRIBE (which WRITE implies) finds the coordinator
    for (const operation of ['Write', 'Describe']) out.push({ resourceType: 'transactional-id', pattern, name, operation, why });
  }
  for (const operation of need.cluster)
    if (operation !== 'IdempotentWrite')
      out.push({
        resourceType: 'cluster',
        pattern: 'literal',
        name: CLUSTER_RESOURCE,
        operation,
        why: `${operation === 'Describe' ? 'list the brokers and the controller' : "read the brokers' configs"}: ${browsers.join(', ')}`,
      });
  const key = (g: AclGrant): string => `${g.resourceType}\0${g.pattern}\0${g.name}\0${g.operation}`;
  const covering = coveringIndex(out);
  const seen = new Set<string>();
  return out.filter((g) => {
    if (covering(g)) return false;
    const k = key(g);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Whether another grant of the list already allows everything a grant allows: same type and operation, the other the
 * LITERAL wildcard `*` (which matches every resource of its type) or a prefix covering its name. Found by lookups
 * rather than by comparing every pair: a stack of thousands of clients has thousands of literal group grants.
 */
function coveringIndex(grants: readonly AclGrant[]): (g: AclGrant) => boolean {
  const scope = (g: AclGrant): string => `${g.resourceType}\0${g.operation}`;
  const prefixes = new Map<string, Set<string>>();
  const wildcards = new Set<string>();
  for (const a of grants) {
    if (a.pattern === 'prefixed') {
      let names = prefixes.get(scope(a));
      if (!names) prefixes.set(scope(a), (names = new Set()));
      names.add(a.name);
    } else if (a.name === '*') wildcards.add(scope(a));
  }
  return (b) => {
    // a literal `*` covers every other literal or prefixed name of its type and operation
    if (b.name !== '*' && wildcards.has(scope(b))) return true;
    // a prefix covers the names it starts, a prefixed name only when it is longer
    const names = prefixes.get(scope(b));
    if (!names) return false;
    const longest = b.pattern === 'literal' ? b.name.length : b.name.length - 1;
    for (let n = 0; n <= longest; n++) if (names.has(b.name.slice(0, n))) return true;
    return false;
  };
}

/**
 * One ACL as the tools' commands state it: a grant, or a cluster operation (`resourceType: 'cluster'`, whose name and
 * pattern the tools do not take).
 */
export interface AclRule {
  resourceType: AclGrant['resourceType'];
  pattern: AclGrant['pattern'];
  name: string;
  /** Kafka CLI operation name (`Read`, `IdempotentWrite`, ...). */
  operation: string;
}

/** A cluster operation as an {@link AclRule}: `IDEMPOTENT_WRITE` → `IdempotentWrite` on the cluster. */
export function clusterRule(operationEnumName: string): AclRule {
  const operation = operationEnumName
    .split('_')
    .map((w) => w.charAt(0) + w.slice(1).toLowerCase())
    .join('');
  return { resourceType: 'cluster', pattern: 'literal', name: CLUSTER_RESOURCE, operation };
}

/** The `kafka-acls.sh` arguments of one grant, after `--add --allow-principal ...`. */
export function aclArgs(g: AclRule): string {
  if (g.resourceType === 'cluster') return `--operation ${g.operation} --cluster`;
  return `--operation ${g.operation} --${g.resourceType} ${shellWord(g.name)} --resource-pattern-type ${g.pattern}`;
}

/** Words of a Kafka CLI command line: the bootstrap servers, the `--command-config` option (or ''), the principal. */
export interface KafkaCliWords {
  bootstrap: string;
  commandConfig: string;
  principal: string;
}

/** One `kafka-acls.sh --add` of one rule. */
export function kafkaAclsCommand(g: AclRule, w: KafkaCliWords): string {
  return `kafka-acls.sh --bootstrap-server ${w.bootstrap} ${w.commandConfig}${w.commandConfig ? ' ' : ''}--add --allow-principal ${w.principal} ${aclArgs(g)}`;
}

/** A topic as the create commands state it. */
export interface TopicSpec {
  name: string;
  partitions?: number;
  configs: Record<string, string>;
}

/** One idempotent `kafka-topics.sh --create`; `replication` is the `--replication-factor` word, when one is set. */
export function kafkaTopicsCommand(t: TopicSpec, w: Omit<KafkaCliWords, 'principal'>, replication?: string): string {
  const args = [
    `--bootstrap-server ${w.bootstrap}${w.commandConfig ? ` ${w.commandConfig}` : ''}`,
    `--create --if-not-exists --topic ${shellWord(t.name)}`,
    ...(t.partitions ? [`--partitions ${t.partitions}`] : []),
    ...(replication ? [`--replication-factor ${replication}`] : []),
    ...sortedConfigs(t.configs).map(([k, v]) => `--config ${shellWord(`${k}=${v}`)}`),
  ];
  return `kafka-topics.sh ${args.join(' ')}`;
}

/** The Kafka enum name of a CLI operation name (`DescribeConfigs` → `DESCRIBE_CONFIGS`), as Terraform and state files spell it. */
export function operationEnum(operation: string): string {
  return operation.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

/** The Kafka enum name of a resource type (`transactional-id` → `TRANSACTIONAL_ID`). */
export function resourceEnum(type: AclGrant['resourceType']): string {
  return type.replace('-', '_').toUpperCase();
}

/** A word for `sh`: as it is when it is plainly safe, single-quoted otherwise. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9._,:=/@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The settings of a topic, sorted by name. */
export function sortedConfigs(configs: Record<string, string>): [string, string][] {
  return Object.entries(configs).sort(([a], [b]) => (a < b ? -1 : 1));
}
