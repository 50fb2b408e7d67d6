import { mkdirSync, readFileSync, readdirSync, writeFileSync, cpSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isMap, isScalar, parseAllDocuments, parseDocument, stringify, type Document } from 'yaml';
import { compileStack, type CompileResult } from '../../src/compile/pipeline.js';
import type { TestbedState } from '../../testbed/kafka/index.js';
import { RUNNERS, type RunnerName } from '../../testbed/runners/index.js';
import { render } from './compile-setup.js';
import { RUNNER_LABEL } from './families.js';
import { clusterOf, parseManifests, secretGeneric, type Cluster, type K8sObject, type SecretSource } from './k8s-pod.js';
import { createSecretStore, type TestSecretStore } from './secret-store.js';
import type { Setup } from './setups.js';

// The Kubernetes side of the conformance matrix: examples/conformance-k8s compiled for one setup. The
// setup's secrets become keys of one Secret the customer creates in the workloads' namespace
// (`kubectl create secret generic customer-kafka --from-file=… --from-literal=…`: a `{ file }`
// reference's file byte for byte under its base name, an `{ env }` reference's value under the
// variable's name), and the spec references them as `{ kubernetes: { name, key } }`. Refusals are
// attributed to their Deployment, which is removed (with its binding) before the rest is compiled again.

/** The Kubernetes example stack. */
export const K8S_EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'conformance-k8s');
/** The namespace of the example's workloads. */
export const K8S_NAMESPACE = 'conformance';
/** The Secret holding the customer's credentials. */
export const CUSTOMER_SECRET = 'customer-kafka';

/** A Deployment of the example and the runner that plays it. */
export interface K8sExampleService {
  service: string;
  runner: RunnerName;
}

/** The example's Deployments that carry the runner label, in file order. */
export function k8sExampleServices(): K8sExampleService[] {
  return parseManifests(readFileSync(join(K8S_EXAMPLE, 'apps.yaml'), 'utf8')).flatMap((o) => {
    const meta = o.metadata ?? {};
    const runner = (meta['labels'] as Record<string, string> | undefined)?.[RUNNER_LABEL];
    if (o.kind !== 'Deployment' || runner === undefined) return [];
    if (!(RUNNERS as readonly string[]).includes(runner)) throw new Error(`Deployment ${String(meta['name'])}: unknown runner ${runner}`);
    return [{ service: String(meta['name']), runner: runner as RunnerName }];
  });
}

/** One setup compiled for Kubernetes. */
export interface CompiledK8sSetup {
  store: TestSecretStore;
  /** The Secret the customer created, as `kubectl create secret generic` made it. */
  secret: K8sObject;
  refused: Map<string, string[]>;
  result: CompileResult;
  stackDir: string;
  /** What the kubelet reads: the compiled manifests' objects and the customer's Secret. */
  objects: K8sObject[];
  cluster: Cluster;
}

/** Replaces every `{ file }` / `{ env }` secret reference of a spec with a key of the customer's Secret. */
export function toKubernetesRefs(spec: unknown, store: TestSecretStore): { spec: unknown; sources: SecretSource[] } {
  const sources: SecretSource[] = [];
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const ref = (v as { secretRef?: { file?: string; env?: string } }).secretRef;
    if (ref && (ref.file !== undefined || ref.env !== undefined)) {
      let key: string;
      if (ref.file !== undefined) {
        key = basename(ref.file);
        sources.push({ file: ref.file });
      } else {
        key = ref.env ?? '';
        const literal = store.vars[key];
        if (literal === undefined) throw new Error(`setup references env ${key}, which the store does not hold`);
        sources.push({ key, literal });
      }
      return { secretRef: { kubernetes: { name: CUSTOMER_SECRET, key } } };
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
  };
  return { spec: walk(spec), sources };
}

/** Compiles the Kubernetes example for one setup under `dir`. */
export function compileK8sSetup(setup: Setup, tb: TestbedState, dir: string, stack = K8S_EXAMPLE): CompiledK8sSetup {
  const store = createSecretStore(join(dir, 'store'));
  const { spec, sources } = toKubernetesRefs(setup.spec(tb, store), store);
  const secret = secretGeneric(CUSTOMER_SECRET, K8S_NAMESPACE, sources);
  const specFile = join(dir, 'customer-kafka.yaml');
  writeFileSync(specFile, stringify({ apiVersion: 'graft.dev/v1', kind: 'CustomerKafka', ...(spec as object) }));
  const first = compileStack({ stack, spec: specFile });
  const refused = attributeK8sErrors(first, stack);
  let result = first;
  if (refused.size > 0) {
    const pruned = join(dir, 'origin');
    pruneK8sStack(stack, pruned, [...refused.keys()]);
    result = compileStack({ stack: pruned, spec: specFile });
    const left = result.diagnostics.filter((d) => d.severity === 'error');
    if (left.length > 0) throw new Error(`errors left after removing ${[...refused.keys()].join(', ')}:\n${render(result, left)}`);
  }
  const stackDir = join(dir, 'stack');
  for (const f of result.files) {
    mkdirSync(dirname(join(stackDir, f.path)), { recursive: true });
    writeFileSync(join(stackDir, f.path), f.content);
  }
  const objects = [...manifestObjects(stackDir), secret];
  return { store, secret, refused, result, stackDir, objects, cluster: clusterOf(objects) };
}

/** The objects of every manifest of a stack directory (graft.yaml and the report excluded). */
export function manifestObjects(stackDir: string): K8sObject[] {
  return readdirSync(stackDir)
    .filter((f) => /\.ya?ml$/.test(f) && f !== 'graft.yaml')
    .sort()
    .flatMap((f) => parseManifests(readFileSync(join(stackDir, f), 'utf8')));
}

// Each error belongs to the workload of its `service "<workload>/<container>"`, else to the Deployment
// whose document holds its subject.
function attributeK8sErrors(result: CompileResult, stack: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const docs = new Map<string, { start: number; end: number; name: string }[]>();
  for (const f of readdirSync(stack).filter((x) => /\.ya?ml$/.test(x))) {
    const file = join(stack, f);
    docs.set(
      file,
      parseAllDocuments(readFileSync(file, 'utf8')).flatMap((d) => {
        const doc = d as Document;
        const meta = doc.get('metadata', true);
        const name = isMap(meta) ? meta.get('name', true) : undefined;
        const range = doc.contents?.range;
        return range && isScalar(name) ? [{ start: range[0], end: range[2], name: String(name.value) }] : [];
      }),
    );
  }
  for (const d of result.diagnostics.filter((x) => x.severity === 'error')) {
    const byMessage = /service "([^"/]+)\//.exec(d.message)?.[1];
    const s = d.subject;
    const bySpan = s ? docs.get(s.file)?.find((r) => s.start >= r.start && s.start < r.end)?.name : undefined;
    const name = byMessage ?? bySpan;
    if (!name) throw new Error(`an error about no workload:\n${render(result, [d])}`);
    out.set(name, [...new Set([...(out.get(name) ?? []), d.code])].sort());
  }
  return out;
}

// The kinds of resource a refusal can be attributed to: the example's Deployments and Strimzi's Connect operands.
const REFUSABLE = new Set(['Deployment', 'KafkaConnect', 'KafkaMirrorMaker2']);

// Copies the stack without the given Deployments (or Strimzi operands) and their graft.yaml bindings.
function pruneK8sStack(from: string, to: string, services: readonly string[]): void {
  cpSync(from, to, { recursive: true });
  const files = readdirSync(to).filter((x) => /\.ya?ml$/.test(x) && x !== 'graft.yaml');
  const objectsOf = (file: string): { doc: Document; o: K8sObject | null }[] =>
    parseAllDocuments(readFileSync(file, 'utf8')).map((d) => ({ doc: d, o: d.toJS() as K8sObject | null }));
  const pruned = (o: K8sObject | null): boolean =>
    o !== null && REFUSABLE.has(String(o.kind)) && services.includes(String(o.metadata?.['name']));
  const all = files.flatMap((f) => objectsOf(join(to, f)).map((x) => x.o));
  // a ConfigMap only the removed workloads read goes with them (a kept one that nothing mounts would be refused)
  const quoted = (o: K8sObject | null): string => JSON.stringify(o);
  const onlyPruned = (name: string): boolean =>
    all.some((o) => pruned(o) && quoted(o).includes(`"${name}"`)) &&
    !all.some((o) => o !== null && !pruned(o) && o.kind !== 'ConfigMap' && quoted(o).includes(`"${name}"`));
  const gone = (o: K8sObject | null): boolean =>
    pruned(o) || (o !== null && o.kind === 'ConfigMap' && onlyPruned(String(o.metadata?.['name'])));
  for (const f of readdirSync(to).filter((x) => /\.ya?ml$/.test(x))) {
    const file = join(to, f);
    if (f === 'graft.yaml') {
      const doc = parseDocument(readFileSync(file, 'utf8'));
      for (const s of services) doc.deleteIn(['kafka', 'clients', s]);
      writeFileSync(file, doc.toString());
      continue;
    }
    const kept = objectsOf(file).filter((x) => !gone(x.o));
    writeFileSync(file, kept.map((x) => x.doc.toString()).join('---\n'));
  }
}
