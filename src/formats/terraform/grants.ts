import type { SecretValue } from '../../spec/types.js';
import { describeSecretReads, kmsDecryptStatements, type IamStatement } from '../aws/kms.js';
import { awsSecretOf, type AwsSecret } from '../aws/secrets.js';
import { planId, type TfContext } from './context.js';
import type { TaskRoleGrant } from '../types.js';
import { samePlanId, workloadId, type RewiredItem } from '../../plan/types.js';
import { kafkaClientGrants } from '../aws/iam.js';
import { mergeNeeds, type KafkaClientNeed } from '../../naming/uses.js';
import { awsIdentityOn } from '../../spec/aws-identity.js';
import type { Node } from './hcl.js';
import { attribute, attrValue, refsWithin, type TfEntity, type TfFile } from './parse.js';
import { PREFIX, hclString } from './variables.js';
import { grantSourceRoles } from './source-roles.js';
import { kafkaStatementLines, rolePolicyLines } from './role-policy.js';

/** The inline policy name graft gives the statements it adds to a role (as CloudFormation's grants). */
const POLICY_NAME = 'GraftKafkaSecrets';

/** A consumer that reads customer secrets through a role: an ECS task definition (its execution role) or a Lambda function. */
interface RoleRead {
  consumer: TfEntity;
  /** How the plan names the consumer. */
  label: string;
  /** Who reads: the task execution role, or the role of the function an event source invokes. */
  kind: 'ecs' | 'lambda';
  secrets: SecretValue[];
}

const reads = new WeakMap<TfContext, RoleRead[]>();

/** Records that a consumer's role must read these customer secrets; `grantRoles` writes the grants once all are known. */
export function needsRead(
  ctx: TfContext,
  consumer: TfEntity,
  label: string,
  kind: RoleRead['kind'],
  secrets: readonly SecretValue[],
): void {
  if (secrets.length === 0) return;
  const list = reads.get(ctx) ?? [];
  reads.set(ctx, list);
  const same = list.find((r) => r.consumer === consumer && r.kind === kind);
  if (same) same.secrets.push(...secrets.filter((s) => !same.secrets.includes(s)));
  else list.push({ consumer, label, kind, secrets: [...secrets] });
}

/** What the containers of each ECS task definition do on the customer's cluster, recorded while they are configured. */
const kafkaNeeds = new WeakMap<TfContext, Map<TfEntity, KafkaClientNeed[]>>();

/** Records what a container of an ECS task definition does on the customer's cluster; `grantRoles` grants its task role. */
export function needsKafka(ctx: TfContext, task: TfEntity, need: KafkaClientNeed): void {
  const m = kafkaNeeds.get(ctx) ?? new Map<TfEntity, KafkaClientNeed[]>();
  kafkaNeeds.set(ctx, m);
  m.set(task, [...(m.get(task) ?? []), need]);
}

/**
 * AWS_MSK_IAM: the containers of an ECS task sign their Kafka requests as its task role. A role of the module gets an
 * `aws_iam_role_policy` after its block with exactly the kafka-cluster statements of what the task's containers do on
 * the customer's cluster (the handoff's set); a role the module does not declare keeps the handoff's instruction; a task
 * with no task role is TF_TASK_ROLE_MISSING: an error on Fargate (the task has no AWS identity), a warning otherwise
 * (the SDK falls back to the container instance's role, which then needs the policy).
 */
/** The rewired entries about an entity: itself, or its containers. */
function rewiredOf(ctx: TfContext, e: TfEntity): RewiredItem[] {
  const id = planId(e);
  return ctx.plan.rewired.filter((i) => samePlanId(workloadId(i.id), id));
}

const taskRoles = new WeakMap<TfContext, TaskRoleGrant[]>();

/** AWS_MSK_IAM: the task roles of a module's rewired task definitions, and what graft did for each. */
export function taskRolesOf(ctx: TfContext): TaskRoleGrant[] {
  return taskRoles.get(ctx) ?? [];
}

function grantTaskRoles(ctx: TfContext): void {
  if (ctx.spec.sasl?.mechanism !== 'AWS_MSK_IAM' || awsIdentityOn(ctx.spec, 'ECS') !== 'platformRole' || !ctx.vars.has('cluster_arn'))
    return;
  for (const [task, needs] of kafkaNeeds.get(ctx) ?? []) {
    const items = rewiredOf(ctx, task);
    const attr = attribute(task.body, 'task_role_arn');
    const grant = (g: Omit<TaskRoleGrant, 'task'>): void => {
      taskRoles.set(ctx, [...taskRolesOf(ctx), { task: planId(task), ...g }]);
    };
    if (!attr) {
      grant({ state: 'missing' });
      const fargate = /"FARGATE"/.test(attrValue(attribute(task.body, 'requires_compatibilities'))?.text ?? '');
      ctx.report(
        'TF_TASK_ROLE_MISSING',
        fargate ? 'error' : 'warning',
        task.file,
        task.node,
        fargate
          ? `${task.address} connects to the customer's MSK cluster with IAM but sets no task_role_arn: a Fargate task without a task role has no AWS identity to sign with, so every Kafka connection is refused`
          : `${task.address} connects to the customer's MSK cluster with IAM but sets no task_role_arn: its containers sign as the container instance's role`,
        fargate
          ? `set task_role_arn of ${task.address} to a role of the module (graft gives it the kafka-cluster policy) or to ${ctx.spec.sasl.aws?.roleArn ?? "the customer's MSK IAM role"}`
          : `set task_role_arn of ${task.address} to a role of the module (graft gives it the kafka-cluster policy), or attach the handoff's iam-policy.json to the container instance role`,
      );
      continue;
    }
    const role = roleAt(ctx, task, 'task_role_arn');
    const grants = kafkaClientGrants(mergeNeeds(needs), {
      ...(ctx.spec.topics?.prefix ? { topicPrefix: ctx.spec.topics.prefix } : {}),
      ...(ctx.spec.groups?.prefix ? { groupPrefix: ctx.spec.groups.prefix } : {}),
    });
    if (!role.entity) {
      grant({ state: 'external', role: role.expr ?? attrValue(attr)?.text ?? '' });
      for (const item of items)
        item.notes.push(
          `the task role (${role.expr ?? '?'}) signs the Kafka requests and is not a role of this module: attach iam-policy.json to it (the handoff says how)`,
        );
      continue;
    }
    const name = `${PREFIX}_cluster_${task.name}`;
    const address = `aws_iam_role_policy.${name}`;
    if (!ctx.mod.entities.has(address)) {
      const statements = kafkaStatementLines(ctx, grants);
      const lines = rolePolicyLines(name, `GraftKafkaClusterAccess-${task.name}`, role.entity.address, statements);
      ctx.ed.insert(role.entity.file, role.entity.node.endIndex, '\n' + lines.join('\n'));
    }
    grant({ state: 'granted', role: role.entity.address, policy: address });
    for (const item of items)
      item.notes.push(
        `the task role signs the Kafka requests: granted ${grants.map((g) => g.sid).join(', ')} on the customer's cluster in ${address}`,
      );
  }
}

/**
 * Lets every recorded consumer's role read exactly the customer secrets it reads: `secretsmanager:GetSecretValue` on
 * the secrets' ARNs, `ssm:GetParameters` on the parameters, `kms:Decrypt` on the customer-managed keys (through those
 * services only). A role of the module gets one `aws_iam_role_policy` after its block, shared by its consumers; a role
 * the module does not declare (a variable, a data source, another module), or no role at all, is TF_ROLE_GRANT_NEEDED
 * with the statements to add.
 */
export function grantRoles(ctx: TfContext): void {
  grantTaskRoles(ctx);
  grantSourceRoles(ctx, (source) => roleOf(ctx, { consumer: source, label: source.address, kind: 'lambda', secrets: [] }));
  const byRole = new Map<TfEntity, RoleRead[]>();
  for (const r of reads.get(ctx) ?? []) {
    const role = roleOf(ctx, r);
    if (role.entity) byRole.set(role.entity, [...(byRole.get(role.entity) ?? []), r]);
    else unreachable(ctx, r, role.expr, role.at);
  }
  let located = ctx.mod.entities.has(`data.aws_caller_identity.${PREFIX}`);
  for (const [role, users] of byRole) {
    const address = `aws_iam_role_policy.${PREFIX}_secrets_${role.name}`;
    const secrets = [...new Set(users.flatMap((u) => u.secrets))];
    const needsLocation = secrets.some((s) => isSsmName(s));
    const statements = hclStatements(ctx, secrets);
    if (!ctx.mod.entities.has(address)) {
      const lines = rolePolicyLines(`${PREFIX}_secrets_${role.name}`, POLICY_NAME, role.address, statements);
      if (needsLocation && !located) {
        located = true;
        lines.push(
          '',
          `data "aws_partition" "${PREFIX}" {}`,
          `data "aws_region" "${PREFIX}" {}`,
          `data "aws_caller_identity" "${PREFIX}" {}`,
        );
      }
      ctx.ed.insert(role.file, role.node.endIndex, '\n' + lines.join('\n'));
    }
    for (const u of users)
      for (const item of rewiredOf(ctx, u.consumer))
        item.notes.push(
          `${u.kind === 'ecs' ? 'the task execution role' : "the function's role"} may read the secrets: granted in ${address}`,
        );
  }
}

/** The role a consumer reads secrets as: the module's `aws_iam_role` it names, or the expression that names another. */
function roleOf(ctx: TfContext, r: RoleRead): { entity?: TfEntity; expr?: string; at?: { file: TfFile; node: Node } } {
  let holder: TfEntity | undefined = r.consumer;
  if (r.kind === 'lambda') {
    const fn = attribute(r.consumer.body, 'function_name');
    holder = fn ? targetOf(ctx, r.consumer, fn, 'aws_lambda_function') : undefined;
    if (!holder) return { expr: `the function ${attrValue(fn)?.text ?? '?'}`, ...(fn ? { at: { file: r.consumer.file, node: fn } } : {}) };
  }
  return roleAt(ctx, holder, r.kind === 'ecs' ? 'execution_role_arn' : 'role');
}

/** The module's `aws_iam_role` an attribute of a resource names, or the expression that names another; none without the attribute. */
function roleAt(ctx: TfContext, holder: TfEntity, name: string): { entity?: TfEntity; expr?: string; at?: { file: TfFile; node: Node } } {
  const attr = attribute(holder.body, name);
  if (!attr) return {};
  const role = targetOf(ctx, holder, attr, 'aws_iam_role');
  // a counted role has no single address to attach to
  if (role && !attribute(role.body, 'count') && !attribute(role.body, 'for_each')) return { entity: role };
  return { expr: attrValue(attr)?.text ?? '?', at: { file: holder.file, node: attr } };
}

function targetOf(ctx: TfContext, e: TfEntity, attr: NonNullable<ReturnType<typeof attribute>>, type: string): TfEntity | undefined {
  const refs = refsWithin(ctx.mod, e.file, attr.startIndex, attr.endIndex);
  const t = refs.length === 1 ? ctx.mod.entities.get(refs[0].target) : undefined;
  return t && t.kind === 'resource' && t.type === type && !ctx.dropped.has(t.address) ? t : undefined;
}

function unreachable(ctx: TfContext, r: RoleRead, expr: string | undefined, at: { file: TfFile; node: Node } | undefined): void {
  const what = r.kind === 'ecs' ? 'task execution role' : "function's role";
  const grants = describeSecretReads(awsOf(r.secrets));
  ctx.report(
    'TF_ROLE_GRANT_NEEDED',
    'warning',
    at?.file ?? r.consumer.file,
    at?.node ?? r.consumer.node,
    expr === undefined
      ? `${r.label} reads customer secrets but names no ${what}: ${r.kind === 'ecs' ? 'ECS cannot inject them and the task will not start' : 'Lambda cannot read them'}`
      : `${r.label} reads customer secrets as ${expr}, a ${what} this module does not declare: graft cannot grant it the reads`,
    `${expr === undefined ? (r.kind === 'ecs' ? 'set execution_role_arn to a role that is allowed ' : 'give the function a role allowed ') : `allow ${expr} `}${grants}`,
  );
}

function awsOf(secrets: readonly SecretValue[]): AwsSecret[] {
  return secrets.map((s) => awsSecretOf(s.secretRef)).filter((s): s is AwsSecret => s !== undefined);
}

function isSsmName(s: SecretValue): boolean {
  const aws = awsSecretOf(s.secretRef);
  return aws?.store === 'ssm' && !aws.name.startsWith('arn:');
}

/** The statements as `jsonencode` object elements, one per line, in terraform fmt's layout. */
function hclStatements(ctx: TfContext, secrets: readonly SecretValue[]): string[] {
  const sm = new Set<string>();
  const ssm = new Set<string>();
  for (const s of secrets) {
    const aws = awsSecretOf(s.secretRef);
    const v = ctx.vars.secretVar(s);
    if (!aws || !v) continue;
    if (aws.store === 'secretsManager') sm.add(`var.${v}`);
    else if (aws.name.startsWith('arn:')) ssm.add(`var.${v}`);
    else
      ssm.add(
        `"arn:\${data.aws_partition.${PREFIX}.partition}:ssm:\${data.aws_region.${PREFIX}.name}:\${data.aws_caller_identity.${PREFIX}.account_id}:parameter/\${trimprefix(var.${v}, "/")}"`,
      );
  }
  const out: string[] = [];
  const object = (action: string, resource: string, condition?: string): void => {
    // terraform fmt lines up the `=` of consecutive one-line attributes
    const w = condition ? 9 : 8;
    const attr = (k: string, v: string): string => `  ${k.padEnd(w)} = ${v}`;
    out.push('{', attr('Effect', '"Allow"'), attr('Action', hclString(action)), attr('Resource', resource));
    if (condition) out.push(attr('Condition', condition));
    out.push('},');
  };
  if (sm.size) object('secretsmanager:GetSecretValue', `[${[...sm].join(', ')}]`);
  if (ssm.size) object('ssm:GetParameters', `[${[...ssm].join(', ')}]`);
  for (const k of kmsDecryptStatements(awsOf(secrets))) object(k.Action, hclString(String(k.Resource)), conditionHcl(k));
  return out;
}

function conditionHcl(k: IamStatement): string | undefined {
  const via = k.Condition?.['StringEquals']?.['kms:ViaService'];
  if (via === undefined) return undefined;
  const list = [via].flat().map(hclString).join(', ');
  return `{ StringEquals = { "kms:ViaService" = [${list}] } }`;
}
