import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTestbed, type Testbed } from '../../testbed/kafka/index.js';
import { setupRunners } from '../../testbed/runners/index.js';
import { render } from './compile-setup.js';
import { containerSupportProblem } from './container.js';
import { prepareFormats } from '../../src/formats/index.js';
import type { TestbedState } from '../../testbed/kafka/index.js';
import type { ContainerView } from './compose-service.js';
import {
  compileEcsSetup,
  ECS_EXAMPLE,
  ecsExampleServices,
  deleteContainerKey,
  runTask,
  startTask,
  type AwsSecrets,
  type CompiledEcsSetup,
  type EcsExampleService,
} from './ecs-task.js';
import { compileTfEcsSetup, runTfTask, startTfTask, tfEcsExampleServices } from './ecs-terraform-task.js';
import type { EcsStart } from './ecs-init.js';
import { cellWithCheck } from './check-limits.js';
import { expectedCell, knownBugs, rowNotes, type Cell } from './expected.js';
import { RUNNER_FACTS } from './families.js';
import { matrixSectionCheck, renderMatrix, type MatrixColumn, type Platform } from './matrix.js';
import { runService, type Naming } from './run-service.js';
import { ECS_SETUPS, type Setup } from './setups.js';

// The conformance matrix on ECS: for each security setup, graft compiles examples/conformance-ecs (a
// CloudFormation template) and examples/conformance-ecs-terraform (its Terraform twin) against the real broker
// test bed with the customer's credentials as JSON keys of a Secrets Manager secret, and each task definition's
// container starts as the ECS agent would start it (ecs-task.ts, ecs-terraform-task.ts: only when its execution
// role may read the secrets) and runs its real client. GRAFT_RUNNERS=none skips it.

await prepareFormats();

/** One way of writing the ECS example: the template or module, how it compiles and how its containers start. */
interface EcsPlatform {
  platform: Platform;
  title: string;
  services: EcsExampleService[];
  compile(setup: Setup, tb: TestbedState, dir: string): CompiledEcsSetup;
  start(stackDir: string, service: string, secrets: AwsSecrets, scratch: string): ContainerView;
  /** Starts the container after the containers it depends on. */
  run(stackDir: string, service: string, secrets: AwsSecrets, scratch: string): Promise<EcsStart>;
}

const PLATFORMS: EcsPlatform[] = [
  { platform: 'ecs', title: 'CloudFormation', services: ecsExampleServices(), compile: compileEcsSetup, start: startTask, run: runTask },
  {
    platform: 'ecs-terraform',
    title: 'Terraform',
    services: tfEcsExampleServices(),
    compile: compileTfEcsSetup,
    start: startTfTask,
    run: runTfTask,
  },
];
const SERVICES = PLATFORMS[0]?.services ?? [];

/** The family the example's graft.yaml binds a container to, if any. */
function boundFamily(service: string): string | undefined {
  const bindings = parse(readFileSync(join(ECS_EXAMPLE, 'graft.yaml'), 'utf8')) as {
    kafka?: { clients?: Record<string, { family?: string }> };
  };
  return bindings.kafka?.clients?.[service]?.family;
}
const enabled = process.env['GRAFT_RUNNERS']?.trim() !== 'none';

describe.skipIf(!enabled)('conformance matrix on ECS', () => {
  let tb: Testbed;
  let work: string;
  // the Terraform example has the CloudFormation example's containers, topics and groups
  const naming = new Map<string, Naming>();

  beforeAll(async () => {
    const problem = containerSupportProblem();
    if (problem) throw new Error(problem);
    await setupRunners([...new Set(PLATFORMS.flatMap((p) => p.services.map((s) => s.runner)))]);
    work = await mkdtemp(join(tmpdir(), 'graft-conformance-ecs-'));
    // the origin's topic and group, read from the uncompiled template's literal Environment values
    const origin = readFileSync(join(ECS_EXAMPLE, 'stack.yaml'), 'utf8');
    for (const { service } of SERVICES) {
      const value = (name: string): string =>
        new RegExp(`- Name: ${name}\\n\\s+Value: (\\S+)`).exec(origin.slice(origin.indexOf(`- Name: ${service}\n`)))?.[1] ?? '';
      const [topicEnv, groupEnv] =
        service === 'connect'
          ? ['CONNECT_CONFIG_STORAGE_TOPIC', 'CONNECT_GROUP_ID']
          : service === 'events'
            ? ['STRIMZI_TOPIC', 'KAFKA_GROUP_ID']
            : ['TOPIC', service === 'orders' ? 'SPRING_KAFKA_CONSUMER_GROUP_ID' : 'GROUP_ID'];
      const topic = value(topicEnv);
      const group = value(groupEnv);
      naming.set(service, { topic: `acme.${topic}`, group: `acme.${group}` });
    }
    tb = await startTestbed({ stateFile: false });
    for (const s of ECS_SETUPS) await s.prepare?.(tb.state, await mkdtemp(join(work, `prepare-${s.id}-`)));
  }, 900_000);

  afterAll(async () => {
    await tb?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  }, 120_000);

  describe.each(PLATFORMS.map((p) => [p.title, p] as const))('%s', (_platformTitle, p: EcsPlatform) => {
    const { platform, services: SERVICES } = p;
    const cells = new Map<string, Map<string, Cell>>();
    const families = new Map<string, string>();
    const timings: string[] = [];

    describe.each(ECS_SETUPS.map((s) => [s.title, s] as const))('%s', (_title, setup: Setup) => {
      let compiled: CompiledEcsSetup;
      const row = new Map<string, Cell>();
      cells.set(setup.id, row);

      it('compiles, refusing exactly what the families cannot configure on ECS', () => {
        compiled = p.compile(setup, tb.state, join(work, `${platform}-${setup.id}`));
        for (const r of compiled.result.plan.rewired) {
          const container = / container (\S+)/.exec(r.service)?.[1];
          if (container) families.set(container, r.family);
        }
        for (const [service, codes] of compiled.refused) row.set(service, `refused (${codes.join(', ')})`);
        const want = SERVICES.filter((s) => expectedCell(setup, s.service, platform).startsWith('refused')).map((s) => [
          s.service,
          expectedCell(setup, s.service, platform),
        ]);
        const got = SERVICES.filter((s) => compiled.refused.has(s.service)).map((s) => [s.service, row.get(s.service)]);
        expect(got, render(compiled.result)).toEqual(want);
        const values = Object.values(compiled.secrets)
          .flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v)))
          .filter((v) => v.length >= 8);
        for (const f of compiled.result.files)
          for (const v of values) expect(f.content.toString('utf8').includes(v), `${f.path} holds a secret value`).toBe(false);
      });

      // the services of a setup that should work start side by side, as a deployed stack's do. A negative row runs one at a
      // time: the kind of failure it must show (a TLS error, not a connection timeout) may not depend on the machine's load;
      // nor may an OAuth row, whose cells count the tokens the test bed's token endpoint issued during their own run
      const cell = setup.outcome === 'pass' && !setup.id.includes('oauth') ? it.concurrent : it;
      cell.each(SERVICES.map((s) => [s.service, s] as const))('%s', async (service, { runner }) => {
        const want = expectedCell(setup, service, platform);
        if (want.startsWith('refused')) {
          expect(row.get(service)).toBe(want);
          return;
        }
        if (!compiled) throw new Error(`setup ${setup.id} did not compile`);
        if (setup.outcome === 'compile-only') {
          // compiled, with nothing to run it against
          expect(compiled.refused.has(service)).toBe(false);
          row.set(service, want);
          return;
        }
        const scratch = await mkdtemp(join(work, `${platform}-${setup.id}-${service}-`));
        const { view, failed } = await p.run(compiled.stackDir, service, compiled.secrets, join(scratch, 'image'));
        const tokens = tb.oidc.stats.tokensIssued;
        const run = failed ? { ...failed, durationMs: 0 } : await runService(runner, view, naming.get(service) as Naming, scratch);
        const tokenless =
          run.cell === 'pass' && compiled.result.spec?.sasl?.mechanism === 'OAUTHBEARER' && tb.oidc.stats.tokensIssued === tokens;
        if (tokenless) run.cell = 'fail (no OAuth token fetched)';
        run.cell = await cellWithCheck(setup, service, platform, run.cell, tb.state, work);
        row.set(service, run.cell);
        timings.push(`${setup.id} × ${service} (${runner}): ${run.cell}, ${run.durationMs} ms`);
        const bug = knownBugs(setup.id, platform)[service];
        const why = bug ? `known bug or limit fixed? then remove it from the known bugs in expected.ts (${bug.note})\n` : '';
        expect(run.cell, `${why}${run.details}\n--- environment ---\n${JSON.stringify(view.env, null, 1)}`).toBe(want);
      });
    });

    it('MATRIX.md is the matrix this run produced', () => {
      const columns: MatrixColumn[] = SERVICES.map(({ service, runner }) => ({
        service,
        runner,
        // a container refused in every row is named by the family graft.yaml binds it to
        family: families.get(service) ?? boundFamily(service) ?? '?',
        library: RUNNER_FACTS[runner].library,
      }));
      const text = renderMatrix(
        platform,
        columns,
        ECS_SETUPS.map((s) => ({
          title: s.title,
          cells: cells.get(s.id) ?? new Map<string, Cell>(),
          ...rowNotes(s.id, platform),
        })),
      );
      console.log(`${text}\n${timings.join('\n')}`);
      const [committed, rendered] = matrixSectionCheck(platform, text);
      expect(committed, `the ${platform} section of MATRIX.md is stale: rerun with UPDATE_GOLDEN=1`).toBe(rendered);
    });
  });

  it('a broken rendering (the CA arriving in another variable than the one the settings read) fails the Spring Boot task', async () => {
    const setup = ECS_SETUPS.find((s) => s.id === 'sasl-ssl-scram-256');
    const cfn = PLATFORMS[0];
    if (!setup || !cfn) throw new Error('no SASL_SSL SCRAM-SHA-256 setup');
    expect(expectedCell(setup, 'orders', 'ecs')).toBe('pass');
    const compiled = cfn.compile(setup, tb.state, join(work, 'broken'));
    // graft's own template for that setup, with the CA's `Secrets` entry renamed: the task gets the PEM under another name
    let renamed = 0;
    for (const f of readdirSync(compiled.stackDir).filter((n) => /\.ya?ml$/.test(n))) {
      const file = join(compiled.stackDir, f);
      const text = readFileSync(file, 'utf8').replace(/(Name:\s*)GRAFT_KAFKA_CA(\s*\n\s*ValueFrom:)/g, (_m, a: string, b: string) => {
        renamed++;
        return `${a}GRAFT_KAFKA_CA_ELSEWHERE${b}`;
      });
      writeFileSync(file, text);
    }
    expect(renamed).toBeGreaterThan(0);
    const scratch = await mkdtemp(join(work, 'broken-orders-'));
    const view = cfn.start(compiled.stackDir, 'orders', compiled.secrets, join(scratch, 'image'));
    expect(view.env['SPRING_KAFKA_SSL_TRUST_STORE_CERTIFICATES']).toBe('${GRAFT_KAFKA_CA}');
    expect(view.env['GRAFT_KAFKA_CA']).toBeUndefined();
    const run = await runService('spring', view, naming.get('orders') as Naming, scratch);
    expect(run.cell, run.details).not.toBe('pass');
    // Spring leaves the unresolved placeholder as the value, and kafka-clients finds no certificate in it
    expect(run.details).toContain('No matching CERTIFICATE entries in PEM file');
  }, 180_000);

  it('a broken rendering of a properties file (the app not waiting for the container that writes it, or that container without its secrets) fails the task', async () => {
    const setup = ECS_SETUPS.find((s) => s.id === 'sasl-ssl-scram-256');
    const cfn = PLATFORMS[0];
    if (!setup || !cfn) throw new Error('no SASL_SSL SCRAM-SHA-256 setup');
    expect(expectedCell(setup, 'audit', 'ecs')).toBe('pass');
    const runAudit = async (dir: string, broken: (stackDir: string) => void) => {
      const compiled = cfn.compile(setup, tb.state, join(work, dir));
      broken(compiled.stackDir);
      const scratch = await mkdtemp(join(work, `${dir}-audit-`));
      const { view, failed } = await cfn.run(compiled.stackDir, 'audit', compiled.secrets, join(scratch, 'image'));
      return failed ?? (await runService('python-librdkafka', view, naming.get('audit') as Naming, scratch));
    };
    // the app starts at once, on the empty task volume: its file is not there yet
    const unordered = await runAudit('broken-order', (d) => deleteContainerKey(d, 'audit', 'DependsOn'));
    expect(unordered.cell, unordered.details).not.toBe('pass');
    expect(unordered.cell).toMatch(/^fail \(/);
    // the container that writes the file lacks the password it appends: its script stops, and the task with it
    const secretless = await runAudit('broken-secrets', (d) => deleteContainerKey(d, 'audit-kafka-config', 'Secrets'));
    expect(secretless.cell, secretless.details).toBe('fail (dependency audit-kafka-config: exit 2)');
    expect(secretless.details).toContain('GRAFT_KAFKA_SASL_PASSWORD');
  }, 180_000);
});
