import { isMap, isScalar, isSeq, parseDocument, type Document, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { SourceFile, Span } from '../../core/span.js';

/** One entry of Chart.yaml `dependencies:`. */
export interface Dependency {
  name: string;
  /** The name its values and rendered paths go by: `alias`, else `name`. */
  as: string;
  /** The value paths of `condition:` (comma-separated in Chart.yaml; helm uses the first that is set). */
  conditions: string[];
  tags: string[];
  /** The entry in Chart.yaml (or requirements.yaml). */
  at: Span;
  /** Its index in that file's `dependencies:` list (Chart.lock lists the locked entries in the same order). */
  index: number;
}

/** A chart's Chart.yaml and values.yaml as graft reads them. */
export interface Chart {
  name: string;
  chartFile: SourceFile;
  dependencies: Dependency[];
  values?: { file: SourceFile; doc: Document.Parsed };
}

function str(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function get(map: YAMLMap, key: string): unknown {
  return map.items.find((p) => str(p.key) === key)?.value;
}

/** Reads Chart.yaml (name, dependencies) and values.yaml; a file that is not a YAML mapping is a diagnostic. */
export function readChart(
  chartFile: SourceFile,
  valuesFile: SourceFile | undefined,
  requirementsFile?: SourceFile,
): { chart?: Chart; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const bad = (file: SourceFile, what: string, at = 0): Diagnostic => ({
    code: 'HELM_BAD_CHART',
    severity: 'error',
    message: `${what}`,
    help: 'fix the file so `helm lint` accepts the chart, then compile again',
    subject: { file: file.path, start: at, end: at },
  });
  const doc = parseDocument(chartFile.text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    diagnostics.push(
      bad(chartFile, `Chart.yaml is not a YAML mapping${doc.errors[0] ? `: ${doc.errors[0].message}` : ''}`, doc.errors[0]?.pos[0] ?? 0),
    );
    return { diagnostics };
  }
  const root = doc.contents;
  const name = str(get(root, 'name'));
  if (!name) {
    diagnostics.push(bad(chartFile, 'Chart.yaml has no `name:`'));
    return { diagnostics };
  }
  const dependencies: Dependency[] = [];
  // apiVersion v1 charts list them in requirements.yaml
  let deps = get(root, 'dependencies');
  let depsFile = chartFile;
  if (!isSeq(deps) && requirementsFile) {
    const req = parseDocument(requirementsFile.text);
    if (isMap(req.contents)) {
      deps = get(req.contents, 'dependencies');
      depsFile = requirementsFile;
    }
  }
  if (isSeq(deps)) {
    for (const [index, item] of deps.items.entries()) {
      if (!isMap(item)) continue;
      const depName = str(get(item, 'name'));
      if (!depName) continue;
      const tags = get(item, 'tags');
      dependencies.push({
        name: depName,
        as: str(get(item, 'alias')) ?? depName,
        conditions: (str(get(item, 'condition')) ?? '')
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
        tags: isSeq(tags) ? tags.items.map(str).filter((t): t is string => t !== undefined) : [],
        at: { file: depsFile.path, start: item.range?.[0] ?? 0, end: item.range?.[1] ?? 0 },
        index,
      });
    }
  }
  const chart: Chart = { name, chartFile, dependencies };
  if (valuesFile) {
    const values = parseDocument(valuesFile.text);
    if (values.errors.length > 0 || (values.contents !== null && !isMap(values.contents))) {
      diagnostics.push(
        bad(
          valuesFile,
          `values.yaml is not a YAML mapping${values.errors[0] ? `: ${values.errors[0].message}` : ''}`,
          values.errors[0]?.pos[0] ?? 0,
        ),
      );
      return { diagnostics };
    }
    chart.values = { file: valuesFile, doc: values };
  }
  return { chart, diagnostics };
}

/** The node at a dotted value path (`provisionDataStore.kafka`), with the deepest map found on the way. */
export function valueAt(doc: Document.Parsed, path: string): { node?: unknown; pair?: Pair; parent?: YAMLMap; rest: string[] } {
  const keys = path.split('.');
  let map = isMap(doc.contents) ? doc.contents : undefined;
  for (let i = 0; i < keys.length; i++) {
    if (!map) return { rest: keys.slice(i) };
    const pair = map.items.find((p) => str(p.key) === keys[i]);
    if (!pair) return { parent: map, rest: keys.slice(i) };
    if (i === keys.length - 1) return { node: pair.value, pair, parent: map, rest: [] };
    if (!isMap(pair.value)) return { node: pair.value, pair, rest: keys.slice(i + 1) };
    map = pair.value;
  }
  return { rest: [] };
}

/** Whether a node is a scalar holding a boolean (YAML 1.2 `true`/`false`). */
export function isBoolScalar(node: unknown): node is Scalar {
  return isScalar(node) && typeof node.value === 'boolean';
}

/** The key of the deepest entry of a dotted value path that values.yaml has, as a span, for plan locations. */
export function deepestKey(doc: Document.Parsed, path: string, file: string): Span | undefined {
  let map = isMap(doc.contents) ? doc.contents : undefined;
  let found: Span | undefined;
  for (const key of path.split('.')) {
    const pair = map?.items.find((p) => str(p.key) === key);
    if (!pair || !isScalar(pair.key) || !pair.key.range) break;
    found = { file, start: pair.key.range[0], end: pair.key.range[1] };
    map = isMap(pair.value) ? pair.value : undefined;
  }
  return found;
}
