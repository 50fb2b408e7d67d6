import type { SourceRoleGrant } from '../types.js';
import { mskNamePatterns } from '../aws/msk-arn.js';
import { samePlanId } from '../../plan/types.js';
import { planId, type TfContext } from './context.js';
import { refsWithin, type TfEntity } from './parse.js';
import { PREFIX } from './variables.js';
import { kafkaStatementLines, rolePolicyLines } from './role-policy.js';
import { pollerAccess } from '../aws/iam-policy.js';
import { entityStatements } from './policy-statements.js';

/**
 * What an MSK event source polling the customer's MSK cluster with IAM does as its function's execution role: the
 * MSK bootstrap look-ups and connecting on the cluster, reading its topics, committing its group's offsets (as
 * CloudFormation's `clusterAccessStatements`).
 */
const POLLER: readonly { sid: string; kind: 'cluster' | 'topic' | 'group'; actions: readonly string[] }[] = [
  {
    sid: 'MskPoller',
    kind: 'cluster',
    actions: [
      'kafka-cluster:Connect',
      'kafka-cluster:DescribeClusterDynamicConfiguration',
      'kafka:DescribeClusterV2',
      'kafka:GetBootstrapBrokers',
    ],
  },
  { sid: 'MskPollerTopics', kind: 'topic', actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'] },
  { sid: 'MskPollerGroups', kind: 'group', actions: ['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup'] },
];

/** A function's execution role: the module's `aws_iam_role`, or the expression naming another. */
export interface FunctionRole {
  entity?: TfEntity;
  expr?: string;
}

const sources = new WeakMap<TfContext, TfEntity[]>();
const grants = new WeakMap<TfContext, SourceRoleGrant[]>();

/** Records an MSK event source that stays on MSK, on the customer's cluster; `grantSourceRoles` grants its role. */
export function pollsWithRole(ctx: TfContext, source: TfEntity): void {
  sources.set(ctx, [...(sources.get(ctx) ?? []), source]);
}

/** AWS_MSK_IAM: the execution roles the MSK event sources of a module poll as, and what graft did for each. */
export function sourceRolesOf(ctx: TfContext): SourceRoleGrant[] {
  return grants.get(ctx) ?? [];
}

/** The entities that can give a role its policies: the role, those naming it, and what those name, a few steps on. */
function policyEntities(ctx: TfContext, role: TfEntity): TfEntity[] {
  const seen = new Set<TfEntity>([role]);
  let frontier: TfEntity[] = [];
  for (const e of ctx.mod.entities.values()) {
    if (e.kind !== 'resource' || ctx.dropped.has(e.address) || e === role) continue;
    if (refsWithin(ctx.mod, e.file, e.node.startIndex, e.node.endIndex).some((r) => r.target === role.address)) frontier.push(e);
  }
  // an attachment names a policy, which names a policy document
  for (let depth = 0; depth < 3 && frontier.length; depth++) {
    const next: TfEntity[] = [];
    for (const e of frontier) {
      if (seen.has(e)) continue;
      seen.add(e);
      for (const r of refsWithin(ctx.mod, e.file, e.node.startIndex, e.node.endIndex)) {
        const t = ctx.mod.entities.get(r.target);
        if (t && !seen.has(t) && /^(?:resource|data)$/.test(t.kind) && /^aws_iam_/.test(t.type) && !ctx.dropped.has(t.address))
          next.push(t);
      }
    }
    frontier = next;
  }
  return [...seen];
}

/**
 * AWS_MSK_IAM: Lambda's MSK poller authenticates with the function's execution role. A role of the module whose
 * policies already allow reading Kafka data (graft pointed those statements at the customer's cluster) is `allowed`,
 * with the poller's actions they do not name; any other role of the module gets an `aws_iam_role_policy` after its
 * block with the poller's statements on the customer's cluster, topics and groups (`granted`); a role the module does
 * not declare is `ungranted`, and the handoff says to attach its policy.
 */
export function grantSourceRoles(ctx: TfContext, roleOf: (source: TfEntity) => FunctionRole): void {
  const out: SourceRoleGrant[] = [];
  for (const source of sources.get(ctx) ?? []) {
    const role = roleOf(source);
    const id = planId(source);
    const items = ctx.plan.rewired.filter((i) => samePlanId(i.id, id));
    if (!role.entity) {
      // a function the module does not declare: its role is not known here
      const unknownFunction = role.expr?.startsWith('the function ');
      out.push({ source: id, state: 'ungranted', ...(role.expr && !unknownFunction ? { role: role.expr } : {}) });
      const who = unknownFunction
        ? `the execution role of ${role.expr ?? ''}`
        : `the function's execution role (${role.expr ?? 'none named'})`;
      for (const item of items)
        item.notes.push(
          `${who} polls the customer's cluster and is not a role of this module: attach iam-policy.json to it (the handoff says how)`,
        );
      continue;
    }
    // the role's statements, read as IAM evaluates them (wildcards, NotAction, resource types, explicit Deny)
    const access = pollerAccess(
      policyEntities(ctx, role.entity).flatMap(entityStatements),
      POLLER.flatMap((s) => s.actions),
    );
    const denied = access.denied.length
      ? [
          `the policies of ${role.entity.address} deny ${access.denied.join(', ')}, which the poller needs: an explicit Deny overrides every Allow, so remove it`,
        ]
      : [];
    if (access.readsData) {
      const { missing } = access;
      out.push({ source: id, state: 'allowed', role: role.entity.address, ...(missing.length ? { missing } : {}) });
      for (const item of items)
        item.notes.push(
          `the function's execution role ${role.entity.address} already allows reading Kafka data, now on the customer's cluster` +
            (missing.length ? `; its policies do not allow ${missing.join(', ')}, which the poller also needs` : ''),
          ...denied,
        );
      continue;
    }
    const name = `${PREFIX}_poller_${role.entity.name}`;
    const address = `aws_iam_role_policy.${name}`;
    if (!ctx.mod.entities.has(address) && !out.some((g) => g.policy === address)) {
      const statements = kafkaStatementLines(
        ctx,
        POLLER.map((s) => ({
          ...s,
          names: s.kind === 'cluster' ? [] : mskNamePatterns(s.kind === 'topic' ? ctx.spec.topics : ctx.spec.groups),
        })),
      );
      const lines = rolePolicyLines(name, 'GraftKafkaClusterAccess', role.entity.address, statements);
      ctx.ed.insert(role.entity.file, role.entity.node.endIndex, '\n' + lines.join('\n'));
    }
    out.push({ source: id, state: 'granted', role: role.entity.address, policy: address });
    for (const item of items)
      item.notes.push(
        `the function's execution role polls the customer's cluster: granted ${POLLER.map((s) => s.sid).join(', ')} in ${address}`,
        ...denied,
      );
  }
  grants.set(ctx, out);
}
