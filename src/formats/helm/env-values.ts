import { isMap, isScalar, isSeq, parseAllDocuments, parseDocument, visit, type Pair, type Scalar } from 'yaml';
import { applyEdits, type Edit } from '../../core/edit.js';
import type { SourceFile } from '../../core/span.js';
import type { YamlEditor } from '../yaml/editor.js';
import { indentLines, renderScalar } from '../yaml/text.js';
import { valueAt } from './chart.js';

/** One env entry of a container: a literal value or a reference (`valueFrom`). */
export interface EnvEntry {
  name: string;
  value?: string;
  valueFrom?: unknown;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The containers of each workload in rendered manifests, by `Kind/name container`. */
export function containerEnvs(text: string): Map<string, EnvEntry[]> {
  const out = new Map<string, EnvEntry[]>();
  for (const doc of parseAllDocuments(text)) {
    const o: unknown = doc.toJS();
    if (!isObj(o) || !isObj(o['metadata']) || !isObj(o['spec'])) continue;
    const spec = o['spec'];
    const jobTemplate = isObj(spec['jobTemplate']) && isObj(spec['jobTemplate']['spec']) ? spec['jobTemplate']['spec'] : undefined;
    const template = isObj(spec['template'])
      ? spec['template']
      : jobTemplate && isObj(jobTemplate['template'])
        ? jobTemplate['template']
        : undefined;
    const pod = template && isObj(template['spec']) ? template['spec'] : undefined;
    if (!pod) continue;
    const list = (v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : []);
    for (const c of [...list(pod['initContainers']), ...list(pod['containers'])]) {
      if (!isObj(c)) continue;
      const env = (Array.isArray(c['env']) ? c['env'] : []).filter(isObj).map((e) => ({
        name: String(e['name']),
        ...(e['value'] !== undefined ? { value: String(e['value'] as string) } : {}),
        ...(e['valueFrom'] !== undefined ? { valueFrom: e['valueFrom'] } : {}),
      }));
      out.set(`${String(o['kind'])}/${String(o['metadata']['name'])} container ${String(c['name'])}`, env);
    }
  }
  return out;
}

/**
 * What the Kubernetes format's edits to one rendered file do to its containers' env: entries it adds, per container;
 * undefined when they change anything else (an existing entry, a volume, a ConfigMap), which env values cannot carry.
 */
export function envAdditions(rendered: SourceFile, edits: readonly Edit[]): Map<string, EnvEntry[]> | undefined {
  const before = containerEnvs(rendered.text);
  const afterText = applyEdits(rendered, edits);
  const after = containerEnvs(afterText);
  const out = new Map<string, EnvEntry[]>();
  for (const [key, env] of after) {
    const old = before.get(key) ?? [];
    for (const e of old) {
      const now = env.find((n) => n.name === e.name);
      if (!now || JSON.stringify(now) !== JSON.stringify(e)) return undefined;
    }
    const added = env.filter((n) => !old.some((o) => o.name === n.name));
    if (added.length > 0) out.set(key, added);
  }
  // nothing but env additions: the text without the added entries is the origin again
  const strip = (t: string): string =>
    JSON.stringify(
      parseAllDocuments(t).map((d) => {
        const o: unknown = d.toJS();
        visitEnv(o);
        return o;
      }),
    );
  return strip(afterText) === strip(rendered.text) ? out : undefined;
}

function visitEnv(o: unknown): void {
  if (Array.isArray(o)) o.forEach(visitEnv);
  else if (isObj(o)) {
    delete o['env'];
    Object.values(o).forEach(visitEnv);
  }
}

/** A value of the chart that adds env entries to containers: a list of entries (`extraEnv`) or a name→value map (`customEnv`). */
export interface EnvValue {
  /** Its dotted path in the parent chart's values (`collector.extraEnv`, `cp-kafka-rest.customEnv`). */
  path: string;
  form: 'list' | 'map';
}

const ENV_KEY = /^(extra|custom|additional)?_?env(s|Vars|Variables)?$|^config(uration)?Overrides$/i;

/** The env values a values file offers (`prefix` is the subchart's name for a subchart's own values). */
export function envValues(text: string, prefix: string): EnvValue[] {
  const out: EnvValue[] = [];
  visit(parseDocument(text), {
    Pair: (_k, pair, path) => {
      if (!isScalar(pair.key) || !ENV_KEY.test(String(pair.key.value))) return undefined;
      const form = isSeq(pair.value) ? 'list' : isMap(pair.value) ? 'map' : undefined;
      if (!form) return undefined;
      const keys = path
        .filter((p): p is Pair => typeof p === 'object' && p !== null && 'key' in p && isScalar(p.key))
        .map((p) => String((p.key as Scalar).value));
      out.push({ path: [prefix, ...keys, String(pair.key.value)].filter(Boolean).join('.'), form });
      return visit.SKIP;
    },
  });
  return out;
}

/** A values file (JSON is YAML) that sets every env value to one probe entry, named after its index. */
export function probeValues(values: readonly EnvValue[]): string {
  const root: Obj = {};
  values.forEach((v, i) => {
    const keys = v.path.split('.');
    let o = root;
    for (const k of keys.slice(0, -1)) o = o[k] = isObj(o[k]) ? o[k] : {};
    const value = `graft-probe-${i}`;
    o[keys[keys.length - 1] ?? ''] = v.form === 'list' ? [{ name: `GRAFT_PROBE_${i}`, value }] : { [`graft.probe.${i}`]: value };
  });
  return JSON.stringify(root);
}

/**
 * How a probed env value reaches containers: which ones, and how a map key becomes an env name there — verbatim, or
 * with a prefix, upper-cased and `.` as `_` (`configurationOverrides` → `KSQL_<KEY>`). An env value whose probe
 * reached no container in a form graft can invert is left out.
 */
export interface Reach {
  containers: string[];
  prefix?: string;
}

/** Which containers each probed env value reached, from the probe render, found by the probe's value. */
export function probeReach(text: string, values: readonly EnvValue[]): Map<EnvValue, Reach> {
  const out = new Map<EnvValue, Reach>(values.map((v) => [v, { containers: [] }]));
  for (const [container, env] of containerEnvs(text))
    for (const e of env) {
      const m = /^graft-probe-(\d+)$/.exec(e.value ?? '');
      const v = m ? values[Number(m[1])] : undefined;
      const r = v ? out.get(v) : undefined;
      if (!v || !r) continue;
      const n = m?.[1] ?? '';
      if (v.form === 'map' && e.name !== `graft.probe.${n}`) {
        const tail = `GRAFT_PROBE_${n}`;
        if (!e.name.endsWith(tail)) continue;
        const prefix = e.name.slice(0, -tail.length);
        if (r.prefix !== undefined && r.prefix !== prefix) continue;
        r.prefix = prefix;
      } else if (v.form === 'list' && e.name !== `GRAFT_PROBE_${n}`) continue;
      r.containers.push(container);
    }
  return out;
}

/** The map key that renders as env `name` through a reach with a prefix, or undefined when it cannot. */
export function keyFor(name: string, reach: Reach): string | undefined {
  if (reach.prefix === undefined) return name;
  if (!name.startsWith(reach.prefix) || name === reach.prefix) return undefined;
  return name.slice(reach.prefix.length).toLowerCase().replace(/_/g, '.');
}

/** Adds env entries to an env value in the parent's values.yaml (creating the keys it lacks). */
export function addEnv(
  editor: YamlEditor,
  doc: Parameters<typeof valueAt>[0],
  value: EnvValue,
  entries: readonly EnvEntry[],
  reach: Reach,
): void {
  const items =
    value.form === 'list'
      ? entries.map((e) =>
          e.valueFrom !== undefined
            ? `name: ${e.name}\nvalueFrom:\n${yamlBlock(e.valueFrom, '  ')}`
            : `name: ${e.name}\nvalue: ${renderScalar(e.value ?? '', 'QUOTE_DOUBLE')}`,
        )
      : entries.map((e) => `${renderScalar(keyFor(e.name, reach) ?? e.name)}: ${renderScalar(e.value ?? '', 'QUOTE_DOUBLE')}`);
  const v = valueAt(doc, value.path);
  if (v.rest.length === 0 && value.form === 'list' && isSeq(v.node)) return editor.appendToSeq(v.node, items);
  if (v.rest.length === 0 && value.form === 'map' && isMap(v.node)) return editor.appendToMap(v.node, items);
  if (v.rest.length === 0 && v.pair) {
    const body = value.form === 'list' ? items.map((i) => `- ${i.split('\n').join('\n  ')}`).join('\n') : items.join('\n');
    if (editor.fillEmpty(v.pair, indentLines(body, '  '))) return;
  }
  const lastKey = v.rest[v.rest.length - 1] ?? '';
  const nested = v.rest.slice(0, -1).map((k, i) => `${'  '.repeat(i)}${k}:`);
  const pad = '  '.repeat(nested.length);
  const body =
    value.form === 'list' ? items.map((i) => `${pad}  - ${i.split('\n').join(`\n${pad}    `)}`) : items.map((i) => `${pad}  ${i}`);
  const block = [...nested, `${pad}${lastKey}:`, ...body].join('\n');
  if (v.parent && v.parent.items.length > 0) editor.appendToMap(v.parent, [block]);
  else editor.appendAtEnd(block);
}

function yamlBlock(v: unknown, indent: string): string {
  if (!isObj(v)) return `${indent}${renderScalar(String(v))}`;
  return Object.entries(v)
    .map(([k, x]) => (isObj(x) ? `${indent}${k}:\n${yamlBlock(x, indent + '  ')}` : `${indent}${k}: ${renderScalar(String(x as string))}`))
    .join('\n');
}
