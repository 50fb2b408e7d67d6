import { advertisedListeners } from '../../core/endpoints.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import { envLiterals, type K8sAnalysis } from './analyze.js';
import { spanOf } from './parse.js';
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
