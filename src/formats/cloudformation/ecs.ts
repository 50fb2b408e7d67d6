import { isMap, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ServiceFacts } from '../../clients/types.js';
import { describeSecretRef } from '../../secrets/names.js';
import { samePlanId, workloadId, type Plan, type RewiredItem } from '../../plan/types.js';
import type { TaskRoleGrant } from '../types.js';
import type { SecretValue } from '../../spec/types.js';
import type { AwsGrant } from '../../secrets/index.js';
import { awsGrantOf, awsSecretOf, ecsValueFrom } from '../aws/secrets.js';
import { brokersInValueHelp, ecsSink } from '../aws/ecs.js';
import { ECS_CONFIG_NEEDS, recordConfigInit, type EcsConfigInit } from '../aws/ecs-config.js';
import { configureClient } from '../../configure/stage.js';
import { readsBootstrap } from './analyze.js';
import { noteSecret, planId, report, type CfnContext } from './context.js';
import { grantStatements, kmsStatements, reportUngranted, roleOf } from './grants.js';
import { customerArn } from './iam.js';
import { kafkaClientGrants } from '../aws/iam.js';
import { clientNeed, mergeNeeds, type KafkaClientNeed } from '../../naming/uses.js';
import { awsIdentityOn } from '../../spec/aws-identity.js';
import { applyNaming } from './naming.js';
import { listOf, mapAt, pairOf, textOf, type Resource } from './parse.js';
import { collectRefs, intrinsicOf, subNames, type Reference } from './refs.js';
import { pointsAtCustomer } from '../../clients/common.js';
import { ref, sub, type CfnValue } from './render.js';
import { PARAM } from './params.js';

interface EnvEntry {
  item: YAMLMap;
  value: unknown;
}

/** One container of a task definition while graft rewrites it. */
interface EcsContainer {
  r: Resource;
  node: YAMLMap;
  name: string;
  env: Map<string, EnvEntry>;
  secrets: Map<string, EnvEntry>;
}

/** Rewires ECS task definition containers: Environment gets the settings, Secrets the customer's secret ARNs. */
export function rewriteEcs(ctx: CfnContext): void {
  for (const r of ctx.a.t.resources) {
    if (r.type !== 'AWS::ECS::TaskDefinition' || ctx.a.dropped.has(r.id)) continue;
    const defs = mapAt(r.node, 'Properties')?.get('ContainerDefinitions', true);
    const read: SecretValue[] = [];
    const needs: KafkaClientNeed[] = [];
    for (const c of isSeq(defs) ? defs.items : []) {
      const need = isMap(c) ? rewriteContainer(ctx, r, c, read) : undefined;
      if (need) needs.push(need);
    }
    grantExecutionRole(ctx, r, read);
    grantTaskRole(ctx, r, needs);
  }
}

/** The last rewired entry about a resource (one of its containers, or itself). */
function lastRewiredOf(ctx: CfnContext, r: Resource): RewiredItem | undefined {
  const id = planId(ctx, r);
  return [...ctx.plan.rewired].reverse().find((i) => samePlanId(workloadId(i.id), id));
}

/** The inline policy graft gives a task role the task definition names: the Kafka requests its containers make. */
export const TASK_ROLE_POLICY = 'GraftKafkaClusterAccess';

const taskRoles = new WeakMap<Plan, TaskRoleGrant[]>();

/** AWS_MSK_IAM: the task roles of the rewired task definitions of one compile (its plan), and what graft did for each. */
export function taskRolesOf(plan: Plan): TaskRoleGrant[] {
  return taskRoles.get(plan) ?? [];
}

function recordTaskRole(ctx: CfnContext, grant: TaskRoleGrant): void {
  taskRoles.set(ctx.plan, [...taskRolesOf(ctx.plan), grant]);
}

/**
 * AWS_MSK_IAM: the containers sign their Kafka requests as the task role. A role of the template gets an inline policy
 * with exactly the kafka-cluster statements of what the task's containers do on the customer's cluster; a role from
 * outside the template keeps the handoff's instruction; a task without a task role runs with no AWS identity of its
 * own: an error on Fargate (there is none to fall back on), a warning on EC2 (the SDK falls back to the container
 * instance's role, which then needs the policy).
 */
function grantTaskRole(ctx: CfnContext, r: Resource, needs: readonly KafkaClientNeed[]): void {
  if (ctx.spec.sasl?.mechanism !== 'AWS_MSK_IAM' || awsIdentityOn(ctx.spec, 'ECS') !== 'platformRole' || needs.length === 0) return;
  const props = mapAt(r.node, 'Properties');
  const item = lastRewiredOf(ctx, r);
  const pair = props ? pairOf(props, 'TaskRoleArn') : undefined;
  if (!pair) {
    const fargate = listOf(props?.get('RequiresCompatibilities', true)).some((x) => textOf(x) === 'FARGATE');
    recordTaskRole(ctx, { task: planId(ctx, r), state: 'missing' });
    report(
      ctx,
      'CFN_TASK_ROLE_MISSING',
      fargate ? 'error' : 'warning',
      (r.pair.key as Node | undefined) ?? r.node,
      fargate
        ? `${r.id} connects to the customer's MSK cluster with IAM but names no TaskRoleArn: a Fargate task without a task role has no AWS identity to sign with, so every Kafka connection is refused`
        : `${r.id} connects to the customer's MSK cluster with IAM but names no TaskRoleArn: its containers sign as the container instance's role`,
      fargate
        ? `set TaskRoleArn of ${r.id} to a role of the template (graft gives it the kafka-cluster policy) or to ${ctx.spec.sasl.aws?.roleArn ?? "the customer's MSK IAM role"}`
        : `set TaskRoleArn of ${r.id} to a role of the template (graft gives it the kafka-cluster policy), or attach the handoff's iam-policy.json to the container instance role`,
    );
    return;
  }
  const grants = kafkaClientGrants(mergeNeeds(needs), {
    ...(ctx.spec.topics?.prefix ? { topicPrefix: ctx.spec.topics.prefix } : {}),
    ...(ctx.spec.groups?.prefix ? { groupPrefix: ctx.spec.groups.prefix } : {}),
  });
  const statements: CfnValue[] = grants.map((g) => {
    const arns = g.kind === 'cluster' ? [customerArn(ctx, 'cluster', '*')] : g.names.map((n) => customerArn(ctx, g.kind, n));
    return { Sid: g.sid, Effect: 'Allow', Action: g.actions, Resource: arns.length === 1 ? arns[0] : arns };
  });
  const role = roleOf(ctx, r, 'TaskRoleArn');
  const policy = `${TASK_ROLE_POLICY}${r.id}`;
  const grantee = role ? grantStatements(ctx, r, statements, policy, 'TaskRoleArn') : undefined;
  const range = (pair.value as Node | undefined)?.range;
  const written = range ? ctx.a.t.source.text.slice(range[0], range[1]).trim() : '';
  recordTaskRole(
    ctx,
    grantee
      ? { task: planId(ctx, r), state: 'granted', role: role?.id ?? written, policy }
      : role
        ? { task: planId(ctx, r), state: 'ungranted', role: role.id }
        : { task: planId(ctx, r), state: 'external', role: written },
  );
  item?.notes.push(
    grantee
      ? `the task role signs the Kafka requests: granted ${grants.map((g) => g.sid).join(', ')} on the customer's cluster in ${grantee}`
      : role
        ? `the task role ${role.id} signs the Kafka requests, and its Policies are not a list graft can extend: attach iam-policy.json to it (the handoff says how)`
        : `the task role (${written}) signs the Kafka requests and is not a role of this template: attach iam-policy.json to it (the handoff says how)`,
  );
}

/**
 * The task execution role (the one ECS injects `Secrets` with) may read exactly the customer's secrets the containers
 * name: `secretsmanager:GetSecretValue` on the secrets' ARNs, `ssm:GetParameters` on the parameters, `kms:Decrypt` on
 * the customer-managed keys they are encrypted with.
 */
function grantExecutionRole(ctx: CfnContext, r: Resource, read: readonly SecretValue[]): void {
  const byAction = new Map<AwsGrant['action'], Map<string, CfnValue>>([
    ['secretsmanager:GetSecretValue', new Map()],
    ['ssm:GetParameters', new Map()],
  ]);
  for (const s of read) {
    const aws = awsSecretOf(s.secretRef);
    const param = ctx.params.secret(s, ctx.secrets);
    if (!aws || !param) continue;
    const name = param.arg as string;
    const grant = awsGrantOf(aws);
    const id = `\${${name}}`;
    const resource = grant.resource({ id, partition: '${AWS::Partition}', region: '${AWS::Region}', account: '${AWS::AccountId}' });
    byAction.get(grant.action)?.set(name, resource === id ? ref(name) : sub(resource));
  }
  const statements: CfnValue[] = [];
  for (const [action, m] of byAction)
    if (m.size) statements.push({ Effect: 'Allow', Action: action, Resource: m.size === 1 ? [...m.values()][0] : [...m.values()] });
  statements.push(...kmsStatements(read));
  const grantee = grantStatements(ctx, r, statements, 'GraftKafkaSecrets');
  if (!grantee) reportUngranted(ctx, r, read);
  const item = lastRewiredOf(ctx, r);
  if (!grantee || !item) return;
  const i = item.notes.findIndex((n) => n.startsWith('the task execution role must be allowed'));
  if (i >= 0) item.notes.splice(i, 1);
  item.notes.push(`the task execution role may read the secrets: granted in ${grantee}`);
}

function entries(node: YAMLMap, key: string, valueKey: string): Map<string, EnvEntry> {
  const out = new Map<string, EnvEntry>();
  const seq = node.get(key, true);
  for (const item of isSeq(seq) ? seq.items : []) {
    if (!isMap(item)) continue;
    const name = textOf(item.get('Name', true));
    if (name !== undefined) out.set(name, { item, value: item.get(valueKey, true) });
  }
  return out;
}

/** Rewires one container; returns what it does on the customer's cluster when it is a client graft configured. */
function rewriteContainer(ctx: CfnContext, r: Resource, node: YAMLMap, read: SecretValue[]): KafkaClientNeed | undefined {
  const c: EcsContainer = {
    r,
    node,
    name: textOf(node.get('Name', true)) ?? r.id,
    env: entries(node, 'Environment', 'Value'),
    secrets: entries(node, 'Secrets', 'ValueFrom'),
  };
  const literal = new Map<string, string>();
  const matched: string[] = [];
  const bootstrapVars = new Set<string>();
  // variables that carry the brokers inside a larger value (`-Dkafka.broker=${Brokers}`): rewired where they stand
  const embedded = new Set<string>();
  const boot = ctx.spec.bootstrapServers.join(',');
  for (const [k, e] of c.env) {
    const refs = collectRefs(e.value);
    if (refs.some((x) => readsBootstrap(ctx.a, x))) {
      matched.push(`Environment ${k} = ${refs.map((x) => x.target + (x.attr ? `.${x.attr}` : '')).join(', ')}`);
      if (isWholeReference(e.value)) {
        literal.set(k, boot);
        bootstrapVars.add(k);
      } else {
        literal.set(k, embeddedText(ctx, e.value) ?? boot);
        embedded.add(k);
      }
    } else if (!isWholeReference(e.value) && refs.some((x) => x.target === PARAM.bootstrap)) {
      // rewired by an earlier compile: the customer's brokers stand inside the vendor's value already
      literal.set(k, embeddedText(ctx, e.value) ?? boot);
      embedded.add(k);
    } else {
      const v = textOf(e.value);
      if (v !== undefined) literal.set(k, v);
    }
  }
  const binding = ctx.bindings?.clients.get(c.name) ?? ctx.bindings?.clients.get(`${r.id}/${c.name}`);
  const facts: ServiceFacts = {
    name: c.name,
    ...(textOf(node.get('Image', true)) ? { image: textOf(node.get('Image', true)) } : {}),
    env: literal,
  };
  if (matched.length === 0 && !binding) return undefined;
  const at = node.get('Name', true) as Node;
  const span = { file: ctx.a.t.source.path, start: at?.range?.[0] ?? 0, end: at?.range?.[1] ?? 0 };
  const wanted = new Map<string, CfnValue>();
  const secretVars = new Map<string, SecretValue>();
  const inits: EcsConfigInit[] = [];
  for (const k of bootstrapVars) wanted.set(k, ctx.params.bootstrap(ctx.spec.bootstrapServers));
  const out = configureClient(
    ctx.spec,
    {
      ...facts,
      subject: `container "${c.name}" of ${r.id}`,
      planId: planId(ctx, r, { container: c.name }),
      removedFrom: `${r.id}/${c.name}`,
      matched,
      ...(binding ? { binding } : {}),
      declare: `kafka.clients.${c.name}: { family: env, env: { ... } }`,
      at: span,
    },
    ecsSink({
      name: c.name,
      ...(facts.image ? { image: facts.image } : {}),
      addConfigInit: (init) => {
        inits.push(init);
        recordConfigInit(ctx.plan, {
          workload: `container "${c.name}" of ${r.id}`,
          init: init.name,
          ...(facts.image ? { image: facts.image } : {}),
          file: init.file,
        });
      },
      names: () => [...c.env.keys(), ...c.secrets.keys()],
      // every value graft writes goes through valueFor (template parameters), so no origin literal is already right
      literal: () => undefined,
      setEnvironment: (name, text) => {
        // the brokers inside a larger value are rewired in place below; the rest of the value stays the vendor's
        if (embedded.has(name) && pointsAtCustomer(ctx, text) && text === literal.get(name)) return;
        wanted.set(name, valueFor(ctx, name, text, embedded.has(name)));
      },
      setSecret: (name, secret) => secretVars.set(name, secret),
      remove: (name) => {
        wanted.set(name, DELETE);
        const n = (c.env.get(name) ?? c.secrets.get(name))?.item;
        return n ? { file: ctx.a.t.source.path, start: n.range?.[0] ?? 0, end: n.range?.[1] ?? 0 } : undefined;
      },
    }),
  );
  for (const d of out.diagnostics)
    if (d.code === 'CLIENT_UNKNOWN_FAMILY' && embedded.size > 0)
      d.help = brokersInValueHelp(ctx.spec, c.name, [...embedded][0] ?? '', literal.get([...embedded][0] ?? '') ?? '');
  ctx.diagnostics.push(...out.diagnostics);
  ctx.plan.removed.push(...out.removed);
  if (out.diagnostics.some((d) => d.code === 'CLIENT_UNKNOWN_FAMILY')) return undefined;
  const family = out.family;
  const item: RewiredItem = out.item ?? {
    service: `${r.id} container ${c.name}`,
    id: planId(ctx, r, { container: c.name }),
    family: family?.family ?? 'bootstrap-only',
    matched,
    changed: [],
    notes: [],
    at: span,
  };
  applyNaming(ctx, `container "${c.name}" of ${r.id}`, planId(ctx, r, { container: c.name }), family, binding, literal, wanted, at);
  for (const k of embedded) {
    if (wanted.has(k)) continue;
    const e = c.env.get(k);
    if (e && rewireInPlace(ctx, e.value)) item.changed.push(k);
  }
  write(ctx, c, wanted, secretVars, item, read);
  writeConfigInits(ctx, c, inits, item, read);
  ctx.plan.rewired.push(item);
  // the values the container is given: the customer's names where naming renamed them
  const given = new Map(literal);
  for (const [k, v] of wanted)
    if (typeof v === 'string') given.set(k, v);
    else given.delete(k);
  return clientNeed(ctx.spec, given, family, binding);
}

const SUB_NAME = /\$\{([^!}][^}]*)\}/g;

/** A value that is one reference and nothing else: `!Ref X`, `!GetAtt X.Y`, `!Sub "${X}"`. */
export function isWholeReference(value: unknown): boolean {
  const call = intrinsicOf(value);
  if (call?.fn === 'Ref' || call?.fn === 'Fn::GetAtt') return true;
  const text = call?.fn === 'Fn::Sub' && isScalar(call.arg) ? call.arg.value : undefined;
  return typeof text === 'string' && /^\$\{[^!}][^}]*\}$/.test(text.trim());
}

/** A `${Name}` of a Fn::Sub string as a reference, to ask whether it reads the dropped cluster's brokers. */
function subReference(raw: string, node: Node): Reference {
  const [n] = subNames(`\${${raw}}`);
  return { target: n?.name ?? raw, ...(n?.attr ? { attr: n.attr } : {}), via: 'Sub', node };
}

/** A reference to the dropped cluster's brokers, or to the customer's (graft's parameter, on a compiled template). */
function carriesBrokers(ctx: CfnContext, x: Reference): boolean {
  return readsBootstrap(ctx.a, x) || x.target === PARAM.bootstrap;
}

/**
 * A value that carries the brokers inside larger text, as Fn::Sub text with the customer's brokers where it names the
 * dropped cluster's: a Fn::Sub string, or a Fn::Join of strings and references.
 */
export function embeddedText(ctx: CfnContext, value: unknown): string | undefined {
  const boot = ctx.spec.bootstrapServers.join(',');
  const call = intrinsicOf(value);
  const arg = call?.fn === 'Fn::Sub' && isScalar(call.arg) ? call.arg : undefined;
  if (arg && typeof arg.value === 'string')
    return arg.value.replace(SUB_NAME, (m, raw: string) => (carriesBrokers(ctx, subReference(raw, arg)) ? boot : m));
  if (call?.fn !== 'Fn::Join' || !isSeq(call.arg)) return undefined;
  const [sep, parts] = call.arg.items;
  const separator = textOf(sep);
  if (separator === undefined || !isSeq(parts)) return undefined;
  const texts: string[] = [];
  for (const p of parts.items) {
    const part = intrinsicOf(p);
    const [x] = part ? collectRefs(p) : [];
    if (!part) {
      const t = textOf(p);
      if (t === undefined) return undefined;
      texts.push(t.replace(/\$\{/g, '${!'));
    } else if (x && (part.fn === 'Ref' || part.fn === 'Fn::GetAtt')) {
      texts.push(carriesBrokers(ctx, x) ? boot : `\${${x.target}${x.attr ? `.${x.attr}` : ''}}`);
    } else return undefined;
  }
  return texts.join(separator.replace(/\$\{/g, '${!'));
}

/**
 * Rewires the brokers inside a larger value where they stand: a `${Brokers}` of a Fn::Sub string becomes the
 * bootstrap parameter's, a `!Ref Brokers` of a Fn::Join or a Sub variable map the parameter itself; the rest of the
 * value is left as the vendor wrote it.
 */
function rewireInPlace(ctx: CfnContext, value: unknown): boolean {
  const param = ctx.params.bootstrap(ctx.spec.bootstrapServers);
  let done = false;
  for (const x of collectRefs(value)) {
    if (!readsBootstrap(ctx.a, x) || ctx.handled.has(x.node)) continue;
    ctx.handled.add(x.node);
    done = true;
    if (x.via !== 'Sub') {
      ctx.ed.replaceNode(x.node, param, x.pair && x.pair.value === x.node ? x.pair : undefined);
      continue;
    }
    const node = x.node;
    if (!isScalar(node) || typeof node.value !== 'string') continue;
    ctx.ed.setString(
      node,
      node.value.replace(SUB_NAME, (m, raw: string) => (readsBootstrap(ctx.a, subReference(raw, node)) ? `\${${param.arg as string}}` : m)),
    );
  }
  return done;
}

/** Marks a variable to delete. */
const DELETE: CfnValue = { __graftDelete: true };

/** The value written for a variable; `subText` when the text is Fn::Sub text already (a vendor's value graft extended). */
function valueFor(ctx: CfnContext, key: string, text: string, subText = false): CfnValue {
  const boot = ctx.spec.bootstrapServers.join(',');
  if (text === boot) return ctx.params.bootstrap(ctx.spec.bootstrapServers);
  if (text.includes(boot)) {
    ctx.params.bootstrap(ctx.spec.bootstrapServers);
    return sub((subText ? text : text.replace(/\$\{/g, '${!')).split(boot).join('${GraftKafkaBootstrapServers}'));
  }
  if (/SECURITY_PROTOCOL$/.test(key) && text === ctx.spec.securityProtocol) {
    return ctx.params.use({
      name: 'GraftKafkaSecurityProtocol',
      type: 'String',
      description: "Security protocol of the customer's Kafka cluster",
      default: text,
      inFile: true,
    });
  }
  if (/SASL_MECHANISMS?$/.test(key) && text === ctx.spec.sasl?.mechanism) {
    return ctx.params.use({
      name: 'GraftKafkaSaslMechanism',
      type: 'String',
      description: "SASL mechanism of the customer's Kafka cluster",
      default: text,
      inFile: true,
    });
  }
  return text;
}

function write(
  ctx: CfnContext,
  c: EcsContainer,
  wanted: Map<string, CfnValue>,
  secretVars: Map<string, SecretValue>,
  item: RewiredItem,
  read: SecretValue[],
): void {
  const { ed } = ctx;
  const envSeq = c.node.get('Environment', true) as YAMLSeq | undefined;
  const secSeq = c.node.get('Secrets', true) as YAMLSeq | undefined;
  const newEnv: CfnValue[] = [];
  const newSecrets: CfnValue[] = [];
  for (const [k, v] of wanted) {
    const e = c.env.get(k);
    if (v === DELETE || secretVars.has(k)) {
      if (e && envSeq) {
        ed.remove(envSeq, e.item);
        for (const x of collectRefs(e.value)) ctx.handled.add(x.node);
        item.changed.push(v === DELETE ? `-${k}` : k);
      }
      const secret = c.secrets.get(k);
      if (v === DELETE && secret && secSeq) {
        ed.remove(secSeq, secret.item);
        for (const x of collectRefs(secret.value)) ctx.handled.add(x.node);
        item.changed.push(`-${k}`);
      }
      continue;
    }
    if (c.secrets.get(k) && secSeq) ed.remove(secSeq, c.secrets.get(k)?.item as YAMLMap);
    if (e) {
      if (typeof v === 'string' && textOf(e.value) === v) continue;
      for (const x of collectRefs(e.value)) ctx.handled.add(x.node);
      const pair = pairOf(e.item, 'Value');
      if (e.value && pair) ed.replaceNode(e.value as Node, v, pair);
      else newEnv.push({ Name: k, Value: v });
    } else newEnv.push({ Name: k, Value: v });
    item.changed.push(k);
  }
  for (const [k, s] of [...secretVars].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const entry = secretEntry(ctx, c, k, s, read);
    if (!entry) continue;
    const existing = c.secrets.get(k);
    if (existing && secSeq) ed.remove(secSeq, existing.item);
    newSecrets.push(entry);
    item.changed.push(k);
  }
  if (newSecrets.length)
    item.notes.push('the task execution role must be allowed to read the secrets (secretsmanager:GetSecretValue / ssm:GetParameters)');
  append(ctx, c.node, 'Environment', envSeq, newEnv);
  append(ctx, c.node, 'Secrets', secSeq, newSecrets);
}

/** A `Secrets` entry that injects a customer secret as the variable `k` of a container of `c`'s task (`read` collects it for the execution role). */
function secretEntry(
  ctx: CfnContext,
  c: EcsContainer,
  k: string,
  s: SecretValue,
  read: SecretValue[],
  container = c.name,
): CfnValue | undefined {
  const aws = awsSecretOf(s.secretRef);
  if (!aws) {
    report(
      ctx,
      'CFN_SECRET_STORE_UNSUPPORTED',
      'error',
      c.node.get('Name', true),
      `container "${container}" of ${c.r.id} needs ${s.path} (${describeSecretRef(s)}), but ECS reads secrets only from Secrets Manager or SSM Parameter Store`,
      `reference ${s.path} as awsSecretsManager: { arn, key } or awsSsm: { name } in the customer spec`,
    );
    return undefined;
  }
  const param = ctx.params.secret(s, ctx.secrets);
  if (!param) return undefined;
  const id = `\${${param.arg as string}}`;
  const from = ecsValueFrom(aws, id);
  const valueFrom = from === id ? ref(param.arg as string) : sub(from);
  noteSecret(ctx, s, describeSecretRef(s), planId(ctx, c.r, { container: c.name }));
  read.push(s);
  return { Name: k, ValueFrom: valueFrom };
}

/** The image of a container as a value to write again: literal text, `!Ref`, `!Sub`, else the node's long form. */
function imageValue(node: unknown): CfnValue | undefined {
  const text = textOf(node);
  if (text !== undefined) return text;
  const call = intrinsicOf(node);
  if (call?.fn === 'Ref' && isScalar(call.arg)) return ref(String(call.arg.value));
  if (call?.fn === 'Fn::Sub' && isScalar(call.arg)) return sub(String(call.arg.value));
  return undefined;
}

/**
 * The init containers that rewrite the container's properties files when the task starts: each a non-essential
 * container of the app's image in the same task definition, with its task volume and the secrets only it receives; the
 * app container waits for it to succeed and mounts the volume at the file's directory.
 */
function writeConfigInits(ctx: CfnContext, c: EcsContainer, inits: readonly EcsConfigInit[], item: RewiredItem, read: SecretValue[]): void {
  if (inits.length === 0) return;
  const props = mapAt(c.r.node, 'Properties');
  const defs = props?.get('ContainerDefinitions', true);
  if (!props || !isSeq(defs)) return;
  const names = new Set(defs.items.map((d) => (isMap(d) ? textOf(d.get('Name', true)) : undefined)));
  const image = imageValue(c.node.get('Image', true));
  const added: CfnValue[] = [];
  const depends: CfnValue[] = [];
  const mounts: CfnValue[] = [];
  const volumes: CfnValue[] = [];
  for (const init of inits) {
    // compiled once already: the task rewrites its file
    if (names.has(init.name)) continue;
    if (image === undefined) {
      report(
        ctx,
        'CFN_ECS_IMAGE_UNREADABLE',
        'error',
        c.node.get('Image', true) ?? c.node,
        `container "${c.name}" of ${c.r.id} reads a properties file inside its image, which graft rewrites at start with a container of the same image, but its Image is an expression graft cannot copy`,
        'give the container its Image as text, !Ref or !Sub, then compile again',
      );
      return;
    }
    const secrets = [...init.secrets].flatMap(([k, s]) => secretEntry(ctx, c, k, s, read, init.name) ?? []);
    added.push({
      Name: init.name,
      Image: image,
      Essential: false,
      User: ECS_CONFIG_NEEDS.user,
      EntryPoint: ['sh', '-c'],
      Command: [init.script],
      MountPoints: [{ SourceVolume: init.name, ContainerPath: init.at }],
      ...(secrets.length > 0 ? { Secrets: secrets } : {}),
    });
    depends.push({ ContainerName: init.name, Condition: 'SUCCESS' });
    mounts.push({ SourceVolume: init.name, ContainerPath: init.dir, ReadOnly: true });
    volumes.push({ Name: init.name });
    item.changed.push(`+container ${init.name}`);
  }
  if (added.length === 0) return;
  ctx.ed.appendItems(defs, added);
  append(ctx, c.node, 'DependsOn', c.node.get('DependsOn', true) as YAMLSeq | undefined, depends);
  append(ctx, c.node, 'MountPoints', c.node.get('MountPoints', true) as YAMLSeq | undefined, mounts);
  append(ctx, props, 'Volumes', props.get('Volumes', true) as YAMLSeq | undefined, volumes);
}

function append(ctx: CfnContext, node: YAMLMap, key: string, seq: YAMLSeq | undefined, items: CfnValue[]): void {
  if (items.length === 0) return;
  // `Environment:` left empty reads as null, not as a list
  if (!isSeq(seq)) seq = undefined;
  const remaining = seq ? seq.items.filter((i) => !ctx.ed.isRemoved(seq, i as YAMLMap)) : [];
  // an empty YAML list (`Secrets: []`) is appended to like any other; the editor writes it as a block list
  if (seq && isSeq(seq) && (remaining.length > 0 || (seq.items.length === 0 && !ctx.ed.t.json))) ctx.ed.appendItems(seq, items);
  else if (seq && isSeq(seq)) {
    ctx.ed.unremove(seq);
    const pair = pairOf(node, key);
    if (pair) ctx.ed.replaceNode(seq, items, pair);
  } else ctx.ed.appendEntries(node, [[key, items]]);
}
