import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../compile/pipeline.js';
import { ensureHelm, runHelm } from '../../../tools/helm/index.js';
import { skippable } from '../../../tests/support/skips.js';

const helmBuild = await ensureHelm();

const API = [
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
].join('\n');

const KAFKA = [
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
].join('\n');

const BINDINGS =
  'apiVersion: graft.dev/v1\nkind: Bindings\nkafka:\n  clients:\n    app-api:\n      family: env\n      env:\n        bootstrapServers: KAFKA_BROKERS\n        securityProtocol: KAFKA_SECURITY_PROTOCOL\n        saslMechanism: KAFKA_SASL_MECHANISM\n        saslUsername: KAFKA_SASL_USERNAME\n        saslPassword: KAFKA_SASL_PASSWORD\n';

const spec = (secret: string): string =>
  `apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: pkc-1.example.com:9092\nsecurityProtocol: SASL_SSL\nsasl:\n  mechanism: PLAIN\n  username: { secretRef: { kubernetes: { name: ${secret}, key: api-key } } }\n  password: { secretRef: { kubernetes: { name: ${secret}, key: api-secret } } }\n`;

interface Doc {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: { template: { spec: { volumes: unknown[] } } };
}

describe.skipIf(!helmBuild.helm)(skippable('a chart compiled with --with-preflight, compiled again', helmBuild.reason), () => {
  const dir = mkdtempSync(join(tmpdir(), 'graft-helm-recompile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const put = (rel: string, text: string): void => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  const compile = (stack: string, specFile: string, bundle?: string): ReturnType<typeof compileStack> => {
    const saved = process.env['GRAFT_HELM'];
    process.env['GRAFT_HELM'] = helmBuild.helm;
    try {
      return compileStack({
        stack: join(dir, stack),
        spec: join(dir, specFile),
        ...(bundle ? { withPreflight: { bundle: join(dir, bundle) } } : {}),
      });
    } finally {
      if (saved === undefined) delete process.env['GRAFT_HELM'];
      else process.env['GRAFT_HELM'] = saved;
    }
  };
  const write = (r: ReturnType<typeof compileStack>, out: string): void => {
    rmSync(join(dir, out), { recursive: true, force: true });
    for (const f of r.files) put(`${out}/${f.path}`, f.content.toString('utf8'));
  };
  const errors = (r: ReturnType<typeof compileStack>): string[] =>
    r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
  const text = (r: ReturnType<typeof compileStack>, path: string): string =>
    r.files.find((f) => f.path === path)?.content.toString('utf8') ?? '';
  const bundleOf = (r: ReturnType<typeof compileStack>): string => {
    const b64 = /graft\.js\.gz: (\S+)/.exec(text(r, 'graft-preflight/bundle.yaml'))?.[1] ?? '';
    return gunzipSync(Buffer.from(b64, 'base64')).toString('utf8');
  };
  /** The hook objects `helm template` renders for the chart written at `out`. */
  const hooks = (out: string): Doc[] => {
    const rendered = runHelm(helmBuild.helm ?? '', ['template', 'app', join(dir, out)]);
    expect(rendered.status, rendered.stderr).toBe(0);
    return parseAllDocuments(rendered.stdout)
      .map((d) => d.toJS() as Doc | null)
      .filter((d): d is Doc => d?.metadata.annotations?.['helm.sh/hook'] !== undefined);
  };

  put(
    'chart/Chart.yaml',
    'apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: kafka\n    version: 1.0.0\n    condition: kafka.enabled\n',
  );
  put('chart/values.yaml', 'kafka:\n  enabled: true\napi:\n  brokers: "{{ .Release.Name }}-kafka:9092"\n  extraEnv: []\n');
  put('chart/templates/api.yaml', API);
  put('chart/charts/kafka/Chart.yaml', 'apiVersion: v2\nname: kafka\nversion: 1.0.0\n');
  put('chart/charts/kafka/templates/kafka.yaml', KAFKA);
  put('chart/graft.yaml', BINDINGS);
  put('kafka.yaml', spec('cc'));
  put('kafka-edited.yaml', `# edited since the first compile\n${spec('cc')}`);
  put('bundle-1.js', '// graft 1\n');
  put('bundle-2.js', '// graft 2\n');

  // the chart compiled once with --with-preflight, written to out-1
  let once: ReturnType<typeof compileStack> | undefined;
  const compiledOnce = (): ReturnType<typeof compileStack> => {
    if (once) return once;
    once = compile('chart', 'kafka.yaml', 'bundle-1.js');
    write(once, 'out-1');
    return once;
  };

  it('with --with-preflight again: the same chart, one hook, nothing changed', () => {
    expect(errors(compiledOnce())).toEqual([]);
    const again = compile('out-1', 'kafka.yaml', 'bundle-1.js');
    expect(errors(again)).toEqual([]);
    expect(again.files.filter((f) => f.changed).map((f) => f.path)).toEqual([]);
    expect(text(again, '.helmignore').match(/^graft-preflight\/$/gm)).toHaveLength(1);
    write(again, 'out-1b');
    expect(hooks('out-1b').map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'ConfigMap/app-graft-preflight',
      'Job/app-graft-preflight',
    ]);
  });

  it("with another graft's bundle and an edited spec: the bundle and the hook's spec are written anew, the hook mounts the same Secrets", () => {
    compiledOnce();
    const again = compile('out-1', 'kafka-edited.yaml', 'bundle-2.js');
    expect(errors(again)).toEqual([]);
    expect(bundleOf(again)).toBe('// graft 2\n');
    write(again, 'out-2');
    const [configMap, job] = hooks('out-2') as [Doc & { data?: Record<string, string> }, Doc];
    expect(configMap.data?.['kafka.yaml']).toBe(readFileSync(join(dir, 'kafka-edited.yaml'), 'utf8'));
    const volumes = JSON.stringify(job.spec?.template.spec.volumes);
    expect(job.spec?.template.spec.volumes).toEqual(hooks('out-1')[1]?.spec?.template.spec.volumes);
    expect(volumes).toContain('"name":"cc"');
    // and once more, the same: nothing changes
    const third = compile('out-2', 'kafka-edited.yaml', 'bundle-2.js');
    expect(third.files.filter((f) => f.changed).map((f) => f.path)).toEqual([]);
  });

  it('without --with-preflight: refuses, naming the hook graft wrote, rather than keep a stale hook and bundle', () => {
    compiledOnce();
    const r = compile('out-1', 'kafka.yaml');
    expect(r.files).toEqual([]);
    const d = r.diagnostics.filter((x) => x.severity === 'error');
    expect(d.map((x) => x.code)).toEqual(['HELM_PREFLIGHT_LEFT']);
    expect(d[0]?.subject?.file).toBe(join(dir, 'out-1', 'templates', 'graft-preflight.yaml'));
    expect(d[0]?.help).toContain('compile with --with-preflight');
  });

  it("never overwrites a template of the chart's own at the hook's path", () => {
    for (const f of [
      'Chart.yaml',
      'values.yaml',
      'templates/api.yaml',
      'charts/kafka/Chart.yaml',
      'charts/kafka/templates/kafka.yaml',
      'graft.yaml',
    ])
      put(`own/${f}`, readFileSync(join(dir, 'chart', f), 'utf8'));
    put('own/templates/graft-preflight.yaml', "# the vendor's own readiness check\n");
    const r = compile('own', 'kafka.yaml', 'bundle-1.js');
    expect(r.files).toEqual([]);
    expect(r.diagnostics.filter((x) => x.severity === 'error').map((x) => x.code)).toEqual(['HELM_PREFLIGHT_PATH_TAKEN']);
    // without --with-preflight it is just a template of the chart
    expect(errors(compile('own', 'kafka.yaml'))).toEqual([]);
  });
});
