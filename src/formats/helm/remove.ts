import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Pair } from 'yaml';
import type { Diagnostic } from '../../core/diagnostic.js';
import { applyEdits, type Edit } from '../../core/edit.js';
import type { SourceFile } from '../../core/span.js';
import type { DroppedItem } from '../../plan/types.js';
import type { StackReader } from '../types.js';
import { YamlEditor } from '../yaml/editor.js';
import type { Chart, Dependency } from './chart.js';
import { dependencyList, updateLock } from './lock.js';

/** What removing subcharts from a chart changes. */
export interface Removal {
  /** Edits of Chart.yaml (or requirements.yaml), by its path. */
  edits: Map<string, Edit[]>;
  /** Every file whose text changes, by path relative to the chart's root, so the chart renders as graft writes it. */
  files: Map<string, string>;
  /** The lock file graft writes whole, by path relative to the chart's root. */
  lockFiles: Map<string, string>;
  /** What the output leaves out, relative to the chart's root (a folder ends in `/`). */
  removed: string[];
  /** One plan entry per removed subchart. */
  entries: DroppedItem[];
  /** What the customer needs to know about the lock, when graft could not write its digest. */
  note?: string;
}

/** The escape of a string for a regular expression. */
const literal = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The files under `charts/` that hold a subchart: its folder (`charts/kafka/`) and its archives (`charts/kafka-26.6.2.tgz`),
 * found by listing the chart's `charts/` folder. A chart that another, kept dependency also uses (under another alias)
 * stays.
 */
function subchartFiles(root: string, dep: Dependency, kept: readonly Dependency[]): string[] {
  if (kept.some((k) => k.name === dep.name)) return [];
  let entries: string[];
  try {
    entries = readdirSync(join(root, 'charts'));
  } catch {
    return [];
  }
  const archive = new RegExp(`^${literal(dep.name)}-v?\\d[^/]*\\.tgz$`);
  const out: string[] = [];
  for (const e of entries.sort()) {
    if (e === dep.name) {
      try {
        if (statSync(join(root, 'charts', e)).isDirectory()) out.push(`charts/${e}/`);
      } catch {
        // gone since the listing
      }
    } else if (archive.test(e)) out.push(`charts/${e}`);
  }
  return out;
}

/**
 * Removes subcharts that run the bundled Kafka and have no `condition:` or `tags:` to turn them off: their entries in
 * the chart's `dependencies:`, in its lock (with the digest helm checks recomputed as helm computes it) and their
 * folder or archive under `charts/`, which the output leaves out. The origin chart is never changed.
 */
export function removeSubcharts(
  root: string,
  chart: Chart,
  removing: readonly Dependency[],
  read: StackReader,
  diagnostics: Diagnostic[],
): Removal {
  const out: Removal = { edits: new Map(), files: new Map(), lockFiles: new Map(), removed: [], entries: [] };
  if (removing.length === 0) return out;
  const depsPath = removing[0]?.at.file ?? chart.chartFile.path;
  const rel = depsPath.slice(root.length + 1);
  const depsFile: SourceFile | undefined = rel === 'Chart.yaml' ? chart.chartFile : read(rel);
  if (!depsFile) return out;
  const doc = parseDocument(depsFile.text);
  if (!isMap(doc.contents)) return out;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'dependencies') as Pair | undefined;
  if (!pair || !isSeq(pair.value)) return out;
  const seq = pair.value;
  const drop = new Set(removing.map((d) => d.index));
  const editor = new YamlEditor(depsFile, [doc]);
  editor.removeItems(seq, (item) => drop.has(seq.items.indexOf(item)), pair);
  const edits = editor.result();
  out.edits.set(depsFile.path, edits);
  out.files.set(rel, applyEdits(depsFile, edits));
  const remaining = (dependencyList(depsFile.text) ?? []).filter((_d, i) => !drop.has(i));

  const lockRel = rel === 'requirements.yaml' ? 'requirements.lock' : 'Chart.lock';
  const lock = read(lockRel);
  let lockHow = '';
  if (lock) {
    const locked = dependencyList(lock.text);
    // a lock whose list does not follow the chart's (edited by hand) is matched by name
    const lockDrop =
      locked && locked.length === seq.items.length
        ? drop
        : new Set((locked ?? []).flatMap((d, i) => (removing.some((r) => r.name === d['name']) ? [i] : [])));
    const updated = updateLock(lock, lockDrop, remaining);
    if ('remove' in updated) {
      out.removed.push(lockRel);
      lockHow = `, ${lockRel} (no dependency is left to lock)`;
    } else if ('error' in updated) {
      diagnostics.push({
        code: 'HELM_BAD_CHART',
        severity: 'error',
        message: `${updated.error}, so graft cannot remove ${removing.map((d) => d.as).join(', ')} from it`,
        help: `run \`helm dependency update\` so helm writes ${lockRel} again, then compile again`,
        subject: { file: lock.path, start: 0, end: 0 },
      });
      return out;
    } else {
      out.lockFiles.set(lockRel, updated.text);
      out.files.set(lockRel, updated.text);
      lockHow = `, its entry in ${lockRel} (digest recomputed)`;
      // helm's digest of an `import-values` mapping is not reproduced: `helm dependency update` writes it again
      if (remaining.some((d) => Array.isArray(d['import-values']) && d['import-values'].some((v) => typeof v !== 'string')))
        out.note = `${lockRel}: a kept dependency imports values as a mapping, whose part of the digest graft does not reproduce: run \`helm dependency update\` (not \`build\`) before packaging the chart`;
    }
  }
  const kept = chart.dependencies.filter((d) => !drop.has(d.index));
  for (const dep of removing) {
    const files = subchartFiles(root, dep, kept);
    out.removed.push(...files);
    out.entries.push({
      service: `subchart ${dep.as}`,
      id: { format: 'helm', file: dep.at.file, kind: 'subchart', name: dep.as },
      role: 'subchart',
      reason: `removed from the dependencies in ${rel}${lockHow}${files.length ? ` and ${files.join(', ')}` : ''}: it has no condition or tags to turn it off, and every object it renders is the bundled Kafka or served only it`,
      at: dep.at,
    });
  }
  out.removed.sort();
  return out;
}
