import { isMap, isScalar, isSeq, visit, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { PlanId, RewiredItem } from '../../plan/types.js';
import type { CustomerKafka } from '../../spec/types.js';
import type { YamlEditor } from '../yaml/editor.js';
import { renderScalar } from '../yaml/text.js';
import type { Chart } from './chart.js';

/** The key of a chart's values block for a Kafka it does not run itself (`externalKafka:`, `external_kafka:`). */
const EXTERNAL_KEY = /^external[-_]?kafka$/i;
/** The key of a list of `{host, port}` entries in such a block, for a cluster of several brokers. */
const CLUSTER_KEY = /^(cluster|brokers|servers|hosts)$/i;

/** A bootstrap server split into its host and port, as a host/port pair of values takes it. */
export function splitServer(server: string): { host: string; port: string } {
  const at = server.lastIndexOf(':');
  if (at <= 0) return { host: server, port: '9092' };
  const host = server.slice(0, at).replace(/^\[(.*)\]$/, '$1');
  return { host, port: server.slice(at + 1) };
}

function str(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}

function pairOf(map: YAMLMap, key: string | RegExp): Pair | undefined {
  return map.items.find((p) => {
    const k = str(p.key);
    return k !== undefined && (typeof key === 'string' ? k === key : key.test(k));
  });
}

/** A host or port value written in its own type: a port that was a number stays a number. */
function portText(node: Scalar, port: string): string {
  return typeof node.value === 'number' && /^\d+$/.test(port) ? port : renderScalar(port, node.type);
}

/** A `{host, port}` entry as a flow mapping. */
const flowEntry = (s: { host: string; port: string }): string => `{host: ${renderScalar(s.host, undefined, true)}, port: ${s.port}}`;

/**
 * The chart's own values for a Kafka it does not run (`externalKafka: {host, port, cluster: [{host, port}]}`), which
 * its templates read once the bundled Kafka is turned off: a host and a port, each in its own value, set to the
 * customer's first bootstrap server, and a list of `{host, port}` entries set to all of them. The block's own shape is
 * kept: a port that was a number stays a number, a list stays a list; what the block lacks is added. Each value set is
 * a plan entry. A customer who needs more than PLAINTEXT is refused: the block's security values would take credentials
 * as plain values.
 */
export function externalKafkaValues(
  chart: Chart,
  editor: YamlEditor,
  off: ReadonlySet<string>,
  spec: CustomerKafka,
  diagnostics: Diagnostic[],
): RewiredItem[] {
  const values = chart.values;
  if (!values) return [];
  const file = values.file.path;
  const blocks: { path: string; map: YAMLMap; key: Scalar }[] = [];
  visit(values.doc, {
    Pair: (_k, pair, path) => {
      const key = str(pair.key);
      if (key === undefined) return undefined;
      // a turned-off subchart's own values configure its Kafka, which is gone
      if (path.length === 1 && off.has(key)) return visit.SKIP;
      if (!EXTERNAL_KEY.test(key) || !isMap(pair.value) || !isScalar(pair.key)) return undefined;
      const keys = path.filter((p): p is Pair => isScalar((p as Pair).key)).map((p) => String((p.key as Scalar).value));
      blocks.push({ path: [...keys, key].join('.'), map: pair.value, key: pair.key });
      return visit.SKIP;
    },
  });
  const servers = spec.bootstrapServers.map(splitServer);
  const first = servers[0];
  if (!first) return [];
  const out: RewiredItem[] = [];
  for (const block of blocks) {
    const matched: string[] = [];
    const changed: string[] = [];
    const missing: string[] = [];
    const host = pairOf(block.map, 'host');
    const port = pairOf(block.map, 'port');
    const cluster = pairOf(block.map, CLUSTER_KEY);
    // a block with neither a host/port pair nor a cluster list is not read as one
    if (!host && !port && !(cluster && isSeq(cluster.value))) continue;
    const set = (name: string, pair: Pair | undefined, text: (node: Scalar) => string, plain: string): void => {
      const full = `${block.path}.${name}`;
      if (pair && isScalar(pair.value)) {
        matched.push(`${full} = ${String(pair.value.value)}`);
        if (String(pair.value.value) !== plain) {
          editor.replace(pair.value.range?.[0] ?? 0, pair.value.range?.[1] ?? 0, text(pair.value));
          changed.push(full);
        }
      } else if (!pair) {
        missing.push(`${name}: ${name === 'port' && /^\d+$/.test(plain) ? plain : renderScalar(plain)}`);
        changed.push(full);
      }
    };
    set('host', host, (n) => renderScalar(first.host, n.type), first.host);
    set('port', port, (n) => portText(n, first.port), first.port);
    if (missing.length > 0) editor.appendToMap(block.map, missing);
    if (cluster && isSeq(cluster.value)) {
      const seq: YAMLSeq = cluster.value;
      const full = `${block.path}.${String(str(cluster.key))}`;
      const entries = seq.items.map((i) => (isMap(i) ? { host: pairOf(i, 'host'), port: pairOf(i, 'port') } : undefined));
      matched.push(
        `${full} = [${seq.items.map((i) => (isMap(i) ? `${String(str(pairOf(i, 'host')?.value))}:${String(str(pairOf(i, 'port')?.value))}` : '?')).join(', ')}]`,
      );
      // a list the chart leaves empty means "use host and port": it stays empty for one server
      const wanted = seq.items.length === 0 && servers.length === 1 ? [] : servers;
      if (seq.flow || seq.items.length === 0) {
        const text = `[${wanted.map(flowEntry).join(', ')}]`;
        if (seq.range && text !== '[]') {
          editor.replace(seq.range[0], seq.range[1], text);
          changed.push(full);
        }
      } else if (entries.every((e) => e?.host && e.port && isScalar(e.host.value) && isScalar(e.port.value))) {
        wanted.forEach((s, i) => {
          const e = entries[i];
          if (!e?.host || !e.port) return;
          editor.setScalar(e.host.value as Scalar, s.host);
          editor.replace(
            (e.port.value as Scalar).range?.[0] ?? 0,
            (e.port.value as Scalar).range?.[1] ?? 0,
            portText(e.port.value as Scalar, s.port),
          );
        });
        if (seq.items.length > wanted.length) editor.removeItems(seq, (item) => seq.items.indexOf(item) >= wanted.length);
        if (wanted.length > seq.items.length)
          editor.appendToSeq(
            seq,
            wanted.slice(seq.items.length).map((s) => `host: ${renderScalar(s.host)}\nport: ${s.port}`),
          );
        changed.push(full);
      }
    }
    if (changed.length === 0) continue;
    // the block's own security values (`sasl.password`, `security.protocol`) would take the customer's credentials as
    // plain values, which graft never writes: a customer who needs more than PLAINTEXT is refused here
    if (spec.securityProtocol !== 'PLAINTEXT') {
      diagnostics.push({
        code: 'HELM_VALUE_NOT_EXPRESSED',
        severity: 'error',
        message: `${block.path} gives the chart's clients a host and port, but the customer's cluster needs ${spec.securityProtocol}${spec.sasl ? ` with SASL ${spec.sasl.mechanism}` : ''}, and graft does not set security values of ${block.path} (a password there would be a plain value in values.yaml)`,
        help: `add a value to the chart that reads the credentials from a Secret (an existing-Secret name, or an extra env list of each client) and compile again; or compile the rendered manifests (\`helm template ... > out.yaml; graft compile out.yaml\`)`,
        subject: { file, start: block.key.range?.[0] ?? 0, end: block.key.range?.[1] ?? 0 },
      });
      continue;
    }
    const id: PlanId = { format: 'helm', file, kind: 'value', name: block.path };
    out.push({
      service: `value ${block.path}`,
      id,
      family: 'helm-values',
      matched: matched.length > 0 ? matched : [`${block.path} (the chart's values for a Kafka it does not run)`],
      changed,
      notes:
        servers.length > 1 && !cluster
          ? [`${block.path} takes one host and port: the first bootstrap server; clients find the other brokers from it`]
          : [],
      at: { file, start: block.key.range?.[0] ?? 0, end: block.key.range?.[1] ?? 0 },
    });
  }
  return out;
}
