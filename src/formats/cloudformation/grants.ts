import { isMap, isSeq, type Node } from 'yaml';
import type { CfnContext } from './context.js';
import { mapAt, pairOf, textOf, type Resource } from './parse.js';
import { collectRefs } from './refs.js';
import type { CfnValue } from './render.js';
import type { SecretValue } from '../../spec/types.js';
import { describeSecretReads, kmsDecryptStatements } from '../aws/kms.js';
import { report } from './context.js';
import { awsSecretOf, type AwsSecret } from '../aws/secrets.js';
import { pollerAccess, type PollerAccess } from '../aws/iam-policy.js';
import { identityStatements } from './policies.js';

/** The inline policy name graft gives the statements it adds to a role. */
export const GRANT_POLICY = 'GraftKafkaSourceSecrets';

/**
 * Lets the role a consumer runs as read exactly the customer's secrets its Kafka source reads: a statement
 * `secretsmanager:GetSecretValue` on those ARNs (and `kms:Decrypt` on the customer-managed keys of `secrets`), in the
 * SAM function's `Policies` (when SAM makes its role) or as an inline policy of the template's role the consumer names.
 * Returns who was granted, or undefined when the role is not in the template (the plan then says what the role needs).
 */
export function grantSecretRead(
  ctx: CfnContext,
  consumer: Resource,
  arns: readonly CfnValue[],
  secrets: readonly SecretValue[],
): string | undefined {
  if (arns.length === 0) return undefined;
  const statement = { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: arns.length === 1 ? arns[0] : [...arns] };
  return grantStatements(ctx, consumer, [statement, ...kmsStatements(secrets)], GRANT_POLICY);
}

/**
 * A consumer whose role graft could not grant (not in the template, or none): CFN_ROLE_GRANT_NEEDED, a warning that
 * names the reads to allow; the handoff lists it too.
 */
export function reportUngranted(ctx: CfnContext, consumer: Resource, secrets: readonly SecretValue[]): void {
  const aws = secrets.map((s) => awsSecretOf(s.secretRef)).filter((s): s is AwsSecret => s !== undefined);
  if (aws.length === 0) return;
  const props = mapAt(consumer.node, 'Properties');
  const roleKey =
    consumer.type === 'AWS::ECS::TaskDefinition'
      ? 'ExecutionRoleArn'
      : consumer.type === 'AWS::Pipes::Pipe'
        ? 'RoleArn'
        : consumer.type === 'AWS::Lambda::EventSourceMapping'
          ? 'FunctionName'
          : 'Role';
  const pair = props ? pairOf(props, roleKey) : undefined;
  const range = (pair?.value as Node | undefined)?.range;
  const written = range ? ctx.a.t.source.text.slice(range[0], range[1]).trim() : undefined;
  const who = written
    ? `${consumer.type === 'AWS::Lambda::EventSourceMapping' ? 'the role of the function ' : ''}${written}`
    : consumer.type === 'AWS::ECS::TaskDefinition'
      ? 'its task execution role'
      : 'its role';
  report(
    ctx,
    'CFN_ROLE_GRANT_NEEDED',
    'warning',
    (pair?.key as Node | undefined) ?? consumer.node,
    pair
      ? `${consumer.id} reads customer secrets as ${who}, which is not a role of this template: graft cannot grant it the reads`
      : `${consumer.id} reads customer secrets but names no ${consumer.type === 'AWS::ECS::TaskDefinition' ? 'task execution role' : 'role'}: graft cannot grant the reads`,
    `${pair ? `allow ${who}` : `name a role allowed`} ${describeSecretReads(aws)}`,
  );
}

/** `kms:Decrypt` statements for the customer-managed keys of the AWS secrets among `secrets`. */
export function kmsStatements(secrets: readonly SecretValue[]): CfnValue[] {
  const aws = secrets.map((s) => awsSecretOf(s.secretRef)).filter((s): s is AwsSecret => s !== undefined);
  return kmsDecryptStatements(aws) as unknown as CfnValue[];
}

/** Adds statements to the role a consumer runs as (see grantSecretRead); returns who was granted. */
export function grantStatements(
  ctx: CfnContext,
  consumer: Resource,
  statements: CfnValue[],
  policyName: string,
  roleKey?: string,
): string | undefined {
  if (statements.length === 0) return undefined;
  const statement = statements;
  const props = mapAt(consumer.node, 'Properties');
  if (!props) return undefined;
  if (consumer.type === 'AWS::Serverless::Function' && !props.has('Role')) {
    const policies = props.get('Policies', true);
    if (isSeq(policies)) ctx.ed.appendItems(policies, [{ Statement: statement }]);
    else if (policies === undefined) ctx.ed.appendEntries(props, [['Policies', [{ Statement: statement }]]]);
    else return undefined;
    return `${consumer.id} Policies`;
  }
  const role = roleOf(ctx, consumer, roleKey);
  const roleProps = role ? mapAt(role.node, 'Properties') : undefined;
  if (!role || !roleProps) return undefined;
  const label = `${role.id} policy ${policyName}`;
  const done = granted.get(ctx) ?? new Set<string>();
  granted.set(ctx, done);
  if (done.has(`${role.id}/${policyName}`)) return label;
  done.add(`${role.id}/${policyName}`);
  const policy = { PolicyName: policyName, PolicyDocument: { Version: '2012-10-17', Statement: statement } };
  const policies = roleProps.get('Policies', true);
  if (isSeq(policies)) {
    if (policies.items.some((p) => isMap(p) && textOf(p.get('PolicyName', true)) === policyName)) return undefined;
    ctx.ed.appendItems(policies, [policy]);
  } else if (policies === undefined) ctx.ed.appendEntries(roleProps, [['Policies', [policy]]]);
  else return undefined;
  return label;
}

/**
 * What the policies of a consumer (its own SAM `Policies`) and of the template's role it runs as already give an MSK
 * poller with `actions`, read statement by statement (wildcards, `NotAction`, resource types, explicit Deny).
 */
export function pollerAccessOf(ctx: CfnContext, consumer: Resource, actions: readonly string[]): PollerAccess {
  return pollerAccess(identityStatements(ctx, consumer, roleOf(ctx, consumer)), actions);
}

// roles already given the statement while one template is rewritten (consumers of one role share it)
const granted = new WeakMap<CfnContext, Set<string>>();

/**
 * The template's IAM role a consumer runs as: `Role`/`RoleArn` naming a role, through the ESM's function for ESMs, the
 * task execution role of a task definition unless `roleKey` names another property (`TaskRoleArn`).
 */
export function roleOf(ctx: CfnContext, consumer: Resource, roleKey?: string): Resource | undefined {
  const props = mapAt(consumer.node, 'Properties');
  if (!props) return undefined;
  if (consumer.type === 'AWS::Lambda::EventSourceMapping') {
    const fn = pairOf(props, 'FunctionName');
    const target = collectRefs(fn?.value).map((x) => ctx.a.byId.get(x.target))[0];
    return target && target !== consumer ? roleOf(ctx, target) : undefined;
  }
  const pair = roleKey
    ? pairOf(props, roleKey)
    : consumer.type === 'AWS::ECS::TaskDefinition'
      ? pairOf(props, 'ExecutionRoleArn')
      : (pairOf(props, 'Role') ?? pairOf(props, 'RoleArn'));
  const role = collectRefs(pair?.value)
    .map((x) => ctx.a.byId.get(x.target))
    .find((r) => r?.type === 'AWS::IAM::Role');
  return role && !ctx.a.dropped.has(role.id) ? role : undefined;
}
