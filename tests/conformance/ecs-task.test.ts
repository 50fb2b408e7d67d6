import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../src/compile/pipeline.js';
import { prepareFormats } from '../../src/formats/index.js';
import { allows, CUSTOMER_SECRET_ARN, ecsExampleServices, pruneEcsStack, startTask, TaskStartError } from './ecs-task.js';
import { pruneStack as pruneTfStack, startTfTask, tfEcsExampleServices } from './ecs-terraform-task.js';
import { imageLaunch } from './images.js';

// The ECS task runner on the compiled example, without a broker: what each container gets, and the task
// the ECS agent would refuse to start.

let dir: string;
let stackDir: string;
// the examples without the containers of the properties families, which graft refuses on ECS (their file is in the image)
let ECS_EXAMPLE: string;
let TF_ECS_EXAMPLE: string;
const REFUSED_ON_ECS = ['ledger', 'audit'];

beforeAll(async () => {
  await prepareFormats();
  dir = mkdtempSync(join(tmpdir(), 'graft-ecs-task-'));
  ECS_EXAMPLE = join(dir, 'ecs-example');
  pruneEcsStack(ECS_EXAMPLE, REFUSED_ON_ECS);
  TF_ECS_EXAMPLE = join(dir, 'tf-example');
  pruneTfStack(TF_ECS_EXAMPLE, REFUSED_ON_ECS);
  const ref = (key: string) => ({ secretRef: { awsSecretsManager: { arn: CUSTOMER_SECRET_ARN, key } } });
  writeFileSync(
    join(dir, 'kafka.yaml'),
    JSON.stringify({
      apiVersion: 'graft.dev/v1',
      kind: 'CustomerKafka',
      bootstrapServers: 'b-1.example.com:9096',
      securityProtocol: 'SASL_PLAINTEXT',
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'alice', password: ref('password') },
      topics: { prefix: 'acme.' },
      groups: { prefix: 'acme.' },
    }),
  );
  const result = compileStack({ stack: ECS_EXAMPLE, spec: join(dir, 'kafka.yaml') });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  stackDir = join(dir, 'stack');
  for (const f of result.files) {
    const path = join(stackDir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ECS task start', () => {
  it('gives each container its Environment with parameters resolved and its Secrets by ARN and JSON key', () => {
    const view = startTask(stackDir, 'payments', { [CUSTOMER_SECRET_ARN]: { password: 'pa"ss' } }, join(dir, 'p'));
    expect(view.env).toMatchObject({
      KAFKA_BOOTSTRAP_SERVERS: 'b-1.example.com:9096',
      KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_PASSWORD: 'pa"ss',
      TOPIC: 'acme.payments',
      GROUP_ID: 'acme.payments',
    });
    expect(view.mounts).toEqual([]);
  });

  it('stops the task when the secret or its JSON key is missing', () => {
    expect(() => startTask(stackDir, 'payments', {}, join(dir, 'q'))).toThrow(TaskStartError);
    expect(() => startTask(stackDir, 'payments', { [CUSTOMER_SECRET_ARN]: { other: 'x' } }, join(dir, 'r'))).toThrow(
      /did not contain json key password/,
    );
  });

  it('stops the task when its execution role may not read the secret, as ECS does', () => {
    const template = readFileSync(join(stackDir, 'stack.yaml'), 'utf8');
    // graft granted the read: the compiled role carries it
    expect(template).toContain('PolicyName: GraftKafkaSecrets');
    const denied = join(dir, 'denied');
    mkdirSync(denied, { recursive: true });
    for (const f of ['stack.yaml', 'stack.graft-parameters.json']) writeFileSync(join(denied, f), readFileSync(join(stackDir, f), 'utf8'));
    // the same stack with the grant's statement pointed elsewhere
    writeFileSync(
      join(denied, 'stack.yaml'),
      template.replace(
        /(Action: secretsmanager:GetSecretValue\n\s+Resource: ).*/,
        '$1arn:aws:secretsmanager:us-east-1:111122223333:secret:other-*',
      ),
    );
    expect(() => startTask(denied, 'payments', { [CUSTOMER_SECRET_ARN]: { password: 'x' } }, join(dir, 'd'))).toThrow(
      /AccessDeniedException: .* is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:111122223333:secret:customer-kafka-AbCdEf/,
    );
    // and allowed again by a wildcard that covers it
    writeFileSync(
      join(denied, 'stack.yaml'),
      template.replace(
        /(Action: secretsmanager:GetSecretValue\n\s+Resource: ).*/,
        '$1arn:aws:secretsmanager:us-east-1:111122223333:secret:customer-kafka-*',
      ),
    );
    expect(startTask(denied, 'payments', { [CUSTOMER_SECRET_ARN]: { password: 'x' } }, join(dir, 'e')).env['KAFKA_SASL_PASSWORD']).toBe(
      'x',
    );
  });

  it('launches the Connect image with the worker properties its entrypoint writes', () => {
    const view = startTask(stackDir, 'connect', { [CUSTOMER_SECRET_ARN]: { password: 's3cret' } }, join(dir, 'c'));
    expect(view.env).toMatchObject({ GRAFT_KAFKA_SASL_PASSWORD: 's3cret', TOPIC: 'acme.connect-configs', GROUP_ID: 'acme.connect' });
    const [mount] = view.mounts;
    const props = readFileSync(mount?.source ?? '', 'utf8');
    expect(props).toContain('config.providers.secrets.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider\n');
    expect(props).toContain('password="${secrets:GRAFT_KAFKA_SASL_PASSWORD}"');
    expect(props).not.toMatch(/^producer\./m);
  });
});

describe('image entrypoint stand-ins', () => {
  it('maps CONNECT_ names as the Confluent image does and KAFKA_ names as the Strimzi examples do', () => {
    const connect = imageLaunch('confluentinc/cp-kafka-connect:7.6.1', { CONNECT_A_B__C___D: 'v\\1', CONNECT_GROUP_ID: 'g', X: 'y' });
    expect(connect?.properties).toBe('a.b_c-d=v\\\\1\n');
    expect(connect?.env).toMatchObject({ X: 'y', GROUP_ID: 'g' });
    const strimzi = imageLaunch('quay.io/strimzi-examples/java-kafka-consumer:latest', {
      KAFKA_SSL_TRUSTSTORE_CERTIFICATES: '-----BEGIN\nX\n-----END\n',
      STRIMZI_TOPIC: 't',
    });
    expect(strimzi?.properties).toBe('ssl.truststore.certificates=-----BEGIN\\nX\\n-----END\\n\n');
    expect(strimzi?.env['TOPIC']).toBe('t');
    expect(imageLaunch('registry.example.com/acme/app:1', {})).toBeUndefined();
  });
});

describe('ECS task start from a Terraform module', () => {
  let tfDir: string;

  beforeAll(() => {
    tfDir = join(dir, 'tf');
    const ref = (key: string) => ({ secretRef: { awsSecretsManager: { arn: CUSTOMER_SECRET_ARN, key } } });
    writeFileSync(
      join(dir, 'tf-kafka.yaml'),
      JSON.stringify({
        apiVersion: 'graft.dev/v1',
        kind: 'CustomerKafka',
        bootstrapServers: 'b-1.example.com:9096',
        securityProtocol: 'SASL_PLAINTEXT',
        sasl: { mechanism: 'SCRAM-SHA-512', username: ref('username'), password: ref('password') },
        topics: { prefix: 'acme.' },
        groups: { prefix: 'acme.' },
      }),
    );
    const result = compileStack({ stack: TF_ECS_EXAMPLE, spec: join(dir, 'tf-kafka.yaml') });
    expect(result.diagnostics).toEqual([]);
    for (const f of result.files) {
      mkdirSync(dirname(join(tfDir, f.path)), { recursive: true });
      writeFileSync(join(tfDir, f.path), f.content);
    }
  });

  const store = { [CUSTOMER_SECRET_ARN]: { username: 'alice', password: 'pa"ss' } };

  it('gives each container its environment with the tfvars values and its secrets by ARN and JSON key', () => {
    expect(tfEcsExampleServices().map((s) => `${s.service}:${s.runner}`)).toEqual(
      ecsExampleServices().map((s) => `${s.service}:${s.runner}`),
    );
    const view = startTfTask(tfDir, 'payments', store, join(dir, 'tp'));
    expect(view.env).toMatchObject({
      KAFKA_BOOTSTRAP_SERVERS: 'b-1.example.com:9096',
      KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'alice',
      KAFKA_SASL_PASSWORD: 'pa"ss',
      TOPIC: 'acme.payments',
      GROUP_ID: 'acme.payments',
    });
    expect(view.labels).toEqual({ 'graft.conformance.runner': 'python' });
    const connect = startTfTask(tfDir, 'connect', store, join(dir, 'tc'));
    expect(readFileSync(connect.mounts[0]?.source ?? '', 'utf8')).toContain(
      'config.providers.secrets.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider\n',
    );
  });

  it('stops the task when the execution role graft granted no longer allows the read', () => {
    const main = readFileSync(join(tfDir, 'main.tf'), 'utf8');
    expect(main).toContain('resource "aws_iam_role_policy" "graft_kafka_secrets_task_execution"');
    const denied = join(dir, 'tf-denied');
    mkdirSync(denied, { recursive: true });
    for (const f of ['graft_kafka.tf', 'graft_kafka.auto.tfvars']) writeFileSync(join(denied, f), readFileSync(join(tfDir, f), 'utf8'));
    writeFileSync(
      join(denied, 'main.tf'),
      main.replace('Action   = "secretsmanager:GetSecretValue"', 'Action   = "secretsmanager:DescribeSecret"'),
    );
    expect(() => startTfTask(denied, 'payments', store, join(dir, 'td'))).toThrow(
      /AccessDeniedException: .*task_execution.* is not authorized to perform: secretsmanager:GetSecretValue/,
    );
  });
});

// A customer secret encrypted with their own KMS key: ECS decrypts it as the task execution role, through Secrets
// Manager, so the role needs kms:Decrypt on that key (kms:ViaService secretsmanager.<region>.amazonaws.com) too.
const KMS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('ECS task start with a secret under a customer-managed KMS key', () => {
  const store = { [CUSTOMER_SECRET_ARN]: { username: 'alice', password: 'pa"ss' } };
  const keys = { [CUSTOMER_SECRET_ARN]: KMS_KEY };
  let cfnDir: string;
  let tfDir: string;

  beforeAll(() => {
    const ref = (key: string) => ({ secretRef: { awsSecretsManager: { arn: CUSTOMER_SECRET_ARN, key, kmsKeyArn: KMS_KEY } } });
    writeFileSync(
      join(dir, 'kms-kafka.yaml'),
      JSON.stringify({
        apiVersion: 'graft.dev/v1',
        kind: 'CustomerKafka',
        bootstrapServers: 'b-1.example.com:9096',
        securityProtocol: 'SASL_PLAINTEXT',
        sasl: { mechanism: 'SCRAM-SHA-512', username: ref('username'), password: ref('password') },
        topics: { prefix: 'acme.' },
        groups: { prefix: 'acme.' },
      }),
    );
    const out = (stack: string, to: string): string => {
      const result = compileStack({ stack, spec: join(dir, 'kms-kafka.yaml') });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      for (const f of result.files) {
        mkdirSync(dirname(join(to, f.path)), { recursive: true });
        writeFileSync(join(to, f.path), f.content);
      }
      return to;
    };
    cfnDir = out(ECS_EXAMPLE, join(dir, 'kms-cfn'));
    tfDir = out(TF_ECS_EXAMPLE, join(dir, 'kms-tf'));
  });

  it('evaluates kms:ViaService conditions as IAM does', () => {
    const st = [
      {
        actions: ['kms:Decrypt'],
        resources: [KMS_KEY],
        conditions: { StringEquals: { 'kms:ViaService': ['secretsmanager.us-east-1.amazonaws.com'] } },
      },
    ];
    expect(allows(st, 'kms:Decrypt', KMS_KEY, { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' })).toBe(true);
    expect(allows(st, 'kms:Decrypt', KMS_KEY, { 'kms:ViaService': 'ssm.us-east-1.amazonaws.com' })).toBe(false);
    expect(allows(st, 'kms:Decrypt', KMS_KEY)).toBe(false);
    expect(allows([{ ...st[0], conditions: { NumericLessThan: { 'aws:MultiFactorAuthAge': ['3600'] } } }], 'kms:Decrypt', KMS_KEY)).toBe(
      false,
    );
  });

  it('starts the CloudFormation task: graft granted kms:Decrypt on the key through Secrets Manager', () => {
    const template = readFileSync(join(cfnDir, 'stack.yaml'), 'utf8');
    expect(template).toContain(`Resource: ${KMS_KEY}`);
    expect(startTask(cfnDir, 'payments', store, join(dir, 'kc'), keys).env['KAFKA_SASL_PASSWORD']).toBe('pa"ss');
  });

  it('stops the CloudFormation task when the execution role may read the secret but not decrypt it', () => {
    const template = readFileSync(join(cfnDir, 'stack.yaml'), 'utf8');
    const denied = join(dir, 'kms-cfn-denied');
    mkdirSync(denied, { recursive: true });
    writeFileSync(join(denied, 'stack.graft-parameters.json'), readFileSync(join(cfnDir, 'stack.graft-parameters.json'), 'utf8'));
    // the key statement taken away: the read alone is not enough
    writeFileSync(join(denied, 'stack.yaml'), template.replace(/Action: kms:Decrypt/g, 'Action: kms:DescribeKey'));
    expect(() => startTask(denied, 'payments', store, join(dir, 'kd'), keys)).toThrow(
      /AccessDeniedException: Access to KMS is not allowed: .* is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key\/1234abcd/,
    );
    // a key statement limited to another service does not apply to Secrets Manager's request either
    writeFileSync(
      join(denied, 'stack.yaml'),
      template.replace(/secretsmanager\.us-east-1\.amazonaws\.com/g, 'ssm.us-east-1.amazonaws.com'),
    );
    expect(() => startTask(denied, 'payments', store, join(dir, 'ke'), keys)).toThrow(/kms:Decrypt/);
    // and a secret under the AWS-managed key needs no key statement
    writeFileSync(join(denied, 'stack.yaml'), template.replace(/Action: kms:Decrypt/g, 'Action: kms:DescribeKey'));
    expect(startTask(denied, 'payments', store, join(dir, 'kf')).env['KAFKA_SASL_USERNAME']).toBe('alice');
  });

  it('starts the Terraform task only while its execution role may decrypt with the key', () => {
    const main = readFileSync(join(tfDir, 'main.tf'), 'utf8');
    expect(main).toContain(`Action    = "kms:Decrypt"`);
    expect(startTfTask(tfDir, 'payments', store, join(dir, 'kt'), keys).env['KAFKA_SASL_PASSWORD']).toBe('pa"ss');
    const denied = join(dir, 'kms-tf-denied');
    mkdirSync(denied, { recursive: true });
    for (const f of ['graft_kafka.tf', 'graft_kafka.auto.tfvars']) writeFileSync(join(denied, f), readFileSync(join(tfDir, f), 'utf8'));
    writeFileSync(join(denied, 'main.tf'), main.replace('Action    = "kms:Decrypt"', 'Action    = "kms:DescribeKey"'));
    expect(() => startTfTask(denied, 'payments', store, join(dir, 'ku'), keys)).toThrow(
      /AccessDeniedException: Access to KMS is not allowed: .*task_execution.* is not authorized to perform: kms:Decrypt/,
    );
  });
});
