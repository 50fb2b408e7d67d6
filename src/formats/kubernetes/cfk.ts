import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml';
import { nameSite, type NamingOutcome } from '../../configure/naming.js';
import { describeSecretSource } from '../../secrets/names.js';
import { usesSasl, usesTls } from '../../spec/types.js';
import { scalarText } from '../yaml/nodes.js';
import { indentLines, renderBlock, type PlainYaml } from '../yaml/text.js';
import { getPath, spanOf, type Resource } from './parse.js';
import { planId, rewireText, type K8sContext } from './context.js';

/** The Secrets a CFK component reads its credentials from, in the formats CFK requires. */
export const CFK_CREDENTIALS = 'graft-cfk-kafka-credentials';
/** The Secret holding PEM files for CFK's TLS settings. */
export const CFK_TLS = 'graft-cfk-kafka-tls';
/** The Secret holding the schema registry's basic credentials in CFK's `basic.txt` format. */
export const CFK_REGISTRY_CREDENTIALS = 'graft-cfk-schema-registry-credentials';
/** The Secret holding the schema registry's CA for CFK (`cacerts.pem`). */
export const CFK_REGISTRY_TLS = 'graft-cfk-schema-registry-tls';

const COMPONENTS = new Set(['Connect', 'SchemaRegistry', 'KafkaRestProxy', 'KsqlDB', 'ControlCenter']);

/** Tells whether a resource is a Confluent for Kubernetes component that connects to Kafka through `spec.dependencies.kafka`. */
export function isCfkComponent(r: Resource): boolean {
  return r.apiVersion.startsWith('platform.confluent.io/') && COMPONENTS.has(r.kind);
}

/**
 * Gives a kept CFK component the customer's authentication and TLS in `spec.dependencies.kafka`. CFK reads
 * credentials only from Secrets in its own formats (`plain.txt`, PEM files), which the plan tells the customer to create.
 */
export function rewireCfkComponent(ctx: K8sContext, r: Resource): string[] {
  return [...rewireCfkKafka(ctx, r), ...rewireCfkRegistry(ctx, r), ...nameCfkConnect(ctx, r)];
}

// Kafka Connect's own group and internal topics, which CFK names after the Connect's namespace and name
// (`<namespace>.<name>`, `<namespace>.<name>-configs`, …) unless `spec.configOverrides.server` sets them
const CONNECT_INTERNAL: readonly (readonly [string, 'topic' | 'group', string])[] = [
  ['group.id', 'group', ''],
  ['config.storage.topic', 'topic', '-configs'],
  ['offset.storage.topic', 'topic', '-offsets'],
  ['status.storage.topic', 'topic', '-status'],
];

/**
 * The customer's prefixes for a CFK Connect's group and internal topics: a `configOverrides.server` line that sets one
 * is prefixed in place, a name CFK derives is written out prefixed (from the namespace and name it derives it from;
 * from the name alone when the manifest names no namespace, a name the new cluster starts with as well).
 */
function nameCfkConnect(ctx: K8sContext, r: Resource): string[] {
  if (r.kind !== 'Connect') return [];
  const prefixes = { topic: ctx.spec.topics?.prefix, group: ctx.spec.groups?.prefix };
  if (!prefixes.topic && !prefixes.group) return [];
  const spec = getPath(r.root, 'spec');
  if (!isMap(spec)) return [];
  const ed = ctx.editorOf(r);
  const server = getPath(spec, 'configOverrides', 'server');
  const lines = isSeq(server) ? server.items : [];
  const base = r.namespace ? `${r.namespace}.${r.name}` : r.name;
  const add: string[] = [];
  const changed: string[] = [];
  for (const [key, kind, suffix] of CONNECT_INTERNAL) {
    const prefix = prefixes[kind];
    if (!prefix) continue;
    const line = lines.find((n): n is Scalar => isScalar(n) && scalarText(n).split('=')[0]?.trim() === key);
    const from = line
      ? scalarText(line)
          .slice(scalarText(line).indexOf('=') + 1)
          .trim()
      : base + suffix;
    if (from.startsWith(prefix)) continue;
    if (line) ed.setScalar(line, `${key}=${prefix}${from}`);
    else add.push(`${key}=${prefix}${from}`);
    ctx.plan.renames.push({
      service: r.id,
      id: planId(r),
      setting: `spec.configOverrides.server ${key}${line ? '' : " (CFK's default)"}`,
      from,
      to: prefix + from,
      kind,
    });
    changed.push(`spec.configOverrides.server ${key}`);
  }
  if (add.length === 0) return changed;
  const overrides = getPath(spec, 'configOverrides');
  if (isSeq(server) && !server.flow && server.items.length > 0) ed.appendToSeq(server, add);
  else if (isMap(overrides) && !overrides.flow && overrides.items.length > 0 && server === undefined)
    appendBlock(ctx, r, overrides, 'server', add);
  else if (overrides === undefined) appendBlock(ctx, r, spec, 'configOverrides', { server: add });
  else {
    ctx.diagnostics.push({
      code: 'K8S_CR_SECURITY_UNKNOWN',
      severity: 'error',
      message: `${r.id}: graft cannot add ${add.join(', ')} to its spec.configOverrides in the form it has`,
      help: 'write spec.configOverrides.server as a block sequence of key=value lines, then compile again',
      subject: spanOf(r, overrides),
    });
  }
  return changed;
}

// the settings of a connector's configuration that hold topic names (a source's target, a sink's list, a dead letter
// queue, Debezium's schema history); Debezium's `topic.prefix` starts every topic it writes
const CONNECTOR_TOPICS =
  /^(kafka\.topic|topics?|errors\.deadletterqueue\.topic\.name|(database|schema)\.history(\.internal)?\.kafka\.topic)$/;

/**
 * The customer's topic naming for a CFK `Connector` (`spec.configs`): each setting that holds topic names is prefixed,
 * or refused outside an allow-list, as for any client. Its Connect cluster reaches the customer's cluster; the
 * connector writes and reads through it.
 */
export function nameCfkConnector(ctx: K8sContext, r: Resource): void {
  if (r.kind !== 'Connector' || !r.apiVersion.startsWith('platform.confluent.io/')) return;
  const configs = getPath(r.root, 'spec', 'configs');
  if (!isMap(configs)) return;
  const out: NamingOutcome = { diagnostics: [], renames: [] };
  const client = { subject: r.id, id: planId(r) };
  for (const p of configs.items) {
    const key = scalarText(p.key);
    const topicPrefix = key === 'topic.prefix' && ctx.spec.topics?.prefix && !ctx.spec.topics.allow;
    if ((!CONNECTOR_TOPICS.test(key) && !topicPrefix) || !isScalar(p.value)) continue;
    const node = p.value;
    nameSite(
      ctx.spec,
      client,
      'topic',
      {
        setting: `spec.configs.${key}`,
        value: scalarText(node),
        at: spanOf(r, node),
        replace: (next) => ctx.editorOf(r).setScalar(node, next),
      },
      out,
    );
  }
  ctx.diagnostics.push(...out.diagnostics);
  ctx.plan.renames.push(...out.renames);
}

function rewireCfkKafka(ctx: K8sContext, r: Resource): string[] {
  const kafka = getPath(r.root, 'spec', 'dependencies', 'kafka');
  if (!isMap(kafka)) return [];
  const want = cfkKafkaSecurity(ctx, r);
  return want ? setBlocks(ctx, r, kafka, 'spec.dependencies.kafka', want) : [];
}

/**
 * A CFK component without `spec.dependencies.kafka` connects to the Kafka of its own namespace
 * (`kafka.<namespace>.svc.cluster.local:9071`); once that Kafka is dropped it gets an explicit dependency on the
 * customer's cluster, with authentication and TLS.
 */
export function addImplicitCfkKafka(ctx: K8sContext, r: Resource): string[] {
  if (!isCfkComponent(r) || getPath(r.root, 'spec', 'dependencies', 'kafka') !== undefined) return [];
  const droppedKafka = [...ctx.analysis.dropped.keys()].some(
    (d) => d.kind === 'Kafka' && d.apiVersion.startsWith('platform.confluent.io/'),
  );
  const spec = getPath(r.root, 'spec');
  if (!droppedKafka || !isMap(spec)) return [];
  const want = cfkKafkaSecurity(ctx, r);
  if (!want) return [];
  const kafka: Record<string, PlainYaml> = { bootstrapEndpoint: ctx.spec.bootstrapServers.join(',') };
  for (const [k, v] of Object.entries(want)) if (v !== undefined) kafka[k] = v;
  const deps = getPath(spec, 'dependencies');
  if (isMap(deps) && deps.items.length > 0 && !deps.flow) prependBlock(ctx, r, deps, 'kafka', kafka);
  else {
    const pair = spec.items.find((p) => scalarText(p.key) === 'dependencies');
    if (pair) ctx.editorOf(r).removeBlockEntry(pair.key as Node);
    appendBlock(ctx, r, spec, 'dependencies', { kafka });
  }
  return ['spec.dependencies.kafka (was the implicit in-namespace Kafka)'];
}

// the authentication and TLS blocks of `dependencies.kafka`, with the Secrets the customer must create; undefined when refused
function cfkKafkaSecurity(ctx: K8sContext, r: Resource): { authentication?: PlainYaml; tls?: PlainYaml } | undefined {
  const { spec } = ctx;
  let auth: PlainYaml | undefined;
  const tlsOn = usesTls(spec.securityProtocol);
  const mtls = tlsOn && spec.tls?.clientCert !== undefined;
  if (spec.sasl && usesSasl(spec.securityProtocol)) {
    if (spec.sasl.mechanism !== 'PLAIN') {
      ctx.diagnostics.push({
        code: 'K8S_CFK_MECHANISM_UNSUPPORTED',
        severity: 'error',
        message: `${r.id} (Confluent for Kubernetes) cannot authenticate to Kafka with ${spec.sasl.mechanism}: CFK components support SASL/PLAIN and mTLS`,
        help: 'the customer must offer SASL/PLAIN or mTLS for this component',
        subject: spanOf(r),
      });
      return undefined;
    }
    auth = { type: 'plain', jaasConfig: { secretRef: CFK_CREDENTIALS } };
  } else if (mtls) auth = { type: 'mtls' };
  const tls: PlainYaml | undefined = !tlsOn
    ? undefined
    : spec.tls?.ca || mtls
      ? { enabled: true, secretRef: CFK_TLS }
      : { enabled: true, ignoreTrustStoreConfig: true };
  if (auth && typeof auth === 'object' && !Array.isArray(auth) && auth.type === 'plain') {
    ctx.plan.notes.push(
      `${r.id}: create Secret ${CFK_CREDENTIALS} with key plain.txt holding "username=<sasl.username>" and "password=<sasl.password>" lines (CFK's format)`,
    );
  }
  if (tls && typeof tls === 'object' && !Array.isArray(tls) && tls.secretRef) {
    ctx.plan.notes.push(
      `${r.id}: create Secret ${CFK_TLS} with cacerts.pem${mtls ? ', fullchain.pem and privkey.pem' : ''} (CFK's format) from the customer's CA${mtls ? ' and client certificate' : ''}`,
    );
  }
  return { authentication: auth, tls };
}

/**
 * Gives a kept CFK component that uses the customer's schema registry its basic credentials and TLS in
 * `spec.dependencies.schemaRegistry`, from Secrets in CFK's formats (`basic.txt`, `cacerts.pem`) the plan names.
 */
function rewireCfkRegistry(ctx: K8sContext, r: Resource): string[] {
  const sr = getPath(r.root, 'spec', 'dependencies', 'schemaRegistry');
  const registry = ctx.spec.schemaRegistry;
  if (!isMap(sr) || !registry) return [];
  const url = rewireText(ctx, scalarText(sr.get('url', true))).text;
  const base = registry.url.replace(/\/$/, '');
  if (url !== base && !url.startsWith(`${base}/`)) return [];
  const auth: PlainYaml | undefined = registry.basicAuth ? { type: 'basic', basic: { secretRef: CFK_REGISTRY_CREDENTIALS } } : undefined;
  const tls: PlainYaml | undefined = !/^https:/i.test(url)
    ? undefined
    : registry.ca
      ? { enabled: true, secretRef: CFK_REGISTRY_TLS }
      : { enabled: true, ignoreTrustStoreConfig: true };
  const changed = setBlocks(ctx, r, sr, 'spec.dependencies.schemaRegistry', { authentication: auth, tls });
  if (registry.basicAuth) {
    const user = registry.basicAuth.username;
    ctx.plan.notes.push(
      `${r.id}: create Secret ${CFK_REGISTRY_CREDENTIALS} with key basic.txt holding "username=${typeof user === 'string' ? user : '<schemaRegistry.basicAuth.username>'}" and "password=<schemaRegistry.basicAuth.password>" lines (CFK's format); the password is in ${describeSecretSource(registry.basicAuth.password)}`,
    );
  }
  if (registry.ca && /^https:/i.test(url)) {
    ctx.plan.notes.push(
      `${r.id}: create Secret ${CFK_REGISTRY_TLS} with cacerts.pem (CFK's format) from the customer's schema registry CA (${describeSecretSource(registry.ca)})`,
    );
  }
  return changed;
}

// each block becomes what is wanted: kept when equal, replaced when different, removed when not wanted
function setBlocks(ctx: K8sContext, r: Resource, map: YAMLMap, path: string, want: Record<string, PlainYaml | undefined>): string[] {
  const changed: string[] = [];
  for (const [key, value] of Object.entries(want)) {
    const pair = map.items.find((p) => scalarText(p.key) === key);
    const have = pair?.value ? JSON.stringify((pair.value as Node).toJSON()) : undefined;
    if (have === (value === undefined ? undefined : JSON.stringify(value))) continue;
    if (pair) ctx.editorOf(r).removeBlockEntry(pair.key as Node);
    if (value !== undefined) appendBlock(ctx, r, map, key, value);
    changed.push(`${path}.${key}`);
  }
  return changed;
}

function appendBlock(ctx: K8sContext, r: Resource, map: YAMLMap, key: string, value: PlainYaml): void {
  const body = indentLines(renderBlock(value), '  ');
  ctx.editorOf(r).appendToMap(map, [`${key}:\n${body}`]);
}

// inserted before the map's first key: a block sequence written at its key's indentation may end the map
function prependBlock(ctx: K8sContext, r: Resource, map: YAMLMap, key: string, value: PlainYaml): void {
  const ed = ctx.editorOf(r);
  const text = ed.source.text;
  const first = (map.items[0]?.key as Node | undefined)?.range?.[0] ?? 0;
  const lineStart = text.lastIndexOf('\n', first - 1) + 1;
  const indent = ' '.repeat(first - lineStart);
  const body = `${key}:\n${indentLines(renderBlock(value), '  ')}`;
  ed.replace(lineStart, lineStart, indentLines(body, indent, { eol: ed.eol }) + ed.eol);
}
