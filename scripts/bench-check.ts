// `npm run bench:check`: round trips and wall time of `graft check` for 10 vs 1,000 required topics against a real broker.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCheck, type CheckReport } from '../src/check/index.js';
import { startTestbed } from '../testbed/kafka/index.js';
import { testbedCacheDir } from '../testbed/kafka/paths.js';
import { createTopics, writeInput } from '../tests/check/support.js';

const RUNS = 5;
const tb = await startTestbed({ stateFile: false });
const dir = mkdtempSync(join(testbedCacheDir(), 'bench-check-'));
try {
  const names = Array.from({ length: 1000 }, (_, i) => `bench-${String(i).padStart(4, '0')}`);
  const t0 = performance.now();
  for (let i = 0; i < names.length; i += 250) {
    await createTopics(
      tb.state,
      names.slice(i, i + 250).map((n) => ({ name: `acme.${n}`, partitions: 1, configs: { 'cleanup.policy': 'delete' } })),
    );
  }
  console.log(`created ${names.length} topics in ${Math.round(performance.now() - t0)} ms`);
  const spec = writeInput(dir, 'spec.yaml', {
    apiVersion: 'graft.dev/v1',
    kind: 'CustomerKafka',
    bootstrapServers: tb.state.listeners.saslPlaintext,
    securityProtocol: 'SASL_PLAINTEXT',
    sasl: { mechanism: 'SCRAM-SHA-512', username: 'alice', password: { secretRef: { env: 'ALICE_PASSWORD' } } },
    topics: { prefix: 'acme.' },
    groups: { prefix: 'acme.' },
  });
  const env = { ALICE_PASSWORD: tb.state.users.alice.password };
  const rows: string[] = [];
  for (const count of [10, 1000]) {
    const req = writeInput(dir, `requirements-${count}.json`, {
      apiVersion: 'graft.dev/v1',
      kind: 'KafkaRequirements',
      topics: names
        .slice(0, count)
        .map((name) => ({ name, partitions: 1, configs: { 'cleanup.policy': 'delete' }, operations: ['READ', 'WRITE'] })),
      groups: ['bench-consumers'],
    });
    const reports: CheckReport[] = [];
    await runCheck({ spec, requirements: req, env }); // warm-up
    for (let i = 0; i < RUNS; i++) reports.push(await runCheck({ spec, requirements: req, env }));
    const bad = reports.find((r) => !r.ok);
    if (bad) throw new Error(`check failed: ${bad.diagnostics.map((d) => d.code).join(', ')}`);
    const wall = reports.map((r) => r.wallMs).sort((a, b) => a - b);
    const topicSteps = reports.map((r) => r.steps.find((s) => s.probe === 'topics')?.ms ?? 0).sort((a, b) => a - b);
    const kafka = reports[0]?.stats.kafka ?? {};
    const total = Object.values(kafka).reduce((a, b) => a + b, 0);
    const perApi = Object.entries(kafka)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    rows.push(`| ${count} | ${total} (${perApi}) | ${wall[Math.floor(RUNS / 2)]} ms | ${topicSteps[Math.floor(RUNS / 2)]} ms |`);
  }
  console.log(`\n| required topics | Kafka requests per check | median wall time (${RUNS} runs) | median topics step |`);
  console.log('| --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
} finally {
  rmSync(dir, { recursive: true, force: true });
  await tb.stop();
}
