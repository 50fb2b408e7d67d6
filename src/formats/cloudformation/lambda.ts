import { planLabel, type Plan, type PlanId } from '../../plan/types.js';
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { describeSecretRef } from '../../secrets/names.js';
import { isPrivateBootstrap, lambdaBootstrapServers, lambdaSourceAccess } from '../aws/lambda-kafka.js';
import { configureClient } from '../../configure/stage.js';
import { brokersInValueHelp } from '../aws/ecs.js';
import { pointsAtCustomer } from '../../clients/common.js';
import { embeddedText, isWholeReference } from './ecs.js';
import { readsBootstrap } from './analyze.js';
import { noteSecret, planId, report, type CfnContext } from './context.js';
import { renameList } from './naming.js';
import { PARAM } from './params.js';
import { grantSecretRead, pollerAccessOf, grantStatements, reportUngranted, roleOf } from './grants.js';
import type { SourceRoleGrant } from '../types.js';
import { clusterAccessStatements } from './iam.js';
import { mapAt, pairOf, textOf, type Resource } from './parse.js';
import { collectRefs, intrinsicOf } from './refs.js';
import { Fn, ref, sub, type CfnValue } from './render.js';

/**
 * Turns MSK event sources into self-managed Kafka sources (or, for a customer on MSK with IAM, sources on the
 * customer's cluster): ESMs and SAM `MSK` events on a dropped cluster, and those whose cluster ARN arrives from outside
 * the template (a parameter, an import, a nested stack's output) — the stack's Kafka is the vendor's either way.
 */
export function rewriteEventSources(ctx: CfnContext): void {
  for (const r of ctx.a.t.resources) {
    if (ctx.a.dropped.has(r.id)) continue;
    const props = mapAt(r.node, 'Properties');
    if (!props) continue;
    if (r.type === 'AWS::Lambda::EventSourceMapping') {
      const arn = pairOf(props, 'EventSourceArn');
      if (!arn || !(usesDroppedCluster(ctx, arn.value) || (props.has('Topics') && clusterFromOutside(ctx, arn.value)))) continue;
      convert(ctx, r, props, 'esm', arn.value as Node);
    } else if (r.type === 'AWS::Serverless::Function') {
      const events = mapAt(props, 'Events');
      for (const ev of events?.items ?? []) {
        if (!isMap(ev.value) || textOf(ev.value.get('Type', true)) !== 'MSK') continue;
        const evProps = mapAt(ev.value, 'Properties');
        const stream = evProps ? pairOf(evProps, 'Stream') : undefined;
        if (!evProps || !stream || !(usesDroppedCluster(ctx, stream.value) || clusterFromOutside(ctx, stream.value))) continue;
        const typeNode = ev.value.get('Type', true);
        const iam = ctx.spec.sasl?.mechanism === 'AWS_MSK_IAM';
        if (isScalar(typeNode) && !iam) ctx.ed.setString(typeNode, 'SelfManagedKafka');
        convert(ctx, r, evProps, `sam:${textOf(ev.key) ?? ''}`, stream.value as Node);
      }
    }
  }
}

export function usesDroppedCluster(ctx: CfnContext, node: unknown): boolean {
  return collectRefs(node).some((x) => ctx.a.clusters.has(x.target));
}

/** Tells whether an ARN names no kept resource of the template: a parameter, an import, a nested stack's output. */
export function clusterFromOutside(ctx: CfnContext, node: unknown): boolean {
  const refs = collectRefs(node);
  if (refs.length === 0) return /^arn:aws[a-z-]*:kafka:/.test(textOf(node) ?? '');
  // an ARN graft already set (the customer's cluster) is not the vendor's
  if (refs.some((x) => x.target === PARAM.clusterArn)) return false;
  return refs.every((x) => {
    const r = ctx.a.byId.get(x.target);
    return r === undefined || r.type === 'AWS::CloudFormation::Stack';
  });
}

const DEFAULT_TOPICS_KEY = 'Topics';
/** The inline policy name graft gives the kafka-cluster statements of a consumer on the customer's MSK cluster with IAM. */
export const CLUSTER_ACCESS_POLICY = 'GraftKafkaClusterAccess';

function convert(ctx: CfnContext, r: Resource, props: YAMLMap, kind: string, source: Node): void {
  const { ed, spec } = ctx;
  const sam = kind.startsWith('sam:');
  const service = sam ? `${r.id} event ${kind.slice(4)}` : r.id;
  const id = planId(ctx, r, sam ? { part: `event ${kind.slice(4)}` } : {});
  for (const x of collectRefs(source)) ctx.handled.add(x.node);
  if (spec.sasl?.mechanism === 'AWS_MSK_IAM') {
    stayOnMsk(ctx, r, props, service, id, sam, source);
    return;
  }
  const servers = lambdaBootstrapServers(spec);
  if (servers.problem)
    report(ctx, 'CFN_LAMBDA_SOURCE_UNSUPPORTED', 'error', source, `${service}: ${servers.problem.message}`, servers.problem.help);
  const { access, problems } = lambdaSourceAccess(spec);
  for (const p of problems) report(ctx, 'CFN_LAMBDA_SOURCE_UNSUPPORTED', 'error', source, `${service}: ${p.message}`, p.help);
  const bootstrap = new Fn('Split', [',', ctx.params.bootstrap(spec.bootstrapServers)]);
  const configs: CfnValue[] = access.map((a) => {
    for (const s of a.secrets) noteSecret(ctx, s, describeSecretRef(s), id);
    const [first] = a.secrets;
    return { Type: a.type, URI: first ? (ctx.params.secret(first, ctx.secrets) ?? a.secretArn) : a.secretArn };
  });
  const secretArns = configs.map((c) => (c as { URI: CfnValue }).URI);
  const notes: string[] = [];
  if (isPrivateBootstrap(spec)) {
    const subnet = (name: string): Fn =>
      ctx.params.use({
        name,
        type: 'AWS::EC2::Subnet::Id',
        description: "A subnet from which Lambda's Kafka poller reaches the customer's brokers",
        inFile: false,
      });
    const sg = ctx.params.use({
      name: PARAM.securityGroup,
      type: 'AWS::EC2::SecurityGroup::Id',
      description: "Security group of Lambda's Kafka poller; it must allow egress to the customer's broker ports",
      inFile: false,
    });
    subnet(PARAM.subnet1);
    subnet(PARAM.subnet2);
    configs.push(
      { Type: 'VPC_SUBNET', URI: sub(`subnet:\${${PARAM.subnet1}}`) },
      { Type: 'VPC_SUBNET', URI: sub(`subnet:\${${PARAM.subnet2}}`) },
      { Type: 'VPC_SECURITY_GROUP', URI: sub(`security_group:\${${sg.arg as string}}`) },
    );
    notes.push(
      `the customer's brokers look private: Lambda polls them from the subnets and security group given as ${PARAM.subnet1}, ${PARAM.subnet2} and ${PARAM.securityGroup}`,
    );
  }
  if (access.length) {
    const grantee = grantSecretRead(
      ctx,
      r,
      secretArns,
      access.flatMap((a) => a.secrets),
    );
    if (!grantee)
      reportUngranted(
        ctx,
        r,
        access.flatMap((a) => a.secrets),
      );
    notes.push(
      grantee
        ? `secretsmanager:GetSecretValue on the source access secrets granted in ${grantee}`
        : "the function's execution role must be allowed secretsmanager:GetSecretValue on the source access secrets",
    );
  }
  // replace the MSK source by the self-managed one
  const sourcePair = pairOf(props, sam ? 'Stream' : 'EventSourceArn');
  if (sourcePair) ed.remove(props, sourcePair);
  removeSourceAccess(ctx, props);
  const add: [string, CfnValue][] = sam
    ? [['KafkaBootstrapServers', bootstrap]]
    : [['SelfManagedEventSource', { Endpoints: { KafkaBootstrapServers: bootstrap } }]];
  if (configs.length) add.push(['SourceAccessConfigurations', configs]);
  else if (sam) notes.push('no source access configuration applies (PLAINTEXT, public brokers); SAM may ask for one');
  // consumer group: SAM has ConsumerGroupId, ESMs AmazonManagedKafkaEventSourceConfig.ConsumerGroupId
  const groupAt = sam ? props : mapAt(props, 'AmazonManagedKafkaEventSourceConfig');
  if (!renameGroup(ctx, groupAt, id) && spec.groups?.prefix) {
    const group = `${spec.groups.prefix}${r.id}`;
    if (sam) add.push(['ConsumerGroupId', group]);
    else if (!groupAt) add.push(['SelfManagedKafkaEventSourceConfig', { ConsumerGroupId: group }]);
    notes.push(`ConsumerGroupId set to ${group}, inside the customer's group prefix (Lambda would otherwise use the mapping's UUID)`);
  }
  const cfgPair = pairOf(props, 'AmazonManagedKafkaEventSourceConfig');
  if (cfgPair && isScalar(cfgPair.key)) ed.setString(cfgPair.key, 'SelfManagedKafkaEventSourceConfig');
  ed.appendEntries(props, add);
  renameTopics(ctx, props, id);
  ctx.plan.rewired.push({
    service,
    id,
    family: 'lambda-event-source',
    matched: [
      `${sam ? 'MSK event Stream' : 'EventSourceArn'} = ${collectRefs(source)
        .map((x) => x.target)
        .join(', ')}`,
    ],
    changed: [...add.map(([k]) => k), ...(cfgPair ? ['SelfManagedKafkaEventSourceConfig'] : []), ...(sam ? ['Type'] : [])],
    notes,
    at: { file: ctx.a.t.source.path, start: source.range?.[0] ?? 0, end: source.range?.[1] ?? 0 },
  });
}

/**
 * For a customer on MSK with IAM the event source stays an MSK one, on the customer's cluster: Lambda's MSK poller
 * authenticates with the function's execution role, so the origin's source access configurations go.
 */
function stayOnMsk(ctx: CfnContext, r: Resource, props: YAMLMap, service: string, id: PlanId, sam: boolean, source: Node): void {
  ctx.ed.replaceNode(source, ctx.params.clusterArn());
  const removed = removeSourceAccess(ctx, props);
  const changed: string[] = [];
  const groupAt = sam ? props : mapAt(props, 'AmazonManagedKafkaEventSourceConfig');
  if (!renameGroup(ctx, groupAt, id) && ctx.spec.groups?.prefix) {
    const group = `${ctx.spec.groups.prefix}${r.id}`;
    if (sam) ctx.ed.appendEntries(props, [['ConsumerGroupId', group]]);
    else if (groupAt) ctx.ed.appendEntries(groupAt, [['ConsumerGroupId', group]]);
    else ctx.ed.appendEntries(props, [['AmazonManagedKafkaEventSourceConfig', { ConsumerGroupId: group }]]);
    changed.push(`ConsumerGroupId ${group}`);
  }
  renameTopics(ctx, props, id);
  const statements = clusterAccessStatements(ctx);
  const access = pollerAccessOf(
    ctx,
    r,
    statements.flatMap((st) => (st as { Action: string[] }).Action),
  );
  const allowed = access.readsData;
  const grantee = allowed ? undefined : grantStatements(ctx, r, statements, CLUSTER_ACCESS_POLICY);
  const role = roleOf(ctx, r)?.id ?? roleExpression(ctx, r);
  const missing = allowed ? access.missing : [];
  sourceRoles.set(ctx.plan, [
    ...sourceRolesOf(ctx.plan),
    {
      source: id,
      state: allowed ? 'allowed' : grantee ? 'granted' : 'ungranted',
      ...(role ? { role } : {}),
      ...(grantee ? { policy: grantee } : {}),
      ...(missing.length ? { missing } : {}),
    },
  ]);
  ctx.plan.rewired.push({
    service,
    id,
    family: 'lambda-event-source',
    matched: [
      `${sam ? 'MSK event Stream' : 'EventSourceArn'} = ${collectRefs(source)
        .map((x) => x.target)
        .join(', ')}`,
    ],
    changed: [
      `${sam ? 'Stream' : 'EventSourceArn'} → ${PARAM.clusterArn}`,
      ...(removed ? ['SourceAccessConfigurations removed'] : []),
      ...changed,
    ],
    notes: [
      grantee
        ? `kafka-cluster:Connect, DescribeClusterDynamicConfiguration, DescribeTopic, ReadData, DescribeGroup, AlterGroup and kafka:DescribeClusterV2, GetBootstrapBrokers on the customer's cluster, topics and groups granted in ${grantee}`
        : `the function's execution role needs kafka-cluster:Connect, DescribeClusterDynamicConfiguration, DescribeGroup, AlterGroup, DescribeTopic, ReadData and kafka:DescribeClusterV2, GetBootstrapBrokers on the customer's cluster`,
      ...(access.denied.length
        ? [
            `the policies of the function's execution role deny ${access.denied.join(', ')}, which the poller needs: an explicit Deny overrides every Allow, so remove it`,
          ]
        : []),
    ],
    at: { file: ctx.a.t.source.path, start: source.range?.[0] ?? 0, end: source.range?.[1] ?? 0 },
  });
}

const sourceRoles = new WeakMap<Plan, SourceRoleGrant[]>();

/** AWS_MSK_IAM: the execution roles the MSK event sources of one compile (its plan) poll as, and what graft did for each. */
export function sourceRolesOf(plan: Plan): SourceRoleGrant[] {
  return sourceRoles.get(plan) ?? [];
}

/** How an event source's function names its role when it is no role of the template (`!Ref LambdaRoleArn`, a literal ARN). */
function roleExpression(ctx: CfnContext, r: Resource): string | undefined {
  let props = mapAt(r.node, 'Properties');
  if (r.type === 'AWS::Lambda::EventSourceMapping') {
    const fn = collectRefs(props?.get('FunctionName', true)).map((x) => ctx.a.byId.get(x.target))[0];
    props = fn ? mapAt(fn.node, 'Properties') : undefined;
  }
  const node = props?.get('Role', true) ?? props?.get('RoleArn', true);
  if (node === undefined) return undefined;
  const refs = collectRefs(node);
  return refs.length ? refs.map((x) => x.target).join(', ') : textOf(node);
}

/** Removes the origin's source access configurations (their secrets are the dropped cluster's); true when there were. */
function removeSourceAccess(ctx: CfnContext, props: YAMLMap): boolean {
  const old = pairOf(props, 'SourceAccessConfigurations');
  if (!old) return false;
  for (const x of collectRefs(old.value)) ctx.handled.add(x.node);
  ctx.ed.remove(props, old);
  return true;
}

/** Applies the group (or topic) prefix to one name of an event source, ConsumerGroupId by default; false when there is none. */
export function renameGroup(
  ctx: CfnContext,
  at: YAMLMap | undefined,
  id: PlanId,
  key = 'ConsumerGroupId',
  kind: 'group' | 'topic' = 'group',
): boolean {
  const node = at?.get(key, true);
  if (node !== undefined && prefixParameter(ctx, node as Node, kind, id, key)) return true;
  if (!isScalar(node) || typeof node.value !== 'string') return false;
  const next = renameList(ctx, id, key, node.value, kind, node);
  if (next !== node.value) ctx.ed.setString(node, next);
  return true;
}

/** Applies the topic prefix (or checks the allow-list) to an event source's Topics. */
export function renameTopics(ctx: CfnContext, props: YAMLMap, id: PlanId, key = DEFAULT_TOPICS_KEY): void {
  const topics = props.get(key, true);
  for (const t of isSeq(topics) ? topics.items : []) {
    if (prefixParameter(ctx, t as Node, 'topic', id, key)) continue;
    if (!isScalar(t) || typeof t.value !== 'string') continue;
    const next = renameList(ctx, id, key, t.value, 'topic', t);
    if (next !== t.value) ctx.ed.setString(t, next);
  }
}

/**
 * A topic or group name given by `!Ref Parameter`: with a customer prefix it becomes `!Sub "<prefix>${Parameter}"`;
 * under an allow-list graft cannot check a value it does not know, so the plan says so. True when the node is a Ref.
 */
function prefixParameter(ctx: CfnContext, node: Node, kind: 'topic' | 'group', id: PlanId, setting: string): boolean {
  const service = planLabel(id);
  const call = intrinsicOf(node);
  if (!call) return false;
  if (call.fn !== 'Ref') return true;
  const name = textOf(call.arg) ?? '';
  const naming = kind === 'topic' ? ctx.spec.topics : ctx.spec.groups;
  const prefix = naming?.prefix;
  if (prefix) {
    ctx.ed.replaceNode(node, sub(`${prefix}\${${name}}`));
    ctx.plan.renames.push({ service, id, setting, from: `\${${name}}`, to: `${prefix}\${${name}}`, kind });
  } else if (kind === 'topic' && ctx.spec.topics?.allow) {
    ctx.plan.notes.push(`${service}: ${setting} comes from parameter ${name}; its value must be one of the customer's allowed topics`);
  }
  return true;
}
/** Rewires Lambda function environments that read a bootstrap look-up; credentials cannot go there. */
export function rewriteLambdaEnv(ctx: CfnContext): void {
  for (const r of ctx.a.t.resources) {
    if (ctx.a.dropped.has(r.id) || (r.type !== 'AWS::Lambda::Function' && r.type !== 'AWS::Serverless::Function')) continue;
    const vars = mapAt(r.node, 'Properties', 'Environment', 'Variables');
    const matched: string[] = [];
    for (const p of vars?.items ?? []) {
      const refs = collectRefs(p.value, [], p);
      if (!refs.some((x) => readsBootstrap(ctx.a, x))) continue;
      matched.push(`Environment ${textOf(p.key) ?? ''}`);
    }
    if (vars && matched.length > 0) configureLambdaClient(ctx, r, vars, matched);
  }
  void ref;
}

/**
 * A function is configured through the configure stage, which picks its family as on every platform (graft.yaml, then
 * what its environment shows): its literal settings set, the origin's stale security settings removed, and each secret
 * it would need reported, since a Lambda environment cannot reference one. Of no family, it gets only the bootstrap.
 */
function configureLambdaClient(ctx: CfnContext, r: Resource, vars: YAMLMap, matched: string[]): void {
  const bootstrap = ctx.spec.bootstrapServers.join(',');
  const literal = new Map<string, string>();
  const pairs = new Map(vars.items.map((p) => [textOf(p.key) ?? '', p]));
  // variables that carry the brokers inside a larger value (`-Dkafka.broker=${Brokers}`, a URL): rewired where they
  // stand by the look-up pass, read by the family as the text they become
  const embedded = new Set<string>();
  for (const [k, p] of pairs) {
    const refs = collectRefs(p.value, [], p);
    const reads = refs.some((x) => readsBootstrap(ctx.a, x));
    const inner = reads && !isWholeReference(p.value) ? embeddedText(ctx, p.value) : undefined;
    if (inner !== undefined) embedded.add(k);
    const text = reads ? (inner ?? bootstrap) : textOf(p.value);
    if (text !== undefined) literal.set(k, text);
  }
  const binding = ctx.bindings?.clients.get(r.id);
  const key = r.pair.key as Node;
  const at = { file: ctx.a.t.source.path, start: key.range?.[0] ?? 0, end: key.range?.[1] ?? 0 };
  const changed: string[] = [];
  const added: [string, CfnValue][] = [];
  const out = configureClient(
    ctx.spec,
    {
      name: r.id,
      subject: `function ${r.id}`,
      planId: planId(ctx, r),
      removedFrom: r.id,
      env: literal,
      matched,
      ...(binding ? { binding } : {}),
      declare: `kafka.clients.${r.id}: { family: env, env: { ... } }`,
      at,
    },
    {
      platform: 'Lambda',
      can: { secretFiles: false, secretEnv: false, composites: false, files: false, properties: false },
      settings: () => [...pairs.keys()],
      literal: (name) => literal.get(name),
      set: (name, value) => {
        if (typeof value !== 'string') return;
        // the brokers inside a larger value are rewired in place; the rest of the value stays the vendor's
        if (embedded.has(name) && pointsAtCustomer(ctx, value) && value === literal.get(name)) return;
        const p = pairs.get(name);
        if (p?.value) {
          for (const x of collectRefs(p.value, [], p)) ctx.handled.add(x.node);
          ctx.ed.replaceNode(p.value as Node, value, p);
        } else added.push([name, value]);
        changed.push(name);
      },
      remove: (name) => {
        const p = pairs.get(name);
        if (!p) return undefined;
        for (const x of collectRefs(p.value, [], p)) ctx.handled.add(x.node);
        ctx.ed.remove(vars, p);
        changed.push(`-${name}`);
        const n = p.key as Node;
        return { file: ctx.a.t.source.path, start: n.range?.[0] ?? 0, end: (p.value as Node | null)?.range?.[1] ?? n.range?.[1] ?? 0 };
      },
    },
  );
  if (added.length) ctx.ed.appendEntries(vars, added);
  const [carrier] = embedded;
  for (const d of out.diagnostics)
    if (d.code === 'CLIENT_UNKNOWN_FAMILY' && carrier !== undefined)
      d.help = brokersInValueHelp(ctx.spec, r.id, carrier, literal.get(carrier) ?? '', 'the function');
  ctx.diagnostics.push(...out.diagnostics);
  ctx.plan.removed.push(...out.removed);
  if (!out.item) return;
  const fetchItself = out.diagnostics.some((d) => d.code === 'CLIENT_SECRET_ENV_UNSUPPORTED');
  if (!out.family) {
    out.item.family = 'lambda-environment';
    out.item.notes = ['bootstrap rewired (the remaining look-up uses are replaced by the bootstrap parameter)'];
    if (fetchItself) {
      out.item.notes.push(fetchItselfNote(ctx));
      ctx.plan.notes.push(
        `Lambda function ${r.id} must be given the customer's security settings and fetch its credentials itself; graft set only its bootstrap`,
      );
    }
  } else if (fetchItself) {
    out.item.notes.push(fetchItselfNote(ctx));
    ctx.plan.notes.push(`Lambda function ${r.id} must fetch its Kafka credentials itself; graft set its other settings`);
  }
  out.item.changed.push(...matched.map((m) => m.replace('Environment ', '')), ...changed);
  ctx.plan.rewired.push(out.item);
}

/** The note of a function that must fetch the customer's credentials itself: which secrets, and where they are. */
function fetchItselfNote(ctx: CfnContext): string {
  return `needs ${ctx.spec.securityProtocol} settings and credentials it must fetch itself: ${ctx.secrets.map((s) => `${s.path} (${describeSecretRef(s)})`).join(', ') || 'none'}`;
}
