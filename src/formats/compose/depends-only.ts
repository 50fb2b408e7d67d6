// A kept service whose only link to the dropped Kafka was a `depends_on` edge: what else graft can see of it.
import { findEndpointRuns, findUrls } from '../../core/endpoints.js';
import { positionAt, type Span } from '../../core/span.js';
import { httpOnlyTool } from '../../detect/images.js';
import type { ComposeAnalysis, ServiceInfo } from './analyze.js';
import { interpolate } from './dotenv.js';
import { readDependsOn } from './parse.js';

/**
 * Why a service that depended on the dropped Kafka and names none of its addresses is no Kafka client, or undefined when
 * graft cannot tell. By behaviour: every address it names (environment, command) is an `http(s)://` URL of a service
 * the compile keeps (a UI over the REST Proxy: `KAFKA_REST_PROXY_URL=http://rest-proxy:8082/`). By image, only when
 * it names no address at all: a known HTTP-only tool (the ksqlDB CLI) that depends on a kept service too. A service
 * that names a host of the stack any other way, or mounts a file naming the dropped Kafka, is never one.
 */
export function httpOnlyReason(analysis: ComposeAnalysis, info: ServiceInfo): string | undefined {
  if (mountedKafkaAddress(analysis, info)) return undefined;
  const { allHosts, keptBy } = stackHosts(analysis);
  // the first kept service other than this one that answers to a host
  const keptOwner = (host: string): string | undefined => keptBy.get(host)?.find((name) => name !== info.name);
  const values = [
    ...info.env.map((e) => ({ where: `${e.key} = ${e.value ?? ''}`, value: interpolate(e.value ?? '', analysis.model.vars) })),
    ...info.commands.map((c) => ({ where: `${c.where}: ${c.value}`, value: c.value })),
  ];
  const urls: { where: string; host: string }[] = [];
  for (const v of values) {
    const found = findUrls(v.value, allHosts);
    // a host of the stack named any other way (host:port, a bare host) may be a Kafka address graft cannot read
    const rest = found.reduceRight((s, u) => s.slice(0, u.start) + s.slice(u.end), v.value);
    if (findEndpointRuns(rest, allHosts).length > 0 || allHosts.has(rest.trim())) return undefined;
    if (found.some((u) => keptOwner(u.host) === undefined)) return undefined;
    urls.push(...found.map((u) => ({ where: v.where, host: u.host })));
  }
  if (urls.length > 0) {
    const targets = [...new Set(urls.map((u) => keptOwner(u.host) ?? u.host))].sort();
    return `it talks HTTP only, to ${targets.join(', ')} (${[...new Set(urls.map((u) => u.where))].join('; ')})`;
  }
  const tool = info.image ? httpOnlyTool(info.image) : undefined;
  if (!tool) return undefined;
  const keptNames = new Set(
    [...analysis.services.values()].filter((s) => s.name !== info.name && !analysis.dropped.has(s.name)).map((s) => s.name),
  );
  const keptDeps = [...new Set(info.defs.flatMap((d) => readDependsOn(d).map((x) => x.name)).filter((n) => keptNames.has(n)))].sort();
  if (keptDeps.length === 0) return undefined;
  return `its image ${info.image ?? ''} is ${tool}, and it also depends on ${keptDeps.join(', ')}`;
}

interface StackHosts {
  services: number;
  dropped: number;
  /** Every host name of the stack, one set per analysis so the endpoint finders build their expressions once. */
  allHosts: Set<string>;
  /** For each host, the kept services answering to it, in stack order. */
  keptBy: Map<string, string[]>;
}

/** The host names of a stack, gathered once per analysis rather than once per service asked about. */
const hostsOf = new WeakMap<ComposeAnalysis, StackHosts>();

function stackHosts(analysis: ComposeAnalysis): StackHosts {
  const known = hostsOf.get(analysis);
  if (known && known.services === analysis.services.size && known.dropped === analysis.dropped.size) return known;
  const allHosts = new Set<string>();
  const keptBy = new Map<string, string[]>();
  for (const s of analysis.services.values()) {
    const kept = !analysis.dropped.has(s.name);
    for (const h of s.hostNames) {
      allHosts.add(h);
      if (!kept) continue;
      const names = keptBy.get(h);
      if (names) names.push(s.name);
      else keptBy.set(h, [s.name]);
    }
  }
  const found = { services: analysis.services.size, dropped: analysis.dropped.size, allHosts, keptBy };
  hostsOf.set(analysis, found);
  return found;
}

/**
 * The first place a stack file the service mounts names the dropped Kafka (SkyWalking's Filebeat: `hosts:
 * ["broker-a:9092", ...]` in its mounted `filebeat.yml`), for the message that says where the address is.
 */
export function mountedKafkaAddress(analysis: ComposeAnalysis, info: ServiceInfo): { where: string; at: Span } | undefined {
  for (const def of info.defs) {
    const files = [
      ...analysis.model.mountedFiles(def, analysis.list).map((f) => ({ ...f, how: `its mounted ${f.rel}` })),
      ...analysis.model.bakedFiles(def).map((f) => ({ ...f, how: `${f.rel}, which its Dockerfile copies into the image` })),
    ];
    for (const { how, file } of files) {
      const runs = findEndpointRuns(file.text, analysis.kafkaHosts);
      const first = runs[0];
      if (!first) continue;
      const { line } = positionAt(file, first.start);
      const onLine = runs.filter((r) => positionAt(file, r.start).line === line).map((r) => r.text);
      return { where: `${how} (line ${line}: ${onLine.join(', ')})`, at: { file: file.path, start: first.start, end: first.end } };
    }
  }
  return undefined;
}
