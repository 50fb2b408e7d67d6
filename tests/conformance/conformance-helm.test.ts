import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../src/compile/pipeline.js';
import { startTestbed, type Testbed } from '../../testbed/kafka/index.js';
import { setupRunners } from '../../testbed/runners/index.js';
import { ensureHelm, runHelm } from '../../tools/helm/index.js';
import { render } from './compile-setup.js';
import { containerSupportProblem } from './container.js';
import { launchImage } from './images.js';
import { clusterOf, parseManifests, podContainers, startContainer } from './k8s-pod.js';
import { runPod } from './k8s-run.js';
import { K8S_EXAMPLE } from './k8s-setup.js';

// A Helm chart made of the Kubernetes conformance example: its Kafka as a subchart with a condition, its payments
// client (Python, confluent-kafka) as a template of the chart that reads its bootstrap servers from a value. graft
// compiles the chart against the real broker test bed; the compiled chart, rendered by a real helm, starts its
// container as the kubelet would and runs the real client. GRAFT_RUNNERS=none skips it.

const enabled = process.env['GRAFT_RUNNERS']?.trim() !== 'none';
const helmBuild = await ensureHelm();

/** The documents of the example's apps.yaml for one Deployment and the ConfigMaps it reads. */
function appDocuments(names: readonly string[]): string {
  const docs = readFileSync(join(K8S_EXAMPLE, 'apps.yaml'), 'utf8').split(/^---$/m);
  return docs
    .filter((d) => names.some((n) => new RegExp(`^  name: ${n}$`, 'm').test(d)))
    .map((d) => d.replace(/^\n+/, ''))
    .join('---\n');
}

describe.skipIf(!enabled || !helmBuild.helm)('a compiled Helm chart with a real client against the test broker', () => {
  let tb: Testbed;
  const work = mkdtempSync(join(tmpdir(), 'graft-conformance-helm-'));
  const helm = helmBuild.helm ?? '';

  beforeAll(async () => {
    const problem = containerSupportProblem();
    if (problem) throw new Error(problem);
    await setupRunners(['python']);
    tb = await startTestbed({ stateFile: false });
  }, 3_600_000);

  afterAll(async () => {
    await tb?.stop();
    rmSync(work, { recursive: true, force: true });
  }, 120_000);

  it('compiles, renders with helm, and the payments client produces and consumes on the customer cluster', async () => {
    const chart = join(work, 'chart');
    const put = (rel: string, text: string): void => {
      mkdirSync(dirname(join(chart, rel)), { recursive: true });
      writeFileSync(join(chart, rel), text);
    };
    put(
      'Chart.yaml',
      'apiVersion: v2\nname: acme\nversion: 1.0.0\ndependencies:\n  - name: kafka\n    version: 1.0.0\n    condition: kafka.enabled\n',
    );
    put(
      'values.yaml',
      'kafka:\n  enabled: true\npayments:\n  # the Kafka the payments service uses\n  brokers: kafka:9092\n  topic: payments\n  group: payments\n',
    );
    const payments = appDocuments(['payments-settings', 'payments']);
    expect(payments).toContain('value: kafka:9092');
    put(
      'templates/payments.yaml',
      payments
        .replace('value: kafka:9092', 'value: {{ .Values.payments.brokers | quote }}')
        .replace(/(name: TOPIC\n\s+)value: payments/, '$1value: {{ .Values.payments.topic | quote }}')
        .replace(/(name: GROUP_ID\n\s+)value: payments/, '$1value: {{ .Values.payments.group | quote }}'),
    );
    put('charts/kafka/Chart.yaml', 'apiVersion: v2\nname: kafka\nversion: 1.0.0\n');
    put('charts/kafka/templates/kafka.yaml', readFileSync(join(K8S_EXAMPLE, 'kafka.yaml'), 'utf8'));
    const specFile = join(work, 'customer-kafka.yaml');
    writeFileSync(
      specFile,
      `apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: [${JSON.stringify(tb.state.listeners.plaintext)}]\nsecurityProtocol: PLAINTEXT\ntopics: {prefix: acme.}\ngroups: {prefix: acme.}\n`,
    );
    const saved = process.env['GRAFT_HELM'];
    process.env['GRAFT_HELM'] = helm;
    let result: ReturnType<typeof compileStack>;
    try {
      result = compileStack({ stack: chart, spec: specFile });
    } finally {
      if (saved === undefined) delete process.env['GRAFT_HELM'];
      else process.env['GRAFT_HELM'] = saved;
    }
    expect(
      result.diagnostics.filter((d) => d.severity === 'error'),
      render(result),
    ).toEqual([]);
    const out = join(work, 'compiled');
    for (const f of result.files) {
      mkdirSync(dirname(join(out, f.path)), { recursive: true });
      writeFileSync(join(out, f.path), f.content);
    }
    const rendered = runHelm(helm, ['template', 'acme', out, '--namespace', 'conformance']);
    expect(rendered.status, rendered.stderr).toBe(0);
    const objects = parseManifests(rendered.stdout);
    expect(objects.filter((o) => o.kind === 'StatefulSet')).toEqual([]);
    const pc = podContainers(objects).find((c) => c.kind === 'Deployment' && c.name === 'payments');
    if (!pc) throw new Error(`the compiled chart renders no Deployment payments:\n${rendered.stdout}`);
    const scratch = mkdtempSync(join(work, 'payments-'));
    const view = launchImage(
      String(pc.container['image']),
      startContainer(pc, clusterOf(objects), join(scratch, 'volumes')),
      join(scratch, 'image'),
    );
    expect(view.env['KAFKA_BOOTSTRAP_SERVERS']).toBe(tb.state.listeners.plaintext);
    const run = await runPod('python', view, { topic: 'acme.payments', group: 'acme.payments' }, scratch);
    expect(run.cell, run.details).toBe('pass');
  }, 600_000);
});
