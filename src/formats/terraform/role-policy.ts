// The `aws_iam_role_policy` blocks graft adds to a role of the module: the Kafka grants of an ECS task role or a Lambda
// poller's execution role, and the secret reads of a task execution role.
import type { MskResourceKind } from '../aws/msk-arn.js';
import type { TfContext } from './context.js';
import { hclString } from './variables.js';

/** A kafka-cluster statement: on the customer's cluster, or on its resources of that kind with these names. */
export interface KafkaStatement {
  sid: string;
  kind: MskResourceKind;
  actions: readonly string[];
  names: readonly string[];
}

/** The HCL object lines of kafka-cluster statements, their ARNs derived from the customer's cluster ARN variable. */
export function kafkaStatementLines(ctx: TfContext, statements: readonly KafkaStatement[]): string[] {
  const cluster = ctx.vars.ref('cluster_arn');
  const arn = (kind: string, n: string): string => `"\${replace(${cluster}, ":cluster/", ":${kind}/")}/${n}"`;
  return statements.flatMap((s) => [
    '{',
    `  Sid      = ${hclString(s.sid)}`,
    '  Effect   = "Allow"',
    `  Action   = [${s.actions.map(hclString).join(', ')}]`,
    `  Resource = [${s.kind === 'cluster' ? cluster : s.names.map((n) => arn(s.kind, n)).join(', ')}]`,
    '},',
  ]);
}

/** The lines of an `aws_iam_role_policy` resource (a blank line first) holding `statements` (HCL object lines) on `role`. */
export function rolePolicyLines(name: string, policyName: string, role: string, statements: readonly string[]): string[] {
  return [
    '',
    `resource "aws_iam_role_policy" "${name}" {`,
    `  name = "${policyName}"`,
    `  role = ${role}.id`,
    '  policy = jsonencode({',
    '    Version = "2012-10-17"',
    '    Statement = [',
    ...statements.map((l) => `      ${l}`),
    '    ]',
    '  })',
    '}',
  ];
}
