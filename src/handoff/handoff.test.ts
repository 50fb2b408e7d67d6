import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureK8sSchemas, validateManifests } from '../../tools/k8s-validate/index.js';
import { prepareHclValidate, validateTerraform } from '../../tools/hcl-validate/index.js';
import { loadRequirements } from '../check/requirements.js';
import { compileCase, HANDOFF_CASES as CASES } from '../../tests/support/handoff.js';
import { compileStack } from '../compile/pipeline.js';
import { iamPolicyOf } from './iam-policy.js';
import type { SecretRef, SecretValue } from '../spec/types.js';
import { buildHandoff, CONFLUENT_TF, HANDOFF_CODES, HANDOFF_DIR, inferHandoff, KAFKA_TF } from './index.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

function handoffOf(from: string): Map<string, string> {
  const result = compileCase(from);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return buildHandoff(result);
}

const hasTerraform = spawnSync('terraform', ['version'], { stdio: 'ignore' }).status === 0;

beforeAll(async () => {
  await ensureK8sSchemas();
  await prepareHclValidate();
}, 600_000);

describe('customer handoff golden files', () => {
  for (const [name, from] of Object.entries(CASES)) {
    it(`${name} (from ${from})`, async () => {
      const files = handoffOf(from);
      const expectedDir = join(import.meta.dirname, 'golden', name, 'expected');
      if (UPDATE) {
        rmSync(expectedDir, { recursive: true, force: true });
        for (const [p, text] of files) {
          const out = join(expectedDir, p.slice(HANDOFF_DIR.length + 1));
          mkdirSync(dirname(out), { recursive: true });
          writeFileSync(out, text);
        }
      }
      for (const [p, text] of files) expect(text, p).toBe(readFileSync(join(expectedDir, p.slice(HANDOFF_DIR.length + 1)), 'utf8'));
      // deterministic, and requirements.json is exactly what graft check reads
      expect(handoffOf(from)).toEqual(files);
      const req = loadRequirements({ path: 'requirements.json', text: files.get(`${HANDOFF_DIR}/requirements.json`) ?? '' });
      expect(req.diagnostics).toEqual([]);
      for (const script of ['topics.sh', 'acls.sh', 'rpk.sh', 'confluent.sh'])
        execFileSync('sh', ['-n'], { input: files.get(`${HANDOFF_DIR}/${script}`) });
      for (const m of (files.get(`${HANDOFF_DIR}/README.md`) ?? '').matchAll(/`(HANDOFF_[A-Z_]+)`/g))
        expect(HANDOFF_CODES).toHaveProperty(m[1] ?? '');
      // the Strimzi resources validate against the Strimzi CRD schemas
      const strimzi = await validateManifests(files.get(`${HANDOFF_DIR}/strimzi.yaml`) ?? '');
      expect(strimzi.errors).toEqual([]);
      // the Terraform parses and is already in `terraform fmt` form
      if (hasTerraform)
        for (const tf of [KAFKA_TF, CONFLUENT_TF]) {
          const fmt = spawnSync('terraform', ['fmt', '-check', '-'], { input: files.get(`${HANDOFF_DIR}/${tf}`) ?? '' });
          expect(fmt.status, `${tf}: ${fmt.stderr.toString()}`).toBe(0);
        }
      // each Terraform form is a valid root module on its own: the real HCL parser, every reference declared
      for (const tf of [KAFKA_TF, CONFLUENT_TF]) {
        const dir = mkdtempSync(join(tmpdir(), 'graft-handoff-tf-'));
        try {
          writeFileSync(join(dir, 'main.tf'), files.get(`${HANDOFF_DIR}/${tf}`) ?? '');
          expect(validateTerraform([dir]), tf).toEqual([]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    });
  }
});

describe('ECS init containers in the handoff', () => {
  it("says what each init container's image must have and that it runs as root, and nothing where there is none", () => {
    for (const from of ['formats/cloudformation/cases/ecs-properties-files', 'formats/terraform/cases/ecs-properties-files']) {
      const readme = handoffOf(from).get(`${HANDOFF_DIR}/README.md`) ?? '';
      const section = /## ECS init containers[^\n]*\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
      expect(section, from).toMatch(/POSIX `sh` and `cp`, `sed`, `cat`, `mv`/);
      expect(section, from).toMatch(/as user 0\*\* \(root/);
      expect(section, from).toContain('`ledger-kafka-config` | `registry.example.com/acme/ledger:5.1.0` | `/etc/app/client.properties`');
      expect(section, from).toContain('`audit-kafka-config`');
    }
    expect(handoffOf('formats/cloudformation/cases/provisioned-ecs-scram').get(`${HANDOFF_DIR}/README.md`)).not.toContain(
      '## ECS init containers',
    );
  });
});

describe('MSK IAM policy', () => {
  it('grants least privilege with the cluster, topic and group ARNs', () => {
    const files = handoffOf(CASES['compose-msk-iam-vouched'] ?? '');
    const policy = JSON.parse(files.get(`${HANDOFF_DIR}/iam-policy.json`) ?? '{}') as {
      Statement: { Action: string[]; Resource: string[] }[];
    };
    const base = 'arn:aws:kafka:us-east-1:123456789012';
    const byAction = (a: string): string[] => policy.Statement.filter((s) => s.Action.includes(a)).flatMap((s) => s.Resource);
    expect(byAction('kafka-cluster:Connect')).toEqual([`${base}:cluster/prod/*`]);
    expect(byAction('kafka-cluster:ReadData')).toEqual(['configs', 'offsets', 'status'].map((t) => `${base}:topic/prod/*/connect-${t}`));
    expect(byAction('kafka-cluster:AlterGroup')).toEqual([`${base}:group/prod/*/connect-cluster`]);
    // the Connect worker creates its storage topics when they are missing; it produces, so it writes idempotently
    expect(byAction('kafka-cluster:CreateTopic')).toEqual(['configs', 'offsets', 'status'].map((t) => `${base}:topic/prod/*/connect-${t}`));
    expect(byAction('kafka-cluster:WriteDataIdempotently')).toEqual([`${base}:cluster/prod/*`]);
    expect(policy.Statement.flatMap((s) => s.Action).every((a) => a.startsWith('kafka-cluster:') && !a.includes('*'))).toBe(true);
    // with a prefix, one wildcard ARN per resource type (the Strimzi case's model, as if its cluster used MSK IAM)
    const model = inferHandoff(compileCase(CASES['k8s-strimzi-kraft'] ?? ''));
    if (!model) throw new Error('no model');
    const sasl = { mechanism: 'AWS_MSK_IAM' as const, aws: { region: 'eu-west-1', roleArn: 'arn:aws:iam::123456789012:role/x' } };
    const p = iamPolicyOf({ ...model, spec: { ...model.spec, sasl } }) as typeof policy;
    const eu = 'arn:aws:kafka:eu-west-1:123456789012';
    // describe, create (the KafkaConnect storage topics), read, write
    expect(p.Statement.flatMap((s) => s.Resource)).toEqual([
      `${eu}:cluster/shop-prod/*`,
      `${eu}:topic/shop-prod/*/acme.*`,
      `${eu}:topic/shop-prod/*/acme.*`,
      `${eu}:topic/shop-prod/*/acme.*`,
      `${eu}:topic/shop-prod/*/acme.*`,
      `${eu}:group/shop-prod/*/acme.*`,
    ]);
    // transactional ids: literal ARNs, prefixes as wildcards; a Streams application's internal topics under its id
    const streams = inferHandoff(compileCase(CASES['compose-streams-transactions'] ?? ''));
    if (!streams) throw new Error('no model');
    const s = iamPolicyOf({ ...streams, spec: { ...streams.spec, sasl } }) as typeof policy;
    const arns = (a: string): string[] => s.Statement.filter((x) => x.Action.includes(a)).flatMap((x) => x.Resource);
    const cluster = '<cluster-name>';
    expect(arns('kafka-cluster:AlterTransactionalId')).toEqual([
      `${eu}:transactional-id/${cluster}/*/orders-tx`,
      `${eu}:transactional-id/${cluster}/*/acme.enricher-*`,
      `${eu}:transactional-id/${cluster}/*/billing-tx-*`,
    ]);
    expect(arns('kafka-cluster:CreateTopic')).toEqual([`${eu}:topic/${cluster}/*/acme.enricher-*`]);
    expect(arns('kafka-cluster:DeleteTopic')).toEqual([`${eu}:topic/${cluster}/*/acme.enricher-*`]);
  });
});

describe('secret reads in the IAM policy', () => {
  it('grants exactly the AWS secrets the spec reads, and kms:Decrypt on their customer-managed key through those services', () => {
    const model = inferHandoff(compileCase(CASES['compose-msk-iam-vouched'] ?? ''));
    if (!model) throw new Error('no model');
    const key = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const secret = (path: string, secretRef: SecretRef): SecretValue => ({
      path,
      secretRef,
      span: { file: 'kafka.yaml', start: 0, end: 0 },
    });
    const schemaRegistry = {
      url: 'https://sr.example.com',
      basicAuth: {
        username: secret('schemaRegistry.basicAuth.username', {
          store: 'awsSecretsManager',
          awsSecretsManager: { arn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:sr-AbCdEf', key: 'username', kmsKeyArn: key },
        }),
        password: secret('schemaRegistry.basicAuth.password', { store: 'awsSsm', awsSsm: { name: '/sr/password', kmsKeyArn: key } }),
      },
    };
    const policy = iamPolicyOf({ ...model, spec: { ...model.spec, schemaRegistry } }) as {
      Statement: { Sid: string; Action: string[]; Resource: string[]; Condition?: unknown }[];
    };
    const bySid = new Map(policy.Statement.map((s) => [s.Sid, s]));
    expect(bySid.get('ReadKafkaSecrets')?.Resource).toEqual(['arn:aws:secretsmanager:us-east-1:123456789012:secret:sr-AbCdEf']);
    expect(bySid.get('ReadKafkaParameters')?.Resource).toEqual(['arn:aws:ssm:us-east-1:123456789012:parameter/sr/password']);
    expect(bySid.get('DecryptKafkaSecrets')).toEqual({
      Sid: 'DecryptKafkaSecrets',
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: [key],
      Condition: { StringEquals: { 'kms:ViaService': ['secretsmanager.us-east-1.amazonaws.com', 'ssm.us-east-1.amazonaws.com'] } },
    });
    // without AWS secrets, nothing but Kafka actions
    expect((iamPolicyOf(model) as typeof policy).Statement.flatMap((s) => s.Action).every((a) => a.startsWith('kafka-cluster:'))).toBe(
      true,
    );
  });
});

describe('consumer groups the stack does not name', () => {
  it('lists a Spring Boot consumer with no group setting, with the grant to make, and not one that names its group', () => {
    const dir = mkdtempSync(join(tmpdir(), 'graft-handoff-groups-'));
    try {
      const spring = (name: string, group?: string): string =>
        [
          `  ${name}:`,
          `    image: acme/${name}:1.0`,
          '    environment:',
          '      SPRING_KAFKA_BOOTSTRAP_SERVERS: kafka:9092',
          `      APP_INPUT_TOPIC: ${name}-in`,
          ...(group ? [`      SPRING_KAFKA_CONSUMER_GROUP_ID: ${group}`] : []),
        ].join('\n');
      mkdirSync(join(dir, 'stack'));
      writeFileSync(
        join(dir, 'stack', 'compose.yaml'),
        ['services:', '  kafka:', '    image: apache/kafka:3.8.0', spring('ledger'), spring('audit', 'audit')].join('\n') + '\n',
      );
      writeFileSync(
        join(dir, 'kafka.yaml'),
        'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: kafka.example.com:9092\nsecurityProtocol: PLAINTEXT\ngroups: { prefix: acme. }\n',
      );
      const result = compileStack({ stack: join(dir, 'stack'), spec: join(dir, 'kafka.yaml') });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const groups = inferHandoff(result)?.unknowns.filter((u) => u.code === 'HANDOFF_GROUP_UNKNOWN') ?? [];
      expect(groups.map((u) => u.message)).toEqual([
        'ledger consumes ledger-in but no setting names its consumer group (Spring Boot takes it from @KafkaListener groupId/id in the code): declare it in graft.yaml (kafka.clients.<name>.groups) or grant it with kafka-acls.sh --add --allow-principal "$PRINCIPAL" --operation Read --group <group>',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
