import type { Diagnostic } from '../../core/diagnostic.js';
import type { K8sAnalysis } from './analyze.js';
import { spanOf, type Resource } from './parse.js';

// the operators whose clusters graft migrates (analyze.ts): their custom resources never reach this check
const KNOWN_GROUPS = new Set(['kafka.strimzi.io', 'platform.confluent.io', 'cluster.redpanda.com']);
// a custom resource of one of these kinds is a Kafka cluster an operator runs
const CLUSTER_KIND = /^(Kafka|KafkaCluster)$/;

function groupOf(r: Resource): string {
  return r.apiVersion.includes('/') ? (r.apiVersion.split('/')[0] ?? '') : '';
}

/**
 * A Kafka cluster run by an operator graft does not know (Koperator's `KafkaCluster`, `kafka.banzaicloud.io`) is the
 * stack's own Kafka all the same: left alone, the output still deploys it, and the topics and users of its API group
 * still name it. graft can neither drop it (it does not know what the operator creates from it, nor the host names it
 * gives the brokers) nor hand its topics and users to the customer, so it is an error at the resource, naming what
 * refers to it, instead of "No Kafka found".
 */
export function checkUnknownOperatorClusters(analysis: K8sAnalysis, diagnostics: Diagnostic[]): void {
  for (const r of analysis.resources) {
    const group = groupOf(r);
    if (!group.includes('.') || group.endsWith('.k8s.io') || KNOWN_GROUPS.has(group) || !CLUSTER_KIND.test(r.kind)) continue;
    if (analysis.dropped.has(r)) continue;
    const related = analysis.resources.filter((x) => x !== r && groupOf(x) === group).map((x) => x.id);
    diagnostics.push({
      code: 'K8S_KAFKA_OPERATOR_UNSUPPORTED',
      severity: 'error',
      message:
        `${r.id} (${r.apiVersion}) is a Kafka cluster its operator runs, the stack's own Kafka, but graft migrates only Strimzi, ` +
        `Confluent for Kubernetes and Redpanda operator clusters: it can neither drop this one nor hand over what names it` +
        (related.length > 0 ? ` (${related.join(', ')})` : ''),
      help:
        `remove ${r.id}${related.length > 0 ? ` and the ${group} resources that name it` : ''} from the stack, create their topics and users ` +
        `on the customer's cluster, point the workloads that use it at the customer's bootstrap servers, then compile again`,
      subject: spanOf(r),
    });
  }
}
