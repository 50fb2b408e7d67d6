import { isMap, isScalar } from 'yaml';
import { scalarText } from '../yaml/nodes.js';
import type { K8sContext } from './context.js';
import { spanOf, type Resource } from './parse.js';

/** `discovery.config.services.kafka.endpoints` (Akka's static discovery), dotted or with `akka.` before it. */
const KAFKA_ENDPOINTS = /^[ \t]*(?:akka\.)?discovery\.config\.services\.("?)([\w-]*kafka[\w-]*)\1\.endpoints[ \t]*[:=]/im;
/** One endpoint's host, on its own line below: `- host: kafka-proxy`, `{ host = "kafka" }`. */
const HOST = /^[ \t]*(?:-[ \t]+|\{[ \t]*)?["']?host["']?[ \t]*[:=][ \t]*["']?([^"'\s,}]+)/gm;

/**
 * A kept ConfigMap whose data gives Akka's static discovery the endpoints of a Kafka service
 * (`discovery.config.services.kafka.endpoints` with `host` and `port` in keys of their own, as Alpakka Kafka's bootstrap
 * look-up reads them), in a stack whose Kafka graft dropped, is a Kafka client graft cannot configure: it rewires
 * neither such an endpoint list nor the Alpakka client's security settings. It is refused at the data key unless every
 * endpoint is already the customer's and the customer's cluster needs no security settings.
 */
export function checkAkkaDiscovery(ctx: K8sContext, r: Resource): void {
  if (ctx.analysis.kafkaHosts.size === 0) return;
  const data = r.root.get('data', true);
  if (!isMap(data)) return;
  const customer = new Set(ctx.spec.bootstrapServers.map((s) => s.replace(/:\d+$/, '').toLowerCase()));
  const secure = ctx.spec.securityProtocol !== 'PLAINTEXT';
  for (const p of data.items) {
    if (!isScalar(p.value) || typeof p.value.value !== 'string') continue;
    const text = p.value.value;
    const m = KAFKA_ENDPOINTS.exec(text);
    if (!m) continue;
    const hosts = [...endpointBlock(text, m.index, m[0].length).matchAll(HOST)].map((h) => h[1] ?? '').filter((h) => h !== '');
    if (hosts.length > 0 && hosts.every((h) => customer.has(h.toLowerCase())) && !secure) continue;
    const key = scalarText(p.key);
    const service = m[2] ?? 'kafka';
    ctx.diagnostics.push({
      code: 'K8S_AKKA_DISCOVERY_KAFKA',
      severity: 'error',
      message: `${r.id} data "${key}" gives Akka discovery the endpoints of Kafka service ${service} (${hosts.length ? `host ${hosts.join(', ')}` : 'no host'}, its port in a key of its own): graft rewires no such endpoint list${secure ? ` nor gives the Alpakka Kafka client the customer's ${ctx.spec.securityProtocol} settings` : ''}, and the stack's Kafka is dropped`,
      help: `set discovery.config.services.${service}.endpoints to the customer's bootstrap servers (${ctx.spec.bootstrapServers.join(',')})${secure ? ` and the ${ctx.spec.securityProtocol} settings under akka.kafka.*.kafka-clients` : ''} in the chart or manifests (or read the bootstrap servers from an environment variable graft can configure), then compile again`,
      subject: spanOf(r, p.key),
    });
  }
}

/** The endpoint list below the key at `start`: the rest of its line, then the lines indented deeper (or its `-` items). */
function endpointBlock(text: string, start: number, length: number): string {
  const indent = (line: string): number => line.length - line.trimStart().length;
  const keyIndent = indent(text.slice(start, start + length));
  const lineEnd = text.indexOf('\n', start + length);
  const out = [text.slice(start + length, lineEnd < 0 ? text.length : lineEnd)];
  if (lineEnd < 0) return out[0] ?? '';
  for (const line of text.slice(lineEnd + 1).split('\n')) {
    if (line.trim() !== '' && indent(line) < keyIndent) break;
    if (line.trim() !== '' && indent(line) === keyIndent && !line.trimStart().startsWith('-')) break;
    out.push(line);
  }
  return out.join('\n');
}
