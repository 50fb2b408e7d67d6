import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../compile/pipeline.js';
import { ensureHelm } from '../../../tools/helm/index.js';
import { skippable } from '../../../tests/support/skips.js';

const helmBuild = await ensureHelm();

describe.skipIf(!helmBuild.helm)(skippable("the compiled chart's render, read by the verifier's scanner", helmBuild.reason), () => {
  const dir = mkdtempSync(join(tmpdir(), 'graft-helm-rerender-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const put = (rel: string, text: string): void => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  const compile = (chart: string, bootstrap: string): ReturnType<typeof compileStack> => {
    put(
      `${chart}-kafka.yaml`,
      `apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: [${bootstrap}]\nsecurityProtocol: PLAINTEXT\n`,
    );
    const saved = process.env['GRAFT_HELM'];
    process.env['GRAFT_HELM'] = helmBuild.helm;
    try {
      return compileStack({ stack: join(dir, chart), spec: join(dir, `${chart}-kafka.yaml`) });
    } finally {
      if (saved === undefined) delete process.env['GRAFT_HELM'];
      else process.env['GRAFT_HELM'] = saved;
    }
  };
  const chart = (name: string, values: string, api: string): void => {
    put(`${name}/Chart.yaml`, 'apiVersion: v2\nname: app\nversion: 0.1.0\n');
    put(`${name}/values.yaml`, values);
    put(
      `${name}/templates/kafka.yaml`,
      [
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata: {name: kafka}',
        'spec:',
        '  serviceName: kafka',
        '  selector: {matchLabels: {app: kafka}}',
        '  template:',
        '    metadata: {labels: {app: kafka}}',
        '    spec:',
        '      containers:',
        '        - name: kafka',
        '          image: docker.io/bitnami/kafka:3.7.0',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: kafka}',
        'spec: {selector: {app: kafka}, ports: [{port: 9092}]}',
        '',
      ].join('\n'),
    );
    put(
      `${name}/templates/api.yaml`,
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api}',
        'spec:',
        '  selector: {matchLabels: {app: api}}',
        '  template:',
        '    metadata: {labels: {app: api}}',
        '    spec:',
        '      containers:',
        '        - name: api',
        '          image: example/api:1',
        '          env:',
        '            - name: KAFKA_BROKERS',
        '              value: {{ .Values.brokers | quote }}',
        api,
        '',
      ].join('\n'),
    );
  };

  it('compiles a chart whose customer bootstrap reads as a DNS form of the dropped Service (kafka.acme:9092)', () => {
    chart('acme', 'brokers: kafka:9092\n', '');
    const r = compile('acme', 'kafka.acme:9092');
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    expect(r.files.find((f) => f.path === 'values.yaml')?.content.toString('utf8')).toBe('brokers: kafka.acme:9092\n');
  });

  it('still refuses a render that names the dropped Service in one of its namespace forms', () => {
    // a literal in a template no value sets: the render names the bundled Kafka as `kafka.events:9092`
    chart('events', 'brokers: kafka:9092\n', '            - name: AUDIT_BROKERS\n              value: "kafka.events:9092"');
    const r = compile('events', 'kafka.acme:9092');
    expect(r.files).toEqual([]);
    const d = r.diagnostics.filter((x) => x.severity === 'error');
    expect(d.map((x) => x.code)).toContain('HELM_STILL_BUNDLED');
    expect(d.find((x) => x.code === 'HELM_STILL_BUNDLED')?.message).toContain('kafka.events:9092');
    expect(d.find((x) => x.code === 'HELM_STILL_BUNDLED')?.subject?.file).toBe(join(dir, 'events', 'templates', 'api.yaml'));
  });

  it('refuses a URL of the dropped Service left in the render', () => {
    chart('url', 'brokers: kafka:9092\n', '            - name: KAFKA_REST\n              value: "http://kafka.events:8082/"');
    const r = compile('url', 'b-1.example.com:9092');
    expect(r.files).toEqual([]);
    const d = r.diagnostics.filter((x) => x.severity === 'error');
    expect(d.map((x) => `${x.code}: ${x.message}`)).toContain(
      'HELM_STILL_BUNDLED: the compiled chart still names the bundled Kafka in templates/api.yaml: http://kafka.events:8082/',
    );
  });
});
