import { findEndpointRuns, findUrls } from './endpoints.js';
import { findHostKeys } from './host-keys.js';

/** A place where a text still names a dropped host: a URL, an endpoint run, or a host under a `host` key. */
export interface DroppedName {
  start: number;
  end: number;
  /** The URL, the run (`kafka:9092,kafka-1:9092`) or the host as written. */
  text: string;
  /** The key holding a host given alone (`host`, `hostname`); absent for a URL or a run. */
  key?: string;
}

/** How a text is scanned for dropped hosts. */
export interface DroppedNameScan {
  /** The pattern of the DNS forms a dropped host may carry (`k8sHostSuffix`). */
  hostSuffix?: string;
  /** Whether a host alone under a `host` key, its port in a key of its own, counts (Kubernetes and Helm). */
  hostKeys?: boolean;
  /** The customer's own hosts (`customerHostsOf`), which the compile writes and no dropped host is. */
  customerHosts?: Iterable<string>;
}

/** The host names of the customer's cluster and registry: `host` of each `host:port`, and the registry URL's. */
export function customerHostsOf(spec: { bootstrapServers: readonly string[]; schemaRegistry?: { url: string } }): string[] {
  const hosts = spec.bootstrapServers.map((s) => s.trim().replace(/:\d+$/, ''));
  const registry = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(spec.schemaRegistry?.url ?? '')?.[1];
  return [...new Set([...hosts, ...(registry ? [registry] : [])].map((h) => h.toLowerCase()).filter((h) => h !== ''))].sort();
}

/** The host of each `[scheme://]host[:port][/]` in a run or URL text. */
function hostsIn(text: string): string[] {
  return text.split(',').map((e) =>
    e
      .trim()
      .replace(/^[A-Za-z_][\w+.-]*:\/\//, '')
      .replace(/\/$/, '')
      .replace(/:\d+$/, '')
      .toLowerCase(),
  );
}

/**
 * Every place `text` still names one of the dropped `hosts`, in order: URLs, endpoint runs outside them and (with
 * `hostKeys`) hosts under a `host` key outside both. A name on a `#` comment line is left out (a comment may name what
 * used to be there), and so is one whose every host is the customer's own: a customer host may well start with a
 * dropped Service's name and read as one of its DNS forms (`kafka.acme:9092`, `kafka` in namespace `acme`).
 */
export function findDroppedNames(text: string, hosts: ReadonlySet<string>, scan: DroppedNameScan = {}): DroppedName[] {
  if (hosts.size === 0) return [];
  const suffix = scan.hostSuffix ?? '';
  const customer = new Set([...(scan.customerHosts ?? [])].map((h) => h.toLowerCase()));
  const urls = findUrls(text, hosts, suffix).map((u) => ({ start: u.start, end: u.end, text: u.text }));
  const runs = findEndpointRuns(text, hosts, suffix)
    .filter((r) => !urls.some((u) => r.start < u.end && u.start < r.end))
    .map((r) => ({ start: r.start, end: r.end, text: r.text }));
  const keyed = scan.hostKeys
    ? findHostKeys(text, hosts, suffix)
        .filter((k) => !runs.some((r) => k.start < r.end && r.start < k.end))
        .map((k) => ({ start: k.start, end: k.end, text: k.text, key: k.key }))
    : [];
  return [...urls, ...runs, ...keyed]
    .sort((a, b) => a.start - b.start)
    .filter((f) => {
      const line = text.slice(text.lastIndexOf('\n', f.start - 1) + 1, f.start);
      if (/(^|\s)#/.test(line)) return false;
      return !(customer.size > 0 && hostsIn(f.text).every((h) => customer.has(h)));
    });
}
