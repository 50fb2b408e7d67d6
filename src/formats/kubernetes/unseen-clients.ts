import { advertisedListeners } from '../../core/endpoints.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import { envLiterals, type K8sAnalysis } from './analyze.js';
import { seqAt, spanOf } from './parse.js';
import { scalarText } from '../yaml/nodes.js';
import type { Bindings } from '../../bindings/types.js';
import type { Plan } from '../../plan/types.js';

const ADVERTISED = /^KAFKA_(CFG_)?ADVERTISED_(LISTENERS|HOST_NAME)$/;

/**
 * A dropped broker workload that advertises itself under a name of the stack (its Service) is there for clients in the
 * cluster. When graft found none — nothing was rewired or refused — the workloads that stay reach it by an address
 * their images or the commands run in them carry (a demo's `kubectl exec … --broker-list kafka-service:9092`), which
 * points at nothing once the broker is dropped: an error naming them, unless the vendor declared each one.
 */
export function checkUnseenClients(analysis: K8sAnalysis, plan: Plan, diagnostics: Diagnostic[], bindings?: Bindings): void {
  if (plan.rewired.length > 0 || diagnostics.some((d) => d.severity === 'error')) return;
  const keptInfra = new Set(analysis.kept.map((k) => k.resource));
  const kept = analysis.workloads.filter(
    (w) =>
      !analysis.dropped.has(w.resource) &&
      !keptInfra.has(w.resource) &&
      !bindings?.infrastructure.has(w.resource.name) &&
      !bindings?.clients.has(w.resource.name),
  );
  if (kept.length === 0) return;
  for (const w of analysis.workloads) {
    if (analysis.dropped.get(w.resource)?.role !== 'broker') continue;
    for (const c of w.containers) {
      const hit = [...envLiterals(c.node)].find(
        ([k, v]) => ADVERTISED.test(k) && advertisedListeners(v).some(({ host }) => analysis.kafkaHosts.has(host.split('.')[0] ?? host)),
      );
      if (!hit) continue;
      const names = kept.map((k) => k.resource.id);
      diagnostics.push({
        code: 'K8S_UNSEEN_CLIENTS',
        severity: 'error',
        message:
          `the dropped broker ${w.resource.id} advertises ${hit[0]} = ${hit[1]} to clients in the cluster, but no kept workload names it: ` +
          `${names.join(', ')} would reach it by an address their images or commands carry, which points at nothing once it is dropped`,
        help:
          `declare each kept workload in graft.yaml: the Kafka clients under kafka.clients (family and env bindings) so graft can configure them, ` +
          `the others as kafka.infrastructure: [${kept.map((k) => `{ service: ${k.resource.name}, role: none }`).join(', ')}]`,
        subject: spanOf(w.resource),
      });
      return;
    }
  }
}

// Kafka's command-line clients and tools, and the images that are nothing else (kcat)
const KAFKA_TOOL =
  /\bkafka-(console-producer|console-consumer|producer-perf-test|consumer-perf-test|verifiable-producer|verifiable-consumer|topics|configs|acls|consumer-groups)(\.sh)?\b|\bkcat\b|\bkafkacat\b/;
const TOOL_IMAGE = /(^|\/)(cp-)?(kcat|kafkacat)(:|@|$)/;

/**
 * A kept workload that runs Kafka's tools (a producer perf test, a console producer, kcat — or an idle kcat Pod used
 * through `kubectl exec`) beside the Kafka graft dropped, while graft configured nothing of it and refused nothing: its
 * address and settings are where graft cannot see them (a file from a Secret created outside the stack, the command
 * someone types), and once the Kafka is dropped they point at nothing. An error naming it, unless the vendor declared it.
 */
export function checkUnconfiguredKafkaTools(analysis: K8sAnalysis, plan: Plan, diagnostics: Diagnostic[], bindings?: Bindings): void {
  // as with an unseen broker address: once graft refused something, that refusal is what the vendor fixes first
  if (analysis.kafkaHosts.size === 0 && analysis.clusters.size === 0) return;
  if (diagnostics.some((d) => d.severity === 'error')) return;
  const keptInfra = new Set(analysis.kept.map((k) => k.resource));
  const stackSecrets = new Set(analysis.resources.filter((r) => r.kind === 'Secret').map((r) => r.name));
  const within = (w: { resource: { file: { path: string }; range: [number, number] } }, at?: { file: string; start: number }): boolean =>
    at !== undefined && at.file === w.resource.file.path && at.start >= w.resource.range[0] && at.start < w.resource.range[1];
  for (const w of analysis.workloads) {
    if (analysis.dropped.has(w.resource) || keptInfra.has(w.resource)) continue;
    if (bindings?.infrastructure.has(w.resource.name) || bindings?.clients.has(w.resource.name)) continue;
    const tool = w.containers
      .filter((c) => !c.init)
      .map((c) => {
        const command = [...seqAt(c.node, 'command'), ...seqAt(c.node, 'args')].map((n) => scalarText(n)).join(' ');
        const run = KAFKA_TOOL.exec(command)?.[0];
        return { c, what: run ? `runs ${run}` : TOOL_IMAGE.test(c.image) ? `is a ${c.image} container` : undefined };
      })
      .find((x) => x.what !== undefined);
    if (!tool) continue;
    // configured or refused: the workload itself, or a Secret or ConfigMap of the stack it mounts (its properties file)
    const mounted = analysis.resources.filter(
      (r) => (r.kind === 'Secret' && w.secrets.has(r.name)) || (r.kind === 'ConfigMap' && w.configMaps.has(r.name)),
    );
    const touched = (at?: { file: string; start: number }): boolean =>
      [w, ...mounted.map((resource) => ({ resource }))].some((x) => within(x, at));
    if (plan.rewired.some((r) => r.family !== 'secret-volume' && touched(r.at))) continue;
    if (diagnostics.some((d) => d.severity === 'error' && touched(d.subject))) continue;
    const outside = [...w.secrets].filter((s) => !stackSecrets.has(s));
    diagnostics.push({
      code: 'K8S_KAFKA_TOOL_UNCONFIGURED',
      severity: 'error',
      message:
        `${w.resource.id} (container ${tool.c.name}) ${tool.what ?? ''}, a Kafka client of the Kafka graft drops, but graft found ` +
        `nothing in it to configure: its address and settings are where graft cannot see them` +
        (outside.length > 0
          ? ` (the Secret${outside.length === 1 ? '' : 's'} ${outside.join(', ')} it mounts ${outside.length === 1 ? 'is' : 'are'} not in the stack)`
          : '') +
        `, and once the Kafka is dropped they point at nothing`,
      help:
        `give it the customer's settings: declare it in graft.yaml under kafka.clients.${w.resource.name} (its family and where it reads its settings), ` +
        `or remove it from the stack; if it does not talk to Kafka, declare kafka.infrastructure: [{ service: ${w.resource.name}, role: none }]`,
      subject: spanOf(w.resource, tool.c.node.get('name', true) ?? undefined),
    });
  }
}
