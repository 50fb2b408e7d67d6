import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchConnect, runJava, startTestbed, type Testbed } from '../../testbed/kafka/index.js';
import { freePorts } from '../../testbed/kafka/ports.js';
import { ensureK8sSchemas } from '../../tools/k8s-validate/index.js';
import { startKubeApiserver, type KubeApiserver } from '../../tools/kube-apiserver/index.js';
import { skippable } from '../support/skips.js';
import { render } from './compile-setup.js';
import { containerSupportProblem } from './container.js';
import { cellWithCheck } from './check-limits.js';
import { expectedCell, knownBugs, rowNotes, type Cell } from './expected.js';
import { compileK8sSetup, type CompiledK8sSetup } from './k8s-setup.js';
import { matrixSectionCheck, renderMatrix } from './matrix.js';
import { SETUPS, type Setup } from './setups.js';
import { OperatorError } from './strimzi-connect.js';
import { applySecrets, podToken, runCompiledConnect, runStrimziConnect } from './strimzi-connect-run.js';
import { strimziMirrorMaker2Pod } from './strimzi-mirrormaker2.js';

// The conformance matrix for Strimzi's KafkaConnect: for each security setup, graft compiles
// examples/conformance-strimzi (a Strimzi-managed Kafka, dropped, and a KafkaConnect, kept) against the real broker
// test bed with the customer's credentials in a Secret; the compiled KafkaConnect is rendered as the Strimzi operator
// renders it (strimzi-connect.ts) and a real Connect worker runs it (strimzi-connect-run.ts), with its Secrets in a real
// kube-apiserver. One broker and one API server for the file; runs are sequential.

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'conformance-strimzi');
const SERVICE = 'connect';
const MM2_EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'conformance-strimzi-mm2');
const MM2 = 'mirrormaker2';
/** The rows MirrorMaker 2 runs: SASL_SSL, mTLS, SASL_PLAINTEXT with the username in a Secret, and a ✗ row. */
const MM2_SETUPS = ['sasl-ssl-scram-256', 'ssl-mtls', 'sasl-plaintext-scram-512', 'wrong-password'];
/** The vendor's upstream cluster as the compiled KafkaMirrorMaker2 keeps it; the test's DNS sends it to the PLAINTEXT listener. */
const UPSTREAM = 'upstream-kafka-bootstrap.upstream.svc:9092';
const enabled = process.env['GRAFT_RUNNERS']?.trim() !== 'none';

// Strimzi's Secret config provider reads the Secrets from an API server
const skipWhy =
  process.env['GRAFT_KUBE_APISERVER']?.trim() === 'none'
    ? 'GRAFT_KUBE_APISERVER=none (the worker reads ${strimzisecrets:…} from a real kube-apiserver)'
    : undefined;

describe.skipIf(!enabled || skipWhy !== undefined)(skippable('conformance matrix of Strimzi KafkaConnect', skipWhy), () => {
  let tb: Testbed;
  let kube: KubeApiserver;
  let libs: string;
  let work: string;
  const cells = new Map<string, Map<string, Cell>>();
  const timings: string[] = [];

  beforeAll(async () => {
    const problem = containerSupportProblem();
    if (problem) throw new Error(problem);
    work = await mkdtemp(join(tmpdir(), 'graft-conformance-strimzi-'));
    libs = await fetchConnect();
    // the Strimzi CRDs tools/k8s-validate fetches, so that the compiled KafkaConnect is checked by its own schema
    const bundle = await ensureK8sSchemas();
    const { sources } = JSON.parse(readFileSync(bundle, 'utf8')) as { sources: { name: string; version: string }[] };
    const crds = join(dirname(bundle), 'sources', `strimzi-${sources.find((s) => s.name === 'Strimzi')?.version ?? ''}`);
    kube = await startKubeApiserver();
    for (const f of readdirSync(crds)
      .filter((n) => n.endsWith('.yaml'))
      .sort())
      await kube.installCrds(readFileSync(join(crds, f), 'utf8'));
    tb = await startTestbed({ stateFile: false });
    for (const s of SETUPS) await s.prepare?.(tb.state, await mkdtemp(join(work, `prepare-${s.id}-`)));
  }, 3_600_000);

  afterAll(async () => {
    await kube?.stop();
    await tb?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  }, 120_000);

  describe.each(SETUPS.map((s) => [s.title, s] as const))('%s', (_title, setup: Setup) => {
    let compiled: CompiledK8sSetup;
    const row = new Map<string, Cell>();
    cells.set(setup.id, row);

    it('compiles, refusing exactly what Strimzi cannot be given', async () => {
      compiled = compileK8sSetup(setup, tb.state, join(work, setup.id), EXAMPLE);
      for (const [service, codes] of compiled.refused) row.set(service, `refused (${codes.join(', ')})`);
      const want = expectedCell(setup, SERVICE, 'strimzi');
      expect(want.startsWith('refused') ? want : undefined, render(compiled.result)).toBe(row.get(SERVICE));
      const values = [...Object.values(compiled.store.vars), ...compiled.store.written()].filter((v) => v.length >= 8);
      for (const f of compiled.result.files)
        for (const v of values) expect(f.content.toString('utf8').includes(v), `${f.path} holds a secret value`).toBe(false);
      if (want.startsWith('refused')) return;
      // the customer creates their Secret (for real: the worker reads it through the API), and the real API server,
      // with Strimzi's CRDs, accepts the compiled KafkaConnect (server-side dry-run)
      await applySecrets(kube, [compiled.secret]);
      const texts = compiled.result.files.filter((f) => /\.ya?ml$/.test(f.path)).map((f) => f.content.toString('utf8'));
      const results = await kube.dryRun(texts);
      const rejected = results.flatMap((r) => (typeof r.outcome === 'object' ? [`${r.kind}/${r.name}: ${r.outcome.message}`] : []));
      expect(rejected).toEqual([]);
      expect(results.some((r) => r.kind === 'KafkaConnect' && r.outcome === 'created')).toBe(true);
    });

    it(
      SERVICE,
      async () => {
        const want = expectedCell(setup, SERVICE, 'strimzi');
        if (want.startsWith('refused')) {
          expect(row.get(SERVICE)).toBe(want);
          return;
        }
        if (!compiled) throw new Error(`setup ${setup.id} did not compile`);
        const kc = compiled.objects.find((o) => o.kind === 'KafkaConnect');
        if (!kc) throw new Error(`the compiled stack has no KafkaConnect:\n${render(compiled.result)}`);
        const scratch = await mkdtemp(join(work, `${setup.id}-connect-`));
        let cell: Cell;
        let details = '';
        try {
          const { pod, run } = await runCompiledConnect(kube, compiled, kc, scratch, {
            libs,
            topic: `acme.connect-lines-${setup.id}`,
            group: `acme.connect-lines-${setup.id}`,
            timeoutMs: 90_000,
          });
          cell = run.cell;
          details = `${run.details}\n--- kafka-connect.properties ---\n${pod.properties}`;
          timings.push(`${setup.id}: ${run.cell}, ${run.durationMs} ms`);
          if (cell === 'pass') {
            // the worker's own group and internal topics are the customer's prefixed names, on the real broker
            expect(
              [pod.groupId, pod.configStorageTopic, pod.offsetStorageTopic, pod.statusStorageTopic].every((n) => n.startsWith('acme.')),
            ).toBe(true);
            const admin = join(tb.state.runDir, 'admin.properties');
            const list = await runJava(
              'org.apache.kafka.tools.TopicCommand',
              ['--bootstrap-server', tb.state.listeners.saslPlaintext, '--command-config', admin, '--list'],
              { libs: tb.state.java.libsDir },
            );
            const topics = list.stdout.split('\n').map((t) => t.trim());
            for (const t of [pod.configStorageTopic, pod.offsetStorageTopic, pod.statusStorageTopic])
              expect(topics, `internal topic ${t} on the broker`).toContain(t);
          }
        } catch (e) {
          if (!(e instanceof OperatorError)) throw e;
          cell = 'fail (operator)';
          details = e.message;
        }
        cell = await cellWithCheck(setup, SERVICE, 'strimzi', cell, tb.state, work);
        row.set(SERVICE, cell);
        const bug = knownBugs(setup.id, 'strimzi')[SERVICE];
        const why = bug ? `known bug or limit fixed? then remove it from the known bugs in expected.ts (${bug.note})\n` : '';
        expect(cell, `${why}${details}`).toBe(want);
      },
      180_000,
    );
  });

  it("a broken rendering (the KafkaConnect without its trusted certificates) fails with the worker's TLS error", async () => {
    const setup = SETUPS.find((s) => s.id === 'sasl-ssl-scram-256');
    if (!setup || cells.get(setup.id)?.get(SERVICE) !== 'pass') throw new Error('the SASL_SSL SCRAM-SHA-256 row did not pass');
    const compiled = compileK8sSetup(setup, tb.state, join(work, 'broken'), EXAMPLE);
    const kc = structuredClone(compiled.objects.find((o) => o.kind === 'KafkaConnect'));
    const spec = kc?.['spec'] as { tls?: { trustedCertificates?: unknown[] } } | undefined;
    if (!kc || !spec?.tls?.trustedCertificates?.length) throw new Error('the compiled KafkaConnect trusts no certificate');
    spec.tls.trustedCertificates = [];
    const scratch = await mkdtemp(join(work, 'broken-connect-'));
    const { pod, run } = await runCompiledConnect(kube, compiled, kc, scratch, {
      libs,
      topic: 'acme.connect-lines-broken',
      group: 'acme.connect-lines-broken',
      timeoutMs: 90_000,
    });
    expect(pod.properties).not.toContain('ssl.truststore.certificates=');
    expect(run.cell, run.details).toBe('fail (tls)');
  }, 180_000);

  it("a username kept in a Secret: without the compiled Role, the worker's ServiceAccount cannot read it and the worker fails", async () => {
    const setup = SETUPS.find((s) => s.id === 'sasl-plaintext-scram-512');
    if (!setup || cells.get(setup.id)?.get(SERVICE) !== 'pass') throw new Error('the SASL_PLAINTEXT SCRAM-SHA-512 row did not pass');
    const compiled = compileK8sSetup(setup, tb.state, join(work, 'no-role'), EXAMPLE);
    expect(compiled.objects.filter((o) => o.kind === 'Role' || o.kind === 'RoleBinding')).toHaveLength(2);
    const kc = compiled.objects.find((o) => o.kind === 'KafkaConnect');
    if (!kc) throw new Error('the compiled stack has no KafkaConnect');
    const scratch = await mkdtemp(join(work, 'no-role-connect-'));
    // the pod's ServiceAccount gets only the operator's Role, not the compiled stack's
    const { run } = await runCompiledConnect(kube, { ...compiled, objects: [] }, kc, scratch, {
      libs,
      topic: 'acme.connect-lines-no-role',
      group: 'acme.connect-lines-no-role',
      timeoutMs: 60_000,
    });
    expect(run.cell, run.details).not.toBe('pass');
    expect(run.details).toMatch(/forbidden|403/i);
  }, 180_000);

  // MirrorMaker 2: examples/conformance-strimzi-mm2 mirrors the vendor's upstream cluster (kept as it is: here the
  // broker's PLAINTEXT listener, alias `upstream`) into the bundled Kafka, which graft replaces with the customer's
  // cluster. The operator's rendering (strimzi-mirrormaker2.ts) runs on a real worker; a line produced to the source
  // topic `orders-<setup>` must arrive on the target as `upstream.orders-<setup>`, read by a sink with the worker's
  // credentials, the customer's.
  describe('KafkaMirrorMaker2', () => {
    beforeAll(async () => {
      // what the customer's admin grants MirrorMaker 2 besides the prefixed names (the mirrored topics `<alias>.*`, and
      // the offset-syncs topic, whose name no setting prefixes), and the upstream cluster's `orders` topics: to any
      // authenticated user, so that each setup's own credentials decide
      const acl = await runJava(
        'org.apache.kafka.tools.AclCommand',
        [
          ...['--bootstrap-server', tb.state.listeners.saslPlaintext, '--command-config', join(tb.state.runDir, 'admin.properties')],
          ...['--add', '--allow-principal', 'User:*', '--operation', 'All', '--resource-pattern-type', 'prefixed'],
          ...['--topic', 'upstream.', '--topic', 'mm2-offset-syncs.', '--topic', 'orders'],
        ],
        { libs: tb.state.java.libsDir },
      );
      if (acl.code !== 0) throw new Error(`AclCommand failed: ${acl.stderr}${acl.stdout}`);
    }, 120_000);

    describe.each(SETUPS.filter((s) => MM2_SETUPS.includes(s.id)).map((s) => [s.title, s] as const))('%s', (_title, setup: Setup) => {
      it(
        MM2,
        async () => {
          const want = expectedCell(setup, MM2, 'strimzi');
          const row = cells.get(setup.id) ?? new Map<string, Cell>();
          cells.set(setup.id, row);
          const compiled = compileK8sSetup(setup, tb.state, join(work, `mm2-${setup.id}`), MM2_EXAMPLE);
          expect([...compiled.refused.keys()], render(compiled.result)).toEqual([]);
          await applySecrets(kube, [compiled.secret]);
          const texts = compiled.result.files.filter((f) => /\.ya?ml$/.test(f.path)).map((f) => f.content.toString('utf8'));
          const results = await kube.dryRun(texts);
          expect(results.flatMap((r) => (typeof r.outcome === 'object' ? [`${r.kind}/${r.name}: ${r.outcome.message}`] : []))).toEqual([]);
          const mm2 = structuredClone(compiled.objects.find((o) => o.kind === 'KafkaMirrorMaker2'));
          if (!mm2) throw new Error(`the compiled stack has no KafkaMirrorMaker2:\n${render(compiled.result)}`);
          // graft kept the upstream cluster as it was; the test's DNS resolves it to the PLAINTEXT listener
          const clusters = (mm2['spec'] as { clusters: { alias: string; bootstrapServers: string }[] }).clusters;
          const upstream = clusters.find((c) => c.alias === 'upstream');
          expect(upstream?.bootstrapServers).toBe(UPSTREAM);
          if (upstream) upstream.bootstrapServers = tb.state.listeners.plaintext;
          const scratch = await mkdtemp(join(work, `${setup.id}-mm2-`));
          let cell: Cell;
          let details = '';
          try {
            const r = strimziMirrorMaker2Pod(mm2, compiled.cluster, scratch);
            expect(r.connectors.map((c) => c.name)).toEqual([
              'upstream->bundled.MirrorSourceConnector',
              'upstream->bundled.MirrorCheckpointConnector',
            ]);
            await applySecrets(kube, [compiled.secret, ...r.pod.operatorSecrets]);
            const token = await podToken(kube, r.pod, compiled.objects, 'mirror-mirrormaker2');
            // the line on the upstream cluster, produced there without credentials
            const value = `graft-mm2-${setup.id}-${Date.now()}`;
            const produce = await runJava(
              'org.apache.kafka.tools.ConsoleProducer',
              ['--bootstrap-server', tb.state.listeners.plaintext, '--topic', `orders-${setup.id}`],
              { libs: tb.state.java.libsDir, input: `${value}\n` },
            );
            if (produce.code !== 0) throw new Error(`producing to the upstream cluster failed: ${produce.stderr}`);
            const [restPort] = await freePorts(1);
            const run = await runStrimziConnect(
              r.pod,
              {
                kube,
                token,
                libs,
                restPort: restPort ?? 0,
                topic: `upstream.orders-${setup.id}`,
                group: `acme.mm2-orders-${setup.id}`,
                timeoutMs: 60_000,
                mirrorMaker2: { env: r.env, connectors: r.connectors, value },
              },
              scratch,
            );
            cell = run.cell;
            details = `${run.details}\n--- kafka-connect.properties ---\n${r.pod.properties}\n--- connectors ---\n${JSON.stringify(r.connectors, null, 2)}`;
            timings.push(`${setup.id} (MirrorMaker 2): ${run.cell}, ${run.durationMs} ms`);
            // the worker's group and internal topics are the customer's prefixed names
            if (cell === 'pass')
              expect(
                [r.pod.groupId, r.pod.configStorageTopic, r.pod.offsetStorageTopic, r.pod.statusStorageTopic].every((n) =>
                  n.startsWith('acme.'),
                ),
              ).toBe(true);
          } catch (e) {
            if (!(e instanceof OperatorError)) throw e;
            cell = 'fail (operator)';
            details = e.message;
          }
          row.set(MM2, cell);
          expect(cell, details).toBe(want);
        },
        180_000,
      );
    });
  });

  it('MATRIX.md is the matrix this run produced', () => {
    const text = renderMatrix(
      'strimzi',
      [
        {
          service: SERVICE,
          runner: 'connect-runtime',
          family: 'strimzi-operand',
          library: 'Kafka Connect 4.3 (distributed), Strimzi 0.51.0 rendering',
        },
        {
          service: MM2,
          runner: 'connect-runtime',
          family: 'strimzi-operand',
          library: 'Kafka Connect 4.3 (distributed), Strimzi 0.51.0 rendering',
        },
      ],
      SETUPS.map((s) => ({
        title: s.title,
        cells: cells.get(s.id) ?? new Map<string, Cell>(),
        ...rowNotes(s.id, 'strimzi'),
      })),
    );
    console.log(`${text}\n${timings.join('\n')}`);
    const [committed, rendered] = matrixSectionCheck('strimzi', text);
    expect(committed, 'the Strimzi section of MATRIX.md is stale: rerun with UPDATE_GOLDEN=1').toBe(rendered);
  });
});
