import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHandoff, HANDOFF_DIR } from '../../src/handoff/index.js';
import { prepareFormats } from '../../src/formats/index.js';
import { issueClientCert, startTestbed, type IssuedClientCert, type Testbed } from '../../testbed/kafka/index.js';
import { setupRunners } from '../../testbed/runners/index.js';
import { render } from './compile-setup.js';
import { containerSupportProblem } from './container.js';
import {
  compileEcsSetup,
  CUSTOMER_SECRET_ARN,
  ECS_EXAMPLE,
  ecsExampleServices,
  startTask,
  TaskStartError,
  type AwsSecrets,
  type CompiledEcsSetup,
} from './ecs-task.js';
import { RUNNER_FACTS } from './families.js';
import { allPass, scramCheckCodes } from './rotation-run.js';
import { runService, type Naming } from './run-service.js';
import type { Setup } from './setups.js';
import { addWriterUser, deleteScramCredential, grantWriter, revokeWriter } from './testbed-user.js';
import { skippable } from '../support/skips.js';

// A SCRAM rotation on ECS as the handoff describes it, against the real broker: examples/conformance-ecs, with an
// AWS::ECS::Service running each rotated task definition (as a deployed stack has), compiled with the username and
// password as JSON keys of the customer's Secrets Manager secret. Each service's task starts with the old user; a second
// user gets the same grants and its credential, the secret's JSON keys are updated, and each service the handoff's
// `aws ecs update-service --force-new-deployment` names gets a new task — the ECS agent reads the secret again when a
// task starts (ecs-task.ts) → it connects; the old credential removed → graft check with the old password is rejected,
// and a task started while the secret still holds it fails.

await prepareFormats();

const enabled = process.env['GRAFT_RUNNERS']?.trim() !== 'none';
const skipWhy = enabled ? undefined : 'GRAFT_RUNNERS=none';
/** The rotated containers: the env family's confluent-kafka and franz-go, and the Apache Kafka image's KAFKA_* (kafka-env). */
const ROTATED = ecsExampleServices().filter((s) => ['payments', 'shipping', 'events'].includes(s.service));
const CLUSTER = 'acme-apps';
const OLD = { user: 'ecs-rot-old', password: 'ecs-rot-old-Pw-4711' };
const NEW = { user: 'ecs-rot-new', password: 'ecs-rot-new-Pw-0815' };

/** The task definition (logical id) whose container is `service`. */
function taskOf(template: string, service: string): string {
  const at = template.indexOf(`        - Name: ${service}\n`);
  const ids = [...template.slice(0, at).matchAll(/^ {2}(\w+):\n {4}Type: AWS::ECS::TaskDefinition$/gm)];
  const id = ids[ids.length - 1]?.[1];
  if (at < 0 || !id) throw new Error(`no task definition runs container ${service}`);
  return id;
}

/** The example with an AWS::ECS::Service per rotated task definition on one cluster, under `work`; the naming of each container. */
function serviceExample(work: string): { example: string; naming: Map<string, Naming> } {
  const example = join(work, 'example');
  cpSync(ECS_EXAMPLE, example, { recursive: true });
  const template = readFileSync(join(example, 'stack.yaml'), 'utf8');
  const services = ROTATED.map(({ service }) =>
    [
      `  ${service[0]?.toUpperCase()}${service.slice(1)}Service:`,
      '    Type: AWS::ECS::Service',
      '    Properties:',
      `      Cluster: ${CLUSTER}`,
      `      ServiceName: ${service}`,
      `      TaskDefinition: !Ref ${taskOf(template, service)}`,
      '      LaunchType: FARGATE',
      '      DesiredCount: 1',
      '',
    ].join('\n'),
  );
  writeFileSync(join(example, 'stack.yaml'), `${template.trimEnd()}\n\n${services.join('\n')}`);
  // the origin's topic and group of each container, from its literal Environment
  const naming = new Map<string, Naming>();
  for (const { service, runner } of ROTATED) {
    const facts = RUNNER_FACTS[runner];
    const [topicEnv, groupEnv] = service === 'events' ? ['STRIMZI_TOPIC', 'KAFKA_GROUP_ID'] : [facts.topicEnv, facts.groupEnv];
    const value = (name: string): string =>
      new RegExp(`- Name: ${name}\\n\\s+Value: (\\S+)`).exec(template.slice(template.indexOf(`- Name: ${service}\n`)))?.[1] ?? '';
    naming.set(service, { topic: `acme.${value(topicEnv)}`, group: `acme.${value(groupEnv)}` });
  }
  return { example, naming };
}

/**
 * `aws ecs update-service --force-new-deployment` of each rotated service the handoff names: a new task started from the
 * compiled template with the secret as it is now; `pass`, the cell with the run's details, or why the task did not start.
 */
async function forceNewDeployments(
  handoff: string,
  stackDir: string,
  secrets: AwsSecrets,
  naming: ReadonlyMap<string, Naming>,
  work: string,
): Promise<Record<string, string>> {
  const cells: Record<string, string> = {};
  for (const { service, runner } of ROTATED) {
    if (!handoff.includes(restartCommand(service))) {
      cells[service] = 'not restarted by the handoff';
      continue;
    }
    const scratch = await mkdtemp(join(work, `${service}-`));
    try {
      const view = startTask(stackDir, service, secrets, scratch);
      const run = await runService(runner, view, naming.get(service) as Naming, scratch);
      cells[service] = run.cell === 'pass' ? 'pass' : `${run.cell}\n${run.details}`;
    } catch (e) {
      if (!(e instanceof TaskStartError)) throw e;
      cells[service] = `task not started: ${e.message}`;
    }
  }
  return cells;
}

const restartCommand = (service: string): string =>
  `aws ecs update-service --cluster ${CLUSTER} --service ${service} --force-new-deployment`;

/** The secret with these JSON keys set, as `aws secretsmanager put-secret-value` with the whole JSON leaves it. */
function putSecret(secrets: AwsSecrets, keys: Readonly<Record<string, string>>): AwsSecrets {
  return { ...secrets, [CUSTOMER_SECRET_ARN]: { ...(secrets[CUSTOMER_SECRET_ARN] as Record<string, string>), ...keys } };
}

describe.skipIf(!enabled)(skippable('SCRAM rotation on ECS, live', skipWhy), () => {
  let tb: Testbed;
  let work: string;
  let compiled: CompiledEcsSetup;
  let handoff: string;
  /** The customer's Secrets Manager secret as it is now. */
  let secrets: AwsSecrets;
  let naming: Map<string, Naming>;

  const setup: Setup = {
    id: 'rotation-ecs-scram-512',
    title: 'SASL_PLAINTEXT + SCRAM-SHA-512, username and password from Secrets Manager',
    outcome: 'pass',
    spec: (state, store) => ({
      bootstrapServers: state.listeners.saslPlaintext,
      securityProtocol: 'SASL_PLAINTEXT',
      sasl: {
        mechanism: 'SCRAM-SHA-512',
        username: store.file('kafka-username', OLD.user),
        password: store.file('kafka-password', OLD.password),
      },
      topics: { prefix: 'acme.' },
      groups: { prefix: 'acme.' },
    }),
  };

  const restart = (): Promise<Record<string, string>> => forceNewDeployments(handoff, compiled.stackDir, secrets, naming, work);
  const scram = (creds: typeof OLD): Record<string, string> => ({ 'kafka-username': creds.user, 'kafka-password': creds.password });

  beforeAll(async () => {
    const problem = containerSupportProblem();
    if (problem) throw new Error(problem);
    await setupRunners(ROTATED.map((s) => s.runner));
    work = await mkdtemp(join(tmpdir(), 'graft-rotation-ecs-'));
    const { example, naming: names } = serviceExample(work);
    naming = names;
    tb = await startTestbed({ stateFile: false });
    await addWriterUser(tb.state, OLD.user, OLD.password, await mkdtemp(join(work, 'old-')));
    compiled = compileEcsSetup(setup, tb.state, join(work, setup.id), example);
    secrets = compiled.secrets;
    handoff = buildHandoff(compiled.result).get(`${HANDOFF_DIR}/README.md`) ?? '';
  }, 900_000);

  afterAll(async () => {
    await tb?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  }, 120_000);

  it('the handoff forces a new deployment of each service running a rotated task definition', () => {
    expect(
      [...compiled.refused.keys()].filter((s) => ROTATED.some((r) => r.service === s)),
      render(compiled.result),
    ).toEqual([]);
    expect(Object.keys(secrets[CUSTOMER_SECRET_ARN] as object).sort()).toEqual(['kafka-password', 'kafka-username']);
    for (const { service } of ROTATED) expect(handoff).toContain(restartCommand(service));
  });

  it('the tasks connect with the old credential', async () => {
    expect(ROTATED.map((s) => s.service).sort()).toEqual(['events', 'payments', 'shipping']);
    expect(await restart()).toEqual(allPass(ROTATED));
  }, 900_000);

  it("a second user with the same grants, the secret's JSON keys updated, a new deployment: the new tasks connect", async () => {
    await addWriterUser(tb.state, NEW.user, NEW.password, await mkdtemp(join(work, 'new-')));
    secrets = putSecret(secrets, scram(NEW));
    expect(await scramCheckCodes(tb.state, work, NEW, [])).toEqual([]);
    expect(await restart()).toEqual(allPass(ROTATED));
  }, 900_000);

  it('the old credential removed: the new tasks connect, the old password is rejected, and a task started with it fails', async () => {
    await deleteScramCredential(tb.state, OLD.user);
    expect(await scramCheckCodes(tb.state, work, OLD, ['CHECK_SASL_AUTH_FAILED'])).toEqual(['CHECK_SASL_AUTH_FAILED']);
    expect(await restart()).toEqual(allPass(ROTATED));
    secrets = putSecret(secrets, scram(OLD));
    const cells = await restart();
    for (const { service } of ROTATED) expect(cells[service], service).toMatch(/^fail \(auth\)/);
  }, 900_000);
});

// The mTLS rotation the same way, over the SSL listener (principal = the certificate's CN): the certificate and key are
// JSON keys of the secret; a new certificate from the same CA for a new principal with the same grants replaces them,
// a new deployment → the new tasks connect; the old principal's ACLs removed → a task with the old pair is refused.
describe.skipIf(!enabled)(skippable('mTLS client-certificate rotation on ECS, live', skipWhy), () => {
  let tb: Testbed;
  let work: string;
  let compiled: CompiledEcsSetup;
  let handoff: string;
  let secrets: AwsSecrets;
  let naming: Map<string, Naming>;
  let oldCert: IssuedClientCert;
  const OLD_CN = 'ecs-rot-old-client';
  const NEW_CN = 'ecs-rot-new-client';

  const setup: Setup = {
    id: 'rotation-ecs-mtls',
    title: 'SSL mTLS, client certificate and key from Secrets Manager',
    outcome: 'pass',
    spec: (state, store) => ({
      bootstrapServers: state.listeners.ssl,
      securityProtocol: 'SSL',
      tls: {
        ca: { secretRef: { file: state.tls.caPem } },
        clientCert: store.file('client-cert.pem', 'replaced before any task starts'),
        clientKey: store.file('client-key.pem', 'replaced before any task starts'),
      },
      topics: { prefix: 'acme.' },
      groups: { prefix: 'acme.' },
    }),
  };

  const restart = (): Promise<Record<string, string>> => forceNewDeployments(handoff, compiled.stackDir, secrets, naming, work);
  const pair = (cert: IssuedClientCert): Record<string, string> => ({
    'client-cert.pem': readFileSync(cert.certPem, 'utf8'),
    'client-key.pem': readFileSync(cert.keyPem, 'utf8'),
  });

  beforeAll(async () => {
    const problem = containerSupportProblem();
    if (problem) throw new Error(problem);
    await setupRunners(ROTATED.map((s) => s.runner));
    work = await mkdtemp(join(tmpdir(), 'graft-rotation-ecs-mtls-'));
    const { example, naming: names } = serviceExample(work);
    naming = names;
    tb = await startTestbed({ stateFile: false });
    oldCert = await issueClientCert(join(tb.state.runDir, 'tls'), 'ecs-rot-old', OLD_CN);
    await grantWriter(tb.state, `User:${OLD_CN}`, await mkdtemp(join(work, 'old-')));
    compiled = compileEcsSetup(setup, tb.state, join(work, setup.id), example);
    secrets = putSecret(compiled.secrets, pair(oldCert));
    handoff = buildHandoff(compiled.result).get(`${HANDOFF_DIR}/README.md`) ?? '';
  }, 900_000);

  afterAll(async () => {
    await tb?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  }, 120_000);

  it('the handoff forces a new deployment of each service; the tasks connect with the old certificate', async () => {
    expect(
      [...compiled.refused.keys()].filter((s) => ROTATED.some((r) => r.service === s)),
      render(compiled.result),
    ).toEqual([]);
    for (const { service } of ROTATED) expect(handoff).toContain(restartCommand(service));
    expect(await restart()).toEqual(allPass(ROTATED));
  }, 900_000);

  it("the old principal's ACLs removed after a new certificate replaced the secret's keys: new tasks connect, the old pair is refused", async () => {
    const newCert = await issueClientCert(join(tb.state.runDir, 'tls'), 'ecs-rot-new', NEW_CN);
    await grantWriter(tb.state, `User:${NEW_CN}`, await mkdtemp(join(work, 'new-')));
    secrets = putSecret(secrets, pair(newCert));
    expect(await restart()).toEqual(allPass(ROTATED));
    await revokeWriter(tb.state, `User:${OLD_CN}`);
    expect(await restart()).toEqual(allPass(ROTATED));
    secrets = putSecret(secrets, pair(oldCert));
    const cells = await restart();
    for (const { service } of ROTATED) expect(cells[service], service).toMatch(/^fail \(acl\)/);
  }, 900_000);
});
