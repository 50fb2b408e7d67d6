import { hostAlternation } from './endpoints.js';

/** A host given alone under a `host` key, its port in a key of its own: `- host: kafka-proxy` then `port: 9092`. */
export interface HostKey {
  /** Offset of the host name in the text. */
  start: number;
  end: number;
  /** The host as written, DNS suffix included (`kafka.default.svc.cluster.local`). */
  text: string;
  /** The key that holds it (`host`, `hostname`). */
  key: string;
}

/**
 * Finds hosts of `hosts` given alone as the value of a `host` or `hostname` key, in YAML (`host: kafka`,
 * `- host: "kafka"`), JSON (`"host": "kafka"`) or properties (`host=kafka`) text, the key on its own line. Such an
 * address has its port in a key of its own (Akka discovery's `endpoints: [{host, port}]`), so the endpoint finders,
 * which read `host:port`, do not see it. `hostSuffix` is the pattern of the DNS forms a host may carry.
 */
export function findHostKeys(text: string, hosts: ReadonlySet<string>, hostSuffix = ''): HostKey[] {
  if (hosts.size === 0) return [];
  const alternation = hostAlternation(hosts);
  const re = new RegExp(
    `^([ \\t]*(?:-[ \\t]+)?(["']?)(host|hostname)\\2[ \\t]*[:=][ \\t]*(["']?))((?:${alternation})${hostSuffix})\\4[ \\t]*,?[ \\t]*$`,
    'gmi',
  );
  const out: HostKey[] = [];
  for (const m of text.matchAll(re)) {
    const lead = m[1] ?? '';
    const host = m[5] ?? '';
    const start = m.index + lead.length;
    out.push({ start, end: start + host.length, text: host, key: m[3] ?? 'host' });
  }
  return out;
}
