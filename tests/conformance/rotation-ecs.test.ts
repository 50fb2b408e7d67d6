import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHandoff, HANDOFF_DIR } from '../../src/handoff/index.js';
import { prepareFormats } from '../../src/formats/index.js';
import { startTestbed, type Testbed } from '../../testbed/kafka/index.js';
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
import { addWriterUser, deleteScramCredential } from './testbed-user.js';
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

describe.skipIf(!enabled)(skippable('SCRAM rotation on ECS, live', skipWhy), () => {
  let tb: Testbed;
  let work: string;
  let compiled: CompiledEcsSetup;
  let handoff: string;
  /** The customer's Secrets Manager secret as it is now. */
  let secrets: AwsSecrets;
  const naming = new Map<string, Naming>();

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

  /** `aws secretsmanager put-secret-value` of the customer's secret with these credentials under the keys the tasks read. */
  const putSecret = (creds: typeof OLD): void => {
    const current = secrets[CUSTOMER_SECRET_ARN] as Record<string, string>;
    secrets = { ...secrets, [CUSTOMER_SECRET_ARN]: { ...current, 'kafka-username': creds.user, 'kafka-password': creds.password } };
  };

  /** `aws ecs update-service --force-new-deployment` of each rotated service the handoff names: a new task, started now. */
  const forceNewDeployments = async (): Promise<Record<string, string>> => {
    const cells: Record<string, string> = {};
    for (const { service, runner } of ROTATED) {
      if (!handoff.includes(`aws ecs update-service --cluster ${CLUSTER} --service ${service} --force-new-deployment`)) {
        cells[service] = 'not restarted by the handoff';
        continue;
      }
      const scratch = await mkdtemp(join(work, `${service}-`));
      try {
        const view = startTask(compiled.stackDir, service, secrets, scratch);
        const run = await runService(runner, view, naming.get(service) as Naming, scratch);
        cells[service] = run.cell === 'pass' ? 'pass' : `${run.cell}\n${run.details}`;
      } catch (e) {
        if (!(e instanceof TaskStartError)) throw e;
        cells[service] = `task not started: ${e.message}`;
      }
    }
    return cells;
  };

  beforeAll(async () => {
    const problem = containerSupportProblem();
    if (problem) throw new Error(problem);
    await setupRunners(ROTATED.map((s) => s.runner));
    work = await mkdtemp(join(tmpdir(), 'graft-rotation-ecs-'));
    // the example with a service per rotated task definition, on one cluster
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
    const outputs = template.indexOf('\nOutputs:');
    writeFileSync(
      join(example, 'stack.yaml'),
      outputs < 0
        ? `${template.trimEnd()}\n\n${services.join('\n')}`
        : `${template.slice(0, outputs)}\n${services.join('\n')}${template.slice(outputs)}`,
    );
    // the origin's topic and group of each container, from its literal Environment
    for (const { service, runner } of ROTATED) {
      const facts = RUNNER_FACTS[runner];
      const [topicEnv, groupEnv] = service === 'events' ? ['STRIMZI_TOPIC', 'KAFKA_GROUP_ID'] : [facts.topicEnv, facts.groupEnv];
      const value = (name: string): string =>
        new RegExp(`- Name: ${name}\\n\\s+Value: (\\S+)`).exec(template.slice(template.indexOf(`- Name: ${service}\n`)))?.[1] ?? '';
      naming.set(service, { topic: `acme.${value(topicEnv)}`, group: `acme.${value(groupEnv)}` });
    }
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
    for (const { service } of ROTATED)
      expect(handoff).toContain(`aws ecs update-service --cluster ${CLUSTER} --service ${service} --force-new-deployment`);
  });

  it('the tasks connect with the old credential', async () => {
    expect(ROTATED.map((s) => s.service).sort()).toEqual(['events', 'payments', 'shipping']);
    expect(await forceNewDeployments()).toEqual(allPass(ROTATED));
  }, 900_000);

  it("a second user with the same grants, the secret's JSON keys updated, a new deployment: the new tasks connect", async () => {
    await addWriterUser(tb.state, NEW.user, NEW.password, await mkdtemp(join(work, 'new-')));
    putSecret(NEW);
    expect(await scramCheckCodes(tb.state, work, NEW, [])).toEqual([]);
    expect(await forceNewDeployments()).toEqual(allPass(ROTATED));
  }, 900_000);

  it('the old credential removed: the new tasks connect, the old password is rejected, and a task started with it fails', async () => {
    await deleteScramCredential(tb.state, OLD.user);
    expect(await scramCheckCodes(tb.state, work, OLD, ['CHECK_SASL_AUTH_FAILED'])).toEqual(['CHECK_SASL_AUTH_FAILED']);
    expect(await forceNewDeployments()).toEqual(allPass(ROTATED));
    putSecret(OLD);
    const cells = await forceNewDeployments();
    for (const { service } of ROTATED) expect(cells[service], service).toMatch(/^fail \(auth\)/);
  }, 900_000);
});
