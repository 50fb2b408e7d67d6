import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../src/compile/pipeline.js';
import { prepareFormats } from '../../src/formats/index.js';
import { envTargets } from '../../src/formats/terraform/clients.js';
import { kids, type Node } from '../../src/formats/terraform/hcl.js';
import { parseModule, stringValue } from '../../src/formats/terraform/parse.js';
import { startTestbed, type Testbed } from '../../testbed/kafka/index.js';
import { runClient, setupRunners } from '../../testbed/runners/index.js';
import { skippable } from '../support/skips.js';

// A Terraform stack whose Spring Boot service runs on ECS is compiled for a SASL/SCRAM customer; the compiled task
// definition is then run the way ECS runs it, without AWS: its `environment` as given, each `secrets` entry's
// `valueFrom` resolved from a stand-in Secrets Manager (`<arn>:<json-key>::`, as ECS documents it) into its own
// variable, the graft_kafka.auto.tfvars values for the variables. The real Spring Boot runner then produces and
// consumes on the real broker: the `${kafka_sasl_password}` placeholders graft writes must resolve from those
// variables, and a wrong password in the store must fail.

const enabled = process.env['GRAFT_RUNNERS']?.trim() !== 'none';
const skipWhy = enabled ? undefined : 'GRAFT_RUNNERS=none';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:appliance-kafka-AbCdEf';

const STACK = `resource "aws_msk_cluster" "this" {
  cluster_name           = "shop"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 2

  broker_node_group_info {
    instance_type  = "kafka.t3.small"
    client_subnets = var.subnet_ids
  }
}

resource "aws_ecs_task_definition" "orders" {
  family = "orders"
  container_definitions = jsonencode([
    {
      name  = "orders"
      image = "registry.example.com/orders:3.1.0"
      environment = [
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = aws_msk_cluster.this.bootstrap_brokers_sasl_scram },
        { name = "SPRING_KAFKA_CONSUMER_GROUP_ID", value = "orders" },
        { name = "TOPIC", value = "orders" },
      ]
    },
  ])
}

resource "aws_ecs_task_definition" "connect" {
  family = "connect"
  container_definitions = jsonencode([
    {
      name  = "connect"
      image = "confluentinc/cp-kafka-connect:7.6.1"
      environment = [
        { name = "CONNECT_BOOTSTRAP_SERVERS", value = aws_msk_cluster.this.bootstrap_brokers_sasl_scram },
        { name = "CONNECT_GROUP_ID", value = "connect" },
      ]
    },
  ])
}

variable "subnet_ids" {
  type = list(string)
}
`;

/** The client properties the Confluent image templates from CONNECT_* variables (worker-level keys only). */
function connectProperties(env: Record<string, string>): string {
  return Object.entries(env)
    .filter(([k]) => k.startsWith('CONNECT_') && !/^CONNECT_(PRODUCER|CONSUMER|ADMIN)_/.test(k) && k !== 'CONNECT_GROUP_ID')
    .map(([k, v]) => `${k.slice('CONNECT_'.length).toLowerCase().replace(/_/g, '.')}=${v.replace(/\\/g, '\\\\')}`)
    .join('\n');
}

/** The value of an HCL string literal's text, escapes undone (`$\${` is a literal `\${`). */
function hclText(raw: string): string {
  return raw.replace(/\\(["\\nt])/g, (_m, c: string) => ({ n: '\n', t: '\t' })[c] ?? c).replace(/([$%])\1\{/g, '$1{');
}

/** Evaluates the few expression forms graft writes into a container definition: strings, templates, var.x. */
function evaluate(node: Node, vars: Record<string, string>): string {
  const text = node.text.trim();
  const bare = /^var\.(\w+)$/.exec(text);
  if (bare) return vars[bare[1]] ?? '';
  const literal = stringValue(node);
  if (literal !== undefined) return hclText(literal);
  // "${var.x}:key::"
  const m = /^"(.*)"$/s.exec(text);
  if (!m) throw new Error(`cannot evaluate ${text}`);
  return hclText(m[1].replace(/\$\{var\.(\w+)\}/g, (_x, v: string) => vars[v] ?? ''));
}

/** The container's environment as ECS gives it: `environment`, then `secrets` resolved from the store. */
function ecsEnvironment(
  mainTf: string,
  tfvars: string,
  store: Record<string, Record<string, string>>,
  container = 'orders',
): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const m of tfvars.matchAll(/^(\w+)\s*=\s*"(.*)"$/gm)) vars[m[1]] = hclText(m[2]);
  const mod = parseModule([{ path: '/stack/main.tf', text: mainTf }], []);
  const target = [...mod.entities.values()].flatMap((e) => envTargets(e)).find((t) => t.name === container);
  if (!target) throw new Error('no container definition');
  const env: Record<string, string> = {};
  for (const e of target.entries) if (e.value) env[e.name] = evaluate(e.value, vars);
  for (const item of (target.secrets ? kids(target.secrets) : []).filter((n) => n.type === 'expression')) {
    const obj = item.descendantsOfType('object')[0]!;
    const fields = new Map(
      kids(obj)
        .filter((n) => n.type === 'object_elem')
        .map((el) => [el.childForFieldName('key')!.text, el.childForFieldName('val')!] as const),
    );
    const name = evaluate(fields.get('name')!, vars);
    const [arn, key] = /^(arn:aws:secretsmanager:[^:]+:\d+:secret:[^:]+):([^:]*)::$/
      .exec(evaluate(fields.get('valueFrom')!, vars))!
      .slice(1);
    const value = store[arn]?.[key];
    if (value === undefined) throw new Error(`ECS would fail to start: no secret ${arn} key ${key}`);
    env[name] = value;
  }
  return env;
}

describe.skipIf(!enabled)(skippable('Terraform ECS task definition, run as ECS runs it, against the real broker', skipWhy), () => {
  let tb: Testbed;
  let dir: string;
  let compiled: { mainTf: string; tfvars: string };

  beforeAll(async () => {
    await setupRunners(['spring', 'java']);
    await prepareFormats();
    tb = await startTestbed({ stateFile: false });
    dir = mkdtempSync(join(tmpdir(), 'graft-ecs-'));
    mkdirSync(join(dir, 'stack'));
    writeFileSync(join(dir, 'stack', 'main.tf'), STACK);
    const ref = (key: string): unknown => ({ secretRef: { awsSecretsManager: { arn: SECRET_ARN, key } } });
    writeFileSync(
      join(dir, 'kafka.yaml'),
      JSON.stringify({
        apiVersion: 'graft.dev/v1',
        kind: 'CustomerKafka',
        bootstrapServers: tb.state.listeners.saslPlaintext,
        securityProtocol: 'SASL_PLAINTEXT',
        sasl: { mechanism: 'SCRAM-SHA-256', username: ref('username'), password: ref('password') },
        topics: { prefix: tb.state.topicPrefix },
        groups: { prefix: tb.state.groupPrefix },
      }),
    );
    const result = compileStack({ stack: join(dir, 'stack'), spec: join(dir, 'kafka.yaml') });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const file = (p: string): string => result.files.find((f) => f.path === p)!.content.toString('utf8');
    compiled = { mainTf: file('main.tf'), tfvars: file('graft_kafka.auto.tfvars') };
  }, 900_000);

  afterAll(async () => {
    await tb?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('the Spring Boot container produces and consumes with the SCRAM credentials ECS injects', async () => {
    const env = ecsEnvironment(compiled.mainTf, compiled.tfvars, {
      [SECRET_ARN]: { username: 'alice', password: tb.state.users.alice.password },
    });
    // graft wrote no secret value: the placeholders name the variables ECS fills
    expect(compiled.mainTf).not.toContain(tb.state.users.alice.password);
    expect(env['SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG']).toContain('${GRAFT_KAFKA_SASL_PASSWORD}');
    const run = await runClient('spring', { env });
    expect(run.ok, run.output.slice(-3000)).toBe(true);
    expect(run.result?.topic).toBe(`${tb.state.topicPrefix}orders`);
    expect(run.result?.group).toBe(`${tb.state.groupPrefix}orders`);
  }, 120_000);

  it('Kafka clients read the Connect worker settings with EnvVarConfigProvider resolving the injected secrets', async () => {
    const env = ecsEnvironment(
      compiled.mainTf,
      compiled.tfvars,
      { [SECRET_ARN]: { username: 'alice', password: tb.state.users.alice.password } },
      'connect',
    );
    expect(env['CONNECT_CONFIG_PROVIDERS_SECRETS_CLASS']).toBe('org.apache.kafka.common.config.provider.EnvVarConfigProvider');
    // the worker's own client settings, as the image writes them, run by the real kafka-clients runner
    const props = join(dir, 'connect.properties');
    writeFileSync(props, connectProperties(env));
    const secrets = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('GRAFT_')));
    expect(Object.keys(secrets).sort()).toEqual(['GRAFT_KAFKA_SASL_PASSWORD', 'GRAFT_KAFKA_SASL_USERNAME']);
    const run = await runClient('java', {
      env: {
        ...secrets,
        KAFKA_CONFIG_FILE: props,
        TOPIC: `${tb.state.topicPrefix}connect-check`,
        GROUP_ID: `${tb.state.groupPrefix}connect`,
      },
    });
    expect(run.ok, run.output.slice(-3000)).toBe(true);
  }, 120_000);

  it('a wrong password in the customer store fails with the broker’s authentication error', async () => {
    const env = ecsEnvironment(compiled.mainTf, compiled.tfvars, { [SECRET_ARN]: { username: 'alice', password: 'not-the-password' } });
    const run = await runClient('spring', { env, timeoutMs: 90_000 });
    expect(run.ok).toBe(false);
    expect(run.output).toMatch(/Authentication failed|SaslAuthenticationException|invalid credentials/i);
  }, 120_000);
});
