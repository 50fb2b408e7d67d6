import { IRSA_ANNOTATION } from '../formats/kubernetes/workload-identity.js';
import { awsIdentityOn } from '../spec/aws-identity.js';
import { planLabel, samePlanId, workloadId, workloadLabel, type PlanId } from '../plan/types.js';
import { workloadOf } from './rotation.js';
import type { HandoffModel } from './types.js';

// plan entries that are references or grants, not clients that connect
const NOT_WORKLOADS = new Set(['reference', 'iam-policy', 'security-group', 'network-policy', 'bootstrap-only']);

const PLATFORM_OF = { compose: 'Compose', kubernetes: 'Kubernetes', ecs: 'ECS', lambda: 'Lambda', other: 'other' } as const;

/** The rewired workloads by platform (`ECS`, `Lambda`, `Kubernetes`, `MSK Connect`, ...), and the plan id of each. */
interface Workloads {
  byPlatform: [string, string[]][];
  ids: ReadonlyMap<string, PlanId>;
}

function workloadsOf(model: HandoffModel): Workloads {
  const byPlatform = new Map<string, string[]>();
  const ids = new Map<string, PlanId>();
  for (const [name, families] of model.families) {
    const id = model.workloads.get(name);
    // each container is also listed under its handoff name (`<workload>/<container>`): keep the plan's name of it
    if ((id && name !== planLabel(id)) || families.every((f) => NOT_WORKLOADS.has(f))) continue;
    const w = workloadOf(id, name, families);
    const workload = id ? workloadLabel(id) : name;
    const key = families.includes('msk-connect') ? 'MSK Connect' : PLATFORM_OF[w.platform];
    const label = w.platform === 'ecs' ? w.task : w.platform === 'lambda' ? w.mapping : workload;
    if (w.platform === 'ecs' && id) ids.set(label, workloadId(id));
    if (w.platform === 'lambda' && id) ids.set(label, id);
    byPlatform.set(key, [...new Set([...(byPlatform.get(key) ?? []), label])].sort());
  }
  return { byPlatform: [...byPlatform].sort(([a], [b]) => (a < b ? -1 : 1)), ids };
}

const join = (xs: readonly string[]): string =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1] ?? ''}`;

/** One thing left to do so that a workload signs with a role allowed what it does. */
interface Pending {
  /** `bind`: `role` names workloads that must act as the spec's role. */
  kind: 'attach' | 'extend' | 'bind';
  /** The role, as the customer finds it. */
  role: string;
}

/**
 * What is left after graft's own grants, per workload: roles of the stack graft granted need nothing; a role of the
 * stack whose policies graft cannot extend gets `iam-policy.json`'s statements; any other role gets the policy attached.
 */
function pendingOf(model: HandoffModel, workloads: Workloads): Pending[] {
  const aws = model.spec.sasl?.aws;
  const role = `\`${aws?.roleArn ?? '<role ARN>'}\``;
  const out: Pending[] = [];
  const actAsRole: string[] = [];
  for (const [platform, names] of workloads.byPlatform) {
    const identity = awsIdentityOn(model.spec, platform);
    if (platform === 'MSK Connect')
      out.push(...names.map((n): Pending => ({ kind: 'attach', role: `the service execution role of ${n}` })));
    else if (platform === 'ECS' && identity !== 'assumeRole')
      for (const task of names) {
        const id = workloads.ids.get(task);
        const grant = id ? model.taskRoles.find((g) => samePlanId(g.task, id)) : undefined;
        if (grant?.state === 'ungranted') out.push({ kind: 'extend', role: `the task role \`${grant.role ?? ''}\` of ${task}` });
        else if (grant?.state === 'missing') out.push({ kind: 'attach', role: `the container instance role of ${task}` });
        else if (grant?.state !== 'granted') out.push({ kind: 'attach', role: `the task role of ${task}` });
      }
    else if (platform === 'Lambda')
      for (const source of names) {
        const id = workloads.ids.get(source);
        const grant = id ? model.sourceRoles.find((g) => samePlanId(g.source, id)) : undefined;
        if (grant?.state === 'allowed' && grant.missing?.length)
          out.push({ kind: 'extend', role: `the execution role of ${source}${grant.role ? ` (\`${grant.role}\`)` : ''}` });
        else if (grant?.state !== 'granted' && grant?.state !== 'allowed')
          out.push({ kind: 'attach', role: `the execution role of ${source}${grant?.role ? ` (\`${grant.role}\`)` : ''}` });
      }
    else actAsRole.push(platform === 'other' ? 'other' : platform);
  }
  if (actAsRole.length) {
    out.unshift({ kind: 'attach', role });
    out.push({ kind: 'bind', role: `the ${join(actAsRole)} workloads` });
  }
  return out;
}

/**
 * What is left to do for the workloads' identity, as one sentence without its full stop (README step 2 and the identity
 * section's intro): nothing, or the roles to attach `iam-policy.json` to, the policies of the stack to extend, and the
 * workloads to give the spec's role.
 */
export function identitySummary(model: HandoffModel): string {
  const pending = pendingOf(model, workloadsOf(model));
  const of = (kind: Pending['kind']): string[] => pending.filter((p) => p.kind === kind).map((p) => p.role);
  const [attach, extend, bind] = [of('attach'), of('extend'), of('bind')];
  if (pending.length === 0)
    return 'Nothing is left to do: graft granted the role of every workload, in the stack, the Kafka access it needs';
  const role = `\`${model.spec.sasl?.aws?.roleArn ?? '<role ARN>'}\``;
  const todo = [
    attach.length ? `attach \`iam-policy.json\` to ${join(attach)}` : '',
    extend.length ? `extend the policies of ${join(extend)} in the stack` : '',
    bind.length ? `let ${join(bind)} act as ${role}` : '',
  ].filter(Boolean);
  return `What is left to do: ${todo.join('; ')}`;
}

/**
 * AWS_MSK_IAM: how each rewired workload comes to act as a role allowed what it does, per platform and as the spec
 * says — the ServiceAccounts bound to the customer's role on Kubernetes (IRSA annotations or EKS Pod Identity
 * associations, with the trust each needs), the task roles on ECS, the execution roles of Lambda event sources, and
 * the role the clients assume themselves elsewhere — and, per workload, what is left after graft's own grants.
 */
export function identitySection(model: HandoffModel): string[] {
  const aws = model.spec.sasl?.mechanism === 'AWS_MSK_IAM' ? model.spec.sasl.aws : undefined;
  if (!aws) return [];
  const role = aws.roleArn ?? '<role ARN>';
  const workloads = workloadsOf(model);
  const out: string[] = ['## Workload identity (MSK IAM)', ''];
  const summary = identitySummary(model);
  out.push(`MSK IAM authorizes the role each workload signs its Kafka requests with. ${summary}. Per workload:`, '');
  for (const [platform, names] of workloads.byPlatform) {
    const identity = awsIdentityOn(model.spec, platform);
    if (platform === 'MSK Connect')
      out.push(
        `- MSK Connect (${names.join(', ')}): the connector signs with its **service execution role**: attach \`iam-policy.json\` to it.`,
      );
    else if (identity === 'assumeRole')
      out.push(
        `- ${platform} (${names.join(', ')}): the clients assume \`${role}\` themselves (\`awsRoleArn\` and \`awsStsRegion\` ` +
          `in their JAAS options, STS in ${aws.region}) with the credentials of where they run (an instance profile, ` +
          'environment credentials): attach `iam-policy.json` to it; its trust policy must allow that identity `sts:AssumeRole`.',
      );
    else if (platform === 'ECS') out.push(...ecsIdentity(model, role, names, workloads.ids));
    else if (platform === 'Lambda') out.push(...lambdaIdentity(model, names, workloads.ids));
    else if (platform === 'Kubernetes') out.push(...kubernetesIdentity(model, identity, role, aws.region, names));
    else out.push(`- ${names.join(', ')}: run them with credentials of \`${role}\`, with \`iam-policy.json\` attached.`);
  }
  out.push('');
  return out;
}

/**
 * Lambda: an MSK event source polls with its function's execution role. Per event source, what graft did: the role of
 * the stack it granted (or whose Kafka statements it pointed at the customer's cluster) needs nothing more; any other
 * role needs `iam-policy.json` attached, with the command.
 */
function lambdaIdentity(model: HandoffModel, sources: string[], ids: ReadonlyMap<string, PlanId>): string[] {
  const out = ["- Lambda: an MSK event source polls with its function's **execution role**:"];
  const attach: string[] = [];
  for (const source of sources) {
    const id = ids.get(source);
    const grant = id ? model.sourceRoles.find((g) => samePlanId(g.source, id)) : undefined;
    switch (grant?.state) {
      case 'granted':
        out.push(
          `  - ${source}: graft granted its execution role the poller's access to your cluster, its topics and groups, and the MSK ` +
            `bootstrap look-ups (in ${grant.policy ?? 'the stack'}): nothing to attach.`,
        );
        break;
      case 'allowed':
        out.push(
          `  - ${source}: its execution role's policies${grant.role ? ` (\`${grant.role}\`)` : ''} already allowed reading Kafka data, and graft pointed ` +
            'those statements at your cluster' +
            (grant.missing?.length
              ? `; they do not name ${grant.missing.map((a) => `\`${a}\``).join(', ')}, which the poller also needs: add ${grant.missing.length > 1 ? 'them' : 'it'} to those policies in the stack.`
              : ': nothing to attach.'),
        );
        break;
      default:
        out.push(
          `  - ${source}: its execution role${grant?.role ? ` (\`${grant.role}\`)` : ''} is not one graft granted: attach \`iam-policy.json\` to it ` +
            '(MSK sources also need `kafka:DescribeClusterV2` and `kafka:GetBootstrapBrokers`, and the VPC permissions).',
        );
        attach.push(`<execution role of ${source}>`);
    }
  }
  return [...out, ...attachCommands(attach)];
}

/** The `aws iam put-role-policy` commands that attach `iam-policy.json` to roles, as a code block of a list item. */
function attachCommands(roles: readonly string[]): string[] {
  if (roles.length === 0) return [];
  return [
    '',
    '  ```sh',
    '  # the role name is the last part of its ARN',
    ...roles.map(
      (r) => `  aws iam put-role-policy --role-name '${r}' --policy-name GraftKafkaClusterAccess --policy-document file://iam-policy.json`,
    ),
    '  ```',
    '',
  ];
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
  return [...out, ...attachCommands(attach)];
}

function kubernetesIdentity(
  model: HandoffModel,
  identity: string | undefined,
  role: string,
  region: string,
  workloads: string[],
): string[] {
  // a ServiceAccount whose name the stack leaves to apply time gets no command: the line after them says what to fill in
  const accounts = model.workloadAccounts.filter((a) => !a.unresolved?.serviceAccount);
  const unknown = model.workloadAccounts.filter((a) => a.unresolved);
  const sa = (a: { namespace?: string; serviceAccount: string }): string => `${a.namespace ?? '<namespace>'}:${a.serviceAccount}`;
  const covered = new Set(model.workloadAccounts.map((a) => a.workload));
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
  if (unknown.length > 0)
    out.push(
      ...(out.at(-1) === '' ? [] : ['']),
      '  Not known before `terraform apply`:',
      ...unknown.flatMap((a) => [
        ...(a.unresolved?.serviceAccount
          ? [`  - ${a.workload}: the ServiceAccount it runs as — ${a.unresolved.serviceAccount}; bind that ServiceAccount the same way.`]
          : []),
        ...(a.unresolved?.namespace
          ? [`  - ${a.workload}: the namespace (\`<namespace>\` above) of \`${a.serviceAccount}\` — ${a.unresolved.namespace}.`]
          : []),
      ]),
    );
  if (rest.length > 0) out.push(`  Also give the ServiceAccounts of ${rest.join(', ')} the role the same way.`);
  return out;
}
