import { stringify } from 'yaml';
import type { Span } from '../core/span.js';
import { customerName, type Requirements, type TopicRequirement } from '../check/requirements.js';
import type { CheckStep } from '../check/types.js';
import { clusterActions, isClusterOperation, kafkaClientGrants, type KafkaGrant } from '../formats/aws/iam.js';
import { clusterRule, kafkaAclsCommand, kafkaTopicsCommand, shellWord, type AclRule, type TopicSpec } from '../handoff/acls.js';
import { confluentAclCommand, confluentTopicCommand } from '../handoff/confluent-cli.js';
import { mskClusterOf, mskStatement } from '../handoff/iam-policy.js';
import { rpkAclCommand, rpkTopicArgs } from '../handoff/rpk.js';
import { k8sName, strimziAcl, strimziTopic } from '../handoff/strimzi.js';
import type { SpecData } from './form.js';

/** The tool the customer creates and grants with: the commands each item shows are for it. */
export type Tool = 'kafka-cli' | 'confluent' | 'rpk' | 'strimzi' | 'msk-iam';

/** The tools, what they are called, and what their commands expect to be set up first. */
export const TOOLS: readonly { id: Tool; title: string; note: string }[] = [
  {
    id: 'kafka-cli',
    title: 'Kafka CLI (kafka-topics.sh, kafka-acls.sh)',
    note: "admin.properties: a client properties file with an administrator's security.protocol, SASL and TLS settings for your cluster.",
  },
  {
    id: 'confluent',
    title: 'Confluent CLI',
    note: 'After confluent login and confluent environment use <env-id>: CLUSTER=lkc-<id> and SERVICE_ACCOUNT=sa-<id> (the account the API key belongs to).',
  },
  {
    id: 'rpk',
    title: 'Redpanda rpk',
    note: "rpk takes an administrator's TLS and SASL settings from its profile (rpk profile create) or RPK_* variables.",
  },
  {
    id: 'strimzi',
    title: 'Strimzi (KafkaTopic, KafkaUser)',
    note: 'Replace my-cluster with the name of your Kafka resource; the KafkaUser needs spec.authorization.type: simple.',
  },
  {
    id: 'msk-iam',
    title: 'Amazon MSK with IAM (IAM policy)',
    note: 'MSK IAM ignores Kafka ACLs: attach the statements to the role the appliance assumes. client-iam.properties: security.protocol=SASL_SSL, sasl.mechanism=AWS_MSK_IAM and the aws-msk-iam-auth JAAS and callback handler settings, for an administrator.',
  },
];

/** The tool a cluster is usually managed with, from what the spec says about it. */
export function toolFor(data: SpecData): Tool {
  const sasl = data['sasl'] as { mechanism?: unknown } | undefined;
  if (sasl?.mechanism === 'AWS_MSK_IAM') return 'msk-iam';
  const hosts = bootstrapList(data).map((s) => s.replace(/:\d+$/, '').toLowerCase());
  if (hosts.length > 0 && hosts.every((h) => h.endsWith('.confluent.cloud'))) return 'confluent';
  if (hosts.some((h) => /(^|[.-])redpanda([.-]|$)/.test(h))) return 'rpk';
  if (hosts.some((h) => /-kafka-bootstrap(\.|$)/.test(h))) return 'strimzi';
  return 'kafka-cli';
}

/** A tool id from the page, or the spec's own when it names none (or none known). */
export function toolOf(requested: unknown, data: SpecData): Tool {
  return TOOLS.find((t) => t.id === requested)?.id ?? toolFor(data);
}

/** One thing the customer creates or grants, with the commands that do it and how the check confirms it. */
export interface RequirementItem {
  id: string;
  title: string;
  /** What `graft check` verifies about it. */
  verifies: string;
  /** Commands (or, for Strimzi and MSK IAM, the resource or policy text) for the chosen tool. */
  commands: string[];
  /** The checklist steps that confirm it: each must have run. */
  probes: string[];
  /** Where it is declared in the requirements file: a finding inside means it is not there yet. */
  span?: Span;
}

/** How far the check confirmed an item. */
export type ItemStatus = 'confirmed' | 'missing' | 'unchecked';

const CC = '--command-config admin.properties';
const IAM_CC = '--command-config client-iam.properties';

function bootstrapList(data: SpecData): string[] {
  const bs = data['bootstrapServers'];
  const list = Array.isArray(bs) ? bs.map(String) : typeof bs === 'string' ? bs.split(',') : [];
  return list.map((s) => s.trim()).filter(Boolean);
}

const cap = (op: string): string => op.charAt(0) + op.slice(1).toLowerCase();

/** How one tool states topics and grants, for the cluster the form describes. */
interface Renderer {
  topic(t: TopicSpec): string[];
  grants(rules: AclRule[]): string[];
}

function renderer(tool: Tool, data: SpecData): Renderer {
  const list = bootstrapList(data);
  const bootstrap = list.length ? shellWord(list.join(',')) : '"$BOOTSTRAP"';
  const sasl = data['sasl'] as { username?: unknown } | undefined;
  const user = typeof sasl?.username === 'string' && sasl.username.trim() ? sasl.username.trim() : undefined;
  const principal = user ? shellWord(`User:${user}`) : '"$PRINCIPAL"';
  switch (tool) {
    case 'confluent':
      return {
        topic: (t) => [confluentTopicCommand(t, '"$CLUSTER"')],
        grants: (rules) => rules.map((g) => confluentAclCommand(g, '"$CLUSTER"', '"$SERVICE_ACCOUNT"')),
      };
    case 'rpk':
      return {
        topic: (t) => [`rpk topic create -X brokers=${bootstrap} ${rpkTopicArgs(t)}`],
        grants: (rules) => rules.map((g) => rpkAclCommand(g, bootstrap, principal)),
      };
    case 'strimzi': {
      const name = k8sName(user ?? 'appliance');
      return {
        topic: (t) => [stringify(strimziTopic(t), { lineWidth: 0 }).trimEnd()],
        grants: (rules) => [
          `# KafkaUser ${name}: add to spec.authorization.acls\n${stringify(rules.map(strimziAcl), { lineWidth: 0 }).trimEnd()}`,
        ],
      };
    }
    case 'msk-iam': {
      const cluster = mskClusterOf({ bootstrapServers: list, sasl: data['sasl'] as never });
      return {
        topic: (t) => [kafkaTopicsCommand(t, { bootstrap, commandConfig: IAM_CC })],
        grants: (rules) => {
          const statements = mskGrants(rules).map((g) => mskStatement(g, cluster));
          return statements.length ? [JSON.stringify(statements, null, 2)] : [];
        },
      };
    }
    case 'kafka-cli':
      return {
        topic: (t) => [kafkaTopicsCommand(t, { bootstrap, commandConfig: CC })],
        grants: (rules) => rules.map((g) => kafkaAclsCommand(g, { bootstrap, commandConfig: CC, principal })),
      };
  }
}

/**
 * The IAM statements of some rules, as the handoff's policy states them (`kafkaClientGrants`, without its Connect
 * statement unless a rule is on the cluster): read, write and describe, groups and transactional ids, topic creation,
 * and cluster operations through the one table of their kafka-cluster actions (`MSK_CLUSTER_ACTIONS`).
 */
function mskGrants(rules: AclRule[]): KafkaGrant[] {
  const names = (type: AclRule['resourceType'], op?: string, pattern?: AclRule['pattern']): string[] =>
    rules.filter((g) => g.resourceType === type && (!op || g.operation === op) && (!pattern || g.pattern === pattern)).map((g) => g.name);
  const cluster = rules
    .filter((g) => g.resourceType === 'cluster')
    .map((g) => g.operation)
    .filter(isClusterOperation);
  const grants = kafkaClientGrants({
    produces: names('topic', 'Write'),
    consumes: names('topic', 'Read'),
    groups: names('group', 'Read'),
    streams: [],
    transactionalIds: names('transactional-id', 'Write', 'literal'),
    transactionalIdPrefixes: names('transactional-id', 'Write', 'prefixed'),
    cluster,
    creates: names('topic', 'Create'),
  })
    .filter((g) => g.sid !== 'Connect' || cluster.length > 0)
    .map((g) => (g.sid === 'Connect' ? { ...g, actions: clusterActions(cluster) } : g));
  const described = names('topic', 'Describe').filter((n) => !grants.some((g) => g.kind === 'topic' && g.names.includes(n)));
  if (described.length)
    grants.splice(grants[0]?.sid === 'Connect' ? 1 : 0, 0, {
      sid: 'DescribeTopics',
      kind: 'topic',
      names: described,
      actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:DescribeTopicDynamicConfiguration'],
    });
  return grants;
}

function topicVerifies(t: TopicRequirement, name: string, ops: string[]): string {
  const configs = Object.entries(t.configs ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`);
  return (
    `the topic ${name} exists${t.partitions ? ` with at least ${t.partitions} partitions` : ''}` +
    `${configs.length ? `, its configs are ${configs.join(', ')}` : ''}, and the principal may ${ops.join(', ')} it`
  );
}

/**
 * What the requirements ask the customer to create and grant, with the commands of `tool` for the cluster the form
 * describes (its bootstrap servers, its topic and group prefixes, its SASL user as the principal), and the schema
 * registry subjects that must exist.
 */
export function requirementItems(r: Requirements, data: SpecData, tool: Tool = toolFor(data)): RequirementItem[] {
  const render = renderer(tool, data);
  const topicPrefix = (data['topics'] as { prefix?: string } | undefined)?.prefix;
  const groupPrefix = (data['groups'] as { prefix?: string } | undefined)?.prefix;
  const at = (path: (string | number)[]): Span | undefined => r.spans?.at(path);
  const items: RequirementItem[] = [];
  (r.topics ?? []).forEach((t, i) => {
    const name = customerName(t.name, topicPrefix);
    const ops = t.operations ?? ['DESCRIBE'];
    items.push({
      id: `topic:${i}`,
      title: `topic ${name}${t.partitions ? `, ${t.partitions} partitions` : ''}; ${ops.join(', ')} for the appliance`,
      verifies: topicVerifies(t, name, ops),
      commands: [
        ...render.topic({ name, ...(t.partitions ? { partitions: t.partitions } : {}), configs: t.configs ?? {} }),
        ...render.grants(ops.map((op) => ({ resourceType: 'topic', pattern: 'literal', name, operation: cap(op) }))),
      ],
      probes: ['topics', 'acls'],
      ...optionalSpan(at(['topics', i])),
    });
  });
  (r.groups ?? []).forEach((g, i) => {
    const name = customerName(g, groupPrefix);
    items.push({
      id: `group:${i}`,
      title: `consumer group ${name}: READ for the appliance`,
      verifies: `the principal may READ the group ${name} (join it and commit offsets)`,
      commands: render.grants([{ resourceType: 'group', pattern: 'literal', name, operation: 'Read' }]),
      probes: ['acls'],
      ...optionalSpan(at(['groups', i])),
    });
  });
  const txn: [string, AclRule['pattern'], number][] = [
    ...(r.transactionalIds ?? []).map((id, i): [string, AclRule['pattern'], number] => [id, 'literal', i]),
    ...(r.transactionalIdPrefixes ?? []).map((p, i): [string, AclRule['pattern'], number] => [p, 'prefixed', i]),
  ];
  for (const [name, pattern, i] of txn) {
    const key = pattern === 'literal' ? 'transactionalIds' : 'transactionalIdPrefixes';
    const what = `transactional id${pattern === 'prefixed' ? 's starting with' : ''} ${name}`;
    items.push({
      id: `${key}:${i}`,
      title: `${what}: WRITE and DESCRIBE for the appliance`,
      verifies: `the principal may WRITE and DESCRIBE the ${what}`,
      commands: render.grants(['Write', 'Describe'].map((operation) => ({ resourceType: 'transactional-id', pattern, name, operation }))),
      probes: ['acls'],
      ...optionalSpan(at([key, i])),
    });
  }
  if ((r.cluster ?? []).length > 0) {
    const ops = r.cluster ?? [];
    items.push({
      id: 'cluster',
      title: `cluster operations ${ops.join(', ')} for the appliance`,
      verifies: `the principal may ${ops.join(', ')} on the cluster`,
      commands: render.grants(ops.map(clusterRule)),
      probes: ['acls'],
      ...optionalSpan(at(['cluster'])),
    });
  }
  items.push(...subjectItems(r, data, at));
  return items;
}

/** The schema registry subjects the requirements name: each must exist in the spec's registry. */
function subjectItems(r: Requirements, data: SpecData, at: (path: (string | number)[]) => Span | undefined): RequirementItem[] {
  const sr = data['schemaRegistry'] as { url?: unknown; basicAuth?: unknown; ca?: unknown } | undefined;
  const url = typeof sr?.url === 'string' && sr.url.trim() ? sr.url.trim().replace(/\/+$/, '') : undefined;
  const registry = url ?? 'the schema registry (set schemaRegistry.url: without it the check cannot look)';
  const curl = [
    'curl -fsS',
    ...(sr?.ca ? ['--cacert registry-ca.pem'] : []),
    ...(sr?.basicAuth ? ['-u "$SR_USER:$SR_PASSWORD"'] : []),
  ].join(' ');
  return (r.schemaRegistry?.subjects ?? []).map((subject, i) => ({
    id: `subject:${i}`,
    title: `schema registry subject ${subject}`,
    verifies:
      `${registry} answers GET /subjects${sr?.basicAuth ? ' with the spec’s basicAuth credentials' : ''}` +
      `${sr?.ca ? ', over TLS trusting schemaRegistry.ca' : ''}, and ${subject} is among its subjects ` +
      '(registered by the vendor’s services or by you, with its schema)',
    commands: [`${curl} ${shellWord(`${url ?? '$SCHEMA_REGISTRY_URL'}/subjects/${encodeURIComponent(subject)}/versions/latest`)}`],
    probes: ['schema-registry'],
    ...optionalSpan(at(['schemaRegistry', 'subjects', i])),
  }));
}

function optionalSpan(span: Span | undefined): { span?: Span } {
  return span ? { span } : {};
}

/**
 * What a finished check says about each item: confirmed when every step it needs ran and none of their errors points
 * into the item's declaration; missing when one does; unchecked when a step it needs did not run.
 */
export function itemStatuses(items: readonly RequirementItem[], steps: readonly CheckStep[]): Record<string, ItemStatus> {
  const inside = (d: CheckStep['diagnostics'][number], span: Span | undefined): boolean =>
    span !== undefined && d.subject?.file === span.file && d.subject.start >= span.start && d.subject.start < span.end;
  const out: Record<string, ItemStatus> = {};
  for (const item of items) {
    const relevant = steps.filter((s) => item.probes.includes(s.probe));
    const ran = item.probes.every((p) => relevant.some((s) => s.probe === p && s.status !== 'skip'));
    const errors = relevant.flatMap((s) => s.diagnostics.filter((d) => d.severity === 'error'));
    const failed = errors.some((d) => inside(d, item.span));
    // an error of no item (the registry unreachable, the principal unable to list ACLs) leaves every item unconfirmed
    const general = errors.some((d) => !items.some((other) => inside(d, other.span)));
    out[item.id] = failed ? 'missing' : ran && !general ? 'confirmed' : 'unchecked';
  }
  return out;
}
