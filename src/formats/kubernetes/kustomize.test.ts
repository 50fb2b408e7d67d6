import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../compile/pipeline.js';
import { loadSpec } from '../../spec/validate.js';
import { kubernetes } from './index.js';

const KAFKA = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: kafka}
spec:
  serviceName: kafka
  selector: {matchLabels: {app: kafka}}
  template:
    metadata: {labels: {app: kafka}}
    spec:
      containers:
        - name: kafka
          image: docker.io/bitnami/kafka:3.7.0
---
apiVersion: v1
kind: Service
metadata: {name: kafka}
spec: {selector: {app: kafka}, ports: [{port: 9092}]}
`;

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: api
          image: example/api:1
          env:
            - name: KAFKA_BROKERS
              value: kafka.shop.svc.cluster.local:9092
            - name: AUDIT_BROKERS
              value: kafka.audit:9092
`;

const SPEC = 'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: [b-1.example.com:9092]\nsecurityProtocol: PLAINTEXT\n';

/** The namespaces the analysis gives a dropped Service's DNS names, for a stack held in memory under /stack. */
function namespacesOf(files: Record<string, string>): string[] | undefined {
  const spec = loadSpec({ path: 'kafka.yaml', text: SPEC }).spec;
  if (!spec) throw new Error('test spec does not load');
  const read = (rel: string): { path: string; text: string } | undefined =>
    files[rel] === undefined ? undefined : { path: `/stack/${rel}`, text: files[rel] };
  const all = Object.keys(files).sort();
  const input = { spec, bindings: undefined, read, paths: all, options: {} };
  const manifests = all.filter((p) => !/kustomization\.ya?ml$/.test(p)).map((p) => ({ path: `/stack/${p}`, text: files[p] ?? '' }));
  const parsed = kubernetes.parse(manifests, input);
  return kubernetes.analyze(parsed.value, input).value.namespaces;
}

const kustomization = (fields: string): string => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${fields}`;

describe("kustomize's namespace: in the DNS matcher's namespaces", () => {
  it('reads the namespace a kustomization sets for the resources it lists', () => {
    expect(namespacesOf({ 'kafka.yaml': KAFKA, 'app.yaml': APP })).toBeUndefined();
    expect(
      namespacesOf({
        'kafka.yaml': KAFKA,
        'app.yaml': APP,
        'kustomization.yaml': kustomization('namespace: shop\nresources: [kafka.yaml, app.yaml]\n'),
      }),
    ).toEqual(['shop']);
  });

  it('follows overlays to their bases, the outermost namespace winning, one namespace per overlay', () => {
    const files = {
      'base/kafka.yaml': KAFKA.replace('metadata: {name: kafka}', 'metadata: {name: kafka, namespace: vendor}'),
      'base/app.yaml': APP,
      'base/kustomization.yaml': kustomization('namespace: base\nresources:\n  - kafka.yaml\n  - ./app.yaml\n'),
      'overlays/prod/kustomization.yaml': kustomization('namespace: shop\nresources:\n  - ../../base\n'),
      'overlays/dev/kustomization.yaml': kustomization('namespace: shop-dev\nresources:\n  - ../../base/\n'),
    };
    expect(namespacesOf(files)).toEqual(['shop', 'shop-dev']);
    // an overlay that sets none leaves the base's
    expect(namespacesOf({ ...files, 'overlays/dev/kustomization.yaml': kustomization('resources: [../../base]\n') })).toEqual([
      'base',
      'shop',
    ]);
  });

  it('leaves any namespace possible where a chain sets none and the resource names none', () => {
    expect(
      namespacesOf({
        'kafka.yaml': KAFKA,
        'app.yaml': APP,
        'kustomization.yaml': kustomization('resources: [kafka.yaml, app.yaml]\n'),
      }),
    ).toBeUndefined();
    // a remote base is not read; the file it does not list keeps its own (none)
    expect(
      namespacesOf({
        'kafka.yaml': KAFKA,
        'app.yaml': APP,
        'kustomization.yaml': kustomization('namespace: shop\nresources: [app.yaml, github.com/acme/kafka?ref=v1]\n'),
      }),
    ).toBeUndefined();
  });

  describe('compiled', () => {
    const dir = mkdtempSync(join(tmpdir(), 'graft-kustomize-ns-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const put = (rel: string, text: string): void => {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    };
    it("rewires the dropped Service's names in the overlay's namespace, and not a Service of the same name elsewhere", () => {
      put('stack/base/kafka.yaml', KAFKA);
      put('stack/base/app.yaml', APP);
      put('stack/base/kustomization.yaml', kustomization('resources: [kafka.yaml, app.yaml]\n'));
      put('stack/overlays/prod/kustomization.yaml', kustomization('namespace: shop\nresources: [../../base]\n'));
      put('kafka.yaml', SPEC);
      const r = compileStack({ stack: join(dir, 'stack'), spec: join(dir, 'kafka.yaml') });
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
      const app = r.files.find((f) => f.path === 'base/app.yaml')?.content.toString('utf8') ?? '';
      expect(app).toContain('value: b-1.example.com:9092');
      // `kafka` in namespace `audit` is not the dropped Service, which kustomize deploys to `shop`
      expect(app).toContain('value: kafka.audit:9092');
    });
  });
});
