import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestbed, type Testbed } from '../../testbed/kafka/index.js';
import { setupRunners } from '../../testbed/runners/index.js';
import { render } from './compile-setup.js';
import { containerSupportProblem } from './container.js';
import { cellWithCheck } from './check-limits.js';
import { expectedCell, knownBugs, rowNotes, type Cell } from './expected.js';
import { RUNNER_FACTS } from './families.js';
import { imageLaunch, launchImage } from './images.js';
import { clusterOf, parseManifests, podContainers, resolveEnv, startContainer, type PodContainerView, type PodVolumes } from './k8s-pod.js';
import { runInitContainers, runPod } from './k8s-run.js';
import { runService } from './run-service.js';
import { compileK8sSetup, K8S_EXAMPLE, k8sExampleServices, type CompiledK8sSetup } from './k8s-setup.js';
import { matrixSectionCheck, renderMatrix, type MatrixColumn } from './matrix.js';
import type { Naming } from './run-service.js';
import { SETUPS, type Setup } from './setups.js';
import { startKubeApiserver, type KubeApiserver } from '../../tools/kube-apiserver/index.js';
import { notRun } from '../support/skips.js';

// The conformance matrix on Kubernetes: for each security setup, graft compiles examples/conformance-k8s
// against the real broker test bed with the customer's credentials in a Secret, and each compiled
// Deployment's container starts as the kubelet would start it (k8s-pod.ts) and runs its real client.
// One broker for the whole file; runs are sequential. GRAFT_RUNNERS=none skips it.

const SERVICES = k8sExampleServices();
const enabled = process.env['GRAFT_RUNNERS']?.trim() !== 'none';
// the compiled manifests also go through a real API server (tools/kube-apiserver) unless GRAFT_KUBE_APISERVER=none
const apiServer = process.env['GRAFT_KUBE_APISERVER']?.trim() !== 'none';

describe.skipIf(!enabled)('conformance matrix on Kubernetes', () => {
  let tb: Testbed;
  let work: string;
  let kube: KubeApiserver | undefined;
  const naming = new Map<string, Naming>();
  const cells = new Map<string, Map<string, Cell>>();
  const families = new Map<string, string>();
  const timings: string[] = [];
  const compiledSetups = new Map<string, CompiledK8sSetup>();

  beforeAll(async () => {
    const problem = containerSupportProblem();
    if (problem) throw new Error(problem);
    await setupRunners(SERVICES.map((s) => s.runner));
    work = await mkdtemp(join(tmpdir(), 'graft-conformance-k8s-'));
    // the origin's topic and group, as the kubelet resolves them from the uncompiled manifests
    const origin = parseManifests(readFileSync(join(K8S_EXAMPLE, 'apps.yaml'), 'utf8'));
    const originCluster = clusterOf(origin);
    for (const { service, runner } of SERVICES) {
      const pc = podContainers(origin).find((c) => c.kind === 'Deployment' && c.name === service);
      if (!pc) throw new Error(`no Deployment ${service}`);
      const resolved = resolveEnv(pc, originCluster).env;
      const env = imageLaunch(String(pc.container['image']), resolved)?.env ?? resolved;
      const facts = RUNNER_FACTS[runner];
      naming.set(service, { topic: `acme.${env[facts.topicEnv] ?? ''}`, group: `acme.${env[facts.groupEnv] ?? ''}` });
    }
    if (apiServer) kube = await startKubeApiserver();
    tb = await startTestbed({ stateFile: false });
    for (const s of SETUPS) await s.prepare?.(tb.state, await mkdtemp(join(work, `prepare-${s.id}-`)));
  }, 3_600_000); // a first run also builds kube-apiserver (tools/kube-apiserver: minutes)

  afterAll(async () => {
    await kube?.stop();
    await tb?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  }, 120_000);

  describe.each(SETUPS.map((s) => [s.title, s] as const))('%s', (_title, setup: Setup) => {
    let compiled: CompiledK8sSetup;
    const row = new Map<string, Cell>();
    cells.set(setup.id, row);

    it('compiles, refusing exactly what the families cannot configure', () => {
      compiled = compileK8sSetup(setup, tb.state, join(work, setup.id));
      compiledSetups.set(setup.id, compiled);
      for (const r of compiled.result.plan.rewired) families.set(r.service.split(' ')[0]?.split('/')[2] ?? r.service, r.family);
      for (const [service, codes] of compiled.refused) row.set(service, `refused (${codes.join(', ')})`);
      const want = SERVICES.filter((s) => expectedCell(setup, s.service, 'kubernetes').startsWith('refused')).map((s) => [
        s.service,
        expectedCell(setup, s.service, 'kubernetes'),
      ]);
      const got = SERVICES.filter((s) => compiled.refused.has(s.service)).map((s) => [s.service, row.get(s.service)]);
      expect(got, render(compiled.result)).toEqual(want);
      // graft handles references only: no secret value may appear in the compiled manifests
      const values = [...Object.values(compiled.store.vars), ...compiled.store.written()].filter((v) => v.length >= 8);
      for (const f of compiled.result.files)
        for (const v of values) expect(f.content.toString('utf8').includes(v), `${f.path} holds a secret value`).toBe(false);
    });

    it("is accepted by a real kube-apiserver, with the customer's Secret (server-side dry-run)", async (ctx) => {
      if (!kube) return notRun(ctx, 'server-side dry-run of the compiled manifests: GRAFT_KUBE_APISERVER=none');
      if (!compiled) throw new Error(`setup ${setup.id} did not compile`);
      const texts = compiled.result.files
        .filter((f) => /\.ya?ml$/.test(f.path) && f.path !== 'graft.yaml')
        .map((f) => f.content.toString('utf8'));
      const results = await kube.dryRun([...texts, JSON.stringify(compiled.secret)]);
      const rejected = results.flatMap((r) => (typeof r.outcome === 'object' ? [`${r.kind}/${r.name}: ${r.outcome.message}`] : []));
      expect(rejected).toEqual([]);
      // e.g. an env var hiding an earlier one of the same name
      expect(results.flatMap((r) => r.warnings.map((w) => `${r.kind}/${r.name}: ${w}`))).toEqual([]);
      // every Deployment graft did not refuse was sent
      const sent = results.filter((r) => r.kind === 'Deployment' && r.outcome === 'created').map((r) => r.name);
      expect(SERVICES.filter((s) => !compiled.refused.has(s.service) && !sent.includes(s.service))).toEqual([]);
    });

    // the services of a setup that should work start side by side, as a deployed stack's do. A negative row runs one at a
    // time: the kind of failure it must show (a TLS error, not a connection timeout) may not depend on the machine's load;
    // nor may an OAuth row, whose cells count the tokens the test bed's token endpoint issued during their own run
    const cell = setup.outcome === 'pass' && !setup.id.includes('oauth') ? it.concurrent : it;
    cell.each(SERVICES.map((s) => [s.service, s] as const))('%s', async (service, { runner }) => {
      const want = expectedCell(setup, service, 'kubernetes');
      if (want.startsWith('refused')) {
        expect(row.get(service)).toBe(want);
        return;
      }
      if (!compiled) throw new Error(`setup ${setup.id} did not compile`);
      const pc = podContainers(compiled.objects).find((c) => c.kind === 'Deployment' && c.name === service);
      if (!pc) throw new Error(`compiled manifests have no Deployment ${service}:\n${render(compiled.result)}`);
      const scratch = await mkdtemp(join(work, `${setup.id}-${service}-`));
      // the kubelet runs the pod's init containers, then starts the container; an image with an entrypoint stand-in
      // then launches the runner
      const volumes: PodVolumes = new Map();
      const init = await runInitContainers(pc, compiled.cluster, join(scratch, 'volumes'), volumes, scratch);
      const view: PodContainerView = launchImage(
        String(pc.container['image']),
        startContainer(pc, compiled.cluster, join(scratch, 'volumes'), volumes),
        join(scratch, 'image'),
      );
      const tokens = tb.oidc.stats.tokensIssued;
      const run = init.failed ? { ...init.failed, durationMs: 0 } : await runPod(runner, view, naming.get(service) as Naming, scratch);
      const tokenless =
        run.cell === 'pass' && compiled.result.spec?.sasl?.mechanism === 'OAUTHBEARER' && tb.oidc.stats.tokensIssued === tokens;
      if (tokenless) run.cell = 'fail (no OAuth token fetched)';
      run.cell = await cellWithCheck(setup, service, 'kubernetes', run.cell, tb.state, work);
      row.set(service, run.cell);
      timings.push(`${setup.id} × ${service} (${runner}): ${run.cell}, ${run.durationMs} ms`);
      const bug = knownBugs(setup.id, 'kubernetes')[service];
      const why = bug ? `known bug or limit fixed? then remove it from the known bugs in expected.ts (${bug.note})\n` : '';
      const mounts = view.mounts.map((m) => `${m.target} <- ${m.source}${m.readOnly ? ' (ro)' : ''}`).join('\n');
      expect(run.cell, `${why}${run.details}\n--- environment ---\n${JSON.stringify(view.env, null, 1)}\n--- mounts ---\n${mounts}`).toBe(
        want,
      );
    });
  });

  it('a broken rendering (a $(VAR) used before it is declared) fails its cell, and the real client fails with it', async () => {
    const setup = SETUPS.find((s) => s.id === 'sasl-ssl-scram-256');
    const compiled = setup && compiledSetups.get(setup.id);
    if (!setup || !compiled) throw new Error('the SASL_SSL SCRAM-SHA-256 setup did not compile');
    // graft's own output for that setup, with the first variable a compiled $(NAME) composite reads moved after it
    const objects = structuredClone(compiled.objects);
    let broken: { pc: PodContainerView | undefined; service: string; moved: string } | undefined;
    for (const pc of podContainers(objects)) {
      const env = Array.isArray(pc.container['env']) ? (pc.container['env'] as Record<string, unknown>[]) : [];
      const names = env.map((e) => String(e['name']));
      for (const [i, e] of env.entries()) {
        const ref = typeof e['value'] === 'string' ? /\$\(([A-Za-z_][A-Za-z0-9_]*)\)/.exec(e['value'])?.[1] : undefined;
        const at = ref === undefined ? -1 : names.indexOf(ref);
        if (at < 0 || at > i || !SERVICES.some((s) => s.service === pc.name)) continue;
        env.push(...env.splice(at, 1));
        broken = { pc: undefined, service: pc.name, moved: String(ref) };
        const scratch = await mkdtemp(join(work, `broken-${pc.name}-`));
        broken.pc = launchImage(
          String(pc.container['image']),
          startContainer(pc, clusterOf(objects), join(scratch, 'volumes')),
          join(scratch, 'image'),
        );
        break;
      }
      if (broken) break;
    }
    if (!broken?.pc) throw new Error(`no compiled container of ${setup.id} reads a $(NAME) composite`);
    const { service, pc: view, moved } = broken;
    const runner = SERVICES.find((s) => s.service === service)?.runner ?? 'java';
    expect(expectedCell(setup, service, 'kubernetes')).toBe('pass');
    expect(view.unexpanded.join('\n')).toContain(`$(${moved}), which is declared after it`);
    const cell = await runPod(runner, view, naming.get(service) as Naming, await mkdtemp(join(work, 'broken-cell-')));
    expect(cell.cell).toBe('fail (unexpanded $(VAR))');
    // the pod runner's early verdict is not the only guard: the client itself, given the literal reference, fails
    const real = await runService(runner, view, naming.get(service) as Naming, await mkdtemp(join(work, 'broken-client-')));
    expect(real.cell, real.details).not.toBe('pass');
  });

  it('MATRIX.md is the matrix this run produced', () => {
    const columns: MatrixColumn[] = SERVICES.map(({ service, runner }) => ({
      service,
      runner,
      family: families.get(service) ?? '?',
      library: RUNNER_FACTS[runner].library,
    }));
    const text = renderMatrix(
      'kubernetes',
      columns,
      SETUPS.map((s) => ({
        title: s.title,
        cells: cells.get(s.id) ?? new Map<string, Cell>(),
        ...rowNotes(s.id, 'kubernetes'),
      })),
    );
    console.log(`${text}\n${timings.join('\n')}`);
    const [committed, rendered] = matrixSectionCheck('kubernetes', text);
    expect(committed, 'the Kubernetes section of MATRIX.md is stale: rerun with UPDATE_GOLDEN=1').toBe(rendered);
  });
});
