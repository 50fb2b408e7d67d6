import { isMap, isScalar } from 'yaml';
import type { WorkloadAccount } from '../types.js';
import { awsIdentityOn } from '../../spec/aws-identity.js';
import { planId, type K8sContext } from './context.js';
import { samePlanId, workloadId } from '../../plan/types.js';

/** The annotation that binds a ServiceAccount to an IAM role on EKS (IRSA). */
export const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';

/**
 * AWS_MSK_IAM on Kubernetes: every rewired workload must run as the customer's role. Each gets a ServiceAccount of its
 * own where it ran as `default` (appended to its file, `<workload>-kafka`, so the role is not given to every pod of the
 * namespace); with IRSA the ServiceAccount is annotated with the role where the stack declares it, otherwise the
 * handoff says to annotate it; with EKS Pod Identity the handoff gives the association command per ServiceAccount.
 * Returns the workloads and the ServiceAccounts they run as.
 */
export function bindWorkloadIdentity(ctx: K8sContext): WorkloadAccount[] {
  const identity = awsIdentityOn(ctx.spec, 'Kubernetes');
  const role = ctx.spec.sasl?.aws?.roleArn;
  if ((identity !== 'irsa' && identity !== 'eksPodIdentity') || !role) return [];
  const out: WorkloadAccount[] = [];
  for (const w of ctx.analysis.workloads) {
    const r = w.resource;
    const id = planId(r);
    if (ctx.analysis.dropped.has(r) || !ctx.plan.rewired.some((i) => i.id.container !== undefined && samePlanId(workloadId(i.id), id)))
      continue;
    const ed = ctx.editorOf(r);
    let account = w.serviceAccount;
    let state: WorkloadAccount['state'];
    const declared = ctx.analysis.resources.find(
      (x) => x.kind === 'ServiceAccount' && x.name === account && x.namespace === r.namespace && !ctx.analysis.dropped.has(x),
    );
    if (account === '' || account === 'default') {
      account = `${r.name}-kafka`;
      const current = w.podSpec.get('serviceAccountName', true);
      if (isScalar(current)) ed.setScalar(current, account);
      else ed.appendToMap(w.podSpec, [`serviceAccountName: ${account}`]);
      ed.appendAtEnd(
        [
          '---',
          'apiVersion: v1',
          'kind: ServiceAccount',
          'metadata:',
          `  name: ${account}`,
          ...(r.namespace ? [`  namespace: ${r.namespace}`] : []),
          ...(identity === 'irsa' ? ['  annotations:', `    ${IRSA_ANNOTATION}: ${role}`] : []),
        ].join('\n'),
      );
      state = 'created';
      ctx.plan.notes.push(
        `${r.id}: runs as the new ServiceAccount ${account} (it ran as default), ${identity === 'irsa' ? `annotated ${IRSA_ANNOTATION}: ${role}` : 'for its EKS Pod Identity association'}`,
      );
    } else if (declared && identity === 'irsa') {
      const metadata = declared.root.get('metadata', true);
      const annotations = isMap(metadata) ? metadata.get('annotations', true) : undefined;
      const existing = isMap(annotations) ? annotations.get(IRSA_ANNOTATION, true) : undefined;
      const sa = ctx.editorOf(declared);
      if (isScalar(existing)) {
        if (existing.value !== role) sa.setScalar(existing, role);
      } else if (isMap(metadata)) sa.appendUnder(metadata, 'annotations', 'map', [`${IRSA_ANNOTATION}: ${role}`]);
      state = 'annotated';
      ctx.plan.notes.push(`${r.id}: its ServiceAccount ${account} is annotated ${IRSA_ANNOTATION}: ${role}`);
    } else {
      state = declared ? 'declared' : 'external';
      ctx.plan.notes.push(
        identity === 'irsa'
          ? `${r.id}: runs as ServiceAccount ${account}, which the stack does not declare: annotate it with ${IRSA_ANNOTATION}: ${role} (the handoff says how)`
          : `${r.id}: runs as ServiceAccount ${account}, for its EKS Pod Identity association`,
      );
    }
    out.push({ workload: r.id, ...(r.namespace ? { namespace: r.namespace } : {}), serviceAccount: account, state });
  }
  return out;
}
