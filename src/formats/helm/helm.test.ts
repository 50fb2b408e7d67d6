import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../compile/pipeline.js';
import { renderDiff } from '../../plan/render.js';
import { ensureHelm, runHelm } from '../../../tools/helm/index.js';
import { skippable } from '../../../tests/support/skips.js';
import { containerEnvs, keyFor, probeReach, probeValues, envAdditions, type EnvValue } from './env-values.js';
import { endpointRuns } from './compile.js';
import { RELEASE_NAME_MAX, releaseName, splitRendered, subchartOf } from './helm.js';

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

describe('release name', () => {
  const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
  it('derives a lowercase DNS-1123 name of at most 53 characters from the chart name', () => {
    expect(releaseName('kafka')).toBe('kafka');
    expect(releaseName('cp-helm-charts')).toBe('cp-helm-charts');
    expect(releaseName('Palisade-services')).toBe('palisade-services');
    expect(releaseName('my_chart.v2')).toBe('my-chart-v2');
    expect(releaseName('--Odd__ Name!!')).toBe('odd-name');
    expect(releaseName('___')).toBe('release');
    const long = releaseName(`${'a'.repeat(52)}_b${'c'.repeat(20)}`);
    expect(long).toBe('a'.repeat(52));
    for (const name of ['Palisade-services', 'X'.repeat(80), 'a.b.c', '9lives', 'ÄÖÜ-chart', `${'z'.repeat(60)}`]) {
      const r = releaseName(name);
      expect(r.length).toBeLessThanOrEqual(RELEASE_NAME_MAX);
      expect(r).toMatch(DNS1123);
      expect(releaseName(name)).toBe(r);
    }
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

const helmBuild = await ensureHelm();

describe.skipIf(!helmBuild.helm)(
  skippable('a SASL customer: settings the chart has no value for go into its extraEnv list, secrets as references', helmBuild.reason),
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'graft-helm-sasl-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const put = (rel: string, text: string): void => {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    };
    it('compiles, and the compiled chart renders every setting with the password from the customer Secret', () => {
      put(
        'chart/Chart.yaml',
        'apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: kafka\n    version: 1.0.0\n    condition: kafka.enabled\n',
      );
      put(
        'chart/values.yaml',
        '# the bundled Kafka\nkafka:\n  enabled: true\napi:\n  brokers: "{{ .Release.Name }}-kafka:9092"\n  # more env entries for the api container\n  extraEnv: []\n',
      );
      put(
        'chart/templates/api.yaml',
        [
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata:',
          '  name: {{ .Release.Name }}-api',
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
          '              value: {{ tpl .Values.api.brokers . | quote }}',
          '            {{- with .Values.api.extraEnv }}',
          '            {{- toYaml . | nindent 12 }}',
          '            {{- end }}',
          '',
        ].join('\n'),
      );
      put('chart/charts/kafka/Chart.yaml', 'apiVersion: v2\nname: kafka\nversion: 1.0.0\n');
      put(
        'chart/charts/kafka/templates/kafka.yaml',
        [
          'apiVersion: v1',
          'kind: Service',
          'metadata: {name: {{ .Release.Name }}-kafka}',
          'spec: {selector: {app: kafka}, ports: [{port: 9092}]}',
          '---',
          'apiVersion: apps/v1',
          'kind: StatefulSet',
          'metadata: {name: {{ .Release.Name }}-kafka}',
          'spec:',
          '  serviceName: {{ .Release.Name }}-kafka',
          '  selector: {matchLabels: {app: kafka}}',
          '  template:',
          '    metadata: {labels: {app: kafka}}',
          '    spec:',
          '      containers:',
          '        - name: kafka',
          '          image: docker.io/bitnami/kafka:3.7.0',
          '',
        ].join('\n'),
      );
      put(
        'chart/graft.yaml',
        'apiVersion: graft.dev/v1\nkind: Bindings\nkafka:\n  clients:\n    app-api:\n      family: env\n      env:\n        bootstrapServers: KAFKA_BROKERS\n        securityProtocol: KAFKA_SECURITY_PROTOCOL\n        saslMechanism: KAFKA_SASL_MECHANISM\n        saslUsername: KAFKA_SASL_USERNAME\n        saslPassword: KAFKA_SASL_PASSWORD\n',
      );
      put(
        'kafka.yaml',
        'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: pkc-1.example.com:9092\nsecurityProtocol: SASL_SSL\nsasl:\n  mechanism: PLAIN\n  username: { secretRef: { kubernetes: { name: cc, key: api-key } } }\n  password: { secretRef: { kubernetes: { name: cc, key: api-secret } } }\n',
      );
      const saved = process.env['GRAFT_HELM'];
      process.env['GRAFT_HELM'] = helmBuild.helm;
      try {
        const r = compileStack({ stack: join(dir, 'chart'), spec: join(dir, 'kafka.yaml') });
        expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
        const values = r.files.find((f) => f.path === 'values.yaml')?.content.toString('utf8') ?? '';
        expect(values).toContain('kafka:\n  enabled: false\n');
        expect(values).toContain('brokers: "pkc-1.example.com:9092"');
        expect(values).toContain('# more env entries for the api container');
        const out = join(dir, 'out');
        for (const f of r.files) {
          mkdirSync(dirname(join(out, f.path)), { recursive: true });
          writeFileSync(join(out, f.path), f.content);
        }
        const rendered = runHelm(helmBuild.helm ?? '', ['template', 'app', out]);
        expect(rendered.status, rendered.stderr).toBe(0);
        const env = containerEnvs(rendered.stdout).get('Deployment/app-api container api') ?? [];
        expect(env.find((e) => e.name === 'KAFKA_BROKERS')?.value).toBe('pkc-1.example.com:9092');
        expect(env.find((e) => e.name === 'KAFKA_SECURITY_PROTOCOL')?.value).toBe('SASL_SSL');
        expect(env.find((e) => e.name === 'KAFKA_SASL_PASSWORD')?.valueFrom).toEqual({ secretKeyRef: { name: 'cc', key: 'api-secret' } });
        expect(rendered.stdout).not.toContain('kind: StatefulSet');
      } finally {
        if (saved === undefined) delete process.env['GRAFT_HELM'];
        else process.env['GRAFT_HELM'] = saved;
      }
    });

    it('with --with-preflight, adds a pre-install/pre-upgrade hook Job that helm lints and renders, its bundle outside the chart', () => {
      const bundle = join(dir, 'graft-standalone.js');
      writeFileSync(bundle, '// a stand-in bundle\n');
      const saved = process.env['GRAFT_HELM'];
      process.env['GRAFT_HELM'] = helmBuild.helm;
      try {
        const r = compileStack({ stack: join(dir, 'chart'), spec: join(dir, 'kafka.yaml'), withPreflight: { bundle } });
        expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
        const out = join(dir, 'out-preflight');
        for (const f of r.files) {
          mkdirSync(dirname(join(out, f.path)), { recursive: true });
          writeFileSync(join(out, f.path), f.content);
        }
        expect(r.files.find((f) => f.path === '.helmignore')?.content.toString('utf8')).toContain('graft-preflight/\n');
        const bundleFile = r.files.find((f) => f.path === 'graft-preflight/bundle.yaml')?.content.toString('utf8') ?? '';
        expect(bundleFile).toMatch(/^binaryData:\n {2}graft\.js\.gz: H4sI/m);
        expect(r.plan.notes.some((n) => n.includes('kubectl apply --server-side -n <namespace> -f graft-preflight/bundle.yaml'))).toBe(
          true,
        );
        const lint = runHelm(helmBuild.helm ?? '', ['lint', out]);
        expect(lint.status, lint.stdout + lint.stderr).toBe(0);
        const rendered = runHelm(helmBuild.helm ?? '', ['template', 'shop', out, '--namespace', 'team']);
        expect(rendered.status, rendered.stderr).toBe(0);
        // the bundle is left out of the chart, so out of the release's Secret
        expect(rendered.stdout).not.toContain('graft.js.gz: H4sI');
        interface Doc {
          kind: string;
          metadata: { name: string; annotations?: Record<string, string> };
          data?: Record<string, string>;
          spec?: { template: { spec: { volumes: { projected?: { sources: unknown[] } }[]; containers: { command: string[] }[] } } };
        }
        const docs = parseAllDocuments(rendered.stdout).map((d) => d.toJS() as Doc | null);
        const job = docs.find((d) => d?.kind === 'Job');
        const spec = docs.find((d) => d?.kind === 'ConfigMap');
        expect(job?.metadata.name).toBe('shop-graft-preflight');
        expect(job?.metadata.annotations).toEqual({
          'helm.sh/hook': 'pre-install,pre-upgrade',
          'helm.sh/hook-weight': '-5',
          'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
        });
        expect(spec?.metadata.annotations?.['helm.sh/hook-weight']).toBe('-10');
        expect(spec?.data?.['kafka.yaml']).toBe(readFileSync(join(dir, 'kafka.yaml'), 'utf8'));
        const pod = job?.spec?.template.spec;
        expect(pod?.volumes[0]?.projected?.sources).toEqual([
          { configMap: { name: 'shop-graft-preflight', items: [{ key: 'kafka.yaml', path: 'kafka.yaml' }] } },
          { configMap: { name: 'graft-preflight-bundle', optional: true } },
        ]);
        // the Secrets the workloads read, mounted as the Kubernetes format's preflight mounts them
        expect(JSON.stringify(pod?.volumes[1])).toContain('"name":"cc"');
        expect(pod?.containers[0]?.command[2]).toContain('kubectl apply --server-side -n team -f graft-preflight/bundle.yaml');
      } finally {
        if (saved === undefined) delete process.env['GRAFT_HELM'];
        else process.env['GRAFT_HELM'] = saved;
      }
    });

    it('refuses, naming the template, when no value of the chart reaches the container', () => {
      const api = readFileSync(join(dir, 'chart/templates/api.yaml'), 'utf8');
      put('bare/templates/api.yaml', api.replace(/\n\s*\{\{- with \.Values\.api\.extraEnv \}\}[\s\S]*?\{\{- end \}\}/, ''));
      for (const f of ['Chart.yaml', 'graft.yaml', 'charts/kafka/Chart.yaml', 'charts/kafka/templates/kafka.yaml'])
        put(`bare/${f}`, readFileSync(join(dir, 'chart', f), 'utf8'));
      put('bare/values.yaml', 'kafka:\n  enabled: true\napi:\n  brokers: "{{ .Release.Name }}-kafka:9092"\n');
      const saved = process.env['GRAFT_HELM'];
      process.env['GRAFT_HELM'] = helmBuild.helm;
      try {
        const r = compileStack({ stack: join(dir, 'bare'), spec: join(dir, 'kafka.yaml') });
        expect(r.files).toEqual([]);
        const d = r.diagnostics.filter((x) => x.severity === 'error');
        expect(d.map((x) => x.code)).toEqual(['HELM_VALUE_NOT_EXPRESSED']);
        expect(d[0]?.subject?.file).toBe(join(dir, 'bare', 'templates', 'api.yaml'));
        expect(d[0]?.message).toContain('KAFKA_SASL_PASSWORD');
      } finally {
        if (saved === undefined) delete process.env['GRAFT_HELM'];
        else process.env['GRAFT_HELM'] = saved;
      }
    });
  },
);

describe.skipIf(!helmBuild.helm)(skippable("Kafka in the chart's own templates", helmBuild.reason), () => {
  const dir = mkdtempSync(join(tmpdir(), 'graft-helm-own-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const put = (rel: string, text: string): void => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  const kafka = (extra: string): string =>
    [
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata: {name: {{ .Release.Name }}-kafka}',
      'spec:',
      '  serviceName: {{ .Release.Name }}-kafka',
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
      'metadata: {name: {{ .Release.Name }}-kafka}',
      'spec: {selector: {app: kafka}, ports: [{port: 9092}]}',
      extra,
    ].join('\n');
  const api = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: {{ .Release.Name }}-api}',
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
    '',
  ].join('\n');
  const spec = join(dir, 'kafka.yaml');
  const compile = (chart: string): ReturnType<typeof compileStack> => {
    const saved = process.env['GRAFT_HELM'];
    process.env['GRAFT_HELM'] = helmBuild.helm;
    try {
      return compileStack({ stack: join(dir, chart), spec });
    } finally {
      if (saved === undefined) delete process.env['GRAFT_HELM'];
      else process.env['GRAFT_HELM'] = saved;
    }
  };
  put(
    spec.slice(dir.length + 1),
    'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: [b-1.example.com:9092]\nsecurityProtocol: PLAINTEXT\n',
  );

  it('empties a template whose every object served the bundled Kafka, and sets the value naming it', () => {
    put('own/Chart.yaml', 'apiVersion: v2\nname: app\nversion: 0.1.0\n');
    put('own/values.yaml', 'brokers: app-kafka:9092\n');
    put('own/templates/kafka.yaml', kafka(''));
    put('own/templates/api.yaml', api);
    const r = compile('own');
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    const text = (p: string): string => r.files.find((f) => f.path === p)?.content.toString('utf8') ?? '';
    expect(text('templates/kafka.yaml')).toMatch(
      /^# Written by graft: every object this template rendered \(StatefulSet\/app-kafka, Service\/app-kafka\)/,
    );
    expect(text('templates/kafka.yaml').split('\n')).toHaveLength(2);
    expect(text('values.yaml')).toBe('brokers: b-1.example.com:9092\n');
    expect(text('templates/api.yaml')).toBe(api);
  });

  it('removes the Kafka documents from a template that also renders a kept object as a `---` document of its own', () => {
    put('mixed/Chart.yaml', 'apiVersion: v2\nname: app\nversion: 0.1.0\n');
    put('mixed/values.yaml', 'brokers: app-kafka:9092\n');
    put('mixed/templates/all.yaml', `# the whole app\n---\n${kafka(`---\n${api}`)}`);
    const r = compile('mixed');
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    const text = (p: string): string => r.files.find((f) => f.path === p)?.content.toString('utf8') ?? '';
    expect(text('templates/all.yaml')).toBe(`# the whole app\n---\n${api}`);
    expect(r.plan.dropped.map((d) => d.service)).toEqual(['StatefulSet/app-kafka', 'Service/app-kafka']);
    expect(text('values.yaml')).toBe('brokers: b-1.example.com:9092\n');
    // the Kafka first, the kept object after it, no header: the template starts with the kept object
    put('first/Chart.yaml', 'apiVersion: v2\nname: app\nversion: 0.1.0\n');
    put('first/values.yaml', 'brokers: app-kafka:9092\n');
    put('first/templates/all.yaml', `${api}---\n${kafka('')}`);
    const f = compile('first');
    expect(f.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    expect(f.files.find((x) => x.path === 'templates/all.yaml')?.content.toString('utf8')).toBe(api);
  });

  it('removes an `{{ if }}` block that spans only Kafka documents, with the block', () => {
    put('block/Chart.yaml', 'apiVersion: v2\nname: app\nversion: 0.1.0\n');
    put('block/values.yaml', 'brokers: app-kafka:9092\nenabled: true\n');
    put('block/templates/all.yaml', `${api}---\n{{- if .Values.enabled }}\n${kafka('')}{{- end }}\n`);
    const r = compile('block');
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    expect(r.files.find((x) => x.path === 'templates/all.yaml')?.content.toString('utf8')).toBe(api);
  });

  it('refuses a template whose `{{ if }}` block spans the Kafka and a kept object, naming why', () => {
    put('spans/Chart.yaml', 'apiVersion: v2\nname: app\nversion: 0.1.0\n');
    put('spans/values.yaml', 'brokers: app-kafka:9092\nenabled: true\n');
    put('spans/templates/all.yaml', `{{- if .Values.enabled }}\n${kafka(`---\n${api}`)}{{- end }}\n`);
    const r = compile('spans');
    expect(r.files).toEqual([]);
    const d = r.diagnostics.filter((x) => x.severity === 'error');
    expect([...new Set(d.map((x) => x.code))]).toEqual(['HELM_KAFKA_IN_TEMPLATES']);
    expect(d[0]?.message).toContain('block spans its `---` documents of the Kafka and of kept objects');
    expect(d[0]?.subject?.file).toBe(join(dir, 'spans', 'templates', 'all.yaml'));
  });
});

describe.skipIf(!helmBuild.helm)(skippable('a Kafka subchart packaged as .tgz under charts/', helmBuild.reason), () => {
  const dir = mkdtempSync(join(tmpdir(), 'graft-helm-tgz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('is turned off through its condition like a directory subchart', () => {
    const chart = join(dir, 'jaeger');
    cpSync(join(import.meta.dirname, 'cases', 'jaeger-kafka-subchart', 'input'), chart, { recursive: true });
    const packed = runHelm(helmBuild.helm ?? '', ['package', join(chart, 'charts', 'kafka'), '--destination', join(chart, 'charts')]);
    expect(packed.status, packed.stderr).toBe(0);
    rmSync(join(chart, 'charts', 'kafka'), { recursive: true });
    const saved = process.env['GRAFT_HELM'];
    process.env['GRAFT_HELM'] = helmBuild.helm;
    try {
      const r = compileStack({ stack: chart, spec: join(import.meta.dirname, 'cases', 'jaeger-kafka-subchart', 'kafka.yaml') });
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
      expect(r.files.find((f) => f.path === 'values.yaml')?.content.toString('utf8')).toContain('  kafka: false\n');
      expect(r.files.find((f) => f.path === 'charts/kafka-26.6.2.tgz')?.changed).toBe(false);
    } finally {
      if (saved === undefined) delete process.env['GRAFT_HELM'];
      else process.env['GRAFT_HELM'] = saved;
    }
  });
});

describe.skipIf(!helmBuild.helm)(skippable('a Kafka subchart without a condition', helmBuild.reason), () => {
  const dir = mkdtempSync(join(tmpdir(), 'graft-helm-remove-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const put = (rel: string, text: string): void => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  it('is removed from dependencies, Chart.lock (with the digest helm checks) and charts/, and the stack keeps it', () => {
    put('kafka/Chart.yaml', 'apiVersion: v2\nname: kafka\nversion: 1.2.0\n');
    put(
      'kafka/templates/kafka.yaml',
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: {{ .Release.Name }}-kafka}',
        'spec: {selector: {app: kafka}, ports: [{port: 9092}]}',
        '---',
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata: {name: {{ .Release.Name }}-kafka}',
        'spec:',
        '  serviceName: {{ .Release.Name }}-kafka',
        '  selector: {matchLabels: {app: kafka}}',
        '  template:',
        '    metadata: {labels: {app: kafka}}',
        '    spec:',
        '      containers:',
        '        - name: kafka',
        '          image: apache/kafka:3.7.0',
        '',
      ].join('\n'),
    );
    put('extra/Chart.yaml', 'apiVersion: v2\nname: extra\nversion: 0.3.0\n');
    put('extra/values.yaml', 'data:\n  greeting: hello\n');
    put('extra/templates/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: {{ .Release.Name }}-extra}\ndata: {a: "1"}\n');
    put(
      'app/Chart.yaml',
      [
        'apiVersion: v2',
        'name: app',
        'version: 0.1.0',
        'dependencies:',
        '  # the bundled Kafka, always on',
        '  - name: kafka',
        '    version: ">=1.0.0 <2.0.0"',
        '    repository: file://../kafka',
        '  - name: extra',
        '    version: 0.3.0',
        '    repository: "file://../extra"',
        '    tags: [extras]',
        '    import-values: [data]',
        '',
      ].join('\n'),
    );
    put('app/values.yaml', 'api:\n  brokers: "{{ .Release.Name }}-kafka:9092"\n');
    put(
      'app/templates/api.yaml',
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: {{ .Release.Name }}-api}',
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
        '              value: {{ tpl .Values.api.brokers . | quote }}',
        '',
      ].join('\n'),
    );
    const helm = helmBuild.helm ?? '';
    const updated = runHelm(helm, ['dependency', 'update', join(dir, 'app')]);
    expect(updated.status, updated.stderr).toBe(0);
    const lockBefore = readFileSync(join(dir, 'app', 'Chart.lock'), 'utf8');
    const saved = process.env['GRAFT_HELM'];
    process.env['GRAFT_HELM'] = helm;
    let r: ReturnType<typeof compileStack>;
    try {
      r = compileStack({ stack: join(dir, 'app'), spec: join(import.meta.dirname, 'cases', 'jaeger-kafka-subchart', 'kafka.yaml') });
    } finally {
      if (saved === undefined) delete process.env['GRAFT_HELM'];
      else process.env['GRAFT_HELM'] = saved;
    }
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    expect(r.files.map((f) => f.path)).toEqual(['Chart.lock', 'Chart.yaml', 'charts/extra-0.3.0.tgz', 'templates/api.yaml', 'values.yaml']);
    const text = (p: string): string => r.files.find((f) => f.path === p)?.content.toString('utf8') ?? '';
    expect(text('Chart.yaml')).not.toContain('kafka');
    expect(text('Chart.yaml')).toContain('  - name: extra\n');
    expect(text('Chart.lock')).not.toContain('name: kafka');
    expect(r.plan.dropped[0]?.reason).toContain(
      'removed from the dependencies in Chart.yaml, its entry in Chart.lock (digest recomputed) and charts/kafka-1.2.0.tgz',
    );
    // the plan's diff lists the archive the output leaves out, where `diff -r` would, among the changed files
    expect(r.removed).toEqual(['charts/kafka-1.2.0.tgz']);
    const diff = renderDiff(r.files, r.removed);
    expect(diff).toContain('+++ b/Chart.yaml\n');
    expect(diff.indexOf('+++ b/Chart.yaml\n')).toBeLessThan(diff.indexOf('Only in a/charts: kafka-1.2.0.tgz\n'));
    expect(diff.indexOf('Only in a/charts: kafka-1.2.0.tgz\n')).toBeLessThan(diff.indexOf('+++ b/values.yaml\n'));
    // the stack is untouched
    expect(readFileSync(join(dir, 'app', 'Chart.lock'), 'utf8')).toBe(lockBefore);
    expect(runHelm(helm, ['lint', join(dir, 'app')]).status).toBe(0);
    // the compiled chart, written beside the origin: helm accepts its lock as in sync and builds charts/ from it
    const out = join(dir, 'compiled');
    for (const f of r.files) {
      mkdirSync(dirname(join(out, f.path)), { recursive: true });
      writeFileSync(join(out, f.path), f.content);
    }
    rmSync(join(out, 'charts'), { recursive: true });
    const built = runHelm(helm, ['dependency', 'build', out, '--skip-refresh']);
    expect(built.status, built.stderr).toBe(0);
    const lint = runHelm(helm, ['lint', out]);
    expect(lint.status, lint.stdout).toBe(0);
    const rendered = runHelm(helm, ['template', 'app', out]);
    expect(rendered.status, rendered.stderr).toBe(0);
    expect(rendered.stdout).not.toContain('StatefulSet');
    expect(rendered.stdout).toContain('b-1.events.kafka.eu-west-1.amazonaws.com:9092');
  });
  it('in an apiVersion v1 chart, is removed from requirements.yaml and requirements.lock', () => {
    // the kafka and extra charts of the test above
    put('appv1/Chart.yaml', 'apiVersion: v1\nname: app\nversion: 0.1.0\n');
    put(
      'appv1/requirements.yaml',
      'dependencies:\n  - name: kafka\n    version: 1.2.0\n    repository: file://../kafka\n  - name: extra\n    version: 0.3.0\n    repository: file://../extra\n',
    );
    put('appv1/values.yaml', 'api:\n  brokers: "{{ .Release.Name }}-kafka:9092"\n');
    put('appv1/templates/api.yaml', readFileSync(join(dir, 'app', 'templates', 'api.yaml'), 'utf8'));
    const helm = helmBuild.helm ?? '';
    const updated = runHelm(helm, ['dependency', 'update', join(dir, 'appv1')]);
    expect(updated.status, updated.stderr).toBe(0);
    const saved = process.env['GRAFT_HELM'];
    process.env['GRAFT_HELM'] = helm;
    let r: ReturnType<typeof compileStack>;
    try {
      r = compileStack({ stack: join(dir, 'appv1'), spec: join(import.meta.dirname, 'cases', 'jaeger-kafka-subchart', 'kafka.yaml') });
    } finally {
      if (saved === undefined) delete process.env['GRAFT_HELM'];
      else process.env['GRAFT_HELM'] = saved;
    }
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    expect(r.files.map((f) => f.path)).toEqual([
      'Chart.yaml',
      'charts/extra-0.3.0.tgz',
      'requirements.lock',
      'requirements.yaml',
      'templates/api.yaml',
      'values.yaml',
    ]);
    const out = join(dir, 'compiledv1');
    for (const f of r.files) {
      mkdirSync(dirname(join(out, f.path)), { recursive: true });
      writeFileSync(join(out, f.path), f.content);
    }
    expect(readFileSync(join(out, 'requirements.yaml'), 'utf8')).toBe(
      'dependencies:\n  - name: extra\n    version: 0.3.0\n    repository: file://../extra\n',
    );
    rmSync(join(out, 'charts'), { recursive: true });
    const built = runHelm(helm, ['dependency', 'build', out, '--skip-refresh']);
    expect(built.status, built.stderr).toBe(0);
    expect(built.stderr).not.toContain('out of sync');
  });
});

describe.skipIf(!helmBuild.helm)(skippable('an externalKafka host/port values block', helmBuild.reason), () => {
  const dir = mkdtempSync(join(tmpdir(), 'graft-helm-external-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const put = (rel: string, text: string): void => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  const chart = (name: string, external: string): string => {
    put(
      `${name}/Chart.yaml`,
      'apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: kafka\n    version: 1.0.0\n    condition: kafka.enabled\n',
    );
    put(`${name}/values.yaml`, `kafka:\n  enabled: true\n${external}`);
    put(
      `${name}/templates/_helpers.tpl`,
      [
        '{{- define "app.kafka" -}}',
        '{{- if .Values.kafka.enabled -}}',
        '{{ .Release.Name }}-kafka:9092',
        '{{- else if .Values.externalKafka.cluster -}}',
        '{{- $list := list -}}',
        '{{- range .Values.externalKafka.cluster -}}{{- $list = append $list (printf "%s:%v" .host .port) -}}{{- end -}}',
        '{{ join "," $list }}',
        '{{- else -}}',
        '{{ required "externalKafka.host" .Values.externalKafka.host }}:{{ required "externalKafka.port" .Values.externalKafka.port }}',
        '{{- end -}}',
        '{{- end -}}',
        '',
      ].join('\n'),
    );
    put(
      `${name}/templates/api.yaml`,
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: {{ .Release.Name }}-api}',
        'spec:',
        '  selector: {matchLabels: {app: api}}',
        '  template:',
        '    metadata: {labels: {app: api}}',
        '    spec:',
        '      containers:',
        '        - name: api',
        '          image: example/api:1',
        '          env:',
        '            - name: KAFKA_BOOTSTRAP_SERVERS',
        '              value: {{ include "app.kafka" . | quote }}',
        '',
      ].join('\n'),
    );
    put(`${name}/charts/kafka/Chart.yaml`, 'apiVersion: v2\nname: kafka\nversion: 1.0.0\n');
    put(
      `${name}/charts/kafka/templates/kafka.yaml`,
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: {{ .Release.Name }}-kafka}',
        'spec: {selector: {app: kafka}, ports: [{port: 9092}]}',
        '---',
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata: {name: {{ .Release.Name }}-kafka}',
        'spec:',
        '  serviceName: {{ .Release.Name }}-kafka',
        '  selector: {matchLabels: {app: kafka}}',
        '  template:',
        '    metadata: {labels: {app: kafka}}',
        '    spec:',
        '      containers:',
        '        - name: kafka',
        '          image: apache/kafka:3.7.0',
        '',
      ].join('\n'),
    );
    return join(dir, name);
  };
  const compile = (stack: string, spec: string): ReturnType<typeof compileStack> => {
    const saved = process.env['GRAFT_HELM'];
    process.env['GRAFT_HELM'] = helmBuild.helm;
    try {
      return compileStack({ stack, spec });
    } finally {
      if (saved === undefined) delete process.env['GRAFT_HELM'];
      else process.env['GRAFT_HELM'] = saved;
    }
  };
  const rendered = (r: ReturnType<typeof compileStack>, name: string): string => {
    const out = join(dir, `${name}-out`);
    for (const f of r.files) {
      mkdirSync(dirname(join(out, f.path)), { recursive: true });
      writeFileSync(join(out, f.path), f.content);
    }
    const t = runHelm(helmBuild.helm ?? '', ['template', 'app', out]);
    expect(t.status, t.stderr).toBe(0);
    return /KAFKA_BOOTSTRAP_SERVERS\n\s+value: "([^"]*)"/.exec(t.stdout)?.[1] ?? '';
  };
  const block =
    '# the Kafka the chart uses when kafka.enabled is false\nexternalKafka:\n  host: "kafka-confluent"\n  port: 9092\n  cluster: []\n';

  it('sets host and port to one bootstrap server, in their own types, and leaves the empty cluster list', () => {
    put(
      'one.yaml',
      'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: [broker.example.com:9094]\nsecurityProtocol: PLAINTEXT\n',
    );
    const r = compile(chart('one', block), join(dir, 'one.yaml'));
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    const values = r.files.find((f) => f.path === 'values.yaml')?.content.toString('utf8');
    expect(values).toBe(
      'kafka:\n  enabled: false\n# the Kafka the chart uses when kafka.enabled is false\nexternalKafka:\n  host: "broker.example.com"\n  port: 9094\n  cluster: []\n',
    );
    expect(r.plan.rewired.find((x) => x.service === 'value externalKafka')?.changed).toEqual(['externalKafka.host', 'externalKafka.port']);
    expect(rendered(r, 'one')).toBe('broker.example.com:9094');
  });

  it('writes an empty flow cluster list as flow {host, port} entries for several servers', () => {
    const r = compile(chart('flow', block), join(import.meta.dirname, 'cases', 'jaeger-kafka-subchart', 'kafka.yaml'));
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    const values = r.files.find((f) => f.path === 'values.yaml')?.content.toString('utf8');
    expect(values).toContain(
      '  cluster: [{host: b-1.events.kafka.eu-west-1.amazonaws.com, port: 9092}, {host: b-2.events.kafka.eu-west-1.amazonaws.com, port: 9092}]\n',
    );
    expect(rendered(r, 'flow')).toBe('b-1.events.kafka.eu-west-1.amazonaws.com:9092,b-2.events.kafka.eu-west-1.amazonaws.com:9092');
  });

  it('refuses a customer who needs SASL, naming the block, and writes nothing', () => {
    put(
      'sasl.yaml',
      'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: [pkc-1.example.com:9092]\nsecurityProtocol: SASL_SSL\nsasl:\n  mechanism: PLAIN\n  username: { secretRef: { kubernetes: { name: cc, key: api-key } } }\n  password: { secretRef: { kubernetes: { name: cc, key: api-secret } } }\n',
    );
    const stack = chart('sasl', block);
    put(
      'sasl/graft.yaml',
      'apiVersion: graft.dev/v1\nkind: Bindings\nkafka:\n  clients:\n    app-api:\n      family: env\n      env:\n        bootstrapServers: KAFKA_BOOTSTRAP_SERVERS\n        securityProtocol: KAFKA_SECURITY_PROTOCOL\n        saslMechanism: KAFKA_SASL_MECHANISM\n        saslUsername: KAFKA_SASL_USERNAME\n        saslPassword: KAFKA_SASL_PASSWORD\n',
    );
    const r = compile(stack, join(dir, 'sasl.yaml'));
    expect(r.files).toEqual([]);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(['HELM_VALUE_NOT_EXPRESSED']);
    expect(errors[0]?.message).toContain('externalKafka gives the chart');
    expect(errors[0]?.subject?.file).toBe(join(dir, 'sasl', 'values.yaml'));
  });

  it('sets a value holding a topic the naming renames, and leaves a value of another kind alone', () => {
    put(
      'named.yaml',
      'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: [broker.example.com:9094]\nsecurityProtocol: PLAINTEXT\ntopics: {prefix: acme.}\n',
    );
    const dirName = chart('named', `${block}api:\n  topic: orders\n  group: orders\n`);
    const api = readFileSync(join(dirName, 'templates', 'api.yaml'), 'utf8');
    writeFileSync(
      join(dirName, 'templates', 'api.yaml'),
      `${api}            - name: TOPIC\n              value: {{ .Values.api.topic | quote }}\n            - name: GROUP_ID\n              value: {{ .Values.api.group | quote }}\n`,
    );
    const r = compile(dirName, join(dir, 'named.yaml'));
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    const values = r.files.find((f) => f.path === 'values.yaml')?.content.toString('utf8');
    expect(values).toContain('api:\n  topic: acme.orders\n  group: orders\n');
    expect(r.plan.rewired.find((x) => x.service === 'value api.topic')?.changed).toEqual(['api.topic']);
  });

  it('sets the cluster list to every bootstrap server, and adds host and port where the block lacks them', () => {
    const r = compile(
      chart('many', 'externalKafka:\n  cluster:\n    - host: kafka-1\n      port: 9092\n'),
      join(import.meta.dirname, 'cases', 'jaeger-kafka-subchart', 'kafka.yaml'),
    );
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    const values = r.files.find((f) => f.path === 'values.yaml')?.content.toString('utf8');
    expect(values).toContain(
      '  cluster:\n    - host: b-1.events.kafka.eu-west-1.amazonaws.com\n      port: 9092\n    - host: b-2.events.kafka.eu-west-1.amazonaws.com\n      port: 9092\n',
    );
    expect(values).toContain('  host: b-1.events.kafka.eu-west-1.amazonaws.com\n  port: 9092\n');
    expect(rendered(r, 'many')).toBe('b-1.events.kafka.eu-west-1.amazonaws.com:9092,b-2.events.kafka.eu-west-1.amazonaws.com:9092');
  });
});
