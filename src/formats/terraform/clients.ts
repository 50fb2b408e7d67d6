import type { ClientFamily } from '../../clients/types.js';
import { unhandled } from '../../core/errors.js';
import { storeOf } from '../../secrets/index.js';
import { secretName } from '../../secrets/names.js';
import { brokersInValueHelp, ecsSink } from '../aws/ecs.js';
import { ECS_CONFIG_NEEDS, recordConfigInit, type EcsConfigInit } from '../aws/ecs-config.js';
import type { SecretValue } from '../../spec/types.js';
import { configureClient, type ClientSink } from '../../configure/stage.js';
import { secretVariableName } from '../../configure/secret-variables.js';
import type { Span } from '../../core/span.js';
import { configureNames } from '../../configure/naming.js';
import { planLabel, type PlanId } from '../../plan/types.js';
import type { ClientBinding } from '../../bindings/types.js';
import { planId, refMeaning, useSecret, type TfContext } from './context.js';
import { firstOfType, kid, kids, type Node } from './hcl.js';
import {
  attribute,
  attrValue,
  blockType,
  bodyOf,
  nestedBlocks,
  refsWithin,
  spanOf,
  stringValue,
  type TfEntity,
  type TfFile,
} from './parse.js';
import { hclString } from './variables.js';
import { hostRuns } from './hosts.js';
import { needsKafka, needsRead } from './grants.js';
import { clientNeed } from '../../naming/uses.js';

/** Where a family's file-reading secrets would appear; ECS and Lambda cannot mount them. */

export interface EnvEntry {
  name: string;
  /** The object (ECS `{ name, value }`) or object element (Lambda `KEY = value`). */
  node: Node;
  value?: Node;
}

/** One environment graft can extend: an ECS container's `environment`/`secrets`, or a Lambda function's `variables`. */
export interface EnvTarget {
  kind: 'ecs' | 'lambda' | 'k8s';
  entity: TfEntity;
  name: string;
  image?: string;
  entries: EnvEntry[];
  /** The tuple or object that holds the entries. */
  holder: Node;
  /** ECS: the container object, to add `secrets`. */
  container?: Node;
  secrets?: Node;
}

function unwrap(n: Node | undefined | null, type: string): Node | undefined {
  let cur: Node | undefined | null = n;
  while (cur && cur.type !== type && (cur.type === 'expression' || cur.type === 'collection_value')) cur = cur.namedChildren[0];
  return cur?.type === type ? cur : undefined;
}

function objectElems(obj: Node): { key: string; keyNode: Node; val: Node; el: Node }[] {
  return kids(obj)
    .filter((e) => e.type === 'object_elem')
    .map((el) => {
      const keyNode = el.childForFieldName('key')!;
      return { key: stringValue(keyNode) ?? keyNode.text, keyNode, val: el.childForFieldName('val')!, el };
    });
}

function ecsTargets(e: TfEntity): EnvTarget[] {
  const defs = attrValue(attribute(e.body, 'container_definitions'));
  if (!defs) return [];
  const call = firstOfType(defs, 'function_call');
  if (!call || kid(call, 'identifier')?.text !== 'jsonencode') return [];
  const list = unwrap(kid(kid(call, 'function_arguments')!, 'expression'), 'tuple');
  if (!list) return [];
  const out: EnvTarget[] = [];
  for (const item of kids(list).filter((n) => n.type === 'expression')) {
    const obj = unwrap(item, 'object');
    if (!obj) continue;
    const elems = objectElems(obj);
    const name = stringValue(elems.find((x) => x.key === 'name')?.val) ?? '';
    const image = stringValue(elems.find((x) => x.key === 'image')?.val);
    const envTuple = unwrap(elems.find((x) => x.key === 'environment')?.val, 'tuple');
    const secretsTuple = unwrap(elems.find((x) => x.key === 'secrets')?.val, 'tuple');
    if (!envTuple) continue;
    const entries: EnvEntry[] = [];
    for (const it of kids(envTuple).filter((n) => n.type === 'expression')) {
      const o = unwrap(it, 'object');
      if (!o) continue;
      const els = objectElems(o);
      const n = stringValue(els.find((x) => x.key === 'name')?.val);
      const value = els.find((x) => x.key === 'value')?.val;
      if (n) entries.push({ name: n, node: it, ...(value ? { value } : {}) });
    }
    out.push({
      kind: 'ecs',
      entity: e,
      name,
      ...(image ? { image } : {}),
      entries,
      holder: envTuple,
      container: obj,
      ...(secretsTuple ? { secrets: secretsTuple } : {}),
    });
  }
  return out;
}

function lambdaTargets(e: TfEntity): EnvTarget[] {
  const env = nestedBlocks(e.body, 'environment')[0];
  const vars = unwrap(attrValue(attribute(env ? bodyOf(env) : undefined, 'variables')), 'object');
  if (!vars) return [];
  const name = stringValue(attrValue(attribute(e.body, 'function_name'))) ?? e.name;
  const entries = objectElems(vars).map((x) => ({ name: x.key, node: x.el, value: x.val }));
  return [{ kind: 'lambda', entity: e, name, entries, holder: vars }];
}

// the registry's Lambda module creates the function from its arguments, its environment in `environment_variables`
const LAMBDA_MODULE = /^terraform-aws-modules\/lambda\/aws(\/\/.*)?$/;

function lambdaModuleTargets(e: TfEntity): EnvTarget[] {
  if (!LAMBDA_MODULE.test(stringValue(attrValue(attribute(e.body, 'source'))) ?? '')) return [];
  const vars = unwrap(attrValue(attribute(e.body, 'environment_variables')), 'object');
  if (!vars) return [];
  const entries = objectElems(vars).map((x) => ({ name: x.key, node: x.el, value: x.val }));
  return [{ kind: 'lambda', entity: e, name: e.name, entries, holder: vars }];
}

const K8S_WORKLOAD = /^kubernetes_(deployment|stateful_set|daemon_set|daemonset|job|cron_job|pod|replication_controller)(_v1)?$/;

function k8sTargets(e: TfEntity): EnvTarget[] {
  const out: EnvTarget[] = [];
  for (const b of e.node.descendantsOfType('block')) {
    if (!b || !['container', 'init_container'].includes(blockType(b))) continue;
    const body = bodyOf(b);
    const name = stringValue(attrValue(attribute(body, 'name'))) ?? '';
    const image = stringValue(attrValue(attribute(body, 'image')));
    const entries: EnvEntry[] = [];
    for (const env of nestedBlocks(body, 'env')) {
      const eb = bodyOf(env);
      const n = stringValue(attrValue(attribute(eb, 'name')));
      const value = attrValue(attribute(eb, 'value'));
      if (n) entries.push({ name: n, node: env, ...(value ? { value } : {}) });
    }
    if (body) out.push({ kind: 'k8s', entity: e, name, ...(image ? { image } : {}), entries, holder: body, container: b });
  }
  return out;
}

function indentAt(file: TfFile, offset: number): string {
  const text = file.source.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/**
 * The environments of an entity graft can configure: ECS containers, a Lambda function (a resource or the registry's
 * Lambda module), Kubernetes containers.
 */
export function envTargets(e: TfEntity): EnvTarget[] {
  if (e.kind === 'module') return lambdaModuleTargets(e);
  if (e.kind !== 'resource') return [];
  if (e.type === 'aws_ecs_task_definition') return ecsTargets(e);
  if (e.type === 'aws_lambda_function') return lambdaTargets(e);
  return K8S_WORKLOAD.test(e.type) ? k8sTargets(e) : [];
}

/** What a target is, as a plan id: the entity, and the container for ECS and Kubernetes. */
export function targetId(t: EnvTarget): PlanId {
  return planId(t.entity, t.kind !== 'lambda' ? { container: t.name } : {});
}

/** How the plan names a target. */
export function targetLabel(t: EnvTarget): string {
  return planLabel(targetId(t));
}

/** The names and nodes of an ECS container's `secrets` entries. */
function ecsSecretEntries(t: EnvTarget): EnvEntry[] {
  if (!t.secrets) return [];
  return kids(t.secrets)
    .filter((n) => n.type === 'expression')
    .flatMap((it) => {
      const o = unwrap(it, 'object');
      const name = o ? stringValue(objectElems(o).find((x) => x.key === 'name')?.val) : undefined;
      return name ? [{ name, node: it }] : [];
    });
}

/** What the configure stage asked of one target, applied as edits once it is done. */
interface TargetChanges {
  set: [string, string][];
  secretEnv: Map<string, SecretValue>;
  composite: [string, string][];
  files: Map<string, SecretValue>;
  stale: Set<string>;
  /** Text a family adds after the vendor's value of a variable that carries the brokers inside it. */
  extend: [string, string][];
  /** ECS: the init containers that rewrite a properties file of the image when the task starts. */
  inits: EcsConfigInit[];
}

/** A target's settings as the configure stage reads and writes them: ECS, Lambda or a Kubernetes-provider container. */
function targetSink(
  ctx: TfContext,
  t: EnvTarget,
  facts: ReadonlyMap<string, string>,
  ch: TargetChanges,
  embedded: ReadonlyMap<string, string> = new Map(),
): ClientSink {
  const file = t.entity.file;
  const bootstrap = ctx.spec.bootstrapServers.join(',');
  const literal = (name: string): string | undefined => facts.get(name);
  const setLiteral = (name: string, text: string): void => {
    // the brokers inside a larger value are rewired where they stand; what a family adds goes after the vendor's text
    const current = embedded.get(name);
    if (current !== undefined && text.startsWith(current)) {
      if (text !== current) ch.extend.push([name, text.slice(current.length)]);
      return;
    }
    ch.set.push([name, text === bootstrap ? ctx.vars.ref('bootstrap_servers') : hclString(text)]);
  };
  const remove = (name: string): Span | undefined => {
    ch.stale.add(name);
    const e = [...t.entries, ...ecsSecretEntries(t)].find((x) => x.name === name);
    return e ? spanOf(file, e.node) : undefined;
  };
  if (t.kind === 'ecs') {
    return ecsSink({
      name: t.name,
      ...(t.image ? { image: t.image } : {}),
      addConfigInit: (init) => {
        ch.inits.push(init);
        recordConfigInit(ctx.plan, { workload: targetLabel(t), init: init.name, ...(t.image ? { image: t.image } : {}), file: init.file });
      },
      names: () => [...t.entries, ...ecsSecretEntries(t)].map((e) => e.name),
      literal,
      setEnvironment: setLiteral,
      setSecret: (name, secret) => ch.secretEnv.set(name, secret),
      remove,
    });
  }
  const base = { settings: () => t.entries.map((e) => e.name), literal, remove };
  if (t.kind === 'lambda') {
    return {
      ...base,
      platform: 'Lambda',
      can: { secretFiles: false, secretEnv: false, composites: false, files: false, properties: false },
      set: (name, value) => {
        if (typeof value === 'string') setLiteral(name, value);
      },
    };
  }
  return {
    ...base,
    platform: 'Kubernetes',
    can: { secretFiles: true, secretEnv: true, composites: true, files: false, properties: false },
    secretFile: (secret) => {
      const name = secretName(secret);
      ch.files.set(name, secret);
      return { dir: K8S_SECRETS_DIR, name, path: `${K8S_SECRETS_DIR}/${name}` };
    },
    set: (name, value) => {
      if (typeof value === 'string') return setLiteral(name, value);
      const [only] = value.parts;
      if (value.parts.length === 1 && only && typeof only === 'object') {
        ch.secretEnv.set(name, only.secret);
        return;
      }
      // Kubernetes expands $(VAR) of variables declared before: each secret part becomes its own variable
      const text = value.parts
        .map((p) => {
          if (typeof p === 'string') return p.replace(/\$\(/g, '$$$$(');
          const helper = secretVariableName(p.secret);
          ch.secretEnv.set(helper, p.secret);
          return `$(${helper})`;
        })
        .join('');
      ch.composite.push([name, hclString(text)]);
    },
  };
}

/** Configures the security settings of ECS containers and Lambda functions that use the customer's Kafka. */
export function configureClients(ctx: TfContext): void {
  const locals = bootstrapLocals(ctx);
  for (const e of ctx.mod.entities.values()) {
    if (ctx.dropped.has(e.address) || (e.kind !== 'resource' && e.kind !== 'module')) continue;
    const targets = envTargets(e);
    for (const t of targets) configureTarget(ctx, t, locals);
  }
}

/** Locals whose value is (built from) the dropped cluster's bootstrap list, followed through other locals. */
function bootstrapLocals(ctx: TfContext): Set<string> {
  const out = new Set<string>(ctx.bootstrapVars);
  for (let grew = true; grew;) {
    grew = false;
    for (const e of ctx.mod.entities.values()) {
      if (e.kind !== 'local' || out.has(e.address) || ctx.dropped.has(e.address)) continue;
      if (bootstrapRef(ctx, e.file, e.node, out)) {
        out.add(e.address);
        grew = true;
      }
    }
  }
  return out;
}

function bootstrapRef(ctx: TfContext, file: TfFile, node: Node, locals: ReadonlySet<string>): string | undefined {
  for (const lit of node.descendantsOfType('template_literal')) {
    const run = lit ? hostRuns(ctx.hosts, lit)[0] : undefined;
    if (run) return run.text;
  }
  for (const r of refsWithin(ctx.mod, file, node.startIndex, node.endIndex)) {
    if (locals.has(r.target)) return file.source.text.slice(r.start, r.end);
    if (ctx.dropped.has(r.target) && refMeaning(ctx, r) === 'bootstrap') return file.source.text.slice(r.start, r.end);
  }
  return undefined;
}

function configureTarget(ctx: TfContext, t: EnvTarget, locals: ReadonlySet<string>): void {
  const file = t.entity.file;
  const matched: string[] = [];
  const facts = new Map<string, string>();
  const bootstrap = ctx.spec.bootstrapServers.join(',');
  // variables that carry the brokers inside a larger value (`-Dkafka.broker=${...}`), rewired where they stand
  const embedded = new Map<string, string>();
  for (const en of t.entries) {
    const ref = en.value ? bootstrapRef(ctx, file, en.value, locals) : undefined;
    if (ref) matched.push(`${en.name} = ${ref}`);
    const inner = ref && en.value ? brokersInTemplate(en.value, ref, bootstrap) : undefined;
    if (inner !== undefined) embedded.set(en.name, inner);
    facts.set(en.name, inner ?? (ref ? bootstrap : (stringValue(en.value) ?? '')));
  }
  const binding = ctx.bindings?.clients.get(t.name);
  // a client graft.yaml declares reading a properties file is configured even when no value names the Kafka (the
  // file is inside its image, where graft cannot reach it: the configure stage says so)
  if (matched.length === 0 && !binding?.configFile) return;
  const label = targetLabel(t);
  const id = targetId(t);
  const at = t.kind !== 'lambda' ? t.container! : t.holder;
  const ch: TargetChanges = { set: [], secretEnv: new Map(), composite: [], files: new Map(), stale: new Set(), extend: [], inits: [] };
  const out = configureClient(
    ctx.spec,
    {
      name: t.name,
      subject: label,
      planId: id,
      removedFrom: label,
      ...(t.image ? { image: t.image } : {}),
      env: facts,
      matched,
      ...(binding ? { binding } : {}),
      declare: `kafka.clients.${t.name}: { family: ..., env: ... }`,
      at: spanOf(file, at),
    },
    targetSink(ctx, t, facts, ch, embedded),
  );
  const [carrier] = embedded;
  for (const d of out.diagnostics)
    if (d.code === 'CLIENT_UNKNOWN_FAMILY' && carrier)
      d.help = brokersInValueHelp(ctx.spec, t.name, carrier[0], carrier[1], t.kind === 'lambda' ? 'the function' : 'the container');
  ctx.diagnostics.push(...out.diagnostics);
  ctx.plan.removed.push(...out.removed);
  const item = out.item ?? {
    service: label,
    id,
    family: out.family?.family ?? 'bootstrap-only',
    matched,
    changed: [] as string[],
    notes: [] as string[],
    at: spanOf(file, at),
  };
  ctx.plan.rewired.push(item);
  const renamed = applyNaming(ctx, t, out.family, binding, id);
  if (out.item && out.family) applyChanges(ctx, t, ch, item);
  if (t.kind === 'ecs' && out.item) {
    // the values the container is given: the customer's names where naming renamed them
    const given = new Map([...facts, ...renamed]);
    for (const [k, v] of ch.set) given.set(k, v);
    needsKafka(ctx, t.entity, clientNeed(ctx.spec, given, out.family, binding));
  }
}

/**
 * A string template that names the brokers inside larger text (`"-Dkafka.broker=${ref} -Xmx512m"`): its text with the
 * customer's brokers in their place. Undefined for a value that is the reference alone.
 */
function brokersInTemplate(value: Node, ref: string, bootstrap: string): string | undefined {
  const text = value.text.trim();
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return undefined;
  const inner = text.slice(1, -1);
  const at = `\${${ref}}`;
  if (inner === at || !inner.includes(at)) return undefined;
  return inner.split(at).join(bootstrap);
}

/** The Terraform sink of the customer's naming: a target's literal name variables, edited where they stand. */
function applyNaming(
  ctx: TfContext,
  t: EnvTarget,
  family: ClientFamily | undefined,
  binding: ClientBinding | undefined,
  id: PlanId,
): Map<string, string> {
  const file = t.entity.file;
  const renamed = new Map<string, string>();
  const entries = new Map(t.entries.map((en) => [en.name, en]));
  const out = configureNames(
    ctx.spec,
    {
      subject: planLabel(id),
      id,
      ...(family ? { family } : {}),
      ...(binding ? { binding } : {}),
      at: spanOf(file, t.kind !== 'lambda' ? t.container! : t.holder),
    },
    {
      keys: () => entries.keys(),
      sites: (name) => {
        const en = entries.get(name);
        const value = en ? stringValue(en.value) : undefined;
        const lit = en?.value ? firstOfType(en.value, 'template_literal') : undefined;
        if (!en || value === undefined || !lit) return [];
        return [
          {
            setting: name,
            value,
            at: spanOf(file, en.node),
            replace: (next) => {
              renamed.set(name, next);
              ctx.ed.replace(file, lit.startIndex, lit.endIndex, next);
            },
          },
        ];
      },
    },
  );
  ctx.diagnostics.push(...out.diagnostics);
  ctx.plan.renames.push(...out.renames);
  return renamed;
}

/** Edits a target as the configure stage decided: stale entries out, settings in, secrets by reference. */
function applyChanges(ctx: TfContext, t: EnvTarget, ch: TargetChanges, item: { changed: string[] }): void {
  const file = t.entity.file;
  const label = targetLabel(t);
  // the origin's stale settings, and an ECS secret graft now sets in the environment or from the customer's secret
  const secrets = ecsSecretEntries(t);
  const setNames = new Set(ch.set.map(([k]) => k));
  for (const en of [...t.entries, ...secrets]) {
    const isSecret = secrets.includes(en);
    if (!ch.stale.has(en.name) && !(isSecret && (setNames.has(en.name) || ch.secretEnv.has(en.name)))) continue;
    if (t.kind === 'ecs') ctx.ed.removeTupleElement(file, en.node);
    else ctx.ed.removeLines(file, en.node);
    item.changed.push(`-${isSecret ? 'secrets ' : ''}${en.name}`);
  }
  for (const [name, suffix] of ch.extend) {
    const e = t.entries.find((x) => x.name === name);
    if (!e?.value || ch.stale.has(name)) continue;
    const end = e.value.startIndex + e.value.text.trimEnd().length - 1;
    ctx.ed.replace(file, end, end, hclString(suffix).slice(1, -1));
    item.changed.push(name);
  }
  // a variable that now comes from a secret, or is rebuilt from secret helpers, loses its origin value
  const rebuilt = new Set([...ch.secretEnv.keys(), ...ch.composite.map(([k]) => k)]);
  const replaced = t.entries.filter((e) => rebuilt.has(e.name) && !ch.stale.has(e.name));
  for (const e of replaced) {
    if (t.kind === 'ecs') ctx.ed.removeTupleElement(file, e.node);
    else ctx.ed.removeLines(file, e.node);
  }
  // what graft adds goes after the entries that stay
  t = { ...t, entries: t.entries.filter((e) => !ch.stale.has(e.name) && !replaced.includes(e)) };
  if (ch.set.length) {
    appendEnv(ctx, t, ch.set);
    item.changed.push(...ch.set.map(([k]) => k));
  }
  if (t.kind === 'k8s') {
    k8sSecrets(ctx, t, ch.secretEnv, ch.composite, label, item);
    if (ch.files.size) k8sSecretVolume(ctx, t, ch.files, label, item);
    return;
  }
  if (t.kind !== 'ecs') return;
  configInits(ctx, t, ch.inits, item);
  if (ch.secretEnv.size === 0) return;
  const entries = ecsSecrets(ctx, t, ch.secretEnv);
  if (entries.length) {
    appendSecrets(ctx, t, entries);
    item.changed.push(...entries.map(([k]) => `secrets ${k}`));
  }
}

/** The `secrets` entries (name, valueFrom) of a container of an ECS task `t`; the task's execution role is to read them. */
function ecsSecrets(ctx: TfContext, t: EnvTarget, secrets: ReadonlyMap<string, SecretValue>): [string, string][] {
  const entries: [string, string][] = [];
  for (const [name, secret] of secrets) {
    const from = ctx.vars.valueFrom(secret);
    if (!from) {
      ctx.report(
        'TF_SECRET_STORE_UNSUPPORTED',
        'error',
        t.entity.file,
        t.container!,
        `${targetLabel(t)} needs ${secret.path}, which lives outside AWS (${secret.secretRef.store}); ECS reads secrets from Secrets Manager or SSM`,
        `give ${secret.path} in the spec as an awsSecretsManager or awsSsm reference`,
      );
      continue;
    }
    entries.push([name, from]);
    useSecret(ctx, secret, targetId(t));
  }
  needsRead(
    ctx,
    t.entity,
    t.entity.address,
    'ecs',
    [...secrets.values()].filter((s) => ctx.vars.secretVar(s) !== undefined),
  );
  return entries;
}

/**
 * The init containers that rewrite the container's properties files when the task starts: each a non-essential
 * container of the app's image in the same `container_definitions`, with its task volume (a `volume` block without a
 * host path) and the secrets only it receives; the app container waits for it to succeed and mounts the volume at the
 * file's directory.
 */
function configInits(ctx: TfContext, t: EnvTarget, inits: readonly EcsConfigInit[], item: { changed: string[] }): void {
  const file = t.entity.file;
  const obj = t.container;
  let tuple: Node | null | undefined = obj?.parent;
  while (tuple && tuple.type !== 'tuple') tuple = tuple.parent;
  if (!obj || !tuple || inits.length === 0) return;
  // every container of the task, an init container graft added on an earlier compile included (it has no environment)
  const taken = new Set(
    kids(tuple)
      .filter((n) => n.type === 'expression')
      .map((n) => {
        const o = unwrap(n, 'object');
        return o ? stringValue(objectElems(o).find((x) => x.key === 'name')?.val) : undefined;
      }),
  );
  const image = objectElems(obj)
    .find((x) => x.key === 'image')
    ?.val.text.trim();
  const ind = indentAt(file, obj.startIndex);
  const inner = `${ind}  `;
  const added: string[] = [];
  const depends: string[] = [];
  const mounts: string[] = [];
  const volumes: string[] = [];
  for (const init of inits) {
    // compiled once already: the task rewrites its file
    if (taken.has(init.name) || !image) continue;
    const secrets = ecsSecrets(ctx, t, init.secrets);
    const lines = [
      `name        = ${hclString(init.name)}`,
      `image       = ${image}`,
      'essential   = false',
      `user        = "${ECS_CONFIG_NEEDS.user}"`,
      'entryPoint  = ["sh", "-c"]',
      `command     = [${hclString(init.script)}]`,
      `mountPoints = [{ sourceVolume = ${hclString(init.name)}, containerPath = ${hclString(init.at)} }]`,
      ...(secrets.length > 0 ? ['secrets = [', ...secrets.map(([k, v]) => `  { name = ${hclString(k)}, valueFrom = ${v} },`), ']'] : []),
    ];
    added.push(`{\n${lines.map((l) => `${inner}${l}`).join('\n')}\n${ind}}`);
    depends.push(`{ containerName = ${hclString(init.name)}, condition = "SUCCESS" }`);
    mounts.push(`{ sourceVolume = ${hclString(init.name)}, containerPath = ${hclString(init.dir)}, readOnly = true }`);
    volumes.push(init.name);
    item.changed.push(`+container ${init.name}`);
  }
  if (added.length === 0) return;
  const elems = objectElems(obj);
  for (const [key, items] of [
    ['dependsOn', depends],
    ['mountPoints', mounts],
  ] as const) {
    const list = unwrap(elems.find((x) => x.key === key)?.val, 'tuple');
    if (list) insertItems(ctx, file, list, items, true);
    // terraform fmt lines up the `=` of the two new single-line attributes
    else insertItems(ctx, file, obj, [`${key.padEnd('mountPoints'.length)} = [${items.join(', ')}]`], false);
  }
  insertItems(ctx, file, tuple, added, true);
  // a `volume` block per init container, at the end of the task definition
  const body = t.entity.node;
  const close = body.endIndex - 1;
  const lineStart = file.source.text.lastIndexOf('\n', close - 1) + 1;
  const blockInd = `${indentAt(file, body.startIndex)}  `;
  ctx.ed.insert(file, lineStart, volumes.map((v) => `\n${blockInd}volume {\n${blockInd}  name = ${hclString(v)}\n${blockInd}}\n`).join(''));
}

/** The Kubernetes Secret a container reads a customer secret from; other stores are an error naming the container. */
function kubernetesRef(
  ctx: TfContext,
  t: EnvTarget,
  label: string,
  secret: SecretValue,
  why: string,
): { name: string; key: string } | undefined {
  const r = secret.secretRef;
  const k = storeOf(r).kubernetes(r);
  switch (k?.kind) {
    case 'secret':
      return k;
    case 'sync': // graft writes no ExternalSecret for the Kubernetes provider: only a Secret of the cluster will do
    case undefined:
      break;
    default:
      return unhandled(k, 'Kubernetes secret source');
  }
  ctx.report(
    'TF_SECRET_STORE_UNSUPPORTED',
    'error',
    t.entity.file,
    t.container!,
    `${label} needs ${secret.path}, which is not a Kubernetes Secret (${r.store}); ${why}`,
    `give ${secret.path} in the spec as a kubernetes reference (sync it from its store, e.g. with External Secrets), then compile again`,
  );
  return undefined;
}

function k8sSecrets(
  ctx: TfContext,
  t: EnvTarget,
  secretEnv: Map<string, SecretValue>,
  composite: [string, string][],
  label: string,
  item: { changed: string[] },
): void {
  const blocks: string[] = [];
  for (const [name, secret] of secretEnv) {
    const r = kubernetesRef(ctx, t, label, secret, 'containers read secrets through secret_key_ref');
    if (!r) continue;
    blocks.push(
      [
        'env {',
        `  name = ${hclString(name)}`,
        '  value_from {',
        '    secret_key_ref {',
        `      name = ${hclString(r.name)}`,
        `      key  = ${hclString(r.key)}`,
        '    }',
        '  }',
        '}',
      ].join('\n'),
    );
    useSecret(ctx, secret, targetId(t));
    item.changed.push(name);
  }
  for (const [k, v] of composite) {
    blocks.push(['env {', `  name  = ${hclString(k)}`, `  value = ${v}`, '}'].join('\n'));
    item.changed.push(k);
  }
  if (blocks.length) insertBlocks(ctx, t, blocks);
}

const K8S_SECRETS_DIR = '/etc/graft/secrets';
const K8S_VOLUME = 'graft-secrets';

/** Mounts the customer secrets a container reads as files: a projected volume in the pod spec, a mount in the container. */
function k8sSecretVolume(ctx: TfContext, t: EnvTarget, files: Map<string, SecretValue>, label: string, item: { changed: string[] }): void {
  const file = t.entity.file;
  const sources: string[] = [];
  for (const [name, secret] of files) {
    const r = kubernetesRef(ctx, t, label, secret, 'it is needed as a file');
    if (!r) continue;
    sources.push(
      [
        'sources {',
        '  secret {',
        `    name = ${hclString(r.name)}`,
        '    items {',
        `      key  = ${hclString(r.key)}`,
        `      path = ${hclString(name)}`,
        '    }',
        '  }',
        '}',
      ].join('\n'),
    );
    useSecret(ctx, secret, targetId(t));
  }
  if (!sources.length) return;
  const containerBody = t.holder;
  const cind = indentAt(file, t.container!.startIndex) + '  ';
  const mount = ['volume_mount {', `  name       = "${K8S_VOLUME}"`, `  mount_path = "${K8S_SECRETS_DIR}"`, '  read_only  = true', '}'];
  const lastItem = kids(containerBody)
    .reverse()
    .find((n) => !ctx.ed.isRemoved(file, n.startIndex));
  const mountText = '\n' + mount.map((l) => cind + l).join('\n');
  if (lastItem) ctx.ed.insert(file, lastItem.endIndex, mountText);
  const podSpec = t.container!.parent?.parent;
  if (!podSpec || podSpec.type !== 'block') return;
  const pind = indentAt(file, t.container!.startIndex);
  const volume = [
    'volume {',
    `  name = "${K8S_VOLUME}"`,
    '  projected {',
    ...sources.flatMap((src) => src.split('\n').map((l) => '    ' + l)),
    '  }',
    '}',
  ];
  const podBody = bodyOf(podSpec);
  const last = podBody?.lastNamedChild;
  if (last) ctx.ed.insert(file, last.endIndex, '\n' + volume.map((l) => pind + l).join('\n'));
  item.changed.push(`volume ${K8S_VOLUME} (${[...files.keys()].join(', ')})`);
}

/** Appends blocks after the last `env` block of a container (or at the end of its body), indented like it. */
function insertBlocks(ctx: TfContext, t: EnvTarget, blocks: string[]): void {
  const file = t.entity.file;
  const last = t.entries[t.entries.length - 1]?.node;
  const ind = last ? indentAt(file, last.startIndex) : indentAt(file, t.container!.startIndex) + '  ';
  const at = last ? last.endIndex : t.holder.endIndex;
  const text = blocks
    .map(
      (b) =>
        '\n' +
        b
          .split('\n')
          .map((l) => ind + l)
          .join('\n'),
    )
    .join('');
  ctx.ed.insert(file, at, last ? text : text + '\n');
}

function appendEnv(ctx: TfContext, t: EnvTarget, set: [string, string][]): void {
  const file = t.entity.file;
  const existing = new Map(t.entries.map((e) => [e.name, e]));
  const fresh: [string, string][] = [];
  for (const [k, v] of set) {
    const e = existing.get(k);
    if (e?.value) ctx.ed.replace(file, e.value.startIndex, e.value.endIndex, v);
    else fresh.push([k, v]);
  }
  if (!fresh.length) return;
  if (t.kind === 'k8s') {
    insertBlocks(
      ctx,
      t,
      fresh.map(([k, v]) => ['env {', `  name  = ${hclString(k)}`, `  value = ${v}`, '}'].join('\n')),
    );
    return;
  }
  // keys of an object line up at one `=` column, as terraform fmt has them
  const eq =
    t.kind === 'lambda'
      ? alignEquals(
          ctx,
          file,
          t.entries,
          fresh.map(([k]) => k),
        )
      : 0;
  const render = (k: string, v: string): string =>
    t.kind === 'ecs' ? `{ name = ${hclString(k)}, value = ${v} }` : `${k.padEnd(eq - 1)} = ${v}`;
  insertItems(
    ctx,
    file,
    t.holder,
    fresh.map(([k, v]) => render(k, v)),
    t.kind === 'ecs',
  );
}

/** The `=` column for an object's keys after adding some; existing keys are realigned when a new one is longer. */
function alignEquals(ctx: TfContext, file: TfFile, entries: EnvEntry[], added: string[]): number {
  const text = file.source.text;
  const keyLen = (e: EnvEntry): number => (e.node.childForFieldName('key') ?? e.node).text.length;
  const current = Math.max(0, ...entries.map((e) => text.indexOf('=', e.node.startIndex) - e.node.startIndex));
  const col = Math.max(current, ...entries.map((e) => keyLen(e) + 1), ...added.map((k) => k.length + 1));
  if (col > current) {
    for (const e of entries) {
      const keyEnd = e.node.startIndex + keyLen(e);
      const eqAt = text.indexOf('=', keyEnd);
      if (eqAt < 0 || text.slice(keyEnd, eqAt).trim() !== '') continue;
      ctx.ed.replace(file, keyEnd, eqAt, ' '.repeat(col - keyLen(e)));
    }
  }
  return col;
}

function appendSecrets(ctx: TfContext, t: EnvTarget, entries: [string, string][]): void {
  const file = t.entity.file;
  const render = ([k, v]: [string, string]): string => `{ name = ${hclString(k)}, valueFrom = ${v} }`;
  if (t.secrets) {
    insertItems(ctx, file, t.secrets, entries.map(render), true);
    return;
  }
  // a new `secrets` list after `environment`, in the container object's style
  const env = objectElems(t.container!).find((x) => x.key === 'environment')!;
  const ind = indentAt(file, env.el.startIndex);
  const inner = ind + '  ';
  const text = `\n${ind}secrets = [\n${entries.map((e) => `${inner}${render(e)},`).join('\n')}\n${ind}]`;
  const after = file.source.text.slice(env.el.endIndex);
  const comma = /^\s*,/.exec(after);
  ctx.ed.insert(file, env.el.endIndex + (comma ? comma[0].length : 0), comma ? text + ',' : text);
}

/** Appends items to a tuple or object, on lines of their own when the existing items are, else inline. */
function insertItems(ctx: TfContext, file: TfFile, holder: Node, items: string[], tuple: boolean): void {
  const text = file.source.text;
  const inner = kids(holder).filter(
    (n) => (tuple ? n.type === 'expression' : n.type === 'object_elem') && !ctx.ed.isRemoved(file, n.startIndex),
  );
  const last = inner[inner.length - 1];
  const closer = holder.lastChild!;
  const multiline = text.slice(holder.startIndex, holder.endIndex).includes('\n');
  if (multiline) {
    const ind = last ? indentAt(file, last.startIndex) : indentAt(file, holder.startIndex) + '  ';
    const sep = tuple ? ',' : '';
    let at = last ? last.endIndex : closer.startIndex;
    let prefix = '';
    if (last) {
      const comma = /^[ \t]*,/.exec(text.slice(at));
      if (comma) at += comma[0].length;
      else if (tuple) prefix = ',';
    }
    const trailing = last ? /^[ \t]*,/.test(text.slice(last.endIndex)) || !tuple : true;
    const closerLine = text.lastIndexOf('\n', closer.startIndex - 1) + 1;
    if (!last && text.slice(closerLine, closer.startIndex).trim() === '') {
      // nothing stays in it: the items go on lines of their own above the closing bracket
      ctx.ed.insert(file, closerLine, items.map((it) => `${ind}${it}${sep}\n`).join(''));
      return;
    }
    const body = items.map((it, i) => `\n${ind}${it}${i < items.length - 1 || trailing ? sep : ''}`).join('');
    ctx.ed.insert(file, at, prefix + body);
  } else {
    const at = closer.startIndex;
    const before = text.slice(holder.startIndex, at).trimEnd();
    const needComma = tuple && last !== undefined && !before.endsWith(',');
    const space = /\s$/.test(text.slice(0, at)) ? '' : ' ';
    ctx.ed.insert(file, at, `${needComma ? ', ' : last ? '' : ' '}${items.join(tuple ? ', ' : ' ')}${space}`);
  }
}
