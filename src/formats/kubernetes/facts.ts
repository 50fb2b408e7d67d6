import { isMap } from 'yaml';
import { handoffName, samePlanId, workloadId, type Plan, type PlanId } from '../../plan/types.js';
import { planId } from './context.js';
import { addCommandTopics } from '../facts.js';
import type { CreatedTopic, StackFacts, VendorAcl } from '../types.js';
import { scalarText } from '../yaml/nodes.js';
import { envLiterals, type K8sAnalysis } from './analyze.js';
import { getPath, seqAt, textAt, type Resource } from './parse.js';
import { readWorkload } from './workloads.js';

const intAt = (node: unknown, ...path: string[]): number | undefined => {
  const t = textAt(node, ...path);
  return /^\d+$/.test(t) ? Number(t) : undefined;
};

function mapAt(node: unknown, ...path: string[]): Record<string, string> {
  const m = getPath(node, ...path);
  const out: Record<string, string> = {};
  if (isMap(m)) for (const p of m.items) out[scalarText(p.key)] = scalarText(p.value);
  return out;
}

function strimziTopic(r: Resource): CreatedTopic {
  const partitions = intAt(r.root, 'spec', 'partitions');
  const rf = intAt(r.root, 'spec', 'replicas');
  return {
    name: textAt(r.root, 'spec', 'topicName') || r.name,
    ...(partitions ? { partitions } : {}),
    ...(rf ? { replicationFactor: rf } : {}),
    configs: mapAt(r.root, 'spec', 'config'),
    createdBy: r.id,
  };
}

function otherTopic(r: Resource): CreatedTopic {
  const cfk = r.apiVersion.startsWith('platform.confluent.io/');
  const partitions = intAt(r.root, 'spec', cfk ? 'partitionCount' : 'partitions');
  const rf = intAt(r.root, 'spec', cfk ? 'replicas' : 'replicationFactor');
  return {
    name: textAt(r.root, 'spec', 'name') || textAt(r.root, 'spec', 'topicName') || r.name,
    ...(partitions ? { partitions } : {}),
    ...(rf ? { replicationFactor: rf } : {}),
    configs: mapAt(r.root, 'spec', cfk ? 'configs' : 'additionalConfig'),
    createdBy: r.id,
  };
}

function kafkaUserAcls(r: Resource): VendorAcl[] {
  return seqAt(r.root, 'spec', 'authorization', 'acls').map((a) => ({
    user: r.name,
    resourceType: textAt(a, 'resource', 'type'),
    name: textAt(a, 'resource', 'name'),
    patternType: textAt(a, 'resource', 'patternType') || 'literal',
    operations: [...seqAt(a, 'operations').map(scalarText), ...(textAt(a, 'operation') ? [textAt(a, 'operation')] : [])],
  }));
}

/**
 * What the handoff needs of the manifests: dropped topic resources and helper Jobs' create commands, the vendor's
 * KafkaUser ACLs, the rewired containers' literal environment and their namespaces.
 */
export function k8sFacts(analysis: K8sAnalysis, plan: Plan, out: StackFacts): StackFacts {
  for (const [r, d] of analysis.dropped) {
    if (r.kind === 'KafkaTopic' && r.apiVersion.startsWith('kafka.strimzi.io/')) out.created.push(strimziTopic(r));
    else if (r.kind === 'KafkaTopic' || (r.kind === 'Topic' && r.apiVersion.startsWith('cluster.redpanda.com/')))
      out.created.push(otherTopic(r));
    else if (r.kind === 'KafkaUser') out.vendorAcls.push(...kafkaUserAcls(r));
    else if (d.role === 'kafka-init') {
      for (const c of readWorkload(r)?.containers.filter((x) => !x.init) ?? []) {
        const command = [...seqAt(c.node, 'command'), ...seqAt(c.node, 'args')].map(scalarText).join(' ');
        addCommandTopics(out, r.id, command);
      }
    }
  }
  const rewired = (id: PlanId): boolean => plan.rewired.some((x) => samePlanId(x.id, id));
  for (const w of analysis.workloads) {
    if (analysis.dropped.has(w.resource)) continue;
    for (const c of w.containers) {
      const id = planId(w.resource, { container: c.name });
      if (!rewired(id)) continue;
      for (const [key, value] of envLiterals(c.node))
        out.env.push({ id, service: handoffName(id), bindingKey: w.resource.name, key, value });
    }
  }
  // the namespaces of every rewired resource (a workload's containers, a ConfigMap, a custom resource)
  const namespaces = new Set<string>();
  for (const r of analysis.resources) {
    if (r.namespace === undefined) continue;
    const id = planId(r);
    if (plan.rewired.some((x) => samePlanId(workloadId(x.id), id))) namespaces.add(r.namespace);
  }
  out.namespaces = [...namespaces].sort();
  return out;
}
