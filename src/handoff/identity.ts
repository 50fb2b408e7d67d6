import { IRSA_ANNOTATION } from '../formats/kubernetes/workload-identity.js';
import { awsIdentityOn } from '../spec/aws-identity.js';
import { planLabel, samePlanId, workloadId, workloadLabel, type PlanId } from '../plan/types.js';
import { workloadOf } from './rotation.js';
import type { HandoffModel } from './types.js';

// plan entries that are references or grants, not clients that connect
const NOT_WORKLOADS = new Set(['reference', 'iam-policy', 'security-group', 'network-policy', 'bootstrap-only']);

const PLATFORM_OF = { compose: 'Compose', kubernetes: 'Kubernetes', ecs: 'ECS', lambda: 'Lambda', other: 'other' } as const;

/**
 * AWS_MSK_IAM: how each rewired workload comes to act as the customer's role, per platform and as the spec says —
 * the ServiceAccounts bound to it on Kubernetes (IRSA annotations or EKS Pod Identity associations, with the trust
 * each needs), the task roles on ECS, the execution roles of Lambda event sources, and the role the clients assume
 * themselves elsewhere. `iam-policy.json` goes on that role.
 */
export function identitySection(model: HandoffModel): string[] {
  const aws = model.spec.sasl?.mechanism === 'AWS_MSK_IAM' ? model.spec.sasl.aws : undefined;
  if (!aws) return [];
  const role = aws.roleArn ?? '<role ARN>';
  const byPlatform = new Map<string, string[]>();
  // the task definitions of the ECS workloads, by the name the list gives them
  const tasks = new Map<string, PlanId>();
  for (const [name, families] of model.families) {
    const id = model.workloads.get(name);
    // each container is also listed under its handoff name (`<workload>/<container>`): keep the plan's name of it
    if ((id && name !== planLabel(id)) || families.every((f) => NOT_WORKLOADS.has(f))) continue;
    const w = workloadOf(id, name, families);
    const workload = id ? workloadLabel(id) : name;
    const key = families.includes('msk-connect') ? 'MSK Connect' : PLATFORM_OF[w.platform];
    const label = w.platform === 'ecs' ? w.task : w.platform === 'lambda' ? w.mapping : workload;
    if (w.platform === 'ecs' && id) tasks.set(label, workloadId(id));
    byPlatform.set(key, [...new Set([...(byPlatform.get(key) ?? []), label])].sort());
  }
  const out: string[] = ['## Workload identity (MSK IAM)', ''];
  out.push(
    `MSK IAM authorizes the role the workloads act as: \`${role}\`. Attach \`iam-policy.json\` to it, and give it to the workloads:`,
    '',
  );
  for (const [platform, workloads] of [...byPlatform].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const identity = awsIdentityOn(model.spec, platform);
    if (platform === 'MSK Connect')
      out.push(
        `- MSK Connect (${workloads.join(', ')}): the connector signs with its **service execution role**: attach \`iam-policy.json\` to it.`,
      );
    else if (identity === 'assumeRole')
      out.push(
        `- ${platform} (${workloads.join(', ')}): the clients assume the role themselves (\`awsRoleArn\` and \`awsStsRegion\` ` +
          `in their JAAS options, STS in ${aws.region}) with the credentials of where they run (an instance profile, ` +
          "environment credentials): the role's trust policy must allow that identity `sts:AssumeRole`.",
      );
    else if (platform === 'ECS') out.push(...ecsIdentity(model, role, workloads, tasks));
    else if (platform === 'Lambda')
      out.push(
        `- Lambda (${workloads.join(', ')}): the event source mapping connects with the function's **execution role**: attach ` +
          '`iam-policy.json` to it (MSK sources also need `kafka:DescribeClusterV2` and `kafka:GetBootstrapBrokers`, and the VPC permissions).',
      );
    else if (platform === 'Kubernetes') out.push(...kubernetesIdentity(model, identity, role, aws.region, workloads));
    else out.push(`- ${workloads.join(', ')}: run them with credentials of the role.`);
  }
  out.push('');
  return out;
}

/**
 * ECS: the task role of each task definition is what its clients sign with. Per task, what graft did: a role of the
 * stack it granted the task's own Kafka access needs nothing more; a role from outside the stack (or, with no task
 * role, the container instance's role) needs `iam-policy.json` attached, with the command.
 */
function ecsIdentity(model: HandoffModel, role: string, workloads: string[], tasks: ReadonlyMap<string, PlanId>): string[] {
  const out = [
    '- ECS: the **task role** (`TaskRoleArn` / `task_role_arn`) of each task definition is the identity its clients sign with ' +
      '(not the task execution role, which only pulls the image and reads the secrets):',
  ];
  const attach: string[] = [];
  for (const task of workloads) {
    const id = tasks.get(task);
    const grant = id ? model.taskRoles.find((g) => samePlanId(g.task, id)) : undefined;
    switch (grant?.state) {
      case 'granted':
        out.push(
          `  - ${task}: graft granted its task role \`${grant.role ?? ''}\` exactly the Kafka access the task needs ` +
            `(policy \`${grant.policy ?? ''}\`, in the stack): nothing to attach.`,
        );
        break;
      case 'ungranted':
        out.push(
          `  - ${task}: its task role \`${grant.role ?? ''}\` is the stack's, but its policies are not a list graft can extend: ` +
            "add `iam-policy.json`'s statements to its policies in the stack.",
        );
        break;
      case 'external':
        out.push(
          `  - ${task}: its task role (\`${grant.role ?? ''}\`) comes from outside the stack: unless it is \`${role}\`, attach \`iam-policy.json\` to it.`,
        );
        attach.push(`<task role of ${task}>`);
        break;
      case 'missing':
        out.push(
          `  - ${task}: names no task role, so its containers sign as the container instance's role: attach \`iam-policy.json\` to that role, ` +
            'or give the task a task role of the stack and compile again.',
        );
        attach.push(`<container instance role of ${task}>`);
        break;
      case undefined:
        out.push(`  - ${task}: its task role must be \`${role}\`, or have \`iam-policy.json\` attached.`);
        attach.push(`<task role of ${task}>`);
    }
  }
  if (attach.length > 0)
    out.push(
      '',
      '  ```sh',
      '  # the role name is the last part of its ARN',
      ...attach.map(
        (r) =>
          `  aws iam put-role-policy --role-name '${r}' --policy-name GraftKafkaClusterAccess --policy-document file://iam-policy.json`,
      ),
      '  ```',
      '',
    );
  return out;
}

function kubernetesIdentity(
  model: HandoffModel,
  identity: string | undefined,
  role: string,
  region: string,
  workloads: string[],
): string[] {
  const accounts = model.workloadAccounts;
  const sa = (a: { namespace?: string; serviceAccount: string }): string => `${a.namespace ?? '<namespace>'}:${a.serviceAccount}`;
  const covered = new Set(accounts.map((a) => a.workload));
  const rest = workloads.filter((w) => !covered.has(w));
  const out: string[] = [];
  if (identity === 'eksPodIdentity') {
    out.push(
      `- Kubernetes, EKS Pod Identity: associate each ServiceAccount with the role (the EKS Pod Identity Agent add-on must run; the ` +
        "role's trust policy allows the principal `pods.eks.amazonaws.com` `sts:AssumeRole` and `sts:TagSession`):",
      '',
      '  ```sh',
      ...[...new Set(accounts.map(sa))].sort().map((k) => {
        const [ns, name] = k.split(':');
        return `  aws eks create-pod-identity-association --cluster-name <your EKS cluster> --namespace ${ns ?? ''} --service-account ${name ?? ''} --role-arn ${role}`;
      }),
      '  ```',
      '',
    );
  } else {
    const external = accounts.filter((a) => a.state === 'external' || a.state === 'declared');
    out.push(
      `- Kubernetes, IRSA: each rewired workload runs as a ServiceAccount annotated \`${IRSA_ANNOTATION}: ${role}\`` +
        (accounts.some((a) => a.state === 'created' || a.state === 'annotated')
          ? ` (graft ${[
              accounts.some((a) => a.state === 'created') ? 'created the ServiceAccounts of the workloads that ran as `default`' : '',
              accounts.some((a) => a.state === 'annotated') ? 'annotated the ones the stack declares' : '',
            ]
              .filter(Boolean)
              .join(' and ')})`
          : '') +
        `. The role's trust policy allows \`sts:AssumeRoleWithWebIdentity\` from the cluster's OIDC provider for exactly these subjects: ` +
        [...new Set(accounts.map((a) => `\`system:serviceaccount:${sa(a)}\``))].sort().join(', ') +
        ` (condition \`oidc.eks.${region}.amazonaws.com/id/<OIDC id>:sub\`).`,
    );
    if (external.length > 0)
      out.push(
        '',
        '  The stack does not declare these ServiceAccounts; annotate them where they are created:',
        '',
        '  ```sh',
        ...[...new Set(external.map(sa))]
          .sort()
          .map(
            (k) =>
              `  kubectl annotate serviceaccount/${k.split(':')[1] ?? ''} -n ${k.split(':')[0] ?? ''} ${IRSA_ANNOTATION}=${role} --overwrite`,
          ),
        '  ```',
        '',
      );
  }
  if (rest.length > 0) out.push(`  Also give the ServiceAccounts of ${rest.join(', ')} the role the same way.`);
  return out;
}
