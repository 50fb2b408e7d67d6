import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestbed, type Testbed } from '../../testbed/kafka/index.js';
import { setupRunners } from '../../testbed/runners/index.js';
import { compileSetup, render, type CompiledSetup } from './compile-setup.js';
import { checkWithComposeGo } from './compose-check.js';
import { readContainers, type ContainerView } from './compose-service.js';
import { runCompletedFirst } from './compose-oneshot.js';
import { containerSupportProblem } from './container.js';
import { EXAMPLE, exampleServices } from './example.js';
import { cellWithCheck } from './check-limits.js';
import { expectedCell, KNOWN_BUGS, rowNotes, type Cell } from './expected.js';
import { RUNNER_FACTS } from './families.js';
import { matrixSectionCheck, renderMatrix, type MatrixColumn } from './matrix.js';
import { runService, type Naming } from './run-service.js';
import { SETUPS, type Setup } from './setups.js';
import { skippable } from '../support/skips.js';

// The conformance matrix: for each security setup, graft compiles examples/conformance against the
// real broker test bed, and each compiled service's real client runs with exactly what the compiled
// docker-compose.yml gives it. One broker for the whole file; runs are sequential.
// GRAFT_RUNNERS=none skips it (as for testbed/runners).

const SERVICES = exampleServices();
const enabled = process.env['GRAFT_RUNNERS']?.trim() !== 'none';
const skipWhy = enabled ? undefined : 'GRAFT_RUNNERS=none';

describe.skipIf(!enabled)(skippable('conformance matrix', skipWhy), () => {
  let tb: Testbed;
  let work: string;
  const naming = new Map<string, Naming>();
  const cells = new Map<string, Map<string, Cell>>();
  const families = new Map<string, string>();
  const timings: string[] = [];

  beforeAll(async () => {
    const problem = containerSupportProblem();
    if (problem) throw new Error(problem);
    await setupRunners(SERVICES.map((s) => s.runner));
    work = await mkdtemp(join(tmpdir(), 'graft-conformance-'));
    const origin = await readContainers(EXAMPLE, await readFile(join(EXAMPLE, 'docker-compose.yml'), 'utf8'), {}, join(work, 'origin'));
    for (const { service, runner } of SERVICES) {
      const env = origin.find((v) => v.service === service)?.env ?? {};
      const facts = RUNNER_FACTS[runner];
      naming.set(service, { topic: `acme.${env[facts.topicEnv] ?? ''}`, group: `acme.${env[facts.groupEnv] ?? ''}` });
    }
    tb = await startTestbed({ stateFile: false });
    for (const s of SETUPS) await s.prepare?.(tb.state, await mkdtemp(join(work, `prepare-${s.id}-`)));
  }, 900_000);

  afterAll(async () => {
    await tb?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  }, 120_000);

  describe.each(SETUPS.map((s) => [s.title, s] as const))('%s', (_title, setup: Setup) => {
    let compiled: CompiledSetup;
    let views: ContainerView[];
    const row = new Map<string, Cell>();
    cells.set(setup.id, row);

    it('compiles, refusing exactly what the families cannot configure', async () => {
      const dir = join(work, setup.id);
      compiled = compileSetup(setup, tb.state, dir);
      const composeFile = join(compiled.stackDir, 'docker-compose.yml');
      // the real Compose loader accepts the compiled file with the customer's environment, without a warning
      expect(await checkWithComposeGo(composeFile, compiled.store.vars)).toEqual({ ok: true, errors: [], warnings: [] });
      const compose = await readFile(composeFile, 'utf8');
      views = await readContainers(compiled.stackDir, compose, compiled.store.vars, join(dir, 'materialized'));
      for (const r of compiled.result.plan.rewired) families.set(r.service, r.family);
      for (const [service, codes] of compiled.refused) row.set(service, `refused (${codes.join(', ')})`);
      const want = SERVICES.filter((s) => expectedCell(setup, s.service).startsWith('refused')).map((s) => [
        s.service,
        expectedCell(setup, s.service),
      ]);
      const got = SERVICES.filter((s) => compiled.refused.has(s.service)).map((s) => [s.service, row.get(s.service)]);
      expect(got, render(compiled.result)).toEqual(want);
      // graft handles references only: no secret value of the store may appear in the compiled stack
      const values = [...Object.values(compiled.store.vars), ...compiled.store.written()].filter((v) => v.length >= 8);
      for (const f of compiled.result.files)
        for (const v of values) expect(f.content.toString('utf8').includes(v), `${f.path} holds a secret value`).toBe(false);
    });

    // the services of a setup that should work start side by side, as a deployed stack's do. A negative row runs one at a
    // time: the kind of failure it must show (a TLS error, not a connection timeout) may not depend on the machine's load;
    // nor may an OAuth row, whose cells count the tokens the test bed's token endpoint issued during their own run
    const cell = setup.outcome === 'pass' && !setup.id.includes('oauth') ? it.concurrent : it;
    cell.each(SERVICES.map((s) => [s.service, s] as const))('%s', async (service, { runner }) => {
      const want = expectedCell(setup, service);
      if (want.startsWith('refused')) {
        expect(row.get(service)).toBe(want);
        return;
      }
      if (!views) throw new Error(`setup ${setup.id} did not compile`);
      const view = views.find((v) => v.service === service);
      if (!view) throw new Error(`compiled stack has no service ${service}:\n${render(compiled.result)}`);
      const tokens = tb.oidc.stats.tokensIssued;
      // the one-shot services it waits for (the render service of a librdkafka file) run to completion first
      const first = await runCompletedFirst(view, views, await mkdtemp(join(work, `${setup.id}-${service}-first-`)));
      const run = first.failed
        ? { cell: first.failed.cell, details: first.failed.details, durationMs: 0 }
        : await runService(runner, view, naming.get(service) as Naming, work);
      // an OAUTHBEARER pass must have fetched a token from the test bed's OIDC server
      const tokenless =
        run.cell === 'pass' && compiled.result.spec?.sasl?.mechanism === 'OAUTHBEARER' && tb.oidc.stats.tokensIssued === tokens;
      if (tokenless) run.cell = 'fail (no OAuth token fetched)';
      run.cell = await cellWithCheck(setup, service, 'compose', run.cell, tb.state, work);
      row.set(service, run.cell);
      timings.push(`${setup.id} × ${service} (${runner}): ${run.cell}, ${run.durationMs} ms`);
      const bug = KNOWN_BUGS[setup.id]?.[service];
      const why = bug ? `known bug or limit fixed? then remove it from KNOWN_BUGS in expected.ts (${bug.note})\n` : '';
      expect(run.cell, `${why}${run.details}\n--- environment ---\n${JSON.stringify(view.env, null, 1)}`).toBe(want);
    });
  });

  it('MATRIX.md is the matrix this run produced', () => {
    const columns: MatrixColumn[] = SERVICES.map(({ service, runner }) => ({
      service,
      runner,
      family: families.get(service) ?? '?',
      library: RUNNER_FACTS[runner].library,
    }));
    const text = renderMatrix(
      'compose',
      columns,
      SETUPS.map((s) => ({
        title: s.title,
        cells: cells.get(s.id) ?? new Map<string, Cell>(),
        ...rowNotes(s.id, 'compose'),
      })),
    );
    console.log(`${text}\n${timings.join('\n')}`);
    const [committed, rendered] = matrixSectionCheck('compose', text);
    expect(committed, 'the Compose section of MATRIX.md is stale: rerun with UPDATE_GOLDEN=1').toBe(rendered);
  });
});
