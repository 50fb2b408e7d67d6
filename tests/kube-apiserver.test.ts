import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { compileStack } from '../src/compile/pipeline.js';
import { prepareFormats } from '../src/formats/index.js';
import { PREFLIGHT_FILE } from '../src/formats/kubernetes/preflight.js';
import { startKubeApiserver, type DryRunResult, type KubeApiserver } from '../tools/kube-apiserver/index.js';
import { ensureK8sSchemas, validateManifests } from '../tools/k8s-validate/index.js';
import { ensureHelm, runHelm } from '../tools/helm/index.js';
import { ensureBundle } from './support/bundle.js';
import { findCases, listFiles, ROOT } from './support/cases.js';
import { plantSecrets } from './support/secrets.js';
import { notRun, skippable } from './support/skips.js';

// Every compiled Kubernetes output graft's tests hold — the golden cases' expected/ folders and the corpus's
// compiled stacks — is created with a server-side dry-run (`?dryRun=All&fieldValidation=Strict`) on a real
// kube-apiserver backed by a real etcd (tools/kube-apiserver: built from sources once, cached in .cache/): the API
// server's own decoding, defaulting, validation and admission, and the installed Strimzi and External Secrets CRDs'
// schemas. `--with-preflight`'s ConfigMap (with graft's real bundle) and Job go through admission too, and so does the
// Pod the Job controller would create, in a namespace that enforces the Pod Security `baseline` level.
// GRAFT_KUBE_APISERVER=none skips it (the first run builds kube-apiserver and etcd: minutes).

const enabled = process.env['GRAFT_KUBE_APISERVER']?.trim() !== 'none';
const skipWhy = enabled ? undefined : 'GRAFT_KUBE_APISERVER=none';

// Operators whose CRDs no reachable registry publishes (see tools/k8s-validate/README.md): their kinds are skipped.
const NO_CRDS = [
  'platform.confluent.io/*',
  'cluster.redpanda.com/*',
  'monitoring.coreos.com/*',
  'jaegertracing.io/*',
  'numaflow.numaproj.io/*',
];

await prepareFormats();

interface Output {
  name: string;
  files: { path: string; text: string }[];
}

// Files of a compiled Kubernetes stack the API server receives (graft.yaml is graft's bindings file, kustomization.yaml
// is kustomize's own).
const isManifest = (path: string): boolean =>
  /\.ya?ml$/.test(path) && !/(^|\/)(graft|kustomization)\.ya?ml$/.test(path) && !/(^|\/)plan\.txt$/.test(path);

function goldenOutputs(): Output[] {
  return findCases()
    .filter((c) => !c.isError && existsSync(join(c.dir, 'expected', 'graft-report.json')))
    .filter(
      (c) =>
        (JSON.parse(readFileSync(join(c.dir, 'expected', 'graft-report.json'), 'utf8')) as { format?: string }).format === 'kubernetes',
    )
    .map((c) => ({
      name: `golden ${c.name}`,
      files: listFiles(join(c.dir, 'expected'))
        .filter(isManifest)
        .map((path) => ({ path, text: readFileSync(join(c.dir, 'expected', path), 'utf8') })),
    }));
}

function corpusOutputs(): Output[] {
  const base = join(ROOT, 'tests', 'corpus', 'expected-k8s');
  const dirs = new Set(
    listFiles(base)
      .filter(isManifest)
      .map((f) => dirname(f)),
  );
  return [...dirs].sort().map((dir) => ({
    name: `corpus ${dir}`,
    files: listFiles(join(base, dir))
      .filter((f) => isManifest(f) && !f.includes('/'))
      .map((path) => ({ path, text: readFileSync(join(base, dir, path), 'utf8') })),
  }));
}

// Helm golden cases: the compiled chart as `helm template` renders it, and with the case's user-values.yaml
const helmBuild = enabled ? await ensureHelm() : {};
function helmOutputs(): Output[] {
  if (!helmBuild.helm) return [];
  const helm = helmBuild.helm;
  return findCases()
    .filter((c) => !c.isError && c.name.startsWith('formats/helm/') && existsSync(join(c.dir, 'expected', 'Chart.yaml')))
    .flatMap((c) => {
      const chart = join(c.dir, 'expected');
      const name = /^name:\s*(\S+)/m.exec(readFileSync(join(chart, 'Chart.yaml'), 'utf8'))?.[1] ?? 'release';
      const user = join(c.dir, 'user-values.yaml');
      return (existsSync(user) ? [[], ['-f', user]] : [[]]).map((extra) => {
        const r = runHelm(helm, ['template', name, chart, '--namespace', 'default', ...extra]);
        if (r.status !== 0) throw new Error(`helm template ${c.name}: ${r.stderr}`);
        return { name: `helm ${c.name}${extra.length ? ' -f user-values.yaml' : ''}`, files: [{ path: 'rendered.yaml', text: r.stdout }] };
      });
    });
}

const OUTPUTS = [...goldenOutputs(), ...corpusOutputs(), ...helmOutputs()];

const failures = (results: DryRunResult[], file = ''): string[] =>
  results.flatMap((r) =>
    typeof r.outcome === 'object' ? [`${file}${file ? ': ' : ''}${r.kind}/${r.name} (document ${r.doc}): ${r.outcome.message}`] : [],
  );

const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

/**
 * A CRD whose versions an operator's webhook converts (Knative's KafkaSource: v1 and v1beta1, stored as v1beta1) is
 * installed with `conversion: {strategy: None}`: the webhook is the operator's running Deployment, which this API server
 * does not have, and every dry-run of a v1 object would fail calling it. A request is still validated against the
 * schema of the version it names; only the stored copy (none, in a dry-run) skips the operator's conversion.
 */
function withoutConversionWebhook(text: string): string {
  return parseAllDocuments(text)
    .map((doc) => {
      const crd = doc.toJS() as { kind?: string; spec?: { conversion?: { strategy?: string } } } | null;
      if (crd?.kind !== 'CustomResourceDefinition' || crd.spec?.conversion?.strategy !== 'Webhook') return doc.toString();
      crd.spec.conversion = { strategy: 'None' };
      return JSON.stringify(crd);
    })
    .join('\n---\n');
}

/** A Deployment whose one container has the env lines given (indented under `env:`). */
const deployment = (name: string, env: string[]): string =>
  yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: ${name}, namespace: graft-negative}`,
    'spec:',
    `  selector: {matchLabels: {app: ${name}}}`,
    '  template:',
    `    metadata: {labels: {app: ${name}}}`,
    '    spec:',
    '      containers:',
    '        - name: app',
    '          image: example/app:1',
    '          env:',
    ...env.map((l) => `            ${l}`),
  );

describe.skipIf(!enabled)(skippable('server-side dry-run on a real kube-apiserver', skipWhy), () => {
  let kube: KubeApiserver;
  let crds: string[] = [];
  let created = 0;

  beforeAll(async () => {
    // the CRDs tools/k8s-validate installs from Maven Central and the Go module proxy (sources and licences there)
    const bundle = await ensureK8sSchemas();
    const sources = join(dirname(bundle), 'sources');
    const { sources: versions } = JSON.parse(readFileSync(bundle, 'utf8')) as { sources: { name: string; version: string }[] };
    const version = (name: string): string => versions.find((s) => s.name === name)?.version ?? '';
    const crdDirs = [
      join(sources, `strimzi-${version('Strimzi')}`),
      join(sources, `external-secrets-${version('External Secrets Operator')}`),
      join(sources, `knative-eventing-kafka-broker-${version('Knative Eventing Kafka')}`),
      join(sources, `knative-eventing-${version('Knative Eventing')}`),
    ];
    kube = await startKubeApiserver();
    for (const dir of crdDirs)
      for (const f of readdirSync(dir)
        .filter((n) => n.endsWith('.yaml'))
        .sort())
        crds = crds.concat(await kube.installCrds(withoutConversionWebhook(readFileSync(join(dir, f), 'utf8'))));
    // a bare Pod is admitted only with its ServiceAccount, which a cluster's controller manager (not run here) creates
    // in every namespace: the default namespace's, for the Pods of the compiled outputs
    const sa = await kube.request('POST', '/api/v1/namespaces/default/serviceaccounts', JSON.stringify({ metadata: { name: 'default' } }));
    if (![201, 409].includes(sa.status)) throw new Error(`creating ServiceAccount default/default: HTTP ${sa.status}`);
  }, 3_600_000);

  afterAll(async () => {
    await kube?.stop();
  }, 60_000);

  it('the Strimzi, External Secrets and Knative CRDs are installed and served', () => {
    expect(crds).toContain('kafkaconnects.kafka.strimzi.io');
    expect(crds).toContain('externalsecrets.external-secrets.io');
    expect(crds).toEqual(
      expect.arrayContaining([
        'kafkasources.sources.knative.dev',
        'kafkasinks.eventing.knative.dev',
        'brokers.eventing.knative.dev',
        'triggers.eventing.knative.dev',
      ]),
    );
  });

  it('finds the compiled outputs', () => {
    expect(OUTPUTS.filter((o) => o.name.startsWith('golden ')).length).toBeGreaterThan(15);
    expect(OUTPUTS.filter((o) => o.name.startsWith('corpus ')).length).toBeGreaterThan(10);
  });

  for (const output of OUTPUTS) {
    it(output.name, async (ctx) => {
      const problems: string[] = [];
      const skipped = new Set<string>();
      const warnings: string[] = [];
      let sent = 0;
      for (const file of output.files) {
        const results = await kube.dryRun([file.text], { skipKinds: NO_CRDS });
        problems.push(...failures(results, file.path));
        for (const r of results) for (const w of r.warnings) warnings.push(`${file.path}: ${r.kind}/${r.name}: ${w}`);
        for (const r of results) if (r.outcome === 'skipped') skipped.add(`${r.apiVersion} ${r.kind}`);
        sent += results.length;
        created += results.filter((r) => r.outcome === 'created').length;
      }
      expect(sent, 'no object in the compiled output').toBeGreaterThan(0);
      if (skipped.size > 0)
        notRun(ctx, `dry-run of ${[...skipped].sort().join(', ')}: the operator's CRDs are not published on a reachable registry`);
      expect(problems).toEqual([]);
      // a deprecated API version is the vendor's choice, kept as written; any other warning is graft's
      expect(warnings.filter((w) => !/Version \S+ of the \S+ API is deprecated/.test(w))).toEqual([]);
    });
  }

  it('dry-ran the objects of every output', () => {
    // about 6 objects per output; a harness that silently sent nothing would stay far below
    expect(created).toBeGreaterThan(OUTPUTS.length * 2);
  });

  it('--with-preflight: the ConfigMap holding the real bundle, the Job and the Pod it would start pass admission', async () => {
    const dir = join(ROOT, 'src', 'formats', 'kubernetes', 'cases', 'with-preflight');
    const spec = join(dir, 'kafka.yaml');
    const restore = plantSecrets(readFileSync(spec, 'utf8'));
    let result;
    try {
      result = compileStack({ stack: join(dir, 'input'), spec, withPreflight: { bundle: ensureBundle() } });
    } finally {
      restore();
    }
    const file = result.files.find((f) => f.path === PREFLIGHT_FILE);
    if (!file) throw new Error(`no ${PREFLIGHT_FILE} in the compiled stack`);
    const text = file.content.toString('utf8');
    const results = await kube.dryRun([text]);
    expect(failures(results)).toEqual([]);
    expect(results.map((r) => `${r.kind}/${r.name}`)).toEqual(['ConfigMap/graft-preflight', 'Job/graft-preflight']);

    // the Pod the Job controller creates from the template, in a namespace enforcing Pod Security "baseline" (with
    // the default ServiceAccount the controller manager would have created)
    const job = parseAllDocuments(text)
      .map((d) => d.toJS() as { kind?: string; spec?: { template?: { metadata?: unknown; spec?: unknown } } })
      .find((o) => o.kind === 'Job');
    const namespace = 'graft-preflight-baseline';
    const ns = await kube.request(
      'POST',
      '/api/v1/namespaces',
      JSON.stringify({ metadata: { name: namespace, labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } }),
    );
    expect([201, 409]).toContain(ns.status);
    const sa = await kube.request(
      'POST',
      `/api/v1/namespaces/${namespace}/serviceaccounts`,
      JSON.stringify({ metadata: { name: 'default' } }),
    );
    expect([201, 409]).toContain(sa.status);
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'graft-preflight-x1', namespace, ...(job?.spec?.template?.metadata as object) },
      spec: job?.spec?.template?.spec,
    };
    const podResults = await kube.dryRun([JSON.stringify(pod)]);
    expect(failures(podResults)).toEqual([]);
  });

  describe('the dry-run can fail', () => {
    it('rejects a valueFrom with two sources, which the schema check lets through', async () => {
      const bad = deployment('two-sources', [
        '- name: KAFKA_PASSWORD',
        '  valueFrom:',
        '    secretKeyRef: {name: customer-kafka, key: password}',
        '    configMapKeyRef: {name: kafka-config, key: password}',
      ]);
      expect((await validateManifests(bad)).errors).toEqual([]);
      const results = await kube.dryRun([bad]);
      expect(failures(results).join('\n')).toMatch(/valueFrom.*may not have more than one field specified at a time/);
    });

    it('rejects an env var with both value and valueFrom', async () => {
      const bad = deployment('value-and-valuefrom', [
        '- name: KAFKA_PASSWORD',
        '  value: literal',
        '  valueFrom: {secretKeyRef: {name: customer-kafka, key: password}}',
      ]);
      const results = await kube.dryRun([bad]);
      expect(failures(results).join('\n')).toMatch(/may not be specified when `value` is not empty/);
    });

    it('rejects a secretKeyRef without its key', async () => {
      const bad = deployment('no-key', ['- name: KAFKA_PASSWORD', '  valueFrom: {secretKeyRef: {name: customer-kafka}}']);
      const results = await kube.dryRun([bad]);
      expect(failures(results).join('\n')).toMatch(/secretKeyRef\.key: Required value/);
    });

    it("rejects a KafkaConnect that the Strimzi CRD's schema refuses", async () => {
      const bad = yaml(
        'apiVersion: kafka.strimzi.io/v1beta2',
        'kind: KafkaConnect',
        'metadata: {name: connect, namespace: graft-negative}',
        'spec:',
        '  replicas: 1',
        '  bootstrapServers: kafka.customer.example.com:9093',
        '  authentication: {type: scram-sha-999, username: connect}',
      );
      const results = await kube.dryRun([bad]);
      expect(failures(results).join('\n')).toMatch(/spec\.authentication\.type: Unsupported value: "scram-sha-999"/);
    });

    it("rejects a KafkaSource that the Knative CRD's schema refuses", async () => {
      // Knative reads the SASL mechanism only from a Secret: a literal `type` is what its schema refuses
      const bad = yaml(
        'apiVersion: sources.knative.dev/v1',
        'kind: KafkaSource',
        'metadata: {name: source, namespace: graft-negative}',
        'spec:',
        '  bootstrapServers: [kafka.customer.example.com:9096]',
        '  topics: [orders]',
        '  sink: {ref: {apiVersion: v1, kind: Service, name: sink}}',
        '  net:',
        '    sasl:',
        '      enable: true',
        '      user: {secretKeyRef: {name: customer-kafka, key: username}}',
        '      password: {secretKeyRef: {name: customer-kafka, key: password}}',
        '      type: SCRAM-SHA-512',
      );
      const results = await kube.dryRun([bad]);
      expect(failures(results).join('\n')).toMatch(
        /spec\.net\.sasl\.type: Invalid value: "string": spec\.net\.sasl\.type in body must be of type object/,
      );
    });

    it('rejects a ConfigMap over the 1 MiB limit the preflight bundle must stay under', async () => {
      const big = yaml(
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: graft-preflight, namespace: graft-negative}',
        'binaryData:',
        `  graft.js.gz: ${Buffer.alloc(1024 * 1024 + 1).toString('base64')}`,
      );
      const results = await kube.dryRun([big]);
      expect(failures(results).join('\n')).toMatch(/Too long: may not be more than 1048576 bytes/);
    });

    it('warns about an env var that hides an earlier one of the same name', async () => {
      const dup = deployment('duplicate-env', [
        '- {name: KAFKA_SECURITY_PROTOCOL, value: PLAINTEXT}',
        '- {name: KAFKA_SECURITY_PROTOCOL, value: SASL_SSL}',
      ]);
      const [result] = await kube.dryRun([dup]);
      expect(result?.outcome).toBe('created');
      expect(result?.warnings.join('\n')).toMatch(/env\[1\]: hides previous definition of "KAFKA_SECURITY_PROTOCOL"/);
    });

    it('rejects an unknown field (strict field validation)', async () => {
      const bad = deployment('unknown-field', ['- name: KAFKA_BOOTSTRAP_SERVERS', '  valu: kafka:9092']);
      const results = await kube.dryRun([bad]);
      expect(failures(results).join('\n')).toMatch(/unknown field "spec\.template\.spec\.containers\[0\]\.env\[0\]\.valu"/);
    });
  });

  it('a dry-run persists nothing', async () => {
    const ok = deployment('persisted', ['- name: A', '  value: b']);
    expect(failures(await kube.dryRun([ok]))).toEqual([]);
    const get = await kube.request('GET', '/apis/apps/v1/namespaces/graft-negative/deployments/persisted');
    expect(get.status).toBe(404);
  });
});
