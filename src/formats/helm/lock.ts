import { createHash } from 'node:crypto';
import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from 'yaml';
import type { SourceFile } from '../../core/span.js';
import { applyEdits } from '../../core/edit.js';
import { YamlEditor } from '../yaml/editor.js';

/**
 * Chart.lock (requirements.lock for apiVersion v1 charts): the dependencies `helm dependency update` resolved, and a
 * digest of the chart's dependency list with them, which `helm dependency build` checks before it trusts the lock.
 */

/** The fields of a dependency that helm's digest covers, in the order helm's JSON encoding writes them. */
const FIELDS: readonly { key: string; json: string; omitEmpty: boolean }[] = [
  { key: 'name', json: 'name', omitEmpty: false },
  { key: 'version', json: 'version', omitEmpty: true },
  { key: 'repository', json: 'repository', omitEmpty: false },
  { key: 'condition', json: 'condition', omitEmpty: true },
  { key: 'tags', json: 'tags', omitEmpty: true },
  { key: 'enabled', json: 'enabled', omitEmpty: true },
  { key: 'import-values', json: 'import-values', omitEmpty: true },
  { key: 'alias', json: 'alias', omitEmpty: true },
];

/** A string as Go's encoding/json writes it: JSON, with `<`, `>`, `&`, U+2028 and U+2029 escaped. */
function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A value as Go's encoding/json writes a decoded YAML value: map keys sorted, no spaces. */
function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${goString(k)}:${goJson(o[k])}`)
    .join(',')}}`;
}

/** One dependency as helm's `chart.Dependency` encodes it to JSON (a field it does not know is not read). */
function dependencyJson(dep: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const f of FIELDS) {
    let v = dep[f.key];
    if (f.key === 'enabled') v = v === true;
    else if (f.key === 'tags' || f.key === 'import-values') v = Array.isArray(v) ? v : undefined;
    else v = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
    const empty = v === undefined || v === '' || v === false || (Array.isArray(v) && v.length === 0);
    if (f.omitEmpty && empty) continue;
    parts.push(`${goString(f.json)}:${goJson(v ?? null)}`);
  }
  return `{${parts.join(',')}}`;
}

/** The digest helm writes in Chart.lock for a chart's dependencies and the locked ones (helm's `resolver.HashReq`). */
export function lockDigest(req: readonly Record<string, unknown>[], locked: readonly Record<string, unknown>[]): string {
  const list = (deps: readonly Record<string, unknown>[]): string =>
    deps.length === 0 ? 'null' : `[${deps.map(dependencyJson).join(',')}]`;
  const data = `[${list(req)},${list(locked)}]`;
  return `sha256:${createHash('sha256').update(data, 'utf8').digest('hex')}`;
}

/** The `dependencies:` list of a Chart.yaml, requirements.yaml or lock file, as plain values. */
export function dependencyList(text: string): Record<string, unknown>[] | undefined {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) return undefined;
  const deps = doc.contents.get('dependencies', true);
  if (deps === undefined || deps === null) return [];
  if (!isSeq(deps)) return undefined;
  const out = deps.toJSON() as unknown[];
  return out.every((d) => typeof d === 'object' && d !== null && !Array.isArray(d)) ? (out as Record<string, unknown>[]) : undefined;
}

/** What a lock file becomes without some of its entries. */
export type LockUpdate = { text: string; digest: string } | { remove: true } | { error: string };

/**
 * The lock file without the entries at `drop` (indexes into its `dependencies:`, which helm writes in the order of
 * the chart's own list), with the digest of `remaining` (the chart's dependency list as graft writes it) and the
 * locked entries left. Its `generated:` time is kept, so compiling twice gives the same bytes. A lock left with no
 * entries is removed, as a chart without dependencies has none.
 */
export function updateLock(lock: SourceFile, drop: ReadonlySet<number>, remaining: readonly Record<string, unknown>[]): LockUpdate {
  const doc = parseDocument(lock.text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { error: `${lock.path} is not a YAML mapping` };
  const root: YAMLMap = doc.contents;
  const depsPair = root.items.find((p) => isScalar(p.key) && p.key.value === 'dependencies');
  const deps = depsPair?.value;
  if (!isSeq(deps)) return { error: `${lock.path} has no \`dependencies:\` list` };
  const seq = deps;
  const locked = (seq.toJSON() as Record<string, unknown>[]).filter((_d, i) => !drop.has(i));
  if (locked.length === 0) return { remove: true };
  const digestPair = root.items.find((p) => isScalar(p.key) && p.key.value === 'digest');
  if (!digestPair || !isScalar(digestPair.value) || !digestPair.value.range) return { error: `${lock.path} has no \`digest:\`` };
  const digest = lockDigest(remaining, locked);
  const editor = new YamlEditor(lock, [doc]);
  editor.removeItems(seq, (item) => drop.has(seq.items.indexOf(item)));
  editor.replace(digestPair.value.range[0], digestPair.value.range[1], digest);
  return { text: applyEdits(lock, editor.result()), digest };
}
