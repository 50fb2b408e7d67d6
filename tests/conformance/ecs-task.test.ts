import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../src/compile/pipeline.js';
import { prepareFormats } from '../../src/formats/index.js';
import { CUSTOMER_SECRET_ARN, ECS_EXAMPLE, ecsExampleServices, startTask, TaskStartError } from './ecs-task.js';
import { startTfTask, TF_ECS_EXAMPLE, tfEcsExampleServices } from './ecs-terraform-task.js';
import { imageLaunch } from './images.js';

// The ECS task runner on the compiled example, without a broker: what each container gets, and the task
// the ECS agent would refuse to start.

let dir: string;
let stackDir: string;

beforeAll(async () => {
  await prepareFormats();
  dir = mkdtempSync(join(tmpdir(), 'graft-ecs-task-'));
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
