import { createTopicsV7, describeConfigsV4, type Connection } from '@platformatic/kafka';
import type { Span } from '../../core/span.js';
import type { CheckContext, StepResult, StepScope } from '../context.js';
import { send } from '../kafka.js';
import { customerName, type TopicRequirement } from '../requirements.js';
import type { ClusterFacts } from './metadata.js';

const UNKNOWN_TOPIC = 3;
const TOPIC_AUTHORIZATION_FAILED = 29;
const TOPIC_ALREADY_EXISTS = 36;
const TOPIC = 2 as const;
const BROKER = 4 as const;

/**
 * The Kafka CLI's connection arguments for a fix the customer runs: the bootstrap server and, unless the cluster is
 * PLAINTEXT, a --command-config file with the spec's security settings (and a principal allowed to make the change).
 */
export function cliConnection(ctx: CheckContext, bootstrap: string): { args: string; note: string } {
  const protocol = ctx.spec.securityProtocol;
  if (protocol === 'PLAINTEXT') return { args: `--bootstrap-server ${bootstrap}`, note: '' };
  const settings = [`security.protocol=${protocol}`, ...(ctx.spec.sasl ? [`sasl.mechanism=${ctx.spec.sasl.mechanism}`] : [])];
  return {
    args: `--bootstrap-server ${bootstrap} --command-config admin.properties`,
    note: ` (admin.properties: ${settings.join(', ')} and the credentials and trust settings of a principal allowed to make the change)`,
  };
}

/** Whether the principal may create each probed topic: undefined = yes, else the broker's refusal. */
export type Creatable = Map<string, string | undefined>;

/** Topics from the requirements: exist, partitions, configs (one DescribeConfigs), creatable (one validate-only CreateTopics). */
export async function probeTopics(
  ctx: CheckContext,
  s: StepScope,
  conn: Connection,
  facts: ClusterFacts,
  bootstrap: string,
): Promise<StepResult<Creatable>> {
  const reqs = ctx.requirements.topics ?? [];
  const cli = cliConnection(ctx, bootstrap);
  const prefix = ctx.spec.topics?.prefix;
  const allow = ctx.spec.topics?.allow;
  const at = (i: number, ...rest: (string | number)[]): Span | undefined => ctx.requirements.spans?.at(['topics', i, ...rest]);
  const missing: [TopicRequirement, number][] = [];
  const described: [TopicRequirement, number][] = [];
  reqs.forEach((t, i) => {
    const name = customerName(t.name, prefix);
    if (allow && !allow.includes(name)) {
      s.error(
        'CHECK_TOPIC_NOT_ALLOWED',
        `topic ${name} is required but not in the spec's topics.allow list`,
        `add ${name} to topics.allow in the spec (the customer must provide it)`,
        at(i, 'name'),
      );
    }
    const md = facts.topics.get(name);
    if (!md || md.errorCode === TOPIC_AUTHORIZATION_FAILED) return; // the ACL step reports topics it cannot see
    if (md.errorCode === UNKNOWN_TOPIC) return void missing.push([t, i]);
    if (t.partitions !== undefined && md.partitions.length < t.partitions) {
      s.error(
        'CHECK_TOPIC_PARTITIONS',
        `topic ${name} has ${md.partitions.length} partition${md.partitions.length === 1 ? '' : 's'}; ${t.partitions} are required`,
        `add partitions: kafka-topics.sh ${cli.args} --alter --topic ${name} --partitions ${t.partitions}${cli.note}; keyed data moves to other partitions`,
        at(i, 'partitions'),
      );
    }
    if (t.configs && Object.keys(t.configs).length > 0) described.push([t, i]);
  });
  const creates = reqs
    .map((t, i) => [t, i] as const)
    .filter(([t]) => t.operations?.includes('CREATE') && facts.topics.get(customerName(t.name, prefix))?.errorCode === 0);
  const creatable = await validateCreate(ctx, conn, [...missing, ...creates], prefix);
  const autoCreate =
    missing.length > 0 || described.length > 0 ? await describeConfigs(ctx, s, conn, facts, described, bootstrap) : undefined;
  for (const [t, i] of missing) {
    const name = customerName(t.name, prefix);
    const refusal = creatable.get(name);
    const parts = t.partitions ? ` --partitions ${t.partitions}` : '';
    const configs = Object.entries(t.configs ?? {})
      .map(([k, v]) => ` --config ${k}=${v}`)
      .join('');
    const how =
      refusal === undefined
        ? `${ctx.principal} may create it, so a producer auto-creates it only if the broker sets auto.create.topics.enable=true (${autoCreate ?? 'unknown here'}) — with the broker's default partitions and configs`
        : `${ctx.principal} may not create it (${refusal}), so it cannot be auto-created`;
    s.error(
      'CHECK_TOPIC_MISSING',
      `topic ${name} does not exist; ${how}`,
      `create it: kafka-topics.sh ${cli.args} --create --topic ${name}${parts}${configs}${cli.note}`,
      at(i, 'name'),
    );
  }
  const present = reqs.length - missing.length;
  return { detail: `${present}/${reqs.length} required topics present`, value: creatable };
}

/** One validate-only CreateTopics for the topics given: what the broker would say if this principal created them. */
async function validateCreate(
  ctx: CheckContext,
  conn: Connection,
  topics: (readonly [TopicRequirement, number])[],
  prefix: string | undefined,
): Promise<Creatable> {
  const out: Creatable = new Map();
  if (topics.length === 0) return out;
  const req = topics.map(([t]) => ({
    name: customerName(t.name, prefix),
    numPartitions: t.partitions ?? -1,
    replicationFactor: -1,
    assignments: [],
    configs: Object.entries(t.configs ?? {}).map(([name, value]) => ({ name, value })),
  }));
  const { response } = await send(ctx, conn, 'CreateTopics', createTopicsV7.api, req, ctx.timeoutMs, true);
  for (const r of response.topics) {
    const ok = r.errorCode === 0 || r.errorCode === TOPIC_ALREADY_EXISTS;
    out.set(r.name, ok ? undefined : (r.errorMessage ?? `error ${r.errorCode}`));
  }
  return out;
}

/** One DescribeConfigs for the topics with required configs, plus auto.create.topics.enable of this broker when it is known. */
async function describeConfigs(
  ctx: CheckContext,
  s: StepScope,
  conn: Connection,
  facts: ClusterFacts,
  topics: [TopicRequirement, number][],
  bootstrap: string,
): Promise<string | undefined> {
  const prefix = ctx.spec.topics?.prefix;
  const cli = cliConnection(ctx, bootstrap);
  const resources: Parameters<typeof describeConfigsV4.createRequest>[0] = topics.map(([t]) => ({
    resourceType: TOPIC,
    resourceName: customerName(t.name, prefix),
    configurationKeys: Object.keys(t.configs ?? {}),
  }));
  if (facts.selfId !== undefined)
    resources.push({ resourceType: BROKER, resourceName: String(facts.selfId), configurationKeys: ['auto.create.topics.enable'] });
  if (resources.length === 0) return undefined;
  const { response } = await send(ctx, conn, 'DescribeConfigs', describeConfigsV4.api, resources, false, false);
  let autoCreate: string | undefined;
  const unreadable: string[] = [];
  for (const r of response.results) {
    if (r.resourceType === BROKER) {
      autoCreate = r.errorCode === 0 ? `it is ${r.configs[0]?.value ?? '?'}` : undefined;
      continue;
    }
    const entry = topics.find(([t]) => customerName(t.name, prefix) === r.resourceName);
    if (!entry) continue;
    const [t, i] = entry;
    if (r.errorCode !== 0) {
      unreadable.push(r.resourceName);
      continue;
    }
    for (const [key, want] of Object.entries(t.configs ?? {})) {
      const got = r.configs.find((c) => c.name === key)?.value ?? undefined;
      if (got === undefined || normalize(key, got) !== normalize(key, want)) {
        s.error(
          'CHECK_TOPIC_CONFIG',
          `topic ${r.resourceName} has ${key}=${got ?? '(unset)'}; ${want} is required`,
          `kafka-configs.sh ${cli.args} --alter --entity-type topics --entity-name ${r.resourceName} --add-config ${key}=${want}${cli.note}`,
          ctx.requirements.spans?.at(['topics', i, 'configs', key]),
        );
      }
    }
  }
  if (unreadable.length > 0) {
    const list = unreadable.slice(0, 5).join(', ') + (unreadable.length > 5 ? ` and ${unreadable.length - 5} more` : '');
    s.warn(
      'CHECK_TOPIC_CONFIG_UNVERIFIABLE',
      `${ctx.principal} may not read the configs of ${list} (no DESCRIBE_CONFIGS), so cleanup.policy, retention and min.insync.replicas were not checked`,
      'grant DESCRIBE_CONFIGS on these topics to this principal, or run the check once with a principal that has it',
    );
  }
  return autoCreate;
}

function normalize(key: string, value: string): string {
  // cleanup.policy is a list: "delete,compact" equals "compact,delete"
  return key === 'cleanup.policy'
    ? value
        .split(',')
        .map((v) => v.trim())
        .sort()
        .join(',')
    : value.trim();
}
