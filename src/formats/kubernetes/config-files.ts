import { isMap, isScalar, type YAMLMap } from 'yaml';
import type { ClientBinding } from '../../bindings/types.js';
import { emitJavaProperties } from '../../clients/java-properties/index.js';
import { javaClientConfig } from '../../clients/java-common/index.js';
import { SECRETS_PROVIDER } from '../../clients/java-common/config-providers.js';
import { emitLibrdkafkaProperties } from '../../clients/librdkafka-properties/index.js';
import type { EmitContext, Emission, Problem } from '../../clients/types.js';
import { spliceAll } from '../../core/endpoints.js';
import { secretName } from '../../secrets/names.js';
import { specForClientOn } from '../../spec/aws-identity.js';
import type { SecretValue } from '../../spec/types.js';
import { handoffName } from '../../plan/types.js';
import { scalarText } from '../yaml/nodes.js';
import { needsSecurity } from '../../configure/stage.js';
import { editProperties } from '../properties/edit.js';
import { staleSecuritySettings } from '../../configure/security-surface.js';
import type { Span } from '../../core/span.js';
import { nameProperties, propertiesNames, type ImplicitName } from '../properties/naming.js';
import { parseProperties, type PropertyEntry } from '../properties/parse.js';
import { bindingFor, configMapUsers, fileMountsOf, type FileMount } from './config-mounts.js';
import { getPath, seqAt, spanOf, type Resource } from './parse.js';
import { planId, rewireText, type ConfigFilePlan, type ConfigFiles, type FileFamily, type K8sContext } from './context.js';
import { SECRETS_DIR } from './secrets.js';
import { ASSEMBLER, assembledAt } from './assemble.js';

const SPRING_KAFKA_LINE = /^\s*spring\.kafka\./m;
// settings only librdkafka knows, or only the Java client knows
const LIBRDKAFKA_ONLY =
  /^(metadata\.broker\.list|sasl\.mechanisms|ssl\.(ca|certificate|key)\.location|enable\.ssl\.certificate\.verification|socket\.keepalive\.enable|queue\.buffering\.max\.(ms|messages|kbytes)|api\.version\.request|enable\.auto\.offset\.store|statistics\.interval\.ms|topic\.metadata\.refresh\.interval\.ms|debug)$/;
const JAVA_ONLY =
  /^(.*\.(serializer|deserializer)|sasl\.jaas\.config|ssl\.(truststore|keystore)\..*|config\.providers.*|.*\.class(es)?|interceptor\.classes|key\.converter.*|value\.converter.*)$/;
// a Kafka Connect worker file: its producer, consumer and admin clients need the settings repeated under their prefix
const CONNECT_WORKER = /^(config|offset|status)\.storage\.topic$/;
const CONNECT_CLIENTS = ['producer.', 'consumer.', 'admin.'];
// a Java server whose one Kafka client reads its settings under a prefix (Schema Registry's kafkastore.*)
const PREFIXED_CLIENTS = ['kafkastore.'];

/** Key of `written`. */
export function writtenKey(m: Pick<FileMount, 'workload' | 'container' | 'path'>): string {
  return `${m.workload.resource.id}|${m.container.name}|${m.path}`;
}

/**
 * Finds Java and librdkafka client properties files held in kept ConfigMaps and computes, for each, the rewired
 * bootstrap and the security settings the family writes (secrets through DirectoryConfigProvider or as paths of the
 * files the workloads that mount the ConfigMap get in their `graft-secrets` volume).
 */
export function planConfigFiles(ctx: K8sContext): ConfigFiles {
  const out: ConfigFiles = { byValue: new Map(), needs: new Map(), written: new Map() };
  const workloads = ctx.analysis.workloads.filter((w) => !ctx.analysis.dropped.has(w.resource));
  const users = configMapUsers(workloads);
  for (const r of ctx.analysis.resources) {
    if (r.kind !== 'ConfigMap' || ctx.analysis.dropped.has(r)) continue;
    const data = r.root.get('data', true);
    if (!isMap(data)) continue;
    for (const p of data.items) {
      const key = scalarText(p.key);
      if (!isScalar(p.value) || typeof p.value.value !== 'string' || /\.(ya?ml|json)$/i.test(key)) continue;
      if (SPRING_KAFKA_LINE.test(p.value.value)) continue;
      const plan = planFile(ctx, r, key, spanOf(r, p.key), p.value.value, fileMountsOf(users.get(r.name) ?? [], r, key));
      if (!plan) continue;
      out.byValue.set(p.value, plan);
      if (plan.reason) continue;
      for (const m of plan.mounts) out.written.set(writtenKey(m), `${r.id} data ${key}`);
    }
  }
  for (const plan of out.byValue.values()) {
    if (plan.reason) continue;
    const names = new Set(plan.secretNames);
    for (const m of plan.mounts) {
      const need = out.needs.get(m.container.node) ?? { names: new Set<string>(), systemProps: {} };
      for (const n of names) need.names.add(n);
      if (plan.family === 'java-properties') Object.assign(need.systemProps, plan.systemProps);
      if (plan.assemble) (need.assemble ??= []).push({ mount: m, settings: plan.assemble });
      out.needs.set(m.container.node, need);
    }
  }
  return out;
}

function planFile(ctx: K8sContext, r: Resource, key: string, at: Span, value: string, mounts: FileMount[]): ConfigFilePlan | undefined {
  const { spec } = ctx;
  const rewired = rewireText(ctx, value);
  const props = parseProperties({ path: `${r.id}/${key}`, text: rewired.text });
  const own = props.get('bootstrap.servers') ?? props.get('metadata.broker.list');
  const prefix = own ? '' : (PREFIXED_CLIENTS.find((p) => props.has(`${p}bootstrap.servers`)) ?? '');
  const bootstrap = own ?? props.get(`${prefix}bootstrap.servers`);
  const declared = mounts
    .map((m) => ({ m, b: bindingFor(ctx.bindings, m.workload, m.container) }))
    .find(({ m, b }) => b?.configFile === m.path && (b.family === 'java-properties' || b.family === 'librdkafka-properties'));
  // a file without an address is a client's only when a binding declares it (kcat's kcat.conf, the address given with
  // each command): graft then writes the customer's bootstrap servers into it too
  if (bootstrap ? !spec.bootstrapServers.some((s) => bootstrap.value.includes(s)) : !declared) return undefined;
  const plan: ConfigFilePlan = { key, text: rewired.text, set: [], removed: [], mounts, notes: [], secretNames: [], systemProps: {} };
  const bound = declared ?? assembledFor(ctx, mounts);
  const family = (bound?.b?.family as FileFamily | undefined) ?? (prefix ? 'java-properties' : inferFamily(key, props));
  if (!family) {
    plan.reason = {
      why: 'it cannot tell whether a Java or a librdkafka client reads it (no setting only one of them knows, and the key does not end in .properties)',
      help: `bind a workload that mounts it in graft.yaml with family java-properties or librdkafka-properties and configFile set to the file's path in the container`,
    };
    return plan;
  }
  plan.family = family;
  const names = new Map<string, SecretValue>();
  const binding: ClientBinding = {
    ...(bound?.b ?? { service: `${r.name}/${key}` }),
    family,
    configFile: mounts[0]?.path ?? `${r.name}/${key}`,
  };
  const env = new Map<string, string>();
  for (const m of mounts) for (const [k, v] of literalEnv(m.container.node)) env.set(k, v);
  const emitCtx: EmitContext = {
    spec: specForClientOn(spec, 'Kubernetes'),
    service: { name: `${r.id} data ${key}`, env },
    binding,
    bootstrap: spec.bootstrapServers.join(','),
    mountSecret: (secret) => {
      const name = secretName(secret);
      names.set(name, secret);
      return { dir: SECRETS_DIR, name, path: `${SECRETS_DIR}/${name}` };
    },
  };
  const emission: Emission = family === 'java-properties' ? emitJavaProperties(emitCtx) : emitLibrdkafkaProperties(emitCtx);
  const problem = emission.problems.find((x) => x.severity === 'error');
  // a bound container reports its family's problems itself, as errors
  if (problem && bound) return plan;
  if (problem) {
    plan.reason = reasonOf(emission.problems, binding.configFile ?? key);
    return plan;
  }
  // librdkafka reads its password only inside this file: an init container appends it when the pod starts, for the
  // containers whose binding declares the file (graft does not assemble a file on a guess of its family)
  const secrets = Object.entries(emission.properties?.secrets ?? {});
  if (secrets.length > 0 && !bound) {
    plan.reason = needsValueReason(
      secrets.map(([k]) => k),
      mounts[0]?.path,
    );
    return plan;
  }
  if (secrets.length > 0) plan.assemble = Object.fromEntries(secrets.map(([k, secret]) => [k, emitCtx.mountSecret(secret).name]));
  if (names.size > 0 && mounts.length === 0) {
    plan.reason = {
      why: 'no workload in the stack mounts it as a file, so there is no container to mount the secrets it would read',
      help: 'mount the ConfigMap as a volume in the workload that reads it, then compile again',
    };
    return plan;
  }
  const set = completeSettings(emission, props, spec.bootstrapServers, prefix);
  if (!needsSecurity(spec)) for (const k of Object.keys(set)) if (!props.has(k) && (bootstrap || k !== 'bootstrap.servers')) delete set[k];
  const conflict = Object.entries(set).find(
    ([k, v]) => k.startsWith('config.providers.') && props.get(k) !== undefined && props.get(k)?.value.trim() !== v,
  );
  if (conflict) {
    plan.reason = {
      why: `it already sets ${conflict[0]}=${props.get(conflict[0])?.value.trim() ?? ''}, the alias graft reads mounted secrets through`,
      help: `rename that provider in the file; graft reads mounted secrets through ${conflict[0]}=${conflict[1]}`,
    };
    return plan;
  }
  applyFileNaming(ctx, r, key, at, props, set, prefix === 'kafkastore.' ? REGISTRY_NAMES : []);
  // the origin's own security settings for the bundled Kafka would sit beside the customer's
  plan.removed = staleSecuritySettings(
    family,
    [...props.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)),
    Object.keys(set).map((k) => (k.startsWith(prefix) ? k.slice(prefix.length) : k)),
  ).map((k) => prefix + k);
  const edits = editProperties({ path: `${r.id}/${key}`, text: rewired.text }, set, plan.removed);
  plan.text = spliceAll(
    rewired.text,
    edits.map((e) => ({ start: e.span.start, end: e.span.end, text: e.text })),
  );
  const changed = Object.keys(set).filter((k) => props.get(k)?.value !== set[k]);
  const prefixed = changed.filter((k) => CONNECT_CLIENTS.some((p) => k.startsWith(p)));
  plan.set = changed.filter((k) => !prefixed.includes(k));
  if (prefixed.length) plan.set.push(`the same under ${CONNECT_CLIENTS.join(', ')} for the Connect worker's clients`);
  plan.secretNames = [...names.keys()].sort();
  for (const m of mounts) for (const secret of names.values()) ctx.secrets.fileOf(secret, planId(m.workload.resource));
  plan.notes.push(...emission.notes.map((n) => n.replace(` reach ${binding.configFile ?? ''} `, ' reach this file ')));
  if (Object.values(set).some((v) => v.includes(`\${${SECRETS_PROVIDER}:`))) {
    plan.notes.push("DirectoryConfigProvider reads each Secret key byte for byte: the customer's values must not end with a newline");
  }
  if (family === 'java-properties') {
    plan.systemProps = javaClientConfig(spec, { inline: () => '', path: () => '' }).systemProps;
  }
  return plan;
}

/**
 * Applies the customer's naming to the topics and groups a properties file names, and to the ones its server uses
 * without naming them (`implicit`): renamed values join `set`; names outside a topic allow-list are refused.
 */
function applyFileNaming(
  ctx: K8sContext,
  r: Resource,
  key: string,
  at: Span,
  props: Map<string, PropertyEntry>,
  set: Record<string, string>,
  implicit: readonly ImplicitName[],
): void {
  const client = { subject: `${r.id} data "${key}"`, id: planId(r, { part: `data ${key}` }) };
  for (const n of propertiesNames(props, implicit))
    ctx.fileNames.push({ service: handoffName(client.id), where: `${r.id} data "${key}" ${n.setting}`, ...n });
  const out = nameProperties(ctx.spec, client, props, set, () => at, implicit);
  ctx.diagnostics.push(...out.diagnostics);
  ctx.plan.renames.push(...out.renames);
}

// Schema Registry's store topic (default _schemas) and its two groups (defaults built from its host name), which
// the customer's prefixes must reach
const REGISTRY_NAMES: ImplicitName[] = [
  { key: 'kafkastore.topic', kind: 'topic', value: '_schemas' },
  { key: 'kafkastore.group.id', kind: 'group', value: 'schema-registry-store' },
  { key: 'schema.registry.group.id', kind: 'group', value: 'schema-registry' },
];

// the family's settings as plain strings, config.providers merged with the file's own list, Connect prefixes added;
// a prefixed client's settings under its prefix, the config providers (the server's own) at the top
function completeSettings(
  emission: Emission,
  props: Map<string, PropertyEntry>,
  servers: readonly string[],
  prefix: string,
): Record<string, string> {
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(emission.properties?.set ?? {})) {
    if (typeof v === 'string') set[k.startsWith('config.providers') ? k : prefix + k] = v;
  }
  // the address was rewired in place, keeping its form
  for (const k of ['bootstrap.servers', 'metadata.broker.list']) {
    const now = props.get(prefix + k)?.value;
    if (now !== undefined && servers.every((s) => now.includes(s))) delete set[`${prefix}bootstrap.servers`];
  }
  const list = props.get('config.providers')?.value;
  if (set['config.providers'] !== undefined && list) {
    set['config.providers'] = [
      ...new Set([...list.split(','), ...set['config.providers'].split(',')].map((s) => s.trim()).filter(Boolean)),
    ].join(',');
  }
  if (emission.properties?.format === 'java' && [...props.keys()].some((k) => CONNECT_WORKER.test(k))) {
    const own = Object.entries(set).filter(([k]) => k !== 'bootstrap.servers' && !k.startsWith('config.providers'));
    for (const prefix of CONNECT_CLIENTS) for (const [k, v] of own) set[prefix + k] = v;
  }
  return set;
}

// an output compiled again: the file reaches its bound container through graft's init container, which mounts it
function assembledFor(ctx: K8sContext, mounts: readonly FileMount[]): { m: FileMount; b: ClientBinding } | undefined {
  for (const m of mounts) {
    if (!m.container.init || !ASSEMBLER.test(m.container.name)) continue;
    for (const c of m.workload.containers) {
      const b = c.init ? undefined : bindingFor(ctx.bindings, m.workload, c);
      if (b?.family === 'librdkafka-properties' && b.configFile && assembledAt(c, b.configFile)) return { m, b };
    }
  }
  return undefined;
}

// librdkafka's secret settings in a file no binding declared
function needsValueReason(values: readonly string[], path: string | undefined): { why: string; help: string } {
  return {
    why: `librdkafka reads ${values.join(' and ')} only as literal values, not from files, graft never writes a secret value into a ConfigMap, and a Secret or projected volume places each key as a file of its own, never inside this file`,
    help: `bind the workload that reads it in graft.yaml as family librdkafka-properties with configFile ${path ?? '<its path in the container>'}, so an init container graft adds appends them to the file when the pod starts; or as family env, naming the variables its code passes to librdkafka; or give it a client certificate (mTLS) on the customer cluster`,
  };
}

// the family's problem, told for a file no binding declared
function reasonOf(problems: readonly Problem[], path: string): { why: string; help: string } {
  const first = problems.find((x) => x.severity === 'error');
  if (first?.code === 'CLIENT_MECHANISM_UNSUPPORTED' && /AWS_MSK_IAM/.test(first.message) && !/librdkafka/.test(first.message)) {
    return {
      why: 'AWS_MSK_IAM needs the aws-msk-iam-auth jar on the client classpath, which graft cannot see',
      help: `if the image ships the jar, bind the workload in graft.yaml with family java-properties, configFile ${path} and supports.awsMskIam: true`,
    };
  }
  return { why: (first?.message ?? '').replace(/^service "[^"]*" /, 'its client '), help: first?.help ?? '' };
}

function inferFamily(key: string, props: Map<string, PropertyEntry>): FileFamily | undefined {
  const keys = [...props.keys()];
  const librdkafka = keys.some((k) => LIBRDKAFKA_ONLY.test(k));
  const java = keys.some((k) => JAVA_ONLY.test(k));
  if (librdkafka && !java) return 'librdkafka-properties';
  if (java && !librdkafka) return 'java-properties';
  if (!java && !librdkafka && /\.properties$/.test(key)) return 'java-properties';
  return undefined;
}

function literalEnv(container: YAMLMap): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of seqAt(container, 'env')) {
    const v = getPath(e, 'value');
    if (isScalar(v)) out.set(scalarText(getPath(e, 'name')), scalarText(v));
  }
  return out;
}
