import { dirname, join, relative, resolve } from 'node:path';
import { workloadAccountsOf } from './workload-identity.js';
import { taskRolesOf } from './grants.js';
import { configInitsOf } from '../aws/ecs-config.js';
import { sourceRolesOf } from './source-roles.js';
import type { Bindings } from '../../bindings/types.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { SourceFile } from '../../core/span.js';
import { emptyPlan, secretUsers, type Plan } from '../../plan/types.js';
import type { CustomerKafka } from '../../spec/types.js';
import { describeSecretRef } from '../../secrets/names.js';
import type { Rewritten, StackFacts, StageInput, StageResult, VerifyInput } from '../types.js';
import { k8sHostSuffix } from '../../core/endpoints.js';
import { isSupport, kafkaRole, outputMeaning, TOPIC_RESOURCES } from './analyze.js';
import { finishConsumers, rewireConsumers, weakRanges } from './consumers.js';
import { TfEditor } from './editor.js';
import type { Node, Tree } from './hcl.js';
import { renderGraftFile, renderTfvars } from './generated.js';
import {
  attribute,
  attrValue,
  bodyItems,
  bodyOf,
  nestedBlocks,
  parseModule,
  refsWithin,
  rootDirOf,
  spanOf,
  stringValue,
  type TfEntity,
  type TfFile,
  type TfModule,
  type TfRef,
  type TfvarsFile,
} from './parse.js';
import { topicsOfEntity, type TfTopic } from './topics.js';
import { TfVariables } from './variables.js';
import { bindClusters } from './clusters.js';
import { dropBrokerListVariables } from './broker-variables.js';
import { dropClusterApiKeys, keepConnectorVariables } from './confluent.js';
import { droppedHosts, hostRuns, rewireHosts } from './hosts.js';
import { refuseManifestKafka } from './manifests.js';
import { mapRef, planId, refMeaning, type TfContext } from './context.js';
import { terraformFacts } from './facts.js';
import { credentialGap, dropCredentialSecrets, isCredentialOutput } from './credentials.js';
import { emptyFacts } from '../facts.js';
import { isJsonTfvars, parseTfvars, pruneTfvars } from './tfvars.js';

// managed Kafka services of providers graft has no replacement for: a module declaring one is refused, never compiled
// as if it ran no Kafka
const UNREPLACED_KAFKA_SERVICES: Record<string, string | undefined> = {
  aiven_kafka: 'Aiven for Apache Kafka',
  google_managed_kafka_cluster: "Google Cloud's Managed Service for Apache Kafka",
  upstash_kafka_cluster: 'an Upstash Kafka cluster',
};

/** Terraform files graft writes into the root module. */
export const GRAFT_FILE = 'graft_kafka.tf';
export const TFVARS_FILE = 'graft_kafka.auto.tfvars';

/** parse: the root module's files; a local child module is parsed when the rewrite reaches a call of it. */
export interface TfParsed {
  rootDir: string;
  /** The `.tf` files of each module folder of the stack. */
  byDir: Map<string, SourceFile[]>;
  /** Terraform JSON files at the root, which graft reads but does not rewrite. */
  json: SourceFile[];
  root: TfModule;
  /** The root module's variable definitions files (`terraform.tfvars`, `*.auto.tfvars`, their `.json` twins, `-var-file` files). */
  tfvars: TfvarsFile[];
}

/** analyze: the root module's Kafka, what it drops, and the accumulators the rewrite goes on filling. */
export interface TfAnalysis {
  root: TfModuleAnalysis;
  plan: Plan;
  ed: TfEditor;
  /** Every diagnostic of the compile so far, in order (the rewrite appends to it). */
  diagnostics: Diagnostic[];
}

/** One module analyzed: its context and the topics its dropped resources declared. */
interface TfModuleAnalysis {
  ctx: TfContext;
  topics: TfTopic[];
}

/** Parses a Terraform root module's files. */
export function parseTerraform(sources: SourceFile[]): StageResult<TfParsed> {
  const diagnostics: Diagnostic[] = [];
  const rootDir = rootDirOf(sources);
  const byDir = new Map<string, SourceFile[]>();
  for (const s of sources) {
    const dir = resolve(dirname(s.path));
    if (s.path.endsWith('.tf')) byDir.set(dir, [...(byDir.get(dir) ?? []), s]);
  }
  const json = sources.filter((s) => s.path.endsWith('.tf.json') && resolve(dirname(s.path)) === rootDir);
  const root = parseModule(byDir.get(rootDir) ?? [], diagnostics);
  // graft's own values file is written anew on every compile
  const tfvars = parseTfvars(
    sources.filter(
      (s) =>
        (s.path.endsWith('.tfvars') || isJsonTfvars(s.path)) && resolve(dirname(s.path)) === rootDir && !s.path.endsWith('/' + TFVARS_FILE),
    ),
    diagnostics,
  );
  return { value: { rootDir, byDir, json, root, tfvars }, diagnostics };
}

/** Analyzes the root module: its clusters, topics and what graft drops. */
export function analyzeTerraform(parsed: TfParsed, input: StageInput): StageResult<TfAnalysis> {
  const diagnostics: Diagnostic[] = [];
  const plan = emptyPlan('terraform');
  const ed = new TfEditor();
  const root = analyzeModule(parsed.root, parsed.byDir.get(parsed.rootDir) ?? [], {
    spec: input.spec,
    bindings: input.bindings,
    ed,
    diagnostics,
    plan,
    bootstrapVars: new Set(),
    root: true,
    tfvars: parsed.tfvars,
  });
  return { value: { root, plan, ed, diagnostics }, diagnostics: [...diagnostics] };
}

/** Rewrites the root module, then every local child module it passes the bootstrap list to; writes the graft variables. */
/** What the rewrite keeps for facts and verify: the root module's context, and the syntax trees of the modules it rewrote. */
export interface TfRewriteState {
  root: TfContext;
  trees: Map<string, Tree>;
}

export function rewriteTerraform(analysis: TfAnalysis, parsed: TfParsed, input: StageInput): Rewritten<TfRewriteState> {
  const { spec, bindings } = input;
  const { plan, ed, diagnostics } = analysis;
  const before = diagnostics.length;
  const { rootDir, byDir } = parsed;
  const root = analysis.root.ctx;
  const newFiles = new Map<string, string>();
  const none = (): Rewritten<TfRewriteState> => ({
    edits: new Map(),
    plan,
    diagnostics: diagnostics.slice(before),
    newFiles,
    state: { root, trees: new Map() },
  });
  rewriteModule(analysis.root, { spec, bindings, ed, diagnostics, plan, bootstrapVars: new Set(), root: true });
  pruneTfvars(root);
  const droppedVars = [...root.dropped.keys()].filter((a) => root.mod.entities.get(a)?.kind === 'variable');
  if (droppedVars.length > 0)
    plan.notes.push(
      `${droppedVars.length === 1 ? `${droppedVars[0]} is` : `${droppedVars.length} root variables are`} no longer declared: a value set for ${droppedVars.length === 1 ? 'it' : 'them'} outside this folder (a -var flag, a TF_VAR_ variable, a variable file in CI) must go too — Terraform refuses a -var for an undeclared variable`,
    );
  refuseJson(root, parsed.json);
  // local child modules in the stack that receive the bootstrap list: their clients are configured too
  const queue = [root];
  const compiled = [root];
  const seen = new Set<string>([rootDir]);
  while (queue.length) {
    const parent = queue.shift()!;
    for (const call of childCalls(parent)) {
      if (seen.has(call.dir) || !byDir.has(call.dir)) continue;
      seen.add(call.dir);
      const child = compileModule(byDir.get(call.dir)!, {
        spec,
        bindings,
        ed,
        diagnostics,
        plan,
        bootstrapVars: call.bootstrapVars,
        root: false,
      });
      if (!child) return none();
      queue.push(child);
      compiled.push(child);
      const used = child.vars.list().filter((v) => child.vars.used.has(v.name));
      if (used.length === 0) continue;
      newFiles.set(
        relative(rootDir, join(call.dir, GRAFT_FILE)),
        renderGraftFile(child.vars, spec, { only: child.vars.used, dataSources: false }),
      );
      passVariables(
        parent,
        call.entity,
        used.map((v) => v.name),
      );
      plan.notes.push(
        `${call.entity.address} passes the customer's settings on to ${relative(rootDir, call.dir)} (${used.map((v) => v.name).join(', ')})`,
      );
    }
  }
  for (const [address] of root.dropped) {
    const e = root.mod.entities.get(address);
    const src = e?.kind === 'module' ? (stringValue(attrValue(attribute(e.body, 'source'))) ?? '') : '';
    const dir = src.startsWith('.') ? resolve(rootDir, src) : '';
    if (byDir.has(dir))
      plan.notes.push(`${relative(rootDir, dir)}/ is no longer called (${address} was dropped); delete it with the module call`);
  }
  plan.dropped.sort((a, b) => (a.at.file < b.at.file ? -1 : a.at.file > b.at.file ? 1 : a.at.start - b.at.start));
  plan.rewired.sort((a, b) => (a.at.file < b.at.file ? -1 : a.at.file > b.at.file ? 1 : a.at.start - b.at.start));
  plan.topicsToCreate.sort();
  plan.secrets.sort((a, b) => (a.specPath < b.specPath ? -1 : a.specPath > b.specPath ? 1 : a.name < b.name ? -1 : 1));
  if (diagnostics.some((d) => d.severity === 'error')) return none();
  // a module compiled before keeps its graft files current; one without Kafka gets none
  if (root.dropped.size > 0 || root.mod.files.some((f) => f.source.path.endsWith('/' + GRAFT_FILE))) {
    newFiles.set(GRAFT_FILE, renderGraftFile(root.vars, spec));
    newFiles.set(TFVARS_FILE, renderTfvars(root.vars));
    plan.notes.push(
      `${GRAFT_FILE} declares the customer's Kafka as variables; ${TFVARS_FILE} fills the non-secret ones — secret ARNs are references, never values`,
    );
  }
  return { edits: ed.result(), plan, diagnostics: diagnostics.slice(before), newFiles, state: { root, trees: treesOf(compiled) } };
}

/** The syntax tree of every file of the modules graft rewrote, by path, for the verifier's incremental parse. */
function treesOf(modules: readonly TfContext[]): Map<string, Tree> {
  return new Map(modules.flatMap((m) => [...m.mod.files, ...m.tfvars].flatMap((f) => (f.tree ? [[f.source.path, f.tree] as const] : []))));
}

/** facts: what the handoff needs from the root module. */
export function terraformStackFacts(rewritten: Rewritten<TfRewriteState>): StackFacts {
  const facts = terraformFacts(rewritten.state.root.mod, rewritten.plan, emptyFacts());
  const accounts = workloadAccountsOf(rewritten.state.root);
  const roles = taskRolesOf(rewritten.state.root);
  const sources = sourceRolesOf(rewritten.state.root);
  const inits = configInitsOf(rewritten.plan);
  return {
    ...facts,
    ...(accounts.length ? { workloadAccounts: accounts } : {}),
    ...(roles.length ? { taskRoles: roles } : {}),
    ...(sources.length ? { sourceRoles: sources } : {}),
    ...(inits.length ? { ecsConfigInits: inits } : {}),
  };
}

/** verify: the host names of the dropped in-cluster Kafka, in every DNS form, and the origin's syntax trees. */
export function terraformLeftovers(rewritten: Rewritten<TfRewriteState>): VerifyInput {
  return {
    leftovers: { hosts: [...rewritten.state.root.hosts].sort(), hostSuffix: k8sHostSuffix(rewritten.state.root.hosts) },
    trees: rewritten.state.trees,
  };
}

const KAFKA_IN_JSON =
  /"(aws_msk_[a-z_]+|confluent_kafka_[a-z_]+|kafka_topic|kafka_acl|redpanda_[a-z_]+)"|bootstrap_brokers|zookeeper_connect_string/;

/** Terraform JSON is read, not rewritten: one that declares or uses the dropped Kafka stops the compile. */
function refuseJson(root: TfContext, files: SourceFile[]): void {
  const dropped = [...root.dropped.keys()];
  for (const f of files) {
    const uses = dropped.find((a) => f.text.includes(a));
    const kafka = KAFKA_IN_JSON.exec(f.text);
    if (!kafka && !uses) continue;
    const what = uses ?? kafka![0];
    const at = uses ? f.text.indexOf(uses) : kafka!.index;
    root.diagnostics.push({
      code: 'TF_JSON_UNSUPPORTED',
      severity: 'error',
      message: `${f.path.split('/').pop()} is Terraform JSON that ${uses ? `refers to ${uses}, which graft drops` : `declares or reads Kafka (${what})`}; graft rewrites .tf files only`,
      help: 'convert this file to .tf syntax (the same blocks in HCL), then compile again',
      subject: { file: f.path, start: at, end: at + what.length },
    });
  }
}

interface ModuleInput {
  spec: CustomerKafka;
  bindings: Bindings | undefined;
  ed: TfEditor;
  diagnostics: Diagnostic[];
  plan: Plan;
  /** `var.x` addresses that carry the customer's bootstrap list into a child module. */
  bootstrapVars: Set<string>;
  root: boolean;
  /** The root module's variable definitions files. */
  tfvars?: TfvarsFile[];
}

/** Parses, analyzes and rewrites a local child module; undefined when it does not parse or its analysis fails. */
function compileModule(sources: SourceFile[], input: ModuleInput): TfContext | undefined {
  const before = input.diagnostics.length;
  const mod = parseModule(sources, input.diagnostics);
  if (input.diagnostics.slice(before).some((d) => d.severity === 'error')) return undefined;
  const analyzed = analyzeModule(mod, sources, input);
  if (input.diagnostics.slice(before).some((d) => d.severity === 'error')) return undefined;
  rewriteModule(analyzed, input);
  return analyzed.ctx;
}

/** Finds one module's Kafka (the clusters it binds, their topics) and what graft drops with it. */
function analyzeModule(mod: TfModule, sources: SourceFile[], input: ModuleInput): TfModuleAnalysis {
  const { spec, bindings, ed, diagnostics, plan } = input;
  const vars = new TfVariables(spec);
  const ctx: TfContext = {
    spec,
    bindings,
    mod,
    root: input.root,
    tfvars: input.tfvars ?? [],
    ed,
    vars,
    dropped: new Map(),
    ignored: [],
    diagnostics,
    plan,
    secretUsers: new Map(),
    hosts: new Set(),
    credentialSecrets: new Map(),
    credentialOutputs: new Map(),
    brokerListVars: new Map(),
    outputMeanings: new Map(),
    bootstrapVars: input.bootstrapVars,
    report(code, severity, file, node, message, help) {
      diagnostics.push({ code, severity, message, help, subject: spanOf(file, node) });
    },
  };

  // 1. the Kafka itself
  const topics: TfTopic[] = [];
  for (const e of mod.entities.values()) {
    const role = kafkaRole(e, mod.dir);
    if (!role) continue;
    ctx.dropped.set(
      e.address,
      role === 'topic' ? "a topic of the origin's Kafka: the customer creates it (see handoff/)" : `the origin's Kafka (${role})`,
    );
  }
  for (const e of mod.entities.values()) {
    const provider = e.kind === 'resource' ? UNREPLACED_KAFKA_SERVICES[e.type] : undefined;
    if (!provider) continue;
    ctx.report(
      'TF_KAFKA_SERVICE_UNSUPPORTED',
      'error',
      e.file,
      e.node,
      `${e.address} provisions ${provider}, a managed Kafka service graft does not replace: the module would keep running the vendor's Kafka, and what it integrates with or outputs would stay on it`,
      `remove ${e.address} and the resources and outputs that use it from the module, giving its users the customer's bootstrap servers (a variable), then compile again; graft replaces aws_msk_*, confluent_kafka_*, Kafka modules and Helm releases`,
    );
  }
  if (refuseManifestKafka(ctx)) return { ctx, topics };
  if (input.root && !bindClusters(ctx)) return { ctx, topics };
  if (input.root) dropBrokerListVariables(ctx);
  for (const e of mod.entities.values()) {
    if (!ctx.dropped.has(e.address)) continue;
    const role = kafkaRole(e, mod.dir);
    if (role === 'topic' || (role && e.kind === 'module')) topics.push(...topicsOfEntity(e, TOPIC_RESOURCES.has(e.type)));
  }
  dropClusterApiKeys(ctx);
  dropCredentialSecrets(ctx);
  keepConnectorVariables(ctx);
  const unreplaced = [...mod.entities.values()].some((e) => e.kind === 'resource' && UNREPLACED_KAFKA_SERVICES[e.type]);
  const remote = input.root ? reportRemoteStateKafka(ctx) : false;
  if (input.root && ctx.dropped.size === 0 && !unreplaced && !remote && !sources.some((s) => s.path.endsWith('/' + GRAFT_FILE))) {
    diagnostics.push({
      code: 'TF_NO_KAFKA',
      severity: 'warning',
      message: 'no MSK, Confluent Cloud or in-cluster Kafka found in this Terraform module',
      help: 'graft drops aws_msk_*, confluent_kafka_*, Kafka modules and Helm releases; nothing was changed',
      subject: { file: sources[0]?.path ?? mod.dir, start: 0, end: 0 },
    });
  }
  return { ctx, topics };
}

/**
 * Bootstrap servers read from another root module's state (`data.terraform_remote_state.msk.outputs.bootstrap_brokers`)
 * belong to a Kafka graft cannot see from this module: it can neither replace that cluster nor tell its clients apart
 * from what it rewires, so each such read is an error at its place. True when one was reported.
 */
function reportRemoteStateKafka(ctx: TfContext): boolean {
  let reported = false;
  for (const r of ctx.mod.refs) {
    const source = ctx.mod.entities.get(r.target);
    if (source?.kind !== 'data' || source.type !== 'terraform_remote_state' || r.attr !== 'outputs') continue;
    const text = r.file.source.text.slice(r.start, r.end);
    const output = /\.outputs(?:\.([\w-]+)|\[\s*"([^"]+)"\s*\])/.exec(text);
    const name = output?.[1] ?? output?.[2];
    if (!name || outputMeaning(name.replace(/-/g, '_')) !== 'bootstrap') continue;
    ctx.report(
      'TF_REMOTE_STATE_KAFKA',
      'error',
      r.file,
      r.node,
      `${r.from} takes Kafka bootstrap servers from ${r.target}'s output "${name}", the state of another root module: graft compiles this module alone and cannot replace that Kafka, so what reads this value would stay on the vendor's cluster`,
      `give ${r.from} the customer's bootstrap servers in this module instead (a variable), or compile the root module that declares the cluster together with its clients (one root module), then compile again`,
    );
    reported = true;
  }
  return reported;
}

/** Drops, garbage-collects and rewires one analyzed module. */
function rewriteModule({ ctx, topics }: TfModuleAnalysis, input: ModuleInput): void {
  const { spec, ed, plan } = input;
  const { mod, vars } = ctx;

  // 2. consumers whose shape changes (event sources, policies)
  rewireConsumers(ctx);

  // 3. what only served the dropped Kafka (depends_on and inline security group rules do not count as uses)
  const weak = weakRanges(ctx);
  ctx.ignored.push(...weak);
  dropExposing(ctx);
  collectGarbage(ctx);
  ctx.ignored.splice(ctx.ignored.length - weak.length, weak.length);
  dropRootVariables(ctx);
  pruneProviders(ctx);
  ctx.hosts = droppedHosts(ctx);
  finishConsumers(ctx);

  // 4. every remaining reference to what was dropped
  rewireReferences(ctx);
  rewireHosts(ctx, ctx.hosts);
  noteOrphans(ctx);

  for (const [address, reason] of ctx.dropped) {
    const e = mod.entities.get(address);
    if (!e) continue;
    ed.removeLines(e.file, e.node);
    plan.dropped.push({
      service: e.address,
      id: planId(e),
      role: e.kind === 'local' ? 'local' : e.kind,
      reason,
      at: spanOf(e.file, e.node),
    });
  }
  for (const t of topics)
    plan.topicsToCreate.push(spec.topics?.prefix && !t.name.startsWith(spec.topics.prefix) ? spec.topics.prefix + t.name : t.name);
  for (const [secret, users] of ctx.secretUsers) {
    plan.secrets.push({
      name: vars.secretVar(secret) ?? secret.path,
      ref: describeSecretRef(secret),
      specPath: secret.path,
      ...secretUsers(users),
    });
  }
}

/** Calls of local child modules in the stack, with the variables through which they receive the bootstrap list. */
function childCalls(ctx: TfContext): { entity: TfEntity; dir: string; bootstrapVars: Set<string> }[] {
  const out: { entity: TfEntity; dir: string; bootstrapVars: Set<string> }[] = [];
  for (const e of ctx.mod.entities.values()) {
    if (e.kind !== 'module' || ctx.dropped.has(e.address)) continue;
    const src = stringValue(attrValue(attribute(e.body, 'source'))) ?? '';
    if (!src.startsWith('./') && !src.startsWith('../')) continue;
    const carries = new Set<string>();
    for (const a of bodyItems(e.body)) {
      if (a.type !== 'attribute') continue;
      const name = a.namedChildren[0]?.text ?? '';
      const refs = refsWithin(ctx.mod, e.file, a.startIndex, a.endIndex);
      const viaRef = refs.some((r) => (ctx.dropped.has(r.target) && refMeaning(ctx, r) === 'bootstrap') || ctx.bootstrapVars.has(r.target));
      const viaHost = a.descendantsOfType('template_literal').some((l) => l !== null && hostRuns(ctx.hosts, l).length > 0);
      if (viaRef || viaHost) carries.add(`var.${name}`);
    }
    out.push({ entity: e, dir: resolve(ctx.mod.dir, src), bootstrapVars: carries });
  }
  return out;
}

/** Adds `graft_kafka_x = var.graft_kafka_x` arguments to a module call, in a group of their own at its end. */
function passVariables(parent: TfContext, call: TfEntity, names: string[]): void {
  const body = call.body;
  const last = body?.lastNamedChild;
  if (!body || !last) return;
  const text = call.file.source.text;
  const ind = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', last.startIndex - 1) + 1))![0];
  const width = Math.max(...names.map((n) => n.length));
  const present = new Set(bodyItems(body).map((a) => a.namedChildren[0]?.text ?? ''));
  const lines = names.filter((n) => !present.has(n)).map((n) => `${ind}${n.padEnd(width)} = var.${n}`);
  if (lines.length) parent.ed.insert(call.file, last.endIndex, `\n\n${lines.join('\n')}`);
}

/** The ignored ranges per file, sorted by start with the furthest end so far; rebuilt when more were added. */
const ignoredIndex = new WeakMap<TfContext, { count: number; byFile: Map<TfFile, { starts: number[]; reach: number[] }> }>();

function inIgnoredRange(ctx: TfContext, r: TfRef): boolean {
  let index = ignoredIndex.get(ctx);
  if (!index || index.count !== ctx.ignored.length) {
    const byFile = new Map<TfFile, { start: number; end: number }[]>();
    for (const g of ctx.ignored) {
      const list = byFile.get(g.file);
      if (list) list.push(g);
      else byFile.set(g.file, [g]);
    }
    index = { count: ctx.ignored.length, byFile: new Map() };
    for (const [file, ranges] of byFile) {
      ranges.sort((a, b) => a.start - b.start);
      const reach: number[] = [];
      ranges.forEach((g, i) => reach.push(Math.max(g.end, reach[i - 1] ?? -1)));
      index.byFile.set(file, { starts: ranges.map((g) => g.start), reach });
    }
    ignoredIndex.set(ctx, index);
  }
  const f = index.byFile.get(r.file);
  if (!f) return false;
  // the last range starting at or before the reference; some range up to it reaches past the reference's end
  let lo = 0;
  let hi = f.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((f.starts[mid] ?? 0) <= r.start) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && (f.reach[lo - 1] ?? -1) >= r.end;
}

function ignoredRef(ctx: TfContext, r: TfRef): boolean {
  return inIgnoredRange(ctx, r) || ctx.ed.isRemoved(r.file, r.start);
}

/** References that still count: from kept entities, outside ranges graft rewrote. */
function liveRefs(ctx: TfContext): TfRef[] {
  return ctx.mod.refs.filter((r) => !ctx.dropped.has(r.from) && !ignoredRef(ctx, r));
}

function collectGarbage(ctx: TfContext): void {
  const { mod, dropped } = ctx;
  for (let changed = true; changed;) {
    changed = false;
    const users = new Map<string, Set<string>>();
    const uses = new Map<string, TfRef[]>();
    const all = mod.refs.filter((r) => !ignoredRef(ctx, r) && r.from !== r.target);
    for (const r of all) {
      let s = users.get(r.target);
      if (!s) users.set(r.target, (s = new Set()));
      s.add(r.from);
      const u = uses.get(r.from);
      if (u) u.push(r);
      else uses.set(r.from, [r]);
    }
    // a satellite only configures the entity it names (a secret's version or policy, a key's alias), or is a data
    // source nothing reads: it is no user
    const satellite = (a: string): boolean => {
      const s = mod.entities.get(a)!;
      return ((isSupport(s) && s.kind !== 'local') || s.kind === 'data') && (users.get(a)?.size ?? 0) === 0;
    };
    for (const e of mod.entities.values()) {
      // data sources only read: one read by nothing but what was dropped goes too
      if (dropped.has(e.address) || !(isSupport(e) || e.kind === 'data')) continue;
      const u = [...(users.get(e.address) ?? [])].filter((a) => dropped.has(a) || !satellite(a));
      if (u.length > 0 && u.every((a) => dropped.has(a))) {
        dropped.set(e.address, `only ${u.join(', ')} used it`);
        changed = true;
        continue;
      }
      if (u.length === 0 && e.kind !== 'local') {
        // named by what it configured, not by a local it read
        const gone = (uses.get(e.address) ?? [])
          .filter((r) => dropped.has(r.target))
          .sort((a, b) => Number(a.target.startsWith('local.')) - Number(b.target.startsWith('local.')))[0]?.target;
        if (gone) {
          dropped.set(e.address, `it only ${e.kind === 'data' ? 'read' : 'configured'} ${gone}`);
          changed = true;
        }
      }
    }
  }
}

/**
 * A root variable that only dropped blocks read (the cluster's `kafka_version`, its broker count) goes with them, and
 * its assignments in the variable definitions files with it (`pruneTfvars`). A variable nothing read stays: it was
 * not the cluster's. A child module's variables stay: its caller's arguments set them.
 */
function dropRootVariables(ctx: TfContext): void {
  if (!ctx.root) return;
  const readers = new Map<string, Set<string>>();
  for (const r of ctx.mod.refs) {
    if (r.from === r.target || !r.target.startsWith('var.') || ignoredRef(ctx, r)) continue;
    const s = readers.get(r.target);
    if (s) s.add(r.from);
    else readers.set(r.target, new Set([r.from]));
  }
  for (const e of ctx.mod.entities.values()) {
    if (e.kind !== 'variable' || ctx.dropped.has(e.address)) continue;
    const from = [...(readers.get(e.address) ?? [])];
    if (from.length === 0 || !from.every((a) => ctx.dropped.has(a))) continue;
    ctx.dropped.set(e.address, `only ${from.join(', ')} read it`);
  }
}

/** Providers (and their required_providers entries) that only the dropped resources used. */
function pruneProviders(ctx: TfContext): void {
  const prefixOf = (type: string): string => type.split('_')[0] ?? type;
  const kept = new Set<string>();
  const gone = new Set<string>();
  for (const e of ctx.mod.entities.values()) {
    if (e.kind !== 'resource' && e.kind !== 'data') continue;
    (ctx.dropped.has(e.address) ? gone : kept).add(prefixOf(e.type));
  }
  const unused = [...gone].filter((p) => !kept.has(p) && p !== 'aws');
  for (const e of ctx.mod.entities.values()) {
    if (e.kind === 'provider' && unused.includes(e.name) && !ctx.dropped.has(e.address)) {
      ctx.dropped.set(e.address, `no resource of provider ${e.name} is left`);
    }
    if (e.kind !== 'terraform') continue;
    for (const rp of nestedBlocks(e.body, 'required_providers')) {
      const items = bodyItems(bodyOf(rp));
      if (items.some((a) => a.type === 'attribute' && unused.includes(a.namedChildren[0]?.text ?? '')))
        realignKept(
          ctx,
          e.file,
          items.filter((a) => a.type === 'attribute' && !unused.includes(a.namedChildren[0]?.text ?? '')),
        );
      for (const a of items) {
        const name = a.type === 'attribute' ? a.namedChildren[0]?.text : undefined;
        if (!name || !unused.includes(name)) continue;
        ctx.ed.removeLines(e.file, a);
        ctx.plan.removed.push({
          kind: 'provider',
          name: `required_providers.${name}`,
          from: 'terraform',
          fromId: { format: 'terraform', file: e.file.source.path, kind: 'terraform', name: 'terraform' },
          reason: `no resource of provider ${name} is left`,
          at: spanOf(e.file, a),
        });
      }
    }
  }
}

/**
 * Lines up the `=` of one-line attributes that become consecutive once the lines between them go, as terraform fmt
 * has them: between two kept attributes of one group lie only the lines of attributes being removed.
 */
function realignKept(ctx: TfContext, file: TfFile, kept: Node[]): void {
  const text = file.source.text;
  const groups: Node[][] = [];
  let prev: Node | undefined;
  for (const a of kept) {
    const single = !text.slice(a.startIndex, a.endIndex).includes('\n');
    const between = prev ? text.slice(text.indexOf('\n', prev.endIndex) + 1, text.lastIndexOf('\n', a.startIndex - 1) + 1) : '';
    // kept attributes are listed in order, so one-line attributes between two of them are the ones removed
    const joined =
      prev !== undefined &&
      single &&
      !text.slice(prev.startIndex, prev.endIndex).includes('\n') &&
      between
        .split('\n')
        .slice(0, -1)
        .every((l) => /^\s*[\w-]+\s*=.*$/.test(l));
    if (joined) groups[groups.length - 1].push(a);
    else groups.push([a]);
    prev = single ? a : undefined;
  }
  for (const g of groups) {
    const keyOf = (a: Node): Node => a.namedChildren[0]!;
    const col = Math.max(...g.map((a) => keyOf(a).text.length));
    for (const a of g) {
      const key = keyOf(a);
      const eq = text.indexOf('=', key.endIndex);
      if (eq < 0 || text.slice(key.endIndex, eq).trim() !== '') continue;
      const pad = ' '.repeat(col - key.text.length + 1);
      if (text.slice(key.endIndex, eq) !== pad) ctx.ed.replace(file, key.endIndex, eq, pad);
    }
  }
}

/** Kept infrastructure whose every user was dropped: said in the plan, never dropped (a network often serves more). */
function noteOrphans(ctx: TfContext): void {
  const usersOf = new Map<string, Set<string>>();
  for (const r of ctx.mod.refs) {
    if (r.from === r.target) continue;
    const s = usersOf.get(r.target);
    if (s) s.add(r.from);
    else usersOf.set(r.target, new Set([r.from]));
  }
  for (const e of ctx.mod.entities.values()) {
    if (ctx.dropped.has(e.address) || (e.kind !== 'resource' && e.kind !== 'module') || isSupport(e)) continue;
    const users = usersOf.get(e.address) ?? new Set<string>();
    if (users.size === 0 || ![...users].every((u) => ctx.dropped.has(u))) continue;
    ctx.plan.notes.push(
      `${e.address} is kept, but only dropped Kafka resources used it (${[...users].sort().join(', ')}); remove it if nothing outside this module needs it`,
    );
  }
}

/** Outputs and locals that can only expose what was dropped go too. */
function dropExposing(ctx: TfContext): void {
  const { mod, dropped } = ctx;
  for (let changed = true; changed;) {
    changed = false;
    for (const r of liveRefs(ctx)) {
      // a use of the dropped cluster's credentials without a counterpart is refused, never dropped silently
      if (!dropped.has(r.target) || mapRef(ctx, r) !== undefined || ctx.credentialSecrets.has(r.target)) continue;
      const from = mod.entities.get(r.from)!;
      if (from.kind === 'output') {
        dropped.set(
          from.address,
          `it exposed ${r.target}${r.attr ? '.' + r.attr : ''}, which has no counterpart on the customer's cluster`,
        );
        changed = true;
      } else if (
        from.kind === 'local' ||
        from.kind === 'provider' ||
        from.kind === 'moved' ||
        from.kind === 'import' ||
        from.kind === 'removed'
      ) {
        const users = liveRefs(ctx).filter((u) => u.target === from.address);
        if (users.length === 0) {
          dropped.set(from.address, `it only described ${r.target}`);
          changed = true;
        }
      }
    }
  }
}

function rewireReferences(ctx: TfContext): void {
  const { mod, dropped } = ctx;
  dropExposing(ctx);
  const rewired = new Map<string, string[]>();
  const replaced = new Map<string, string[]>();
  for (const r of liveRefs(ctx)) {
    if (!dropped.has(r.target) && !isCredentialOutput(ctx, r)) continue;
    const text = mapRef(ctx, r);
    const original = r.file.source.text.slice(r.start, r.end);
    const script = text === undefined ? undefined : bootScriptOf(ctx, r);
    if (script && refMeaning(ctx, r) === 'bootstrap' && ctx.spec.securityProtocol !== 'PLAINTEXT') {
      ctx.diagnostics.push({
        code: 'TF_USERDATA_CLIENT',
        severity: 'error',
        message: `${r.from} passes ${original} into its ${script} script: a host that runs Kafka clients from its boot script (properties files, tools, services it starts), whose security settings graft cannot write; the customer's cluster needs ${describeSecurity(ctx.spec)}, so a rewired address alone would leave those clients failing`,
        help: "this is the stack's own Kafka client host: remove the instance (or its script's use of the cluster) before compiling, and configure those clients with the customer's settings the handoff lists (security protocol, mechanism, credentials' secret)",
        subject: { file: r.file.source.path, start: r.start, end: r.end },
      });
      continue;
    }
    const credential = text === undefined ? credentialGap(ctx, r, original) : undefined;
    if (credential) {
      ctx.diagnostics.push({
        code: 'TF_DANGLING_REFERENCE',
        severity: 'error',
        message: credential.message,
        help: credential.help,
        subject: { file: r.file.source.path, start: r.start, end: r.end },
      });
      continue;
    }
    if (text === undefined) {
      const zk = refMeaning(ctx, r) === 'zookeeper';
      ctx.diagnostics.push({
        code: 'TF_DANGLING_REFERENCE',
        severity: 'error',
        message: `${r.from} uses ${original}, which graft drops${zk ? " (the customer's cluster exposes no ZooKeeper)" : ''} and cannot map to the customer's Kafka`,
        help: zk
          ? 'clients must use the bootstrap servers; change this setting to use them, then compile again'
          : `only bootstrap addresses${ctx.vars.has('cluster_arn') ? ' and the cluster ARN' : ''} have a counterpart; remove this use or point it elsewhere, then compile again`,
        subject: { file: r.file.source.path, start: r.start, end: r.end },
      });
      continue;
    }
    ctx.ed.replace(r.file, r.start, r.end, text);
    rewired.set(r.from, [...(rewired.get(r.from) ?? []), original]);
    replaced.set(r.from, [...(replaced.get(r.from) ?? []), `${original} → ${text}`]);
  }
  for (const [from, matched] of rewired) {
    const e = mod.entities.get(from)!;
    ctx.plan.rewired.push({
      service: from,
      id: planId(e),
      family: 'reference',
      matched,
      changed: replaced.get(from) ?? [],
      notes: [],
      at: spanOf(e.file, e.node),
    });
  }
  ctx.plan.rewired.sort((a, b) => (a.at.file < b.at.file ? -1 : a.at.file > b.at.file ? 1 : a.at.start - b.at.start));
}

/** EC2 instances, launch templates and configurations: the boot script attributes a reference may sit in. */
const BOOT_SCRIPTS: Record<string, string[]> = {
  aws_instance: ['user_data', 'user_data_base64'],
  aws_launch_template: ['user_data'],
  aws_launch_configuration: ['user_data', 'user_data_base64'],
};

/** The boot script attribute (`user_data`) of an EC2 instance or launch template a reference is written in, if any. */
function bootScriptOf(ctx: TfContext, r: TfRef): string | undefined {
  const e = ctx.mod.entities.get(r.from);
  if (e?.kind !== 'resource') return undefined;
  for (const name of BOOT_SCRIPTS[e.type] ?? []) {
    const a = attribute(e.body, name);
    if (a && a.startIndex <= r.start && r.end <= a.endIndex) return name;
  }
  return undefined;
}

/** The customer's security in a few words: `SASL_SSL/PLAIN`, `SSL`. */
function describeSecurity(spec: CustomerKafka): string {
  return spec.sasl && spec.securityProtocol.startsWith('SASL') ? `${spec.securityProtocol}/${spec.sasl.mechanism}` : spec.securityProtocol;
}
