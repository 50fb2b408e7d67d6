import type { CustomerKafka, WorkloadIdentity } from './types.js';

/**
 * How a workload on `platform` (a configure sink's name: `Compose`, `Kubernetes`, `ECS`, `Lambda`) acts as the spec's
 * MSK IAM role: `irsa` / `eksPodIdentity` on Kubernetes (the pod's ServiceAccount is bound to the role; `irsa` unless
 * the spec says otherwise), `platformRole` on ECS and Lambda (the task role / execution role is the identity),
 * `assumeRole` where the spec says so and where the platform has no workload identity (Compose): the client assumes
 * the role itself from the host's credentials. Undefined without AWS_MSK_IAM.
 */
export function awsIdentityOn(spec: CustomerKafka, platform: string): WorkloadIdentity | 'platformRole' | undefined {
  if (spec.sasl?.mechanism !== 'AWS_MSK_IAM') return undefined;
  const wanted = spec.sasl.aws?.workloadIdentity;
  if (wanted === 'assumeRole') return 'assumeRole';
  if (platform === 'Kubernetes') return wanted ?? 'irsa';
  if (platform === 'ECS' || platform === 'Lambda') return 'platformRole';
  return 'assumeRole';
}

/**
 * The spec as a client on `platform` sees it: without `sasl.aws.roleArn` where the workload already acts as the role
 * (assuming it again from itself would need the role to trust itself), so client families write no role of their own.
 */
export function specForClientOn(spec: CustomerKafka, platform: string): CustomerKafka {
  const identity = awsIdentityOn(spec, platform);
  if (identity === undefined || identity === 'assumeRole' || !spec.sasl?.aws?.roleArn) return spec;
  const aws = { ...spec.sasl.aws };
  delete aws.roleArn;
  return { ...spec, sasl: { ...spec.sasl, aws } };
}
