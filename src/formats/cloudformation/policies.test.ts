import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileStack, type CompileResult } from '../../compile/pipeline.js';
import { prepareFormats } from '../index.js';

await prepareFormats();

// Lambda's MSK poller on AWS_MSK_IAM: whether the function's execution role already reads Kafka data is read from its
// policy statements (esm-iam: a Lambda function with a template role, polling MSK through an event source mapping).
const CASE = join(import.meta.dirname, 'cases', 'esm-iam');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const MSK_STATEMENT = `              - Effect: Allow
                Action: [kafka:DescribeClusterV2, kafka:GetBootstrapBrokers]
                Resource: !Ref Cluster
`;

/** Compiles esm-iam with `statements` after the role's MSK statement, and `resources` appended to the template. */
function compile(statements: string, resources = ''): CompileResult {
  const dir = mkdtempSync(join(tmpdir(), 'graft-cfn-policies-'));
  dirs.push(dir);
  cpSync(join(CASE, 'input'), join(dir, 'input'), { recursive: true });
  const file = join(dir, 'input', 'consumer.yaml');
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(MSK_STATEMENT);
  writeFileSync(file, text.replace(MSK_STATEMENT, MSK_STATEMENT + statements) + resources);
  const result = compileStack({ stack: join(dir, 'input'), spec: join(CASE, 'kafka.yaml') });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result;
}

const roles = (r: CompileResult) => (r.facts?.().sourceRoles ?? []).map((g) => ({ state: g.state, policy: g.policy, missing: g.missing }));
const notes = (r: CompileResult) => r.plan?.rewired.flatMap((i) => i.notes).join('\n') ?? '';
const template = (r: CompileResult) => r.files.find((f) => f.path === 'consumer.yaml')?.content.toString('utf8') ?? '';

describe('CloudFormation: a Lambda execution role that already reads Kafka data, read statement by statement', () => {
  it('the case as it is: no statement reads Kafka data, so graft grants the poller', () => {
    expect(roles(compile(''))).toEqual([{ state: 'granted', policy: 'ConsumerRole policy GraftKafkaClusterAccess', missing: undefined }]);
  });

  it('a wildcard action on a Fn::Sub topic ARN allows reading; the cluster and group actions it leaves are named', () => {
    const r = compile(`              - Effect: Allow
                Action: kafka-cluster:*
                Resource: !Sub 'arn:\${AWS::Partition}:kafka:\${AWS::Region}:\${AWS::AccountId}:topic/*'
`);
    expect(roles(r)).toEqual([
      {
        state: 'allowed',
        policy: undefined,
        missing: [
          'kafka-cluster:Connect',
          'kafka-cluster:DescribeClusterDynamicConfiguration',
          'kafka-cluster:DescribeGroup',
          'kafka-cluster:AlterGroup',
        ],
      },
    ]);
    expect(template(r)).not.toContain('GraftKafkaClusterAccess');
  });

  it('an AWS::IAM::Policy naming the role in Roles, with `*` actions, allows everything the poller does', () => {
    const r = compile(
      '',
      `  ConsumerKafka:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: kafka
      Roles: [!Ref ConsumerRole]
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: "*", Resource: "*" }
`,
    );
    expect(roles(r)).toEqual([{ state: 'allowed', policy: undefined, missing: undefined }]);
  });

  it('ReadData on the cluster ARN alone does not reach a topic: graft grants', () => {
    const r = compile(`              - Effect: Allow
                Action: [kafka-cluster:ReadData, kafka-cluster:DescribeTopic]
                Resource: arn:aws:kafka:us-east-1:123456789012:cluster/events/0f1e2d3c-aaaa-bbbb-cccc-0123456789ab-1
`);
    expect(roles(r)[0]?.state).toBe('granted');
  });

  it('an explicit Deny of ReadData: not allowed, and the plan says the Deny must go, since no Allow overrides it', () => {
    const r = compile(`              - Effect: Allow
                Action: "kafka-cluster:*"
                Resource: "*"
              - Effect: Deny
                Action: kafka-cluster:ReadData
                Resource: !Join [':', [arn, aws, kafka, !Ref AWS::Region, !Ref AWS::AccountId, 'topic/*']]
`);
    expect(roles(r)[0]?.state).toBe('granted');
    expect(notes(r)).toContain("the policies of the function's execution role deny kafka-cluster:ReadData, which the poller needs");
  });

  it('an Allow under a Condition graft cannot evaluate allows nothing for sure: graft grants', () => {
    const r = compile(`              - Effect: Allow
                Action: "kafka-cluster:*"
                Resource: "*"
                Condition: { StringEquals: { "aws:RequestedRegion": us-east-1 } }
`);
    expect(roles(r)[0]?.state).toBe('granted');
  });
});
