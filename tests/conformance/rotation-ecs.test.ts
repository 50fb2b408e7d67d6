import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHandoff, HANDOFF_DIR } from '../../src/handoff/index.js';
import { prepareFormats } from '../../src/formats/index.js';
import { issueClientCert, startTestbed, type IssuedClientCert, type Testbed, type TestbedState } from '../../testbed/kafka/index.js';
import { setupRunners, type RunnerName } from '../../testbed/runners/index.js';
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
import { compileTfEcsSetup, startTfTask, TF_ECS_EXAMPLE, tfEcsExampleServices } from './ecs-terraform-task.js';
import { RUNNER_FACTS } from './families.js';
import { awsCli, shellBlockAfter, valueFiles, type AwsCli } from './aws-cli.js';
import type { ContainerView } from './compose-service.js';
import { allPass, scramCheckCodes } from './rotation-run.js';
import { runService, type Naming } from './run-service.js';
import type { Setup } from './setups.js';
import { addWriterUser, deleteScramCredential, grantWriter, revokeWriter } from './testbed-user.js';
import { skippable } from '../support/skips.js';

// A SCRAM rotation on ECS as the handoff describes it, against the real broker, for the CloudFormation and the
// Terraform example (examples/conformance-ecs, examples/conformance-ecs-terraform), each with an ECS service running
// each rotated task definition (as a deployed stack has), compiled with the username and password as JSON keys of the
// customer's Secrets Manager secret. Each service's task starts with the old user; a second user gets the same grants and
// its credential; the handoff's update commands, run as printed against a stand-in AWS CLI (aws-cli.ts), put the new
// values from files into the secret; and each service the handoff's `aws ecs update-service --force-new-deployment`
// names gets a new task — the ECS agent reads the secret again when a task starts (ecs-task.ts) → it connects; the old
// credential removed → graft check with the old password is rejected, and a task started after the handoff's commands
// put it back fails.

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

/** The Terraform example with an `aws_ecs_service` per rotated task definition on one `aws_ecs_cluster`, under `work`. */
function tfServiceExample(work: string): { example: string; naming: Map<string, Naming> } {
  const tf = tfEcsExampleServices().filter((s) => ROTATED.some((r) => r.service === s.service));
  expect(tf).toEqual(ROTATED);
  const example = join(work, 'example-tf');
  cpSync(TF_ECS_EXAMPLE, example, { recursive: true });
  const main = readFileSync(join(example, 'main.tf'), 'utf8');
  const resources = [
    ['resource "aws_ecs_cluster" "apps" {', `  name = "${CLUSTER}"`, '}', ''].join('\n'),
    ...ROTATED.map(({ service }) =>
      [
        `resource "aws_ecs_service" "${service}" {`,
        `  name            = "${service}"`,
        '  cluster         = aws_ecs_cluster.apps.id',
        `  task_definition = aws_ecs_task_definition.${service}.arn`,
        '  launch_type     = "FARGATE"',
        '  desired_count   = 1',
        '}',
        '',
      ].join('\n'),
    ),
  ];
  writeFileSync(join(example, 'main.tf'), `${main.trimEnd()}\n\n${resources.join('\n')}`);
  const naming = new Map<string, Naming>();
  for (const { service, runner } of ROTATED) {
    const facts = RUNNER_FACTS[runner];
    const [topicEnv, groupEnv] = service === 'events' ? ['STRIMZI_TOPIC', 'KAFKA_GROUP_ID'] : [facts.topicEnv, facts.groupEnv];
    const task = main.slice(main.indexOf(`resource "aws_ecs_task_definition" "${service}"`));
    const value = (name: string): string => new RegExp(`\\{ name = "${name}", value = "([^"]+)" \\}`).exec(task)?.[1] ?? '';
    naming.set(service, { topic: `acme.${value(topicEnv)}`, group: `acme.${value(groupEnv)}` });
  }
  return { example, naming };
}

/**
 * The handoff's restart block run as printed: a new task, started from the compiled stack with the secret as it is now,
 * of each rotated service an `aws ecs update-service --force-new-deployment` of it names; `pass`, the cell with the
 * run's details, or why the task did not start.
 */
async function forceNewDeployments(
  handoff: string,
  start: StartTask,
  aws: AwsCli,
  naming: ReadonlyMap<string, Naming>,
  work: string,
): Promise<Record<string, string>> {
  // a line for a task definition no declared service runs has placeholders for the customer to fill in: not run
  const lines = shellBlockAfter(handoff, RESTART_LEAD)
    .split('\n')
    .filter((l) => !/<[^>]+>/.test(l));
  aws.run(lines.join('\n'), work);
  const deployed = aws.deployments();
  // the services' new tasks start side by side, as ECS deploys them
  const cell = async (service: string, runner: RunnerName): Promise<string> => {
    if (!deployed.some((d) => d.cluster === CLUSTER && d.service === service)) return 'not restarted by the handoff';
    const scratch = await mkdtemp(join(work, `${service}-`));
    try {
      const view = start(service, aws.secrets(), scratch);
      const run = await runService(runner, view, naming.get(service) as Naming, scratch);
      return run.cell === 'pass' ? 'pass' : `${run.cell}\n${run.details}`;
    } catch (e) {
      if (!(e instanceof TaskStartError)) throw e;
      return `task not started: ${e.message}`;
    }
  };
  const cells = await Promise.all(ROTATED.map(async ({ service, runner }) => [service, await cell(service, runner)] as const));
  return Object.fromEntries(cells);
}

/** Starts the task running container `service` as the ECS agent does, with the secrets as they are. */
type StartTask = (service: string, secrets: AwsSecrets, scratch: string) => ContainerView;

const RESTART_LEAD = 'ECS injects `secrets` into a container';
const UPDATE_LEAD = 'Step 2 in your AWS account';

const restartCommand = (service: string): string =>
  `aws ecs update-service --cluster ${CLUSTER} --service ${service} --force-new-deployment`;

/**
 * Step 2 of the handoff's rotation as printed: the new values written into the files it names, each typed value with
 * the trailing newline an editor adds, then its update block run against the stand-in store.
 */
function updateSecrets(handoff: string, aws: AwsCli, work: string, files: Readonly<Record<string, string>>): void {
  aws.run(shellBlockAfter(handoff, UPDATE_LEAD), valueFiles(work, files));
}

/** How one stack format is compiled and run: the example with services added, its compile, its task start. */
interface Platform {
  name: string;
  example(work: string): { example: string; naming: Map<string, Naming> };
  compile(setup: Setup, tb: TestbedState, dir: string, example: string): CompiledEcsSetup;
  start(stackDir: string): StartTask;
}

const PLATFORMS: Platform[] = [
  {
    name: 'CloudFormation',
    example: serviceExample,
    compile: compileEcsSetup,
    start: (stackDir) => (service, secrets, scratch) => startTask(stackDir, service, secrets, scratch),
  },
  {
    name: 'Terraform',
    example: tfServiceExample,
    compile: compileTfEcsSetup,
    start: (stackDir) => (service, secrets, scratch) => startTfTask(stackDir, service, secrets, scratch),
  },
];

describe.skipIf(!enabled).each(PLATFORMS)('$name', (platform) => {
  describe(skippable('SCRAM rotation on ECS, live', skipWhy), () => {
    let tb: Testbed;
    let work: string;
    let compiled: CompiledEcsSetup;
    let handoff: string;
    let aws: AwsCli;
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

    const restart = (): Promise<Record<string, string>> =>
      forceNewDeployments(handoff, platform.start(compiled.stackDir), aws, naming, work);
    // the value files the handoff names, each as an editor leaves it: with a trailing newline
    const rotate = (creds: typeof OLD): void =>
      updateSecrets(handoff, aws, work, { kafka_sasl_username: `${creds.user}\n`, kafka_sasl_password: `${creds.password}\n` });

    beforeAll(async () => {
      const problem = containerSupportProblem();
      if (problem) throw new Error(problem);
      await setupRunners(ROTATED.map((s) => s.runner));
      work = await mkdtemp(join(tmpdir(), 'graft-rotation-ecs-'));
      const { example, naming: names } = platform.example(work);
      naming = names;
      tb = await startTestbed({ stateFile: false });
      await addWriterUser(tb.state, OLD.user, OLD.password, await mkdtemp(join(work, 'old-')));
      compiled = platform.compile(setup, tb.state, join(work, setup.id), example);
      aws = awsCli(join(work, 'aws'), compiled.secrets);
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
      expect(Object.keys(aws.secrets()[CUSTOMER_SECRET_ARN] as object).sort()).toEqual(['kafka-password', 'kafka-username']);
      for (const { service } of ROTATED) expect(handoff).toContain(restartCommand(service));
    });

    it('the tasks connect with the old credential', async () => {
      expect(ROTATED.map((s) => s.service).sort()).toEqual(['events', 'payments', 'shipping']);
      expect(await restart()).toEqual(allPass(ROTATED));
    }, 900_000);

    it("a second user with the same grants, the secret updated by the handoff's commands, a new deployment: the new tasks connect", async () => {
      await addWriterUser(tb.state, NEW.user, NEW.password, await mkdtemp(join(work, 'new-')));
      rotate(NEW);
      // every key in one document, no newline added to a value
      expect(aws.secrets()[CUSTOMER_SECRET_ARN]).toEqual({ 'kafka-username': NEW.user, 'kafka-password': NEW.password });
      expect(await scramCheckCodes(tb.state, work, NEW, [])).toEqual([]);
      expect(await restart()).toEqual(allPass(ROTATED));
    }, 900_000);

    it('the old credential removed: the new tasks connect, the old password is rejected, and a task started with it fails', async () => {
      await deleteScramCredential(tb.state, OLD.user);
      expect(await scramCheckCodes(tb.state, work, OLD, ['CHECK_SASL_AUTH_FAILED'])).toEqual(['CHECK_SASL_AUTH_FAILED']);
      expect(await restart()).toEqual(allPass(ROTATED));
      rotate(OLD);
      const cells = await restart();
      for (const { service } of ROTATED) expect(cells[service], service).toMatch(/^fail \(auth\)/);
    }, 900_000);
  });

  // The mTLS rotation the same way, over the SSL listener (principal = the certificate's CN): the certificate and key are
  // JSON keys of the secret; a new certificate from the same CA for a new principal with the same grants replaces them
  // through the handoff's commands, a new deployment → the new tasks connect; the old principal's ACLs removed → a task
  // with the old pair is refused.
  describe(skippable('mTLS client-certificate rotation on ECS, live', skipWhy), () => {
    let tb: Testbed;
    let work: string;
    let compiled: CompiledEcsSetup;
    let handoff: string;
    let aws: AwsCli;
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

    const restart = (): Promise<Record<string, string>> =>
      forceNewDeployments(handoff, platform.start(compiled.stackDir), aws, naming, work);
    // the PEM files as issued, byte for byte
    const rotate = (cert: IssuedClientCert): void =>
      updateSecrets(handoff, aws, work, {
        // the CA is a key of the same secret, which put-secret-value replaces whole
        'kafka_ca.pem': readFileSync(tb.state.tls.caPem, 'utf8'),
        'kafka_client_cert.pem': readFileSync(cert.certPem, 'utf8'),
        'kafka_client_key.pem': readFileSync(cert.keyPem, 'utf8'),
      });

    beforeAll(async () => {
      const problem = containerSupportProblem();
      if (problem) throw new Error(problem);
      await setupRunners(ROTATED.map((s) => s.runner));
      work = await mkdtemp(join(tmpdir(), 'graft-rotation-ecs-mtls-'));
      const { example, naming: names } = platform.example(work);
      naming = names;
      tb = await startTestbed({ stateFile: false });
      oldCert = await issueClientCert(join(tb.state.runDir, 'tls'), 'ecs-rot-old', OLD_CN);
      await grantWriter(tb.state, `User:${OLD_CN}`, await mkdtemp(join(work, 'old-')));
      compiled = platform.compile(setup, tb.state, join(work, setup.id), example);
      aws = awsCli(join(work, 'aws'), compiled.secrets);
      handoff = buildHandoff(compiled.result).get(`${HANDOFF_DIR}/README.md`) ?? '';
      rotate(oldCert);
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

    it("the old principal's ACLs removed after the handoff's commands put a new certificate into the secret: new tasks connect, the old pair is refused", async () => {
      const newCert = await issueClientCert(join(tb.state.runDir, 'tls'), 'ecs-rot-new', NEW_CN);
      await grantWriter(tb.state, `User:${NEW_CN}`, await mkdtemp(join(work, 'new-')));
      rotate(newCert);
      expect(aws.secrets()[CUSTOMER_SECRET_ARN]).toMatchObject({
        'client-cert.pem': readFileSync(newCert.certPem, 'utf8'),
        'client-key.pem': readFileSync(newCert.keyPem, 'utf8'),
      });
      expect(await restart()).toEqual(allPass(ROTATED));
      await revokeWriter(tb.state, `User:${OLD_CN}`);
      expect(await restart()).toEqual(allPass(ROTATED));
      rotate(oldCert);
      const cells = await restart();
      for (const { service } of ROTATED) expect(cells[service], service).toMatch(/^fail \(acl\)/);
    }, 900_000);
  });
});
