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
  const kept = [...analysis.services.values()].filter((s) => s.name !== info.name && !analysis.dropped.has(s.name));
  const keptHosts = new Set(kept.flatMap((s) => s.hostNames));
  const allHosts = new Set([...analysis.services.values()].flatMap((s) => s.hostNames));
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
    if (found.some((u) => !keptHosts.has(u.host))) return undefined;
    urls.push(...found.map((u) => ({ where: v.where, host: u.host })));
  }
  if (urls.length > 0) {
    const targets = [...new Set(urls.map((u) => kept.find((s) => s.hostNames.includes(u.host))?.name ?? u.host))].sort();
    return `it talks HTTP only, to ${targets.join(', ')} (${[...new Set(urls.map((u) => u.where))].join('; ')})`;
  }
  const tool = info.image ? httpOnlyTool(info.image) : undefined;
  if (!tool) return undefined;
  const keptNames = new Set(kept.map((s) => s.name));
  const keptDeps = [...new Set(info.defs.flatMap((d) => readDependsOn(d).map((x) => x.name)).filter((n) => keptNames.has(n)))].sort();
  if (keptDeps.length === 0) return undefined;
  return `its image ${info.image ?? ''} is ${tool}, and it also depends on ${keptDeps.join(', ')}`;
}

/**
 * The first place a stack file the service mounts names the dropped Kafka (SkyWalking's Filebeat: `hosts:
 * ["broker-a:9092", ...]` in its mounted `filebeat.yml`), for the message that says where the address is.
 */
export function mountedKafkaAddress(analysis: ComposeAnalysis, info: ServiceInfo): { where: string; at: Span } | undefined {
  for (const def of info.defs) {
    for (const { rel, file } of analysis.model.mountedFiles(def, analysis.list)) {
      const runs = findEndpointRuns(file.text, analysis.kafkaHosts);
      const first = runs[0];
      if (!first) continue;
      const { line } = positionAt(file, first.start);
      const onLine = runs.filter((r) => positionAt(file, r.start).line === line).map((r) => r.text);
      return {
        where: `its mounted ${rel} (line ${line}: ${onLine.join(', ')})`,
        at: { file: file.path, start: first.start, end: first.end },
      };
    }
  }
  return undefined;
}
