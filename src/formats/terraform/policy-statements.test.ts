import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileStack, type CompileResult } from '../../compile/pipeline.js';
import { prepareFormats } from '../index.js';

await prepareFormats();

// Lambda's MSK poller on AWS_MSK_IAM: whether the function's execution role already reads Kafka data is read from the
// statements of its policies (lambda-msk-iam: `billing`'s role has an aws_iam_policy attached; here its document varies).
const CASE = join(import.meta.dirname, 'cases', 'lambda-msk-iam');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const MAIN = readFileSync(join(CASE, 'input', 'main.tf'), 'utf8');
const BILLING_POLICY = /resource "aws_iam_policy" "billing_kafka" \{\n[\s\S]*?\n\}\n/;

/** Compiles lambda-msk-iam with `policy` in place of billing's aws_iam_policy, after `edit` of main.tf. */
function compile(policy: string, edit: (tf: string) => string = (tf) => tf): CompileResult {
  const dir = mkdtempSync(join(tmpdir(), 'graft-tf-policies-'));
  dirs.push(dir);
  cpSync(join(CASE, 'input'), join(dir, 'input'), { recursive: true });
  expect(MAIN).toMatch(BILLING_POLICY);
  writeFileSync(join(dir, 'input', 'main.tf'), edit(MAIN.replace(BILLING_POLICY, policy)));
  const result = compileStack({ stack: join(dir, 'input'), spec: join(CASE, 'kafka.yaml') });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result;
}

const billing = (r: CompileResult) => {
  const g = (r.facts?.().sourceRoles ?? []).find((s) => s.source.name === 'aws_lambda_event_source_mapping.billing');
  return { state: g?.state, missing: g?.missing, policy: g?.policy };
};
const notes = (r: CompileResult) => r.plan?.rewired.flatMap((i) => i.notes).join('\n') ?? '';

const jsonencoded = (statements: string) => `resource "aws_iam_policy" "billing_kafka" {
  name = "billing-kafka"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [${statements}]
  })
}
`;

describe('Terraform: a Lambda execution role that already reads Kafka data, read statement by statement', () => {
  it('the case as it is: the attached policy allows reading, the group actions are left', () => {
    const r = compile(MAIN.match(BILLING_POLICY)?.[0] ?? '');
    expect(billing(r)).toEqual({
      state: 'allowed',
      missing: ['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup'],
      policy: undefined,
    });
  });

  it('jsonencode: `kafka-cluster:*` and `kafka:*` on the cluster, and on an interpolated ARN pattern of every kind', () => {
    const r = compile(
      jsonencoded(`
      { Effect = "Allow", Action = ["kafka-cluster:*", "kafka:*"], Resource = [data.aws_msk_cluster.events.arn] },
      { Effect = "Allow", Action = "kafka-cluster:*", Resource = "arn:aws:kafka:\${var.region}:*:*/events/*" },
    `),
    );
    expect(billing(r)).toEqual({ state: 'allowed', missing: undefined, policy: undefined });
  });

  it('an explicit Deny of ReadData: graft grants, and says the Deny must go', () => {
    const r = compile(
      jsonencoded(`
      { Effect = "Allow", Action = "*", Resource = "*" },
      { Effect = "Deny", Action = ["kafka-cluster:ReadData"], Resource = "*" },
    `),
    );
    expect(billing(r)).toEqual({ state: 'granted', missing: undefined, policy: 'aws_iam_role_policy.graft_kafka_poller_billing' });
    expect(notes(r)).toContain('the policies of aws_iam_role.billing deny kafka-cluster:ReadData, which the poller needs');
  });

  it('heredoc JSON: NotAction allows every action but those it names', () => {
    const heredoc = (notAction: string) => `resource "aws_iam_policy" "billing_kafka" {
  name   = "billing-kafka"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "NotAction": "${notAction}", "Resource": "*" }
  ]
}
EOF
}
`;
    expect(billing(compile(heredoc('iam:*')))).toEqual({ state: 'allowed', missing: undefined, policy: undefined });
    expect(billing(compile(heredoc('kafka-cluster:*'))).state).toBe('granted');
  });

  it('aws_iam_policy_document: `Read*` and `Describe*` on topics and clusters; the same under a condition does not count', () => {
    const doc = (condition: string) => `data "aws_iam_policy_document" "billing_kafka" {
  statement {
    actions   = ["kafka-cluster:Read*", "kafka-cluster:Describe*", "kafka-cluster:Connect"]
    resources = ["arn:aws:kafka:*:*:topic/*", "arn:aws:kafka:*:*:cluster/*"]${condition}
  }
}

resource "aws_iam_policy" "billing_kafka" {
  name   = "billing-kafka"
  policy = data.aws_iam_policy_document.billing_kafka.json
}
`;
    expect(billing(compile(doc('')))).toEqual({
      state: 'allowed',
      missing: ['kafka:DescribeClusterV2', 'kafka:GetBootstrapBrokers', 'kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup'],
      policy: undefined,
    });
    const conditional = doc(`
    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["us-east-1"]
    }`);
    expect(billing(compile(conditional)).state).toBe('granted');
  });

  it("the role's assume_role_policy says who may assume it: a Kafka action named there allows nothing", () => {
    const trust = 'name = "billing-consumer"\n  assume_role_policy = jsonencode({';
    expect(MAIN).toContain(trust);
    const r = compile(jsonencoded(`{ Effect = "Allow", Action = "logs:*", Resource = "*" }`), (tf) => {
      const at = tf.indexOf(trust);
      const end = tf.indexOf('Action = "sts:AssumeRole"', at);
      return tf.slice(0, end) + 'Action = ["sts:AssumeRole", "kafka-cluster:*"]' + tf.slice(end + 'Action = "sts:AssumeRole"'.length);
    });
    expect(billing(r).state).toBe('granted');
  });
});
