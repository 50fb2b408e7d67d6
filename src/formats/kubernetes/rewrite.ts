import { assembledAt, attachAssembly } from './assemble.js';
import { isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { Bindings, ClientBinding } from '../../bindings/types.js';
import { staleReason } from '../../configure/security-surface.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { Edit } from '../../core/edit.js';
import { findEndpointRuns, k8sHostSuffix } from '../../core/endpoints.js';
import { emptyPlan, secretUsers, type Plan, type RewiredItem } from '../../plan/types.js';
import { describeSecretSource, secretName } from '../../secrets/names.js';
import type { CustomerKafka } from '../../spec/types.js';
import { configureClient, needsSecurity, type ClientSink } from '../../configure/stage.js';
import { scalarText } from '../yaml/nodes.js';
import { isZookeeperKey } from '../../detect/behaviour.js';
import { burrowSecurityReason } from '../../detect/burrow.js';
import { YamlEditor } from '../yaml/editor.js';
import { renderBlock } from '../yaml/text.js';
import { type K8sAnalysis } from './analyze.js';
import { ContainerEnv } from './container-env.js';
import { applyK8sNaming } from './naming.js';
import { getPath, seqAt, spanOf, textAt, type Resource } from './parse.js';
import { k8sPreflight, PREFLIGHT_FILE } from './preflight.js';
import type { PreflightInput } from '../../preflight/index.js';
import { EXTERNAL_SECRETS_FILE, EXTERNAL_TARGET, K8sSecrets, SECRETS_DIR } from './secrets.js';
import { rewireStackSecret, secretNamesKafka } from './stack-secrets.js';
import { isStrimziOperand, rewireEgress, rewireStrimziOperand } from './strimzi.js';
import { addImplicitCfkKafka, isCfkComponent, nameCfkConnector, rewireCfkComponent } from './cfk.js';
import { isKnativeKafka, rewireKnativeKafka } from './knative.js';
import { isNumaflowVertexHolder, rewireNumaflowKafka } from './numaflow.js';
import { isJaegerStreaming, rewireJaeger } from './jaeger.js';
import type { Container, Workload } from './workloads.js';
import { bindingFor } from './config-mounts.js';
import { dropEnvIntoRemovedVolumes, findOperatorVolumes, rewriteOperatorVolumes } from './operator-volumes.js';
import { findEmptiedFiles, rewriteEmptiedFiles } from './emptied.js';
import type { FileName, StackReader, WorkloadAccount } from '../types.js';
import { planConfigFiles, writtenKey } from './config-files.js';
import { toolConfigOf, volumeFiles } from './tool-config.js';
import { planId, rewireText, type K8sContext } from './context.js';
import { withSystemProps } from '../../clients/java-common/index.js';
import { removeStaleSpringSettings } from './spring-config.js';
import { annotateForReloader } from './reloader.js';
import { bindWorkloadIdentity } from './workload-identity.js';
import { checkUnconfiguredTools, checkUnseenClients } from './unseen-clients.js';
import { checkUnknownOperatorClusters } from './operator-clusters.js';
import { checkAkkaDiscovery } from './akka-discovery.js';
import { CLIENT_SETTING_KEY, configMapReaders, readerReason } from './config-readers.js';

/** Drops the in-cluster Kafka and rewires every workload, as edits to the original files. */
export function rewriteManifests(
  analysis: K8sAnalysis,
  spec: CustomerKafka,
  bindings: Bindings | undefined,
  externalSecretStore?: string,
  preflight?: PreflightInput,
  read?: StackReader,
  parsedDocs?: ReadonlyMap<string, readonly Document[]>,
  reloader?: boolean,
): {
  edits: Map<string, Edit[]>;
  plan: Plan;
  diagnostics: Diagnostic[];
  newFiles: Map<string, string>;
  reloaded: string[];
  workloadAccounts: WorkloadAccount[];
  fileNames: FileName[];
} {
  const editors = new Map<string, YamlEditor>();
  const ctx: K8sContext = {
    analysis,
    spec,
    ...(bindings ? { bindings } : {}),
    plan: emptyPlan('kubernetes'),
    diagnostics: [],
    secrets: new K8sSecrets(externalSecretStore),
    files: { byValue: new Map(), needs: new Map(), written: new Map() },
    fileNames: [],
    editorOf: (r) => {
      let ed = editors.get(r.file.path);
      if (!ed) editors.set(r.file.path, (ed = new YamlEditor(r.file, parsedDocs?.get(r.file.path))));
      return ed;
    },
  };
  const emptied = findEmptiedFiles(analysis.resources, new Set(analysis.dropped.keys()));
  // a List whose every item is dropped goes as a whole document
  const wholeLists = new Set<string>();
  for (const r of analysis.resources)
    if (
      r.listRange &&
      analysis.resources.every((x) => x.file !== r.file || x.listRange?.[0] !== r.listRange?.[0] || analysis.dropped.has(x))
    )
      wholeLists.add(`${r.file.path}:${r.listRange[0]}`);
  const removedLists = new Set<string>();
  for (const [r, d] of analysis.dropped) {
    const list = r.listRange && wholeLists.has(`${r.file.path}:${r.listRange[0]}`) ? r.listRange : undefined;
    const range = list ?? r.range;
    const key = `${r.file.path}:${range[0]}`;
    if (!emptied.includes(r.file) && !(list && removedLists.has(key))) ctx.editorOf(r).replace(range[0], range[1], '');
    if (list) removedLists.add(key);
    ctx.plan.dropped.push({ service: r.id, id: planId(r), role: d.role, reason: d.reason, at: spanOf(r) });
    if (r.kind === 'KafkaTopic' || (r.kind === 'Topic' && r.apiVersion.startsWith('cluster.redpanda.com/'))) {
      const topic = textAt(r.root, 'spec', 'topicName') || textAt(r.root, 'spec', 'name') || r.name;
      const prefix = spec.topics?.prefix;
      ctx.plan.topicsToCreate.push(prefix && !topic.startsWith(prefix) ? prefix + topic : topic);
    }
  }
  rewriteEmptiedFiles(ctx, emptied, read);
  for (const t of analysis.creates) {
    const prefix = spec.topics?.prefix;
    ctx.plan.topicsToCreate.push(prefix && !t.startsWith(prefix) ? prefix + t : t);
  }
  for (const k of analysis.kept) {
    if (k.forItself) {
      ctx.plan.notes.push(`kept ${k.resource.id}: ZooKeeper the dropped Kafka did not use, used by ${k.forItself.join('; ')}`);
      continue;
    }
    ctx.plan.notes.push(`kept ${k.resource.id}: still used by ${k.users.join(', ')}`);
    ctx.diagnostics.push({
      code: 'K8S_INFRA_KEPT',
      severity: 'warning',
      message: `${k.resource.id} served the dropped Kafka but is kept: ${k.users.join(', ')} still use${k.users.length === 1 ? 's' : ''} it`,
      help: 'check that the remaining users really need it; graft never drops what has a live user',
      subject: spanOf(k.resource),
    });
  }
  ctx.files = planConfigFiles(ctx);
  for (const w of analysis.workloads) if (!analysis.dropped.has(w.resource)) rewriteWorkload(ctx, w);
  for (const r of analysis.resources) {
    if (analysis.dropped.has(r)) continue;
    if (r.kind === 'ConfigMap') {
      rewriteConfigMap(ctx, r);
      checkAkkaDiscovery(ctx, r);
    } else if (r.kind === 'Secret') rewireStackSecret(ctx, r);
    else if (isStrimziOperand(r)) rewireStrimziOperand(ctx, r);
    else if (isJaegerStreaming(r)) rewireJaeger(ctx, r);
    else if (r.kind === 'NetworkPolicy')
      rewireEgress(
        ctx,
        r,
        analysis.workloads.filter((w) => analysis.dropped.has(w.resource)).map((w) => w.podLabels),
      );
    else if (isCustomResource(r) && !analysis.workloads.some((w) => w.resource === r)) rewireCustomResource(ctx, r);
  }
  ctx.diagnostics.push(...ctx.secrets.diagnostics);
  checkUnknownOperatorClusters(analysis, ctx.diagnostics);
  const unseen = checkUnseenClients(analysis, ctx.plan, ctx.diagnostics, bindings);
  checkUnconfiguredTools(analysis, ctx.plan, ctx.diagnostics, spec, bindings, unseen);
  for (const [name, u] of [...ctx.secrets.used].sort(([a], [b]) => (a < b ? -1 : 1))) {
    ctx.plan.secrets.push({
      name,
      ref: describeSecretSource(u.secret),
      specPath: u.secret.path,
      ...secretUsers(u.users),
    });
  }
  const reloaded = reloader ? annotateForReloader(ctx) : [];
  const workloadAccounts = bindWorkloadIdentity(ctx);
  ctx.plan.topicsToCreate = [...new Set(ctx.plan.topicsToCreate)].sort();
  const newFiles = new Map<string, string>();
  if (preflight) newFiles.set(PREFLIGHT_FILE, k8sPreflight(ctx, preflight));
  const external = ctx.secrets.externalSecret();
  if (external) {
    newFiles.set(EXTERNAL_SECRETS_FILE, external);
    ctx.plan.notes.push(
      `${EXTERNAL_SECRETS_FILE}: an ExternalSecret syncs the customer's secrets into Secret ${EXTERNAL_TARGET} through store ${externalSecretStore ?? ''}`,
    );
  }
  return {
    edits: new Map([...editors].map(([p, e]) => [p, e.result()])),
    plan: ctx.plan,
    diagnostics: ctx.diagnostics,
    newFiles,
    reloaded,
    workloadAccounts,
    fileNames: ctx.fileNames,
  };
}

function rewriteWorkload(ctx: K8sContext, w: Workload): void {
  const ed = ctx.editorOf(w.resource);
  const mounts: { container: Container; names: Set<string> }[] = [];
  const operatorVolumes = findOperatorVolumes(ctx, w);
  const items = new Map<Container, RewiredItem>();
  for (const c of w.containers) {
    const env = new ContainerEnv(c, ed);
    checkCollapsedClusters(ctx, w, c, env);
    const matched: string[] = [];
    for (const name of env.names()) {
      const v = env.literal(name);
      if (v === undefined) continue;
      if (
        isZookeeperKey(name) &&
        findEndpointRuns(v, ctx.analysis.zookeeperHosts, k8sHostSuffix(ctx.analysis.zookeeperHosts, ctx.analysis.namespaces)).length > 0
      ) {
        env.remove(name);
        ctx.plan.removed.push({
          kind: 'env',
          name,
          from: `${w.resource.id}/${c.name}`,
          fromId: planId(w.resource, { container: c.name }),
          reason: 'it pointed at the dropped ZooKeeper; clients need only bootstrap servers',
          at: spanOf(w.resource, c.node),
        });
        continue;
      }
      const r = rewireText(ctx, v);
      if (r.matched || r.customer) matched.push(`env ${name} = ${v}`);
      if (r.matched) env.setLiteral(name, r.text);
    }
    // a Kafka address the container takes through envFrom makes it a client too (the ConfigMap key is rewired in place)
    for (const [name, from] of envFromSources(ctx, c).sources) {
      if (env.itemOf(name) || !isScalar(from.pair.value) || typeof from.pair.value.value !== 'string') continue;
      const r = rewireText(ctx, from.pair.value.value);
      if (r.matched || r.customer) matched.push(`${name} = ${from.pair.value.value} from ${from.r.kind} ${from.r.name} through envFrom`);
    }
    for (const key of ['args', 'command'] as const) {
      for (const item of seqAt(c.node, key)) {
        if (!isScalar(item) || typeof item.value !== 'string') continue;
        const r = rewireText(ctx, item.value);
        if (r.matched) {
          ed.setScalar(item, r.text);
          matched.push(`${key}: ${item.value}`);
        }
      }
    }
    if (c.init && isWaitOnly(c, ctx.analysis.kafkaHosts)) {
      // the last init container takes its `initContainers:` key along
      const inits = w.podSpec.get('initContainers', true);
      const waits = w.containers.filter((x) => x.init && isWaitOnly(x, ctx.analysis.kafkaHosts));
      const pair = w.podSpec.items.find((p) => scalarText(p.key) === 'initContainers');
      if (isSeq(inits) && waits.length === inits.items.length && pair) ed.removeBlockEntry(pair.key as Node);
      else ed.removeBlockEntry(c.node);
      ctx.plan.removed.push({
        kind: 'env',
        name: `initContainer ${c.name}`,
        from: w.resource.id,
        fromId: planId(w.resource),
        reason: 'it only waited for the dropped Kafka',
        at: spanOf(w.resource, c.node),
      });
      continue;
    }
    const item = configureContainer(ctx, w, c, env, matched, mounts);
    if (item) {
      applyK8sNaming(ctx, w, c, env, item.family);
      item.changed = [...item.changed, ...env.changed().map((n) => (env.names().includes(n) ? n : `-${n}`))];
      ctx.plan.rewired.push(item);
      items.set(c, item);
    }
    configureMountedFiles(ctx, c, env, mounts);
    dropEnvIntoRemovedVolumes(ctx, w, c, env, operatorVolumes);
    checkDroppedSecretRefs(ctx, w, c, env);
    env.apply();
  }
  const assembly = attachAssembly(ctx, w, ed);
  for (const [c, notes] of assembly.notes) items.get(c)?.notes.push(...notes);
  attachSecretVolume(ctx, w, ed, mounts);
  assembly.addInits();
  rewriteOperatorVolumes(ctx, w, operatorVolumes, new Set(mounts.map((m) => m.container)));
}

// `until nc -z kafka 9092; do sleep 1; done`-style containers have no purpose once Kafka is external
function isWaitOnly(c: Container, hosts: ReadonlySet<string>): boolean {
  const text = [...seqAt(c.node, 'command'), ...seqAt(c.node, 'args')].map((n) => scalarText(n)).join(' ');
  const namesKafka = [...hosts].some((h) => new RegExp(`(^|[^\\w.-])${h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([.:\\s]|$)`).test(text));
  return (
    namesKafka &&
    /\b(nc|wait-for|wait-for-it|kafka-ready|kcat|kafkacat|until|cub|kafka-broker-api-versions)\b/.test(text) &&
    !/\bexec\b/.test(text)
  );
}

/** A container's env list as the configure stage reads and writes it; secret files go to the pod's graft-secrets volume. */
function containerSink(
  ctx: K8sContext,
  w: Workload,
  c: Container,
  env: ContainerEnv,
  names: Set<string>,
  refusedFile?: string,
): ClientSink {
  const user = planId(w.resource);
  const { sources: fromConfigMaps, unseen } = envFromSources(ctx, c);
  return {
    platform: 'Kubernetes',
    can: { secretFiles: true, secretEnv: true, composites: true, files: false, properties: true, assembleAtStart: true },
    settings: () => [...new Set([...env.names(), ...[...fromConfigMaps.keys()].filter((n) => !env.itemOf(n))])],
    literal: (name) => env.literal(name),
    sharedWith: (name) => {
      const from = env.itemOf(name) ? undefined : fromConfigMaps.get(name);
      if (!from) return undefined;
      const secret = from.r.kind === 'Secret';
      const others = ctx.analysis.workloads
        .filter((x) => x !== w && !ctx.analysis.dropped.has(x.resource) && (secret ? x.secrets : x.configMaps).has(from.r.name))
        .map((x) => x.resource.id);
      return others.length
        ? `${from.r.kind} ${from.r.name} (key ${scalarText(from.pair.key)}), which ${others.join(', ')} also read`
        : undefined;
    },
    unseen: () => unseen,
    secretFile: (secret) => {
      names.add(secretName(secret));
      return ctx.secrets.fileOf(secret, user);
    },
    set: (name, value) => env.setSetting(name, value, ctx.secrets, user),
    remove: (name) => {
      const entry = env.itemOf(name);
      const from = entry ? undefined : fromConfigMaps.get(name);
      if (from) {
        // the key of a ConfigMap or Secret only this workload reads goes from it (once, for all its containers)
        const done = removedData.get(ctx) ?? new Set<unknown>();
        if (!done.has(from.pair)) ctx.editorOf(from.r).removeBlockEntry(from.pair.key as Node);
        removedData.set(ctx, done.add(from.pair));
        return spanOf(from.r, from.pair.key);
      }
      env.remove(name);
      return entry ? spanOf(w.resource, entry) : undefined;
    },
    properties: (props) => {
      // the ConfigMap files a container mounts were completed before its environment (config-files.ts)
      const written = ctx.files.written.get(writtenKey({ workload: w, container: c, path: props.file }));
      if (written) return { changed: `${props.file} (${written})`, removed: [] };
      if (assembledAt(c, props.file)) return { removed: [] };
      // a file from a Secret of the stack that names the dropped Kafka: the Secret's own refusal names this workload
      if (refusedFile === props.file) return { removed: [] };
      return {
        removed: [],
        problem: {
          code: 'K8S_CONFIG_FILE_NOT_IN_STACK',
          severity: 'error',
          message: `container "${c.name}" of ${w.resource.id} reads ${props.file}, but no ConfigMap of the stack is mounted there`,
          help: `mount the ConfigMap data key holding the file at ${props.file} (a configMap volume, or subPath), or bind the container as family env`,
        },
      };
    },
  };
}

const removedData = new WeakMap<K8sContext, Set<unknown>>();

/**
 * The variables a container takes through `envFrom` (with its prefix), by name, from the ConfigMaps and Secrets of the
 * stack (`data`, and a Secret's `stringData`); and the Secrets it reads that way which the stack does not hold.
 */
function envFromSources(ctx: K8sContext, c: Container): { sources: Map<string, { r: Resource; pair: Pair }>; unseen: string[] } {
  const out = new Map<string, { r: Resource; pair: Pair }>();
  const unseen: string[] = [];
  for (const e of seqAt(c.node, 'envFrom')) {
    const configMap = scalarText(getPath(e, 'configMapRef', 'name'));
    const secret = scalarText(getPath(e, 'secretRef', 'name'));
    const kind = configMap ? 'ConfigMap' : secret ? 'Secret' : undefined;
    const name = configMap || secret;
    if (!kind) continue;
    const prefix = isMap(e) ? scalarText(e.get('prefix', true)) : '';
    const r = ctx.analysis.resources.find((x) => x.kind === kind && x.name === name && !ctx.analysis.dropped.has(x));
    if (!r) {
      if (kind === 'Secret') unseen.push(`Secret ${name}`);
      continue;
    }
    for (const field of kind === 'Secret' ? ['data', 'stringData'] : ['data']) {
      const data = r.root.get(field, true);
      if (!isMap(data)) continue;
      for (const pair of data.items) if (isScalar(pair.value)) out.set(prefix + scalarText(pair.key), { r, pair: pair });
    }
  }
  return { sources: out, unseen };
}

function configureContainer(
  ctx: K8sContext,
  w: Workload,
  c: Container,
  env: ContainerEnv,
  matched: string[],
  mounts: { container: Container; names: Set<string> }[],
): RewiredItem | undefined {
  const tool = matched.length > 0 ? toolFileOf(ctx, w, c) : undefined;
  const binding = bindingFor(ctx.bindings, w, c) ?? tool?.binding;
  if (tool) matched.push(`${tool.tool} ${tool.flag} ${tool.path} (${tool.source})`);
  // a Spring Boot app whose Kafka settings live in a mounted ConfigMap: environment variables override that file
  const springConfig = c.init ? undefined : springConfigMapOf(ctx, w);
  if (springConfig) matched.push(`ConfigMap ${springConfig} (spring.kafka.* in embedded application properties)`);
  const usesOperatorSecrets = env.names().some((n) => ctx.analysis.operatorSecrets.has(env.secretRefOf(n)?.name ?? ''));
  const names = new Set<string>();
  const out = configureClient(
    ctx.spec,
    {
      name: `${w.resource.name}/${c.name}`,
      subject: `container "${c.name}" of ${w.resource.id}`,
      planId: planId(w.resource, { container: c.name }),
      removedFrom: `${w.resource.id}/${c.name}`,
      image: c.image,
      env: env.snapshot(),
      matched,
      ...(binding ? { binding } : {}),
      ...(springConfig ? { impliedFamily: 'spring-boot' } : {}),
      evidence: usesOperatorSecrets,
      declare: `kafka.clients.${w.resource.name}: { family: env, env: { ... } } (or ${w.resource.name}/${c.name} for one container)`,
      at: spanOf(w.resource, c.node.get('name', true)),
    },
    containerSink(ctx, w, c, env, names, tool?.refusedWith),
  );
  ctx.diagnostics.push(...out.diagnostics);
  ctx.plan.removed.push(...out.removed);
  if (springConfig && out.emission && out.family?.family === 'spring-boot') {
    const configured = springConfigured.get(ctx) ?? new Set<string>();
    springConfigured.set(ctx, configured.add(springConfig));
  }
  if (names.size) mounts.push({ container: c, names });
  return out.item;
}

/**
 * A Kafka command-line tool (a console producer, a perf test) that names the Kafka in its command reads its other
 * settings from the properties file its flag names (`--producer.config /mnt/kafka.properties`): that file is where the
 * customer's security goes. From a ConfigMap of the stack, graft completed it (config-files.ts); from a Secret of the
 * stack that names the dropped Kafka, graft refuses the Secret, naming this workload. Either way the tool is a
 * java-properties client of that file. Only when the customer's cluster needs security: a rewired address is complete
 * otherwise.
 */
function toolFileOf(
  ctx: K8sContext,
  w: Workload,
  c: Container,
): { tool: string; flag: string; path: string; source: string; binding: ClientBinding; refusedWith?: string } | undefined {
  if (c.init || !needsSecurity(ctx.spec)) return undefined;
  const tool = toolConfigOf(c);
  if (!tool) return undefined;
  const from = volumeFiles(ctx.analysis, w, c).find((v) => v.files.includes(tool.path));
  if (!from) return undefined;
  const binding: ClientBinding = { service: `${w.resource.name}/${c.name}`, family: 'java-properties', configFile: tool.path };
  const source = `${from.kind} ${from.name}`;
  if (from.kind === 'ConfigMap') {
    return ctx.files.written.has(writtenKey({ workload: w, container: c, path: tool.path })) ? { ...tool, source, binding } : undefined;
  }
  const secret = ctx.analysis.resources.find((r) => r.kind === 'Secret' && r.name === from.name && !ctx.analysis.dropped.has(r));
  return secret && secretNamesKafka(ctx, secret) ? { ...tool, source, binding, refusedWith: tool.path } : undefined;
}

// a UI or migration tool given two different bundled clusters in separate variables: both would become the customer's one
function checkCollapsedClusters(ctx: K8sContext, w: Workload, c: Container, env: ContainerEnv): void {
  const byCluster = new Map<string, string>();
  for (const n of env.names()) {
    const v = env.literal(n);
    if (v === undefined) continue;
    for (const run of findEndpointRuns(v, ctx.analysis.kafkaHosts, k8sHostSuffix(ctx.analysis.kafkaHosts, ctx.analysis.namespaces)))
      for (const h of run.hosts) {
        const cluster = ctx.analysis.hostClusters.get(h.split('.')[0] ?? h);
        if (cluster && !byCluster.has(cluster)) byCluster.set(cluster, n);
      }
  }
  if (byCluster.size < 2) return;
  const named = [...byCluster].map(([cluster, n]) => `${cluster} (${n})`);
  ctx.diagnostics.push({
    code: 'K8S_CLUSTERS_COLLAPSE',
    severity: 'error',
    message: `container "${c.name}" of ${w.resource.id} connects ${named.join(' and ')}, different bundled Kafka clusters that would all become the customer's one cluster`,
    help: "keep one cluster's settings in the workload and remove the others, or keep the other clusters outside the stack",
    subject: spanOf(w.resource, c.node.get('name', true)),
  });
}

// references to Secrets the dropped operator generated (KafkaUser passwords, cluster CA) must not survive
function checkDroppedSecretRefs(ctx: K8sContext, w: Workload, c: Container, env: ContainerEnv): void {
  for (const n of env.names()) {
    const ref = env.secretRefOf(n);
    if (!ref || !ctx.analysis.operatorSecrets.has(ref.name) || env.changed().includes(n)) continue;
    ctx.diagnostics.push({
      code: 'K8S_DROPPED_SECRET_REF',
      severity: 'error',
      message: `container "${c.name}" of ${w.resource.id} reads ${n} from Secret ${ref.name} (key ${ref.key}), which the dropped Kafka operator generated`,
      help: 'bind the variable in graft.yaml so graft can point it at the customer secret, or remove it',
      subject: spanOf(w.resource, c.node.get('name', true)),
    });
  }
}

// a container that mounts a client properties file graft completed: the secrets the file reads, and JVM flags
function configureMountedFiles(
  ctx: K8sContext,
  c: Container,
  env: ContainerEnv,
  mounts: { container: Container; names: Set<string> }[],
): void {
  const need = ctx.files.needs.get(c.node);
  if (!need) return;
  const jvm = withSystemProps(env.literal('JAVA_TOOL_OPTIONS'), need.systemProps);
  if (jvm !== undefined && jvm !== env.literal('JAVA_TOOL_OPTIONS')) env.setLiteral('JAVA_TOOL_OPTIONS', jvm);
  if (need.names.size === 0) return;
  const mine = mounts.find((m) => m.container === c);
  if (mine) for (const n of need.names) mine.names.add(n);
  else mounts.push({ container: c, names: new Set(need.names) });
}

function attachSecretVolume(ctx: K8sContext, w: Workload, ed: YamlEditor, mounts: { container: Container; names: Set<string> }[]): void {
  if (mounts.length === 0) return;
  // container mounts, then the pod volume (the editor also orders same-offset insertions deepest first)
  for (const m of mounts) {
    const vm = m.container.node.get('volumeMounts', true);
    const has = isSeq(vm) && vm.items.some((x) => isMap(x) && scalarText(x.get('name', true)) === 'graft-secrets');
    if (has) continue;
    const mount = renderBlock({ name: 'graft-secrets', mountPath: SECRETS_DIR, readOnly: true });
    ed.appendUnder(m.container.node, 'volumeMounts', 'seq', [mount]);
  }
  const all = new Set(mounts.flatMap((m) => [...m.names]));
  const sources = [...all].sort().flatMap((name) => {
    const u = ctx.secrets.used.get(name);
    const key = u ? ctx.secrets.keyOf(u.secret, planId(w.resource)) : undefined;
    return key ? [{ secret: { name: key.name, items: [{ key: key.key, path: name }] } }] : [];
  });
  const volume = { name: 'graft-secrets', projected: { sources } };
  const volumes = w.podSpec.get('volumes', true);
  const existing = isSeq(volumes) ? volumes.items.find((v) => isMap(v) && scalarText(v.get('name', true)) === 'graft-secrets') : undefined;
  if (existing && JSON.stringify((existing as Node).toJSON()) === JSON.stringify(volume)) return;
  if (existing) ed.removeBlockEntry(existing as Node);
  ed.appendUnder(w.podSpec, 'volumes', 'seq', [renderBlock(volume)]);
}

const SPRING_KAFKA_LINE = /^\s*spring\.kafka\./m;
/** ConfigMap keys that are configuration files an application reads. */
const CONFIG_FILE_KEY = /\.(ya?ml|properties|toml|conf|cfg|ini|json)$/i;

/** The name of a mounted ConfigMap holding Spring Kafka settings, if the workload mounts one. */
const springConfigMaps = new WeakMap<K8sContext, string[]>();
/** ConfigMaps of Spring settings whose workloads graft configured through the environment. */
const springConfigured = new WeakMap<K8sContext, Set<string>>();

function springConfigMapOf(ctx: K8sContext, w: Workload): string | undefined {
  // kept ConfigMaps with spring.kafka settings, found once per compile (in document order)
  let names = springConfigMaps.get(ctx);
  if (!names) {
    names = ctx.analysis.resources
      .filter((r) => r.kind === 'ConfigMap' && !ctx.analysis.dropped.has(r) && hasSpringKafka(r))
      .map((r) => r.name);
    springConfigMaps.set(ctx, names);
  }
  return names.find((n) => w.configMaps.has(n));
}

function hasSpringKafka(r: Resource): boolean {
  const data = r.root.get('data', true);
  return (
    isMap(data) && data.items.some((p) => isScalar(p.value) && typeof p.value.value === 'string' && SPRING_KAFKA_LINE.test(p.value.value))
  );
}

function rewriteConfigMap(ctx: K8sContext, r: Resource): void {
  const data = r.root.get('data', true);
  if (!isMap(data)) return;
  for (const p of data.items) {
    if (!isScalar(p.value) || typeof p.value.value !== 'string') continue;
    const before = p.value.value;
    const key = scalarText(p.key);
    const file = ctx.files.byValue.get(p.value);
    let text = file?.text ?? rewireText(ctx, before).text;
    const at = spanOf(r, p.key);
    if (!file && springConfigured.get(ctx)?.has(r.name) && SPRING_KAFKA_LINE.test(before)) {
      const spring = removeStaleSpringSettings(`${r.id}/${key}`, text, /\.ya?ml$/i.test(key));
      text = spring.text;
      for (const k of spring.removed) {
        ctx.plan.removed.push({
          kind: 'setting',
          name: k,
          from: `${r.id} data ${key}`,
          fromId: planId(r, { part: `data ${key}` }),
          reason: staleReason(k),
          at,
        });
      }
    }
    if (text === before) continue;
    ctx.editorOf(r).setScalar(p.value, text);
    const item: RewiredItem = {
      service: r.id,
      id: planId(r),
      family: file?.family ?? 'config-data',
      matched: [`data ${key}`],
      changed: [file?.set.length ? `data.${key} (${file.set.join(', ')})` : `data.${key}`],
      notes: [...(file?.notes ?? [])],
      at,
    };
    if (file && !file.reason && file.set.length) {
      const where = file.mounts.map((m) => `${m.workload.resource.id} container ${m.container.name} at ${m.path}`);
      item.notes.push(where.length ? `read by ${where.join('; ')}` : 'no workload in the stack mounts it as a file');
    }
    ctx.plan.rewired.push(item);
    for (const k of file?.removed ?? []) {
      ctx.plan.removed.push({
        kind: 'setting',
        name: k,
        from: `${r.id} data ${key}`,
        fromId: planId(r, { part: `data ${key}` }),
        reason: staleReason(k),
        at,
      });
    }
    if (!needsSecurity(ctx.spec) || (file && !file.reason)) continue;
    // Spring settings are overridden by the environment graft gives the workloads that mount this ConfigMap
    const configured =
      SPRING_KAFKA_LINE.test(before) &&
      ctx.analysis.workloads.some((w) => !ctx.analysis.dropped.has(w.resource) && w.configMaps.has(r.name));
    if (configured) continue;
    // a key that is itself a client setting (bootstrap.servers), read one by one by a resource (a Knative Broker)
    const setting = !file && CLIENT_SETTING_KEY.test(key);
    const reason = file?.reason ??
      burrowSecurityReason(before, `${r.id} data "${key}"`, key, ctx.spec.securityProtocol, ctx.spec.sasl?.mechanism) ??
      (setting ? readerReason(configMapReaders(ctx, r), key, ctx.spec) : undefined) ?? {
        why: 'it is not a Java or librdkafka client properties file (no bootstrap.servers setting), so graft does not know where its security settings go',
        help: 'move the settings to environment variables graft can configure, or bind the workload that reads it in graft.yaml',
      };
    ctx.diagnostics.push({
      code: 'K8S_CONFIGMAP_NO_SECURITY',
      // a client's configuration file (a librdkafka file, an application's YAML/properties/TOML) or a client setting of
      // its own now names the customer's cluster without its security settings: whatever reads it cannot connect.
      // Other data (scripts, env-style keys a configured workload overrides) may be no client at all.
      severity: file?.family === 'librdkafka-properties' || CONFIG_FILE_KEY.test(key) || setting ? 'error' : 'warning',
      message: `${r.id} data "${key}" names the Kafka bootstrap; graft rewired the address but added no ${ctx.spec.securityProtocol} settings: ${reason.why}`,
      help: reason.help,
      subject: at,
    });
  }
}

// any other custom resource that stays (CFK Connect, a UI operator's CR, ...): its addresses are rewired in place
function rewireCustomResource(ctx: K8sContext, r: Resource): void {
  const changed: string[] = [];
  const byCluster = new Map<string, string>();
  const suffix = k8sHostSuffix(ctx.analysis.kafkaHosts, ctx.analysis.namespaces);
  const visit = (node: unknown, path: string): void => {
    if (isScalar(node) && typeof node.value === 'string') {
      for (const run of findEndpointRuns(node.value, ctx.analysis.kafkaHosts, suffix))
        for (const h of run.hosts) {
          const cluster = ctx.analysis.hostClusters.get(h.split('.')[0] ?? h);
          if (cluster && !byCluster.has(cluster)) byCluster.set(cluster, path);
        }
      const next = rewireText(ctx, node.value);
      if (next.matched) {
        ctx.editorOf(r).setScalar(node, next.text);
        changed.push(path);
      }
    } else if (isMap(node)) {
      for (const p of node.items) visit(p.value, path ? `${path}.${scalarText(p.key)}` : scalarText(p.key));
    } else if (isSeq(node)) node.items.forEach((item, i) => visit(item, `${path}[${i}]`));
  };
  visit(r.root.get('spec', true), 'spec');
  // a replicator or mirror given two bundled clusters: both would become the customer's one cluster
  if (byCluster.size > 1)
    ctx.diagnostics.push({
      code: 'K8S_CLUSTERS_COLLAPSE',
      severity: 'error',
      message: `${r.id} connects ${[...byCluster].map(([cluster, path]) => `${cluster} (${path})`).join(' and ')}, different bundled Kafka clusters that would all become the customer's one cluster`,
      help: "keep one cluster's settings in the resource and remove the others, or keep the other clusters outside the stack",
      subject: spanOf(r),
    });
  refuseDroppedKafkaRefs(ctx, r);
  nameCfkConnector(ctx, r);
  const implicit = addImplicitCfkKafka(ctx, r);
  if (implicit.length) {
    ctx.plan.rewired.push({
      service: r.id,
      id: planId(r),
      family: 'cfk-component',
      matched: ['no spec.dependencies.kafka: the Kafka of its namespace, which is dropped'],
      changed: [...changed, ...implicit, ...rewireCfkComponent(ctx, r)],
      notes: [],
      at: spanOf(r),
    });
    return;
  }
  if (changed.length === 0 && !(isCfkComponent(r) && ctx.spec.bootstrapServers.some((s) => JSON.stringify(r.root.toJSON()).includes(s))))
    return;
  const matched = [...changed];
  const security = isCfkComponent(r)
    ? rewireCfkComponent(ctx, r)
    : isKnativeKafka(r)
      ? rewireKnativeKafka(ctx, r)
      : isNumaflowVertexHolder(r)
        ? rewireNumaflowKafka(ctx, r, matched)
        : undefined;
  if (security) changed.push(...security);
  if (changed.length === 0) return;
  ctx.plan.rewired.push({
    service: r.id,
    id: planId(r),
    family: isCfkComponent(r) ? 'cfk-component' : 'custom-resource',
    matched,
    changed,
    notes: [],
    at: spanOf(r),
  });
  if (needsSecurity(ctx.spec) && !security && r.kind === 'KafkaConnector' && r.apiVersion.startsWith('kafka.strimzi.io/')) {
    refuseConnectorClients(ctx, r, changed);
    return;
  }
  if (needsSecurity(ctx.spec) && !security) {
    ctx.diagnostics.push({
      code: 'K8S_CR_SECURITY_UNKNOWN',
      // the resource would reach the customer's cluster without its security settings: rewiring the address is not enough
      severity: 'error',
      message: `${r.id} now points at the customer's Kafka (${changed.join(', ')}), but graft does not know how this resource takes ${ctx.spec.securityProtocol} settings`,
      help: "configure its authentication and TLS as its operator documents, with the customer's Secrets",
      subject: spanOf(r),
    });
  }
}

// A kept resource that names the dropped Strimzi cluster as an object (`strimziKafkaRef: { kind: Kafka, name }`, as
// Kroxylicious' KafkaService does) reaches it through the operator, not by address: nothing graft can rewire in place.
function refuseDroppedKafkaRefs(ctx: K8sContext, r: Resource): void {
  const visit = (node: unknown, path: string): void => {
    if (isSeq(node)) node.items.forEach((item, i) => visit(item, `${path}[${i}]`));
    if (!isMap(node)) return;
    const kind = scalarText(node.get('kind', true));
    const name = scalarText(node.get('name', true));
    const group = scalarText(node.get('group', true)) || scalarText(node.get('apiVersion', true)).split('/')[0];
    if (kind === 'Kafka' && ctx.analysis.clusters.has(name) && (!group || group === 'kafka.strimzi.io')) {
      ctx.diagnostics.push({
        code: 'K8S_CR_DROPPED_KAFKA_REF',
        severity: 'error',
        message: `${r.id} refers to the dropped Strimzi Kafka ${name} by name (${path}), through its operator rather than by address`,
        help: `replace ${path} with the customer's bootstrap servers (${ctx.spec.bootstrapServers.join(',')}) and TLS/authentication in the fields the resource's operator documents for a cluster outside Strimzi`,
        subject: spanOf(r, node),
      });
      return;
    }
    for (const p of node.items) visit(p.value, path ? `${path}.${scalarText(p.key)}` : scalarText(p.key));
  };
  visit(r.root.get('spec', true), 'spec');
}

// A connector's own Kafka clients (Debezium's schema history producer and consumer: `schema.history.internal.kafka.*`,
// `database.history.kafka.*`) do not inherit the Connect worker's security; their settings are connector config keys
// (`<prefix>.producer.security.protocol`, `<prefix>.consumer.ssl.*` ...) whose secrets graft can only give through the
// worker's config provider, which needs the namespace of the customer's Secret.
function refuseConnectorClients(ctx: K8sContext, r: Resource, changed: string[]): void {
  const prefixes = [
    ...new Set(changed.map((c) => /^spec\.config\.(.+)\.kafka\.bootstrap\.servers$/.exec(c)?.[1]).filter((p): p is string => !!p)),
  ];
  const keys = prefixes.length ? prefixes.flatMap((p) => [`${p}.producer.*`, `${p}.consumer.*`]) : ["the connector's client settings"];
  ctx.diagnostics.push({
    code: 'K8S_CONNECTOR_CLIENT_SECURITY',
    severity: 'error',
    message: `${r.id} now points its own Kafka clients at the customer's cluster (${changed.join(', ')}), but they do not inherit the Connect worker's ${ctx.spec.securityProtocol} settings and graft cannot write theirs (${keys.join(', ')})`,
    help: `add ${keys.join(' and ')} settings for ${ctx.spec.securityProtocol} to spec.config (security.protocol, the PEM ssl.truststore.certificates / ssl.keystore.* or sasl.jaas.config read from the customer's Secret through the worker's config provider, e.g. \${secrets:<namespace>/<secret>:<key>})`,
    subject: spanOf(r),
  });
}

// resources of API groups outside Kubernetes itself (`*.k8s.io` and the core groups are not custom)
function isCustomResource(r: Resource): boolean {
  const group = r.apiVersion.includes('/') ? (r.apiVersion.split('/')[0] ?? '') : '';
  return group.includes('.') && !group.endsWith('.k8s.io');
}
