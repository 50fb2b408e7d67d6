import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCheck, type CheckReport } from '../../src/check/index.js';
import type { Requirements } from '../../src/check/requirements.js';
import { compileStack } from '../../src/compile/pipeline.js';
import { buildHandoff } from '../../src/handoff/index.js';
import { CLIENT_JVM_FLAGS, startTestbed, type Testbed } from '../../testbed/kafka/index.js';
import { testbedCacheDir } from '../../testbed/kafka/paths.js';

// The generated scripts run unchanged, through kafka-*.sh shims that start Kafka's own CLI classes
// from the test bed's jars, as the super user admin; graft check then judges a fresh SCRAM principal.
let tb: Testbed;
let dir: string;
let handoff: Map<string, string>;
const PREFIX = `ho${process.pid}.`;
const PASSWORD = 'handoff-secret-1';

const SHIMS: Record<string, string> = {
  'kafka-topics.sh': 'org.apache.kafka.tools.TopicCommand',
  'kafka-acls.sh': 'org.apache.kafka.tools.AclCommand',
  'kafka-configs.sh': 'org.apache.kafka.tools.ConfigCommand',
};

function sh(script: string, env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const p = spawn('sh', ['-c', script], {
      env: { ...process.env, PATH: `${join(dir, 'bin')}${delimiter}${process.env.PATH ?? ''}`, ...env },
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const adminEnv = (): Record<string, string> => ({
  BOOTSTRAP: tb.state.listeners.saslPlaintext,
  COMMAND_CONFIG: join(dir, 'admin.properties'),
});

function specFor(user: string): string {
  const file = join(dir, `spec-${user}.yaml`);
  writeFileSync(
    file,
    stringify({
      apiVersion: 'graft.dev/v1',
      kind: 'CustomerKafka',
      bootstrapServers: tb.state.listeners.saslPlaintext,
      securityProtocol: 'SASL_PLAINTEXT',
      sasl: { mechanism: 'SCRAM-SHA-256', username: user, password: { secretRef: { env: 'HANDOFF_PASSWORD' } } },
      topics: { prefix: PREFIX },
      groups: { prefix: PREFIX },
    }),
  );
  return file;
}

async function createUser(user: string): Promise<void> {
  const r = await sh(
    `kafka-configs.sh --bootstrap-server "$BOOTSTRAP" --command-config "$COMMAND_CONFIG" --alter --add-config 'SCRAM-SHA-256=[password=${PASSWORD}]' --entity-type users --entity-name ${user}`,
    adminEnv(),
  );
  expect(r.code, r.out).toBe(0);
}

const errorCodes = (r: CheckReport): string[] =>
  [...new Set(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))].sort();

/** Runs graft check until its errors are `expected` (ACLs and SCRAM users reach the authorizer asynchronously). */
async function checkUntil(user: string, expected: string[]): Promise<CheckReport> {
  let r: CheckReport | undefined;
  for (let i = 0; i < 20; i++) {
    r = await runCheck({
      spec: specFor(user),
      requirements: join(dir, 'out', 'handoff', 'requirements.json'),
      env: { HANDOFF_PASSWORD: PASSWORD },
      timeoutMs: 5000,
    });
    if (JSON.stringify(errorCodes(r)) === JSON.stringify(expected)) return r;
    await new Promise((res) => setTimeout(res, 500));
  }
  return r as CheckReport;
}

beforeAll(async () => {
  tb = await startTestbed({ stateFile: false });
  dir = mkdtempSync(join(testbedCacheDir(), 'handoff-'));
  mkdirSync(join(dir, 'bin'));
  for (const [name, main] of Object.entries(SHIMS)) {
    const cp = tb.state.java.kafkaClasspath;
    writeFileSync(join(dir, 'bin', name), `#!/bin/sh\nexec java ${CLIENT_JVM_FLAGS.join(' ')} -cp '${cp}' ${main} "$@"\n`);
    chmodSync(join(dir, 'bin', name), 0o755);
  }
  writeFileSync(
    join(dir, 'admin.properties'),
    `security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${tb.state.users.admin.password}";\n`,
  );
  // an origin stack: a broker, a helper that creates two topics, a service declared in graft.yaml
  const stack = join(dir, 'stack');
  mkdirSync(stack);
  writeFileSync(
    join(stack, 'docker-compose.yml'),
    stringify({
      services: {
        kafka: { image: 'apache/kafka:4.1.0' },
        'kafka-init': {
          image: 'apache/kafka:4.1.0',
          command:
            'bash -c "kafka-topics.sh --bootstrap-server kafka:9092 --create --topic orders --partitions 3 --config cleanup.policy=compact && kafka-topics.sh --bootstrap-server kafka:9092 --create --topic events --partitions 2 --config retention.ms=86400000"',
        },
        app: {
          image: 'acme/app:1.0',
          environment: { KAFKA_BROKERS: 'kafka:9092' },
        },
        stream: {
          image: 'acme/stream:1.0',
          environment: { KAFKA_BROKERS: 'kafka:9092', APPLICATION_ID: 'app-stream' },
        },
      },
    }),
  );
  const env = {
    bootstrapServers: 'KAFKA_BROKERS',
    securityProtocol: 'KAFKA_SECURITY_PROTOCOL',
    saslMechanism: 'KAFKA_SASL_MECHANISM',
    saslUsername: 'KAFKA_SASL_USERNAME',
    saslPasswordFile: 'KAFKA_SASL_PASSWORD_FILE',
  };
  writeFileSync(
    join(stack, 'graft.yaml'),
    stringify({
      apiVersion: 'graft.dev/v1',
      kind: 'Bindings',
      kafka: {
        clients: {
          app: {
            family: 'env',
            env,
            consumes: ['orders'],
            produces: ['events'],
            groups: ['app'],
            transactionalIds: ['app-tx'],
          },
          // a Kafka Streams application running exactly-once: group, internal topics and transactional ids under its id
          stream: {
            family: 'env',
            env,
            consumes: ['events'],
            groupEnv: ['APPLICATION_ID'],
            kafkaStreams: { applicationId: 'app-stream', exactlyOnce: true },
          },
        },
      },
    }),
  );
  const result = compileStack({ stack, spec: specFor('handoff-ok') });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  handoff = buildHandoff(result);
  for (const [p, text] of handoff) {
    mkdirSync(dirname(join(dir, 'out', p)), { recursive: true });
    writeFileSync(join(dir, 'out', p), text);
  }
  const topics = await sh(`sh ${join(dir, 'out', 'handoff', 'topics.sh')}`, adminEnv());
  expect(topics.code, topics.out).toBe(0);
}, 600_000);

afterAll(async () => {
  await tb?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** Applies acls.sh for a principal, without the grant lines `omit` matches. */
async function grant(user: string, omit?: string): Promise<void> {
  const all = (handoff.get('handoff/acls.sh') ?? '').split('\n');
  const script = all.filter((l) => !omit || !l.includes(omit)).join('\n');
  // an omission that matches no grant line would test nothing
  if (omit)
    expect(
      all.some((l) => l.startsWith('kafka-acls.sh') && l.includes(omit)),
      omit,
    ).toBe(true);
  const file = join(dir, `acls-${user}.sh`);
  writeFileSync(file, script);
  const r = await sh(`sh ${file}`, { ...adminEnv(), PRINCIPAL: `User:${user}` });
  expect(r.code, r.out).toBe(0);
}

describe('handoff scripts applied to a real broker', () => {
  it('the handoff says what the stack needs, with PREFIXED grants for the prefix', () => {
    const req = JSON.parse(handoff.get('handoff/requirements.json') ?? '{}') as Requirements;
    expect(req.topics?.map((t) => t.name)).toEqual([`${PREFIX}events`, `${PREFIX}orders`]);
    expect(req.groups).toEqual([`${PREFIX}app`, `${PREFIX}app-stream`]);
    expect(req.transactionalIds).toEqual(['app-tx']);
    expect(req.transactionalIdPrefixes).toEqual([`${PREFIX}app-stream-`]);
    const acls = handoff.get('handoff/acls.sh') ?? '';
    expect(acls).toContain(`--operation Read --topic ${PREFIX} --resource-pattern-type prefixed`);
    expect(acls).toContain(`--operation Create --topic ${PREFIX}app-stream- --resource-pattern-type prefixed`);
    expect(acls).toContain('--operation Write --transactional-id app-tx --resource-pattern-type literal');
    expect(acls).toContain(`--operation Write --transactional-id ${PREFIX}app-stream- --resource-pattern-type prefixed`);
  });

  it('topics.sh + acls.sh make graft check pass for a fresh SCRAM principal', async () => {
    await createUser('handoff-ok');
    await grant('handoff-ok');
    const r = await checkUntil('handoff-ok', []);
    expect(errorCodes(r), JSON.stringify(r.diagnostics, null, 1)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.steps.find((s) => s.probe === 'acls')?.status).toBe('pass');
    expect(r.steps.find((s) => s.probe === 'topics')?.status).toBe('pass');
    // DescribeConfigs is granted, so the partitions and configs were really compared
    expect(r.diagnostics.map((d) => d.code)).not.toContain('CHECK_TOPIC_CONFIG_UNVERIFIABLE');
  });

  const omissions: [string, string, string][] = [
    ['topic Read', 'CHECK_ACL_TOPIC_READ', `--operation Read --topic ${PREFIX}`],
    ['topic Write', 'CHECK_ACL_TOPIC_WRITE', `--operation Write --topic ${PREFIX}`],
    ['group Read', 'CHECK_ACL_GROUP_READ', `--operation Read --group ${PREFIX}`],
    // Write and Describe lines both: Kafka's WRITE implies the DESCRIBE the check probes
    ['transactional id', 'CHECK_ACL_TRANSACTIONAL_ID', '--transactional-id app-tx '],
    ['transactional id prefix', 'CHECK_ACL_TRANSACTIONAL_ID', `--transactional-id ${PREFIX}app-stream- `],
  ];
  it.each(omissions)('leaving out the %s grant fails with %s', async (what, code, line) => {
    const user = `handoff-no-${what.replace(/\s+/g, '-').toLowerCase()}`;
    await createUser(user);
    await grant(user, line);
    const r = await checkUntil(user, [code]);
    expect(errorCodes(r), JSON.stringify(r.diagnostics, null, 1)).toEqual([code]);
    expect(r.diagnostics.find((d) => d.code === code)?.message).toContain(`User:${user}`);
  });
});
