/**
 * A run of comma-separated `[scheme://]host:port` endpoints inside a string. The scheme is a listener name
 * (`PLAINTEXT://`, `SASL_SSL://`); `http(s)://` addresses are URLs of HTTP APIs, found by `findUrls`, never runs.
 */
export interface EndpointRun {
  start: number;
  end: number;
  text: string;
  hosts: string[];
  scheme: boolean;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The hosts as one regex alternation, longest first so a longer name wins over its prefix. */
export function hostAlternation(hosts: Iterable<string>): string {
  return [...hosts]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map(escapeRe)
    .join('|');
}

interface Expressions {
  run: RegExp;
  host: RegExp;
  url: RegExp;
}

/** The expressions for one set of hosts, built once: a compile calls the finders for every value it reads. */
const expressions = new Map<string, Expressions>();
/** The last expressions each host set (by identity and size) and suffix gave, so a call need not sort the hosts again. */
const bySet = new WeakMap<ReadonlySet<string>, { size: number; suffix: string; found: Expressions }>();

function endpointExpressions(hosts: ReadonlySet<string>, hostSuffix: string): Expressions {
  const last = bySet.get(hosts);
  if (last && last.size === hosts.size && last.suffix === hostSuffix) return last.found;
  const alternation = hostAlternation(hosts);
  const key = `${hostSuffix}\0${alternation}`;
  let found = expressions.get(key);
  if (!found) {
    const token = `(?:(?![Hh][Tt][Tt][Pp][Ss]?://)[A-Za-z_][A-Za-z0-9_]*://)?(?:${alternation})${hostSuffix}:\\d+`;
    found = {
      run: new RegExp(`(?:(?<=\\{\\w+:?-)|(?<![\\w.\\-/]))${token}(?:\\s*,\\s*${token})*(?![\\w.-]|:\\d)`, 'g'),
      host: new RegExp(`(?:^|,|//|\\s)(${alternation})${hostSuffix}:\\d+`, 'g'),
      url: new RegExp(`https?://(${alternation})${hostSuffix}(?::\\d+)?/?(?![\\w.-])`, 'g'),
    };
    expressions.set(key, found);
  }
  bySet.set(hosts, { size: hosts.size, suffix: hostSuffix, found });
  return found;
}

const COLON_DIGIT = /:\d/;

/**
 * Finds runs of `host:port` endpoints naming one of `hosts`, e.g. `kafka1:19092,kafka2:19093`,
 * `PLAINTEXT://broker:29092` or the default in `${BROKERS:-kafka:9092}`.
 */
export function findEndpointRuns(value: string, hosts: ReadonlySet<string>, hostSuffix = ''): EndpointRun[] {
  // every run has a `:port`: a value without a colon before a digit is not searched with the stack's hosts
  if (hosts.size === 0 || !COLON_DIGIT.test(value)) return [];
  const { run, host } = endpointExpressions(hosts, hostSuffix);
  const runs: EndpointRun[] = [];
  for (const m of value.matchAll(run)) {
    const text = m[0];
    const hostsIn = [...text.matchAll(host)].map((h) => h[1] ?? '');
    runs.push({ start: m.index, end: m.index + text.length, text, hosts: hostsIn, scheme: text.includes('://') });
  }
  return runs;
}

/** Finds `http(s)://host[:port][/]` URLs naming one of `hosts`. */
export function findUrls(
  value: string,
  hosts: ReadonlySet<string>,
  hostSuffix = '',
): { start: number; end: number; text: string; host: string }[] {
  if (hosts.size === 0 || !value.includes('://')) return [];
  const { url } = endpointExpressions(hosts, hostSuffix);
  return [...value.matchAll(url)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0], host: m[1] ?? '' }));
}

/** Finds a host name used without a port (`KAFKA_HOST: kafka`) as the whole value. */
export function isBareHost(value: string, hosts: ReadonlySet<string>): boolean {
  return hosts.has(value.trim());
}

/** The customer's bootstrap list written in the form a matched run used (with or without scheme). */
export function renderBootstrap(servers: readonly string[], protocol: string, run: EndpointRun): string {
  const sep = /,\s/.test(run.text) ? ', ' : ',';
  return servers.map((s) => (run.scheme ? `${protocol}://${s}` : s)).join(sep);
}

/** Replaces matched ranges of a string, back to front. */
export function spliceAll(value: string, ranges: readonly { start: number; end: number; text: string }[]): string {
  let out = value;
  for (const r of [...ranges].sort((a, b) => b.start - a.start)) out = out.slice(0, r.start) + r.text + out.slice(r.end);
  return out;
}

const DNS_LABEL = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?';

const suffixes = new WeakMap<
  ReadonlySet<string>,
  { size: number; given: Iterable<string> | undefined; namespaces: string; suffix: string }
>();

/**
 * What may follow a dropped Service's name (or a dropped StatefulSet pod's) in the host names Kubernetes DNS resolves
 * to it: nothing, `.ns`, `.ns.svc`, `.ns.svc.<cluster domain>` (`cluster.local` or any other), and for a pod
 * `.<svc>` first, the governing Service being one of `hosts` too (`kafka-0.kafka-headless.shop.svc.cluster.local`).
 * `ns` is one of `namespaces`, the namespaces of the stack and its Services; without them (a Service the stack gives no
 * namespace is deployed to one chosen at install), any one DNS label. A host such as `kafka.example.com` is none of these.
 */
export function k8sHostSuffix(hosts: ReadonlySet<string>, namespaces?: Iterable<string>): string {
  const last = suffixes.get(hosts);
  // a format asks again for every value it reads, with the same sets
  if (last && last.size === hosts.size && last.given === namespaces) return last.suffix;
  const names = namespaces === undefined ? undefined : [...new Set(namespaces)].filter((n) => n !== '').sort();
  const key = names === undefined ? '\0' : names.join(',');
  if (last && last.size === hosts.size && last.namespaces === key) return last.suffix;
  const ns = names === undefined ? DNS_LABEL : names.map(escapeRe).join('|');
  const pod = hosts.size > 0 ? `(?:\\.(?:${hostAlternation(hosts)}))?` : '';
  const qualified = ns === '' ? '' : `(?:\\.(?:${ns})(?:\\.svc(?:\\.${DNS_LABEL})*)?)?`;
  const suffix = `${pod}${qualified}`;
  suffixes.set(hosts, { size: hosts.size, given: namespaces, namespaces: key, suffix });
  return suffix;
}

/** The listeners of an advertised-listeners value (`PLAINTEXT://kafka:9092,OUTSIDE://localhost:9094`) or a bare host name. */
export function advertisedListeners(value: string | undefined): { name?: string; host: string }[] {
  if (!value) return [];
  return value
    .split(',')
    .map((l) => /^\s*(?:([A-Za-z0-9_-]+):\/\/)?([^:/\s]*)(?::\d+)?\s*$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null && (m[2] ?? '') !== '')
    .map((m) => ({ ...(m[1] ? { name: m[1] } : {}), host: m[2] }));
}
