import { isMap, isNode, isPair, isScalar, isSeq, parse as parseYaml, visit, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { columnOf, lineStart } from '../yaml/text.js';
import type { SourceFile, Span } from '../../core/span.js';
import { findVarRefs, interpolate } from './dotenv.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { Edit } from '../../core/edit.js';
import { advertisedListeners, findEndpointRuns, findUrls, isBareHost, renderBootstrap, spliceAll } from '../../core/endpoints.js';
import type { Bindings } from '../../bindings/types.js';
import { emptyPlan, fileId, secretUsers, type Plan } from '../../plan/types.js';
import { describeSecretSource } from '../../secrets/names.js';
import type { CustomerKafka } from '../../spec/types.js';
import { YamlEditor } from '../yaml/editor.js';
import { extendsUnresolvedDiagnostic, type ComposeAnalysis, type ServiceInfo } from './analyze.js';
import { isZookeeperKey } from '../../detect/behaviour.js';
import { configureClient } from './client.js';
import type { DroppedDependency } from '../../configure/stage.js';
import { httpOnlyReason, mountedKafkaAddress } from './depends-only.js';
import { rewireKafkaEngine } from './clickhouse.js';
import { EnvState } from './env-state.js';
import { attachConfigs, defineConfigs } from './configs.js';
import {
  deref,
  getKey,
  listServices,
  ownerOfKey,
  readDependsOn,
  spanOfNode,
  type ComposeFile,
  type ComposeService,
  type EnvEntry,
} from './parse.js';
import { scalarText } from '../yaml/nodes.js';
import type { FileName, StackReader } from '../types.js';
import { addComposePreflight } from './preflight.js';
import { ComposeSecrets } from './secrets.js';
import type { PreflightInput } from '../../preflight/index.js';
import { applyNaming } from './naming.js';
import { checkLeftoverEnvFiles } from './env-files.js';
import { servicePlanId, type RewriteContext } from './context.js';
import { boundFile } from './properties.js';
import { addRenderServices, defineRenderVolumes } from './render-config.js';
import { applyWaits } from './waits.js';

/** The edits, plan and diagnostics of compiling one Compose stack. */
export interface ComposeRewrite {
  edits: Map<string, Edit[]>;
  newFiles: Map<string, string>;
  plan: Plan;
  diagnostics: Diagnostic[];
  /** Topics and groups the rewired services' properties files name. */
  fileNames: FileName[];
}

/** Drops the embedded Kafka and rewires every remaining client, as edits to the original files. */
export function rewriteCompose(
  analysis: ComposeAnalysis,
  spec: CustomerKafka,
  bindings: Bindings | undefined,
  read: StackReader,
  preflight?: PreflightInput,
): ComposeRewrite {
  const editors = new Map(analysis.files.map((f) => [f.source.path, new YamlEditor(f.source)]));
  const ctx: RewriteContext = {
    analysis,
    spec,
    ...(bindings ? { bindings } : {}),
    plan: emptyPlan('compose'),
    diagnostics: [],
    secrets: new ComposeSecrets(),
    configs: [],
    renders: [],
    waits: [],
    read,
    fileNames: [],
    fileEdits: new Map(),
    editorOf: (x) => {
      // files the model follows (extends bases in other files) get editors when first edited
      const src = (x.file as { source: SourceFile }).source;
      let ed = editors.get(src.path);
      if (!ed) editors.set(src.path, (ed = new YamlEditor(src)));
      return ed;
    },
    sharing: new Map(),
    added: new Map(),
    fileEdit: (span, text) => {
      const list = ctx.fileEdits.get(span.file) ?? [];
      if (!list.some((e) => e.span.start === span.start && e.span.end === span.end && e.text === text)) list.push({ span, text });
      ctx.fileEdits.set(span.file, list);
    },
  };
  checkDroppedAnchors(ctx);
  for (const [name, decision] of analysis.dropped) {
    const info = analysis.services.get(name) as ServiceInfo;
    for (const def of info.defs) {
      ctx.editorOf(def).removeBlockEntry(def.pair.key as Node);
      ctx.plan.dropped.push({
        service: name,
        id: servicePlanId(name, def.file.source.path),
        role: decision.role,
        reason: decision.reason,
        at: spanOfNode(def.file.source, def.pair.key as Node),
      });
    }
    ctx.plan.topicsToCreate.push(...info.creates);
  }
  // a file left with no services keeps a valid, empty `services: {}`
  for (const file of analysis.files) {
    const items = file.services?.items ?? [];
    if (items.length === 0 || !items.every((p) => analysis.dropped.has(scalarText(p.key)))) continue;
    const key = (file.doc.contents as { items?: { key: unknown }[] } | null)?.items?.find((p) => scalarText(p.key) === 'services')?.key as
      Node | undefined;
    const end = key?.range?.[1];
    if (end === undefined) continue;
    const colon = file.source.text.indexOf(':', end);
    ctx.editorOf({ file }).replace(colon + 1, colon + 1, ' {}');
  }
  for (const k of analysis.kept) {
    if (k.configs) {
      ctx.plan.notes.push(
        `kept ${k.service}: ZooKeeper that ${k.configs.join(', ')} name${k.configs.length === 1 ? 's' : ''} for ${k.configs.length === 1 ? 'itself' : 'themselves'}; the customer's Kafka does not use it`,
      );
      continue;
    }
    if (k.forItself) {
      ctx.plan.notes.push(`kept ${k.service}: ZooKeeper the dropped Kafka did not use, used by ${k.users.join(', ')}`);
      continue;
    }
    const def = analysis.services.get(k.service)?.defs[0];
    ctx.diagnostics.push({
      code: 'COMPOSE_INFRA_KEPT',
      severity: 'warning',
      message: `ZooKeeper service "${k.service}" is kept because ${k.users.join(', ')} still use${k.users.length === 1 ? 's' : ''} it; the customer's Kafka does not use it`,
      help: `reconfigure ${k.users.join(', ')} to use bootstrap servers, then the ZooKeeper can go`,
      ...(def ? { subject: spanOfNode(def.file.source, def.pair.key as Node) } : {}),
    });
    ctx.plan.notes.push(`kept ${k.service}: still used by ${k.users.join(', ')}`);
  }
  // a service another one extends first: what graft adds to it, the extending service inherits
  const order = [...analysis.services.values()].sort((a, b) => extendsDepth(analysis, a) - extendsDepth(analysis, b));
  const plan = ctx.plan;
  const marks = { removed: plan.removed.length, renames: plan.renames.length, rewired: plan.rewired.length };
  for (const info of order) {
    if (!analysis.dropped.has(info.name)) rewriteService(ctx, info);
  }
  // the plan lists services in the stack's order, whatever order they were rewritten in
  const index = new Map([...analysis.services.keys()].map((n, i) => [n, i]));
  const at = (name: string | undefined): number => index.get(name ?? '') ?? 0;
  plan.removed = [...plan.removed.slice(0, marks.removed), ...plan.removed.slice(marks.removed).sort((a, b) => at(a.from) - at(b.from))];
  plan.renames = [
    ...plan.renames.slice(0, marks.renames),
    ...plan.renames.slice(marks.renames).sort((a, b) => at(a.service) - at(b.service)),
  ];
  plan.rewired = [
    ...plan.rewired.slice(0, marks.rewired),
    ...plan.rewired.slice(marks.rewired).sort((a, b) => at(a.service) - at(b.service)),
  ];
  reportSharedConflicts(ctx);
  checkUnseenClients(ctx);
  nameUnknownClientsTogether(ctx.diagnostics);
  for (const b of bindings?.clients.values() ?? []) {
    if (!analysis.services.has(b.service)) {
      ctx.diagnostics.push({
        code: 'COMPOSE_BINDING_UNKNOWN_SERVICE',
        severity: 'warning',
        message: `graft.yaml binds "${b.service}", which is not a service of this stack`,
        help: 'fix the name or remove the binding',
      });
    }
  }
  const defsOf = (dropped: boolean): ComposeService[] =>
    [...analysis.services.values()].filter((s) => analysis.dropped.has(s.name) === dropped).flatMap((s) => s.defs);
  ctx.diagnostics.push(...checkLeftoverEnvFiles(read, defsOf(true), defsOf(false)));
  const main = analysis.files[0];
  const newFiles = new Map<string, string>();
  addRenderServices(ctx);
  if (main && preflight) addComposePreflight(ctx, main, preflight, newFiles);
  applyWaits(ctx);
  if (main) ctx.secrets.defineIn(main, ctx.editorOf({ file: main }));
  if (main) defineConfigs(ctx, main);
  defineRenderVolumes(ctx, removeOrphanVolumes(ctx));
  removeOrphanExtensions(ctx);
  ctx.diagnostics.push(...ctx.secrets.diagnostics);
  for (const [name, u] of [...ctx.secrets.used.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    ctx.plan.secrets.push({ name, ref: describeSecretSource(u.secret), specPath: u.secret.path, ...secretUsers(u.services) });
  }
  ctx.plan.topicsToCreate = [...new Set(ctx.plan.topicsToCreate)].sort();
  return {
    edits: new Map([...[...editors].map(([p, e]) => [p, e.result()] as const), ...ctx.fileEdits]),
    plan: ctx.plan,
    diagnostics: ctx.diagnostics,
    newFiles,
    fileNames: ctx.fileNames,
  };
}

const ADVERTISED_KEYS = new Set(['KAFKA_ADVERTISED_LISTENERS', 'KAFKA_CFG_ADVERTISED_LISTENERS', 'KAFKA_ADVERTISED_HOST_NAME']);

/**
 * A dropped broker that advertises itself under its own name inside the Compose network is there for clients on that
 * network. When graft found none — no kept service names it, depends on it or was rewired — the clients reach it by an
 * address built into their images or code (an application's default `kafka:9092`), and the compiled stack would send
 * them to a host that no longer exists: an error naming the kept services, unless the vendor declared each of them.
 */
function checkUnseenClients(ctx: RewriteContext): void {
  const { analysis, bindings } = ctx;
  if (ctx.plan.rewired.length > 0 || ctx.diagnostics.some((d) => d.severity === 'error')) return;
  if (analysis.diagnostics.some((d) => d.severity === 'error')) return;
  const keptZookeeper = new Set(analysis.kept.map((k) => k.service));
  const kept = [...analysis.services.values()].filter(
    (s) =>
      !analysis.dropped.has(s.name) &&
      !keptZookeeper.has(s.name) &&
      !s.role &&
      !bindings?.infrastructure.has(s.name) &&
      !bindings?.clients.has(s.name),
  );
  if (kept.length === 0) return;
  // a kept service that depends on a dropped one is a link graft sees (CLIENT_DEPENDS_ONLY or the vendor's declaration)
  const all = [...analysis.services.values()];
  const linked = all.some(
    (s) => !analysis.dropped.has(s.name) && [...s.defs, ...s.bases].some((d) => readDependsOn(d).some((x) => analysis.dropped.has(x.name))),
  );
  if (linked) return;
  const brokers = [...analysis.dropped].filter(([, d]) => d.role === 'broker').map(([n]) => analysis.services.get(n) as ServiceInfo);
  for (const info of brokers) {
    const name = info.name;
    const own = new Set(info.hostNames);
    // with other brokers beside it, the inter-broker listener is theirs, not a client's
    const interBroker =
      brokers.length > 1 ? info.env.find((e) => /^KAFKA_(CFG_)?INTER_BROKER_LISTENER_NAME$/.test(e.key))?.value?.trim() : undefined;
    const forClients = (e: EnvEntry): boolean =>
      advertisedListeners(e.value).some((l) => own.has(l.host) && (interBroker === undefined || l.name !== interBroker));
    const entry = info.env.find((e) => ADVERTISED_KEYS.has(e.key) && forClients(e));
    // Redpanda advertises on its command line (`--advertise-kafka-addr PLAINTEXT://redpanda:29092,OUTSIDE://localhost:9092`)
    const flag = entry
      ? undefined
      : info.commands
          .map((site) => ({ site, value: advertisedFlag(site.value) }))
          .find((f) => f.value !== undefined && advertisedListeners(f.value).some((l) => own.has(l.host)));
    if (!entry && !flag) continue;
    const def = info.defs[0];
    const names = kept.map((k) => k.name);
    // a kept service whose mounted file names the Kafka is not unseen: the message says where, the help still applies
    const found = kept.map((k) => ({ name: k.name, file: mountedKafkaAddress(analysis, k) }));
    const mounted = found.flatMap(({ name, file }) => (file ? [`${name} names it in ${file.where}`] : []));
    const unseen = found.filter(({ file }) => !file).map(({ name }) => name);
    const who = [
      ...mounted,
      ...(unseen.length > 0 ? [`${unseen.join(', ')} would reach it by an address built into the image or code`] : []),
    ].join('; ');
    const what = entry ? `${entry.key} = ${entry.value ?? ''}` : `--advertise-kafka-addr ${flag?.value ?? ''}`;
    const subject = entry?.node
      ? { subject: entrySpan(entry) }
      : flag
        ? { subject: spanOfNode(flag.site.file.source, flag.site.node) }
        : def
          ? { subject: spanOfNode(def.file.source, def.pair.key as Node) }
          : {};
    ctx.diagnostics.push({
      code: 'COMPOSE_UNSEEN_CLIENTS',
      severity: 'error',
      message:
        `the dropped broker "${name}" advertises ${what} to clients on the Compose network, but no kept ` +
        `service names it${mounted.length > 0 ? ' in settings graft configures' : ''}: ${who}, which points at nothing once it is dropped`,
      help:
        `declare each kept service in graft.yaml: the Kafka clients under kafka.clients (family and env bindings) so graft can configure them, ` +
        `the others as kafka.infrastructure: [${names.map((n) => `{ service: ${n}, role: none }`).join(', ')}]`,
      ...subject,
    });
    return;
  }
}

/** The value of a `--advertise-kafka-addr` flag in a command (`--advertise-kafka-addr X` or `--advertise-kafka-addr=X`). */
function advertisedFlag(command: string): string | undefined {
  return /--advertise-kafka-addr(?:=|\s+)([^\s'"]+)/.exec(command)?.[1];
}

function rewriteService(ctx: RewriteContext, info: ServiceInfo): void {
  const { analysis, spec } = ctx;
  const home = info.defs.find((d) => getKey(d.map, 'environment', d.file) !== undefined) ?? info.defs[0];
  const env = new EnvState([...inheritedAdditions(ctx, info), ...info.env], compiledVars(ctx));
  const matched: string[] = [];
  let dependedOnDropped = false;
  const dependedOn = new Set<string>();
  for (const def of info.defs) dependedOnDropped = dropEdges(ctx, def, dependedOn) || dependedOnDropped;

  const { kafkaOrCustomer } = hostSets(ctx);
  const bareHosts: EnvEntry[] = [];
  for (const e of info.env) {
    // `- KAFKA_ADDR` without a value takes the project's .env value
    if (e.value === undefined) {
      if (e.form !== 'envfile') matched.push(...rewriteDotenvRefs(ctx, `env ${e.key}`, `\${${e.key}}`));
      continue;
    }
    const runs = findEndpointRuns(e.value, kafkaOrCustomer);
    const dropRuns = runs.filter((r) => r.hosts.some((h) => analysis.kafkaHosts.has(h)));
    if (runs.length) matched.push(`env ${e.key} = ${e.value}${e.dotenv ? ` (${relPath(ctx, e.dotenv.source.path)})` : ''}`);
    const splices = dropRuns.map((r) => ({
      start: r.start,
      end: r.end,
      text: renderBootstrap(spec.bootstrapServers, spec.securityProtocol, r),
    }));
    if (spec.schemaRegistry) {
      for (const u of findUrls(e.value, analysis.registryHosts)) {
        const url = spec.schemaRegistry.url.replace(/\/$/, '') + (u.text.endsWith('/') ? '/' : '');
        splices.push({ start: u.start, end: u.end, text: url });
        matched.push(`env ${e.key} = ${e.value} (schema registry)`);
      }
    }
    splices.push(...brokerHttpUrls(ctx, info, e.key, e.value, entrySpan(e), matched));
    env.splice(e.key, splices);
    matched.push(...rewriteDotenvRefs(ctx, `env ${e.key} = ${e.value}`, e.value));
    handleZookeeper(ctx, info, env, e);
    if (runs.length === 0 && isBareHost(e.value, analysis.kafkaHosts)) {
      const split = rewireSplitAddress(ctx, info, env, e.key, e.value);
      if (split) {
        matched.push(split);
        continue;
      }
      bareHosts.push(e);
    }
  }
  checkExtends(ctx, info);
  matched.push(...rewireSpringConfig(ctx, info, env));
  matched.push(...rewireKafkaEngine(ctx, info));
  const commandRefs = rewriteCommands(ctx, info);
  matched.push(...commandRefs);
  const before = ctx.diagnostics.length;
  // an HTTP-only tool (a UI over the REST Proxy, the ksqlDB CLI) only waited for the broker: its edge goes, with a note
  const httpOnly =
    dependedOnDropped && matched.length === 0 && !ctx.bindings?.clients.has(info.name) ? httpOnlyReason(ctx.analysis, info) : undefined;
  if (httpOnly) {
    dependedOnDropped = false;
    ctx.plan.notes.push(
      `service "${info.name}" only depended on the dropped ${droppedDependency(ctx, dependedOn).what} and is no Kafka client: ${httpOnly}; its depends_on edge is removed`,
    );
  }
  const rewired = configureClient(ctx, info, env, matched, dependedOnDropped, droppedDependency(ctx, dependedOn));
  // a client its family refused has its error already; what it would have set is moot
  const refused = ctx.diagnostics.slice(before).some((d) => d.severity === 'error' && d.code !== 'CLIENT_DEPENDS_ONLY');
  if (!refused) for (const e of bareHosts) reportBareHost(ctx, info, env, e);
  withdrawDependsOnly(ctx, info, before);
  if (rewired) {
    applyNaming(ctx, info, env, rewired.family);
    rewired.changed = [...env.changedKeys().map((k) => (env.get(k) === undefined ? `-${k}` : k)), ...rewired.changed];
    ctx.plan.rewired.push(rewired);
  }
  const envNode = deref(getKey(home.map, 'environment', home.file), home.file);
  const target = isMap(envNode) || isSeq(envNode) ? { node: envNode, file: home.file } : undefined;
  noteShared(ctx, info, env, target?.node);
  env.applyTo((x) => ctx.editorOf(x), home, target, ctx.fileEdit);
  ctx.added.set(info.name, env.addedEntries());
  for (const def of info.defs.slice(0, 1)) {
    ctx.secrets.attachTo(def, ctx.editorOf(def));
    attachConfigs(ctx, def);
  }
}

/** Where a Spring Boot app is told to read more configuration files. */
const SPRING_CONFIG_VARS = ['SPRING_CONFIG_ADDITIONAL_LOCATION', 'SPRING_CONFIG_LOCATION', 'SPRING_CONFIG_IMPORT'];

/**
 * A Spring `application.yml` / `.properties` the service mounts from the stack and names in `SPRING_CONFIG_*`: the
 * dropped broker's addresses in it are rewired where they live, and a kafka-ui `kafka.clusters[n].bootstrapServers`
 * also becomes `KAFKA_CLUSTERS_<n>_BOOTSTRAPSERVERS`, by which the client family knows the service. Returns what matched.
 */
function rewireSpringConfig(ctx: RewriteContext, info: ServiceInfo, env: EnvState): string[] {
  const out: string[] = [];
  const locations = SPRING_CONFIG_VARS.flatMap((k) => (env.get(k) ?? '').split(','))
    .map((l) =>
      l
        .trim()
        .replace(/^optional:/, '')
        .replace(/^file:/, ''),
    )
    .filter((l) => /\.(ya?ml|properties)$/.test(l));
  for (const location of new Set(locations)) {
    const rel = info.defs.map((d) => boundFile(d, location)).find((r) => r !== undefined);
    const src = rel ? ctx.read(rel) : undefined;
    if (!rel || !src) continue;
    const runs = findEndpointRuns(src.text, ctx.analysis.kafkaHosts);
    if (runs.length === 0) continue;
    const servers = (r: (typeof runs)[number]): string => renderBootstrap(ctx.spec.bootstrapServers, ctx.spec.securityProtocol, r);
    for (const r of runs) ctx.fileEdit({ file: src.path, start: r.start, end: r.end }, servers(r));
    const sr = ctx.spec.schemaRegistry;
    if (sr) {
      for (const u of findUrls(src.text, ctx.analysis.registryHosts))
        ctx.fileEdit({ file: src.path, start: u.start, end: u.end }, sr.url.replace(/\/$/, '') + (u.text.endsWith('/') ? '/' : ''));
    }
    out.push(
      `${rel} (${env.get('SPRING_CONFIG_ADDITIONAL_LOCATION') !== undefined ? 'SPRING_CONFIG_ADDITIONAL_LOCATION' : 'SPRING_CONFIG_*'}): ${runs.map((r) => r.text).join(', ')}`,
    );
    if (!/\.ya?ml$/.test(rel)) continue;
    let doc: unknown;
    try {
      doc = parseYaml(src.text);
    } catch {
      continue;
    }
    const clusters = (doc as { kafka?: { clusters?: unknown } } | null)?.kafka?.clusters;
    if (!Array.isArray(clusters)) continue;
    clusters.forEach((c: unknown, i) => {
      const b = (c as { bootstrapServers?: unknown } | null)?.bootstrapServers;
      const run = typeof b === 'string' ? findEndpointRuns(b, ctx.analysis.kafkaHosts)[0] : undefined;
      if (run && env.get(`KAFKA_CLUSTERS_${i}_BOOTSTRAPSERVERS`) === undefined)
        env.set(`KAFKA_CLUSTERS_${i}_BOOTSTRAPSERVERS`, servers(run));
    });
  }
  return out;
}

/**
 * A service that depended on the dropped Kafka and names no address graft can see is an error of the configure stage
 * (CLIENT_DEPENDS_ONLY), except where graft already named the address more precisely (a bare host) or the vendor
 * declared the service no Kafka user (`kafka.infrastructure: [{ service, role: none }]`: the edge was start order only).
 */
function withdrawDependsOnly(ctx: RewriteContext, info: ServiceInfo, from: number): void {
  const i = ctx.diagnostics.findIndex((d, n) => n >= from && d.code === 'CLIENT_DEPENDS_ONLY');
  if (i < 0) return;
  const bare = ctx.diagnostics.some((x, n) => n >= from && x.code === 'COMPOSE_BARE_KAFKA_HOST' && x.severity === 'error');
  if (bare || ctx.bindings?.infrastructure.get(info.name)?.role === 'none') ctx.diagnostics.splice(i, 1);
}

/**
 * A dropped Kafka host without a port that the client's family did not set. In a host setting (`KAFKA_SEEDS=kafka`,
 * the port being the image's default, which graft cannot see) the client would reach nothing: an error. Elsewhere
 * (`TB_QUEUE_TYPE=kafka`) the value may be no address at all: a warning.
 */
function reportBareHost(ctx: RewriteContext, info: ServiceInfo, env: EnvState, e: EnvEntry): void {
  if (env.get(e.key) !== e.value) return;
  const hostSetting = SPLIT_HOST.test(e.key);
  const first = ctx.spec.bootstrapServers[0] ?? '';
  ctx.diagnostics.push({
    code: 'COMPOSE_BARE_KAFKA_HOST',
    severity: hostSetting ? 'error' : 'warning',
    message: hostSetting
      ? `service "${info.name}" sets ${e.key} to "${e.value}", a dropped Kafka host whose port is not in the stack (the image's default); graft cannot rewire the host alone`
      : `service "${info.name}" sets ${e.key} to "${e.value}", a dropped Kafka host without a port; graft rewires only host:port forms`,
    help: hostSetting
      ? `give the port a variable of its own beside it (e.g. ${SPLIT_HOST.exec(e.key)?.[1] ?? 'KAFKA'}_PORT=9092) so graft rewires both, or declare the client in graft.yaml (kafka.clients.${info.name})`
      : `if ${e.key} feeds a bootstrap address, bind it in graft.yaml (env.bootstrapServers) or set it to ${first}`,
    subject: entrySpan(e),
  });
}

/** `KAFKA_SEEDS` / `KAFKA_HOST` … and the variable that holds its port: the same stem with `_PORT`. */
const SPLIT_HOST = /^(.*?)_?(SEEDS?|HOSTS?|HOSTNAME|SERVERS?|BROKERS?|ADDR|ADDRESS)$/;

/**
 * A dropped broker's host and port in two variables (`KAFKA_SEEDS=kafka`, `KAFKA_PORT=9092`): both are rewired in their
 * own shape — the host variable to the customer's first bootstrap host, the port variable to its port (one seed is
 * enough to bootstrap). Returns what was matched, for the plan; undefined when the variable has no port sibling.
 */
function rewireSplitAddress(ctx: RewriteContext, info: ServiceInfo, env: EnvState, key: string, value: string): string | undefined {
  const stem = SPLIT_HOST.exec(key)?.[1];
  if (stem === undefined) return undefined;
  const portKey = `${stem}${stem ? '_' : ''}PORT`;
  const port = info.env.find((x) => x.key === portKey && x.value !== undefined && /^\s*\d+\s*$/.test(x.value));
  const first = ctx.spec.bootstrapServers[0];
  const at = first?.lastIndexOf(':') ?? -1;
  if (!port?.value || !first || at < 0) return undefined;
  const trim = (v: string) => ({ start: v.length - v.trimStart().length, end: v.trimEnd().length });
  const host = trim(value);
  env.splice(key, [{ ...host, text: first.slice(0, at) }]);
  const p = trim(port.value);
  env.splice(port.key, [{ ...p, text: first.slice(at + 1) }]);
  if (ctx.spec.bootstrapServers.length > 1)
    ctx.plan.notes.push(
      `service "${info.name}" takes one Kafka host in ${key} and its port in ${port.key}: set to the first of the customer's bootstrap servers (${first})`,
    );
  return `env ${key} = ${value} with ${port.key} = ${port.value} (host and port in separate variables)`;
}

/** The schema registry port of Confluent Platform and Redpanda brokers (Redpanda serves its registry from the broker). */
const REGISTRY_PORT = '8081';

/**
 * `http(s)://` URLs naming a dropped broker: an HTTP API the broker served (Redpanda's schema registry and admin API,
 * Confluent's metadata service), never a Kafka listener. The schema registry port becomes the customer's registry; any
 * other API has no counterpart graft knows, which is an error naming the setting.
 */
function brokerHttpUrls(
  ctx: RewriteContext,
  info: ServiceInfo,
  key: string,
  value: string,
  subject: ReturnType<typeof entrySpan>,
  matched: string[],
): { start: number; end: number; text: string }[] {
  // a JAAS login (OAUTHBEARER's metadataServerUrls) is security surface: a configured client gets the customer's
  if (/SASL_JAAS_CONFIG$/i.test(key)) return [];
  const splices: { start: number; end: number; text: string }[] = [];
  const { brokers } = hostSets(ctx);
  const sr = ctx.spec.schemaRegistry;
  const registry: string[] = [];
  const apis: string[] = [];
  for (const u of findUrls(value, brokers)) {
    if (/:(\d+)\/?$/.exec(u.text)?.[1] !== REGISTRY_PORT) apis.push(u.text);
    else if (!sr) registry.push(u.text);
    else {
      splices.push({ start: u.start, end: u.end, text: sr.url.replace(/\/$/, '') + (u.text.endsWith('/') ? '/' : '') });
      matched.push(`env ${key}: ${u.text} (the schema registry of the dropped broker)`);
    }
  }
  if (registry.length > 0)
    ctx.diagnostics.push({
      code: 'COMPOSE_DROPPED_HTTP_API',
      severity: 'error',
      message: `service "${info.name}" sets ${key} to the schema registry the dropped broker served (${registry.join(', ')}), and the customer spec has no schemaRegistry`,
      help: "add the customer's schema registry to the spec (schemaRegistry.url), or remove the setting",
      subject,
    });
  if (apis.length > 0)
    ctx.diagnostics.push({
      code: 'COMPOSE_DROPPED_HTTP_API',
      severity: 'error',
      message: `service "${info.name}" sets ${key} to ${apis.join(', ')}: an HTTP API of the dropped broker (an admin or metadata API, not a Kafka listener) for which the customer's cluster has no counterpart graft knows`,
      help: `remove or disable what ${key} configures, or point it at the customer's equivalent API yourself`,
      subject,
    });
  return splices;
}

function handleZookeeper(ctx: RewriteContext, info: ServiceInfo, env: EnvState, e: EnvEntry): void {
  const { zookeepers: zk } = hostSets(ctx);
  if (e.value === undefined || findEndpointRuns(e.value, zk).length === 0) return;
  if (isZookeeperKey(e.key)) {
    env.remove(e.key);
    ctx.plan.removed.push({
      kind: 'env',
      name: e.key,
      from: info.name,
      fromId: servicePlanId(info.name, info.defs[0]?.file.source.path ?? ''),
      reason: 'it pointed at the dropped ZooKeeper; clients need only bootstrap servers',
      at: entrySpan(e),
    });
  } else {
    ctx.diagnostics.push({
      code: 'COMPOSE_ZOOKEEPER_CLIENT',
      severity: 'error',
      message: `service "${info.name}" talks to the dropped ZooKeeper through ${e.key}; the customer's Kafka exposes no ZooKeeper`,
      help: 'configure the service with bootstrap servers instead, or remove the setting',
      subject: entrySpan(e),
    });
  }
}

// the analysis is done when the rewrite starts: the host sets every environment entry is matched against are made once
// (one set object, so the endpoint expressions built for it are found again)
interface HostSets {
  brokers: ReadonlySet<string>;
  zookeepers: ReadonlySet<string>;
  kafkaOrCustomer: ReadonlySet<string>;
}
const hostSetsOf = new WeakMap<ComposeAnalysis, HostSets>();
function hostSets(ctx: RewriteContext): HostSets {
  let sets = hostSetsOf.get(ctx.analysis);
  if (!sets) {
    sets = {
      kafkaOrCustomer: new Set([...ctx.analysis.kafkaHosts, ...ctx.analysis.customerHosts]),
      brokers: new Set([...ctx.analysis.kafkaHosts].filter((h) => !ctx.analysis.registryHosts.has(h))),
      zookeepers: new Set([...ctx.analysis.zookeeperHosts].filter((h) => isDroppedHost(ctx, h))),
    };
    hostSetsOf.set(ctx.analysis, sets);
  }
  return sets;
}

function isDroppedHost(ctx: RewriteContext, host: string): boolean {
  for (const name of ctx.analysis.dropped.keys()) {
    if (ctx.analysis.services.get(name)?.hostNames.includes(host)) return true;
  }
  return false;
}

function rewriteCommands(ctx: RewriteContext, info: ServiceInfo): string[] {
  const { analysis, spec } = ctx;
  const refs: string[] = [];
  for (const site of info.commands) {
    refs.push(...rewriteDotenvRefs(ctx, `${site.where}: ${site.value}`, site.value));
    const runs = findEndpointRuns(site.value, analysis.kafkaHosts);
    if (runs.length === 0) continue;
    refs.push(`${site.where}: ${runs.map((r) => r.text).join(', ')}`);
    const ed = ctx.editorOf(site);
    const r = site.node.range;
    if (!r) continue;
    const src = ed.source.text.slice(r[0], r[1]);
    let cursor = 0;
    const parts: { start: number; end: number; text: string }[] = [];
    for (const run of runs) {
      const at = src.indexOf(run.text, cursor);
      if (at < 0) continue;
      parts.push({ start: at, end: at + run.text.length, text: renderBootstrap(spec.bootstrapServers, spec.securityProtocol, run) });
      cursor = at + run.text.length;
    }
    ed.spliceScalar(site.node, parts);
    if (spec.securityProtocol !== 'PLAINTEXT') {
      ctx.diagnostics.push({
        code: 'COMPOSE_COMMAND_NO_SECURITY',
        severity: 'warning',
        message: `the ${site.where} of service "${info.name}" runs a Kafka tool against ${runs.map((r) => r.text).join(', ')}; graft rewired the address, but a command line carries no ${spec.securityProtocol} settings`,
        help: 'give the tool a client config file (e.g. --command-config / -c) or remove the wait step',
        subject: spanOfNode(site.file.source, site.node),
      });
    }
  }
  return refs;
}

/**
 * What a kept service depended on among the dropped services, for its messages: the Kafka when that includes a broker
 * or controller (or a service of no known role), else the ZooKeeper or schema registry by name (a ZooKeeper UI that
 * waited only for ZooKeeper).
 */
function droppedDependency(ctx: RewriteContext, names: ReadonlySet<string>): DroppedDependency {
  const roles = [...names].map((n) => ({ name: n, role: ctx.analysis.dropped.get(n)?.role }));
  if (roles.length === 0 || roles.some((r) => r.role === 'broker' || r.role === 'controller' || r.role === undefined))
    return { kafka: true, what: 'Kafka', services: [] };
  const label: Record<string, string> = {
    zookeeper: 'ZooKeeper',
    'schema-registry': 'schema registry',
    'kafka-init': 'Kafka setup service',
  };
  const kinds = [...new Set(roles.map((r) => r.role as string))];
  const what = kinds
    .map(
      (role) =>
        `${label[role] ?? role} ${roles
          .filter((r) => r.role === role)
          .map((r) => `"${r.name}"`)
          .join(', ')}`,
    )
    .join(' and ');
  return { kafka: false, what, services: roles.map((r) => r.name) };
}

function dropEdges(ctx: RewriteContext, def: ComposeService, names: Set<string>): boolean {
  const dropped = ctx.analysis.dropped;
  const ed = ctx.editorOf(def);
  let any = false;
  const deps = readDependsOn(def).filter((d) => dropped.has(d.name));
  for (const d of deps) names.add(d.name);
  if (deps.length > 0) {
    any = true;
    const collection = deps[0]?.collection;
    // depends_on may come from a merged anchor (`<<: *defaults`): it is edited there, once for all sharers
    const pair = (ownerOfKey(def.map, 'depends_on', def.file) ?? def.map).items.find(
      (p) => isScalar(p.key) && p.key.value === 'depends_on',
    );
    if (collection)
      ed.removeItems(
        collection,
        (i) => deps.some((d) => d.node === i || (isMap(collection) && (i as { key?: unknown }).key === d.node)),
        pair,
      );
    for (const d of deps) {
      ctx.plan.removed.push({
        kind: 'depends_on',
        name: d.name,
        from: def.name,
        fromId: servicePlanId(def.name, def.file.source.path),
        reason: `${d.name} is dropped`,
        at: spanOfNode(def.file.source, d.node),
      });
    }
  }
  for (const key of ['links', 'volumes_from'] as const) {
    const seq = def.map.get(key, true);
    if (!isSeq(seq)) continue;
    const target = (i: unknown): string =>
      isScalar(i)
        ? (String(i.value)
            .replace(/^service:/, '')
            .split(':')[0] ?? '')
        : '';
    const gone = seq.items.filter((i) => dropped.has(target(i)));
    if (gone.length === 0) continue;
    any = true;
    for (const g of gone) names.add(target(g));
    const pair = def.map.items.find((p) => isScalar(p.key) && p.key.value === key);
    ed.removeItems(seq, (i) => gone.includes(i), pair);
    for (const g of gone)
      ctx.plan.removed.push({
        kind: key,
        name: target(g),
        from: def.name,
        fromId: servicePlanId(def.name, def.file.source.path),
        reason: `${target(g)} is dropped`,
        at: spanOfNode(def.file.source, g as Node),
      });
  }
  const mode = def.map.get('network_mode', true);
  if (isScalar(mode) && /^service:/.test(String(mode.value)) && dropped.has(String(mode.value).slice('service:'.length))) {
    ctx.diagnostics.push({
      code: 'COMPOSE_NETWORK_MODE_DROPPED',
      severity: 'error',
      message: `service "${def.name}" shares the network namespace of dropped service ${String(mode.value).slice(8)}`,
      help: 'give the service its own network (remove network_mode) so it can reach the customer cluster',
      subject: spanOfNode(def.file.source, mode),
    });
  }
  return any;
}

/** Removes the top-level volumes only dropped services used; returns the files whose `volumes:` went whole. */
function removeOrphanVolumes(ctx: RewriteContext): Set<ComposeFile> {
  const emptied = new Set<ComposeFile>();
  const usedBy = new Map<string, Set<string>>();
  for (const s of ctx.analysis.services.values()) {
    for (const def of s.defs) {
      const vols = def.map.get('volumes', true);
      if (!isSeq(vols)) continue;
      for (const v of vols.items) {
        const source = isScalar(v) ? String(v.value).split(':')[0] : isMap(v) ? scalarText(v.get('source', true)) : '';
        if (source) usedBy.set(source, new Set([...(usedBy.get(source) ?? []), s.name]));
      }
    }
  }
  for (const file of ctx.analysis.files) {
    const root = file.doc.contents;
    if (!isMap(root)) continue;
    const top = root.get('volumes', true);
    if (!isMap(top)) continue;
    const orphan = (p: unknown): boolean => {
      const name = scalarText((p as { key?: unknown }).key);
      const users = usedBy.get(name);
      return users !== undefined && users.size > 0 && [...users].every((u) => ctx.analysis.dropped.has(u));
    };
    const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'volumes');
    if (top.items.length > 0 && top.items.every(orphan)) emptied.add(file);
    ctx.editorOf({ file }).removeItems(top, orphan, pair);
    for (const p of top.items.filter(orphan)) {
      const name = String((p.key as { value: unknown }).value);
      ctx.plan.removed.push({
        kind: 'volume',
        name,
        fromId: fileId('compose', file.source.path, 'volumes'),
        reason: `used only by ${[...(usedBy.get(name) ?? [])].join(', ')}`,
        at: spanOfNode(file.source, p.key as Node),
      });
    }
  }
  return emptied;
}

// a top-level `x-` extension field whose anchors only dropped services merge (`<<: *kafka-base`) goes with them:
// nothing reads it any more, and it would keep the dropped brokers' settings in the output
function removeOrphanExtensions(ctx: RewriteContext): void {
  for (const file of ctx.analysis.files) {
    const root = file.doc.contents;
    if (!isMap(root)) continue;
    const droppedRanges = listServices(file)
      .filter((d) => ctx.analysis.dropped.has(d.name))
      .map((d) => ({ start: (d.pair.key as Node).range?.[0] ?? 0, end: d.map.range?.[2] ?? d.map.range?.[1] ?? 0 }));
    // an alias is written `*name`: a file without a `*` has none, and no walk of its tree is needed
    if (droppedRanges.length === 0 || !file.source.text.includes('*')) continue;
    const inDropped = (at: number): boolean => droppedRanges.some((r) => at >= r.start && at < r.end);
    const extensions = root.items.filter((p) => isScalar(p.key) && String(p.key.value).startsWith('x-') && isNode(p.value));
    // every alias of the file, by the node it resolves to, with where it is
    const aliases: { target: unknown; at: number }[] = [];
    visit(file.doc, {
      Alias(_, alias) {
        aliases.push({ target: alias.resolve(file.doc), at: alias.range?.[0] ?? 0 });
      },
    });
    const orphans = extensions.filter((p) => {
      const [start = 0, , end = 0] = (p.value as Node).range ?? [];
      const anchored = new Set<unknown>();
      visit(p.value, {
        Node(_, node) {
          if (node.anchor) anchored.add(node);
        },
      });
      if (isNode(p.value) && p.value.anchor) anchored.add(p.value);
      const uses = aliases.filter((a) => anchored.has(a.target) && !(a.at >= start && a.at < end));
      return uses.length > 0 && uses.every((u) => inDropped(u.at));
    });
    if (orphans.length === 0) continue;
    ctx.editorOf({ file }).removeItems(root, (item) => orphans.includes(item as (typeof orphans)[number]));
    for (const p of orphans) {
      ctx.plan.removed.push({
        kind: 'setting',
        name: String((p.key as { value: unknown }).value),
        fromId: fileId('compose', file.source.path),
        reason: 'used only by dropped services',
        at: spanOfNode(file.source, p.key),
      });
    }
  }
}

// `extends: { file: other.yml }` pulls settings graft cannot see unless that file is part of the stack
function checkExtends(ctx: RewriteContext, info: ServiceInfo): void {
  for (const def of info.defs) {
    const d = extendsUnresolvedDiagnostic(ctx.analysis.model, info.name, def);
    const known = (x: Diagnostic): boolean =>
      x.code === d?.code && x.subject?.start === d.subject?.start && x.subject?.file === d.subject?.file;
    if (d && !ctx.analysis.diagnostics.some(known)) ctx.diagnostics.push(d);
  }
}

// a stack file's path as the plan shows it: relative to the folder of the first Compose file
function relPath(ctx: RewriteContext, path: string): string {
  const main = ctx.analysis.files[0];
  if (!main?.rel) return path;
  const root = main.source.path.slice(0, main.source.path.length - main.rel.length);
  return path.startsWith(root) ? path.slice(root.length) : path;
}

// every client graft cannot configure is named, each with the one declaration that covers all of them
function nameUnknownClientsTogether(diagnostics: Diagnostic[]): void {
  const unknown = diagnostics.filter((d) => d.code === 'CLIENT_UNKNOWN_FAMILY');
  if (unknown.length < 2) return;
  const names = unknown.map((d) => /service "([^"]+)"/.exec(d.message)?.[1] ?? '?');
  for (const [i, d] of unknown.entries()) {
    d.message += ` (${i + 1} of ${names.length}: ${names.join(', ')})`;
    d.help = `declare all ${names.length} in graft.yaml under kafka.clients (${names.join(', ')}), each as <service>: { family: env, env: { bootstrapServers: ..., securityProtocol: ..., ... } } or its own family`;
  }
}

// how many project services of the stack a service extends, nearest first
function extendsDepth(analysis: ComposeAnalysis, info: ServiceInfo): number {
  return info.bases.filter((b) => analysis.services.get(b.name)?.defs.some((d) => d.pair === b.pair)).length;
}

// the variables graft added to a kept project service this one extends: Compose merges them into this one
function inheritedAdditions(ctx: RewriteContext, info: ServiceInfo): EnvEntry[] {
  const out: EnvEntry[] = [];
  for (const base of info.bases) {
    if (!ctx.analysis.services.get(base.name)?.defs.some((d) => d.pair === base.pair)) continue;
    for (const [key, value] of ctx.added.get(base.name) ?? []) {
      if (info.env.some((e) => e.key === key) || out.some((e) => e.key === key)) continue;
      out.push({ key, value, form: 'inherited', node: undefined, file: base.file });
    }
  }
  return out;
}

/** The project's .env values with the dropped Kafka's addresses replaced, as the compiled stack has them. */
const compiledVarsOf = new WeakMap<ComposeAnalysis, Map<string, string>>();
function compiledVars(ctx: RewriteContext): Map<string, string> {
  const made = compiledVarsOf.get(ctx.analysis);
  if (made) return made;
  const out = new Map<string, string>();
  compiledVarsOf.set(ctx.analysis, out);
  for (const [key, value] of ctx.analysis.model.vars) {
    const runs = findEndpointRuns(value, ctx.analysis.kafkaHosts);
    out.set(
      key,
      spliceAll(
        value,
        runs.map((r) => ({ ...r, text: renderBootstrap(ctx.spec.bootstrapServers, ctx.spec.securityProtocol, r) })),
      ),
    );
  }
  return out;
}

/** Where an environment entry is written: its Compose node, or its line of an env file. */
function entrySpan(e: EnvEntry): Span {
  if (e.dotenv)
    return { file: e.dotenv.source.path, start: e.dotenv.valueStart, end: Math.max(e.dotenv.valueEnd, e.dotenv.valueStart + 1) };
  return spanOfNode(e.file.source, e.node ?? (e.pair?.key as Node | undefined) ?? null);
}

// `${KAFKA_BROKERS}` whose value in the project's .env names the dropped Kafka: the value is rewired in .env;
// a value built from other variables there (`KAFKA_ADDR=${KAFKA_HOST}:${KAFKA_PORT}`) is replaced as a whole
function rewriteDotenvRefs(ctx: RewriteContext, label: string, value: string): string[] {
  const dotenv = ctx.analysis.model.dotenv;
  if (!dotenv) return [];
  const out: string[] = [];
  for (const ref of findVarRefs(value)) {
    const d = dotenv.entries.get(ref.name);
    if (!d) continue;
    const resolved = interpolate(d.value, ctx.analysis.model.vars);
    const runs = findEndpointRuns(resolved, ctx.analysis.kafkaHosts);
    if (runs.length === 0) continue;
    out.push(`${label} (.env ${d.key}=${d.value})`);
    const whole = runs.length === 1 && runs[0]?.start === 0 && runs[0].end === resolved.length;
    if (resolved !== d.value && !whole) {
      ctx.diagnostics.push({
        code: 'COMPOSE_SHARED_VALUE_CONFLICT',
        severity: 'error',
        message: `${d.key} in .env is built from other variables (${d.value} = ${resolved}) and names the dropped Kafka among other text; graft cannot rewire one part of it`,
        help: `set ${d.key} to the address alone (${resolved.slice(runs[0]?.start ?? 0, runs[0]?.end ?? 0)}) or bind the variable in graft.yaml`,
        subject: { file: d.source.path, start: d.valueStart, end: Math.max(d.valueEnd, d.valueStart + 1) },
      });
      continue;
    }
    const parts = resolved === d.value ? runs : runs.map((r) => ({ ...r, start: 0, end: d.value.length }));
    for (const r of parts) {
      ctx.fileEdit(
        { file: d.source.path, start: d.valueStart + r.start, end: d.valueStart + r.end },
        renderBootstrap(ctx.spec.bootstrapServers, ctx.spec.securityProtocol, r),
      );
    }
  }
  return out;
}

// every kept service sharing a value must want the same of it; what each wants is compared after all are rewritten
function noteShared(ctx: RewriteContext, info: ServiceInfo, env: EnvState, target: YAMLMap | YAMLSeq | undefined): void {
  // the label and span of what is shared are made once, by the first service that notes it
  const note = (id: object, label: () => string, at: () => Span, want: string): void => {
    let s = ctx.sharing.get(id);
    if (!s) ctx.sharing.set(id, (s = { label: label(), at: at(), wants: new Map<string, string>() }));
    s.wants.set(info.name, want);
  };
  for (const e of info.env) {
    const id = e.dotenv ?? e.pair ?? e.node;
    if (!id) continue;
    // an env file line graft overrides in the service's own environment stays as it was
    const want = e.form === 'envfile' && env.isOverridden(e.key) ? e.value : env.wanted(e.key);
    const where = (): string => (e.dotenv ? `${e.key} in ${e.dotenv.source.path}` : e.key);
    note(id, where, () => entrySpan(e), want === undefined ? '(removed)' : want);
  }
  if (target) {
    const added = env
      .addedEntries()
      .map(([k, v]) => `${k}=${v}`)
      .sort();
    const file = info.defs[0]?.file;
    const label = (): string => `the environment mapping${target.anchor ? ` &${target.anchor}` : ''}`;
    note(target, label, () => (file ? spanOfNode(file.source, target) : { file: '', start: 0, end: 0 }), added.join('\n'));
  }
}

function reportSharedConflicts(ctx: RewriteContext): void {
  for (const s of ctx.sharing.values()) {
    const byWant = new Map<string, string[]>();
    for (const [service, want] of s.wants) byWant.set(want, [...(byWant.get(want) ?? []), service]);
    if (byWant.size <= 1) continue;
    const services = [...s.wants.keys()];
    const groups = [...byWant.entries()].map(
      ([want, who]) => `${who.join(', ')}: ${want === '' ? 'nothing added' : want.split('\n').join(', ')}`,
    );
    ctx.diagnostics.push({
      code: 'COMPOSE_SHARED_VALUE_CONFLICT',
      severity: 'error',
      message: `${s.label} is shared by ${services.join(', ')}, which need different values (${groups.join('; ')}); one edit here would be wrong for some of them`,
      help: `give ${services.join(', ')} their own values (set the variable in each service's own environment:, outside the shared anchor or file), or declare the services' roles in graft.yaml`,
      subject: s.at,
    });
  }
}

// a kept service reading an anchor defined inside a dropped service would lose it with the service: settings
// that carry no Kafka address (logging, deploy, labels, ...) move with their anchor to the first kept use;
// anything else (environment, commands) graft may have to rewire and is refused
const MOVABLE_SETTINGS = new Set([
  'logging',
  'deploy',
  'restart',
  'ulimits',
  'labels',
  'extra_hosts',
  'dns',
  'sysctls',
  'tmpfs',
  'security_opt',
  'cap_add',
  'cap_drop',
  'mem_limit',
  'cpus',
  'platform',
  'pull_policy',
  'stop_grace_period',
  'options',
]);

function checkDroppedAnchors(ctx: RewriteContext): void {
  for (const file of ctx.analysis.files) {
    const droppedRanges = listServices(file)
      .filter((d) => ctx.analysis.dropped.has(d.name))
      .map((d) => ({ name: d.name, start: (d.pair.key as Node).range?.[0] ?? 0, end: d.map.range?.[2] ?? d.map.range?.[1] ?? 0 }));
    if (droppedRanges.length === 0 || !file.source.text.includes('*')) continue;
    const inside = (at: number): { name: string } | undefined => droppedRanges.find((r) => at >= r.start && at < r.end);
    const moved = new Set<unknown>();
    const text = file.source.text;
    visit(file.doc, {
      Alias(_, alias, path) {
        const at = alias.range?.[0] ?? 0;
        if (inside(at)) return;
        const target = alias.resolve(file.doc);
        const owner = inside(target?.range?.[0] ?? -1);
        if (!owner || !target) return;
        if (moved.has(target)) return;
        const anchorAt = text.lastIndexOf(`&${alias.source}`, target.range?.[0] ?? 0);
        const anchorLine = text.slice(lineStart(text, anchorAt), anchorAt);
        const settingKey = /^\s*(?:-\s+)?([\w.-]+)\s*:\s*$/.exec(anchorLine)?.[1] ?? '';
        const parent = path[path.length - 1];
        const useKey = isPair(parent) && isScalar(parent.key) ? String(parent.key.value) : '';
        if (MOVABLE_SETTINGS.has(settingKey) && settingKey === useKey && anchorAt >= 0) {
          moveAnchor(ctx, file, alias, target, anchorAt);
          moved.add(target);
          ctx.plan.notes.push(`moved &${alias.source} from dropped ${owner.name} to its first kept use (line ${String(lineOf(text, at))})`);
          return;
        }
        ctx.diagnostics.push({
          code: 'COMPOSE_SHARED_VALUE_CONFLICT',
          severity: 'error',
          message: `*${alias.source} is defined inside service "${owner.name}", which graft drops, and is still used here`,
          help: `move the anchor &${alias.source} out of "${owner.name}" (e.g. into an x- extension field) so it outlives the dropped service`,
          subject: spanOfNode(file.source, alias),
        });
      },
    });
  }
}

// writes `&name` and the anchored value at the alias, re-indented to the alias's place
function moveAnchor(ctx: RewriteContext, file: ComposeService['file'], alias: Node, target: Node, anchorAt: number): void {
  const text = file.source.text;
  const ed = ctx.editorOf({ file });
  const [start = 0, end = 0] = target.range ?? [];
  const name = /^&[^\s,[\]{}]+/.exec(text.slice(anchorAt))?.[0] ?? '&';
  const [aStart = 0, aEnd = 0] = alias.range ?? [];
  const body = text.slice(start, end).replace(/\s+$/, '');
  if (!body.includes('\n') && lineStart(text, start) === lineStart(text, anchorAt)) {
    ed.replace(aStart, aEnd, `${name} ${body}`);
    return;
  }
  const indentOf = (offset: number): number => /^ */.exec(text.slice(lineStart(text, offset)))?.[0].length ?? 0;
  const from = columnOf(text, start);
  const to = indentOf(aStart) + (from - indentOf(anchorAt));
  const lines = body.split('\n').map((l, i) => {
    if (i === 0) return ' '.repeat(to) + l;
    const own = /^ */.exec(l)?.[0].length ?? 0;
    return l.trim() === '' ? l : ' '.repeat(Math.max(0, own - from + to)) + l.slice(own);
  });
  ed.replace(aStart, aEnd, `${name}${ed.eol}${lines.join('\n')}`);
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
