import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../compile/pipeline.js';
import { keyFor, probeReach, probeValues, envAdditions, type EnvValue } from './env-values.js';
import { endpointRuns } from './compile.js';
import { splitRendered, subchartOf } from './helm.js';

const rendered = `---
# Source: app/templates/api.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          env:
            - name: BROKERS
              value: kafka:9092
---
# Source: app/charts/kafka/templates/sts.yaml
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: kafka
---
# Source: app/charts/kafka/templates/tests/canary.yaml
apiVersion: v1
kind: Pod
metadata:
  name: canary
  annotations:
    "helm.sh/hook": test-success
---
# Source: app/templates/empty.yaml
# nothing rendered
`;

describe('helm template output', () => {
  it('splits by # Source into templates, counts test hooks without compiling them, skips empty ones', () => {
    const t = splitRendered(rendered);
    expect(t.map((x) => [x.template, x.documents, x.tests])).toEqual([
      ['templates/api.yaml', 1, 0],
      ['charts/kafka/templates/sts.yaml', 1, 0],
      ['charts/kafka/templates/tests/canary.yaml', 1, 1],
    ]);
    expect(t[2]?.text).toBe('');
    expect(subchartOf('charts/kafka/templates/sts.yaml')).toBe('kafka');
    expect(subchartOf('templates/api.yaml')).toBeUndefined();
  });
});

describe('env values', () => {
  const values: EnvValue[] = [
    { path: 'api.extraEnv', form: 'list' },
    { path: 'ksql.configurationOverrides', form: 'map' },
    { path: 'worker.customEnv', form: 'map' },
  ];
  it('probes every env value once, and reads back which container each reached and how keys become env names', () => {
    expect(JSON.parse(probeValues(values))).toEqual({
      api: { extraEnv: [{ name: 'GRAFT_PROBE_0', value: 'graft-probe-0' }] },
      ksql: { configurationOverrides: { 'graft.probe.1': 'graft-probe-1' } },
      worker: { customEnv: { 'graft.probe.2': 'graft-probe-2' } },
    });
    const probe = `apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  template:
    spec:
      containers:
        - name: api
          env:
            - { name: GRAFT_PROBE_0, value: graft-probe-0 }
        - name: ksql
          env:
            - { name: KSQL_GRAFT_PROBE_1, value: graft-probe-1 }
`;
    const reach = probeReach(probe, values);
    expect(reach.get(values[0])).toEqual({ containers: ['Deployment/api container api'] });
    expect(reach.get(values[1])).toEqual({ containers: ['Deployment/api container ksql'], prefix: 'KSQL_' });
    expect(reach.get(values[2])).toEqual({ containers: [] });
    expect(keyFor('KSQL_SECURITY_PROTOCOL', { containers: [], prefix: 'KSQL_' })).toBe('security.protocol');
    expect(keyFor('OTHER_SETTING', { containers: [], prefix: 'KSQL_' })).toBeUndefined();
    expect(keyFor('ANY_NAME', { containers: [] })).toBe('ANY_NAME');
  });

  it('reads env additions from edits, and refuses edits that change anything else', () => {
    const src = {
      path: 'x',
      text: `kind: Deployment\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: i\n          env:\n            - name: A\n              value: "1"\n`,
    };
    const at = src.text.length;
    const add = envAdditions(src, [{ span: { file: 'x', start: at, end: at }, text: '            - name: B\n              value: "2"\n' }]);
    expect(add && [...add]).toEqual([['Deployment/a container c', [{ name: 'B', value: '2' }]]]);
    const image = src.text.indexOf('image: i') + 7;
    expect(envAdditions(src, [{ span: { file: 'x', start: image, end: image + 1 }, text: 'j' }])).toBeUndefined();
    const one = src.text.indexOf('"1"');
    expect(envAdditions(src, [{ span: { file: 'x', start: one, end: one + 3 }, text: '"9"' }])).toBeUndefined();
  });
});

describe('compiling a chart without helm', () => {
  const dir = mkdtempSync(join(tmpdir(), 'graft-helm-none-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('refuses with HELM_NOT_FOUND and writes nothing', () => {
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'values.yaml'), 'kafka:\n  enabled: true\n');
    const spec = join(dir, '..', `${dir.split('/').pop() ?? 'x'}-kafka.yaml`);
    writeFileSync(
      spec,
      'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: [b-1.example.com:9092]\nsecurityProtocol: PLAINTEXT\n',
    );
    const saved = { helm: process.env['GRAFT_HELM'], path: process.env['PATH'] };
    process.env['GRAFT_HELM'] = join(dir, 'no-helm-here');
    try {
      const r = compileStack({ stack: dir, spec });
      expect(r.files).toEqual([]);
      expect(r.diagnostics.map((d) => d.code)).toEqual(['HELM_NOT_FOUND']);
    } finally {
      if (saved.helm === undefined) delete process.env['GRAFT_HELM'];
      else process.env['GRAFT_HELM'] = saved.helm;
      rmSync(spec, { force: true });
    }
  });
});

describe('values naming the bundled Kafka', () => {
  const hosts = new Set(['jaeger-kafka']);
  const release = { name: 'jaeger', namespace: 'default' };
  it('reads a value the chart passes through tpl with the release substituted, whole or not at all', () => {
    expect(endpointRuns('{{ .Release.Name }}-kafka:9092', hosts, release).map((r) => [r.start, r.end])).toEqual([[0, 30]]);
    expect(endpointRuns('{{ $.Release.Name }}-kafka.{{ .Release.Namespace }}.svc:9092', hosts, release)).toHaveLength(1);
    expect(endpointRuns('jaeger-kafka:9092', hosts, release)).toHaveLength(1);
    expect(endpointRuns('{{ .Values.prefix }}-kafka:9092', hosts, release)).toEqual([]);
    expect(endpointRuns('PLAINTEXT://{{ .Release.Name }}-kafka:9092 extra', hosts, release)).toEqual([]);
    expect(endpointRuns('{{ .Release.Name }}-other:9092', hosts, release)).toEqual([]);
  });
});
