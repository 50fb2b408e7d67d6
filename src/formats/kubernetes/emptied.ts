import { posix } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Pair } from 'yaml';
import type { SourceFile } from '../../core/span.js';
import { scalarText } from '../yaml/nodes.js';
import type { StackReader } from '../types.js';
import type { YamlEditor } from '../yaml/editor.js';
import type { Resource } from './parse.js';
import type { K8sContext } from './context.js';
import { KUSTOMIZATIONS, stackRoot } from './kustomize.js';

/** The one line a manifest file keeps when every resource in it is dropped. */
export const EMPTIED_NOTE =
  "# Written by graft: every resource in this file served the bundled Kafka, which the customer's cluster replaces (see graft-report.json).";

/** Manifest files in which every resource is dropped and nothing else but comments and `---` remains. */
export function findEmptiedFiles(resources: readonly Resource[], dropped: ReadonlySet<Resource>): SourceFile[] {
  const byFile = new Map<SourceFile, Resource[]>();
  for (const r of resources) {
    const list = byFile.get(r.file);
    if (list) list.push(r);
    else byFile.set(r.file, [r]);
  }
  const out: SourceFile[] = [];
  for (const [file, list] of byFile) {
    if (!list.every((r) => dropped.has(r))) continue;
    let rest = file.text;
    // blank each resource out, keeping line breaks so what is left stays on its own lines
    for (const r of list) {
      const [start, end] = r.listRange ?? r.range;
      rest = rest.slice(0, start) + rest.slice(start, end).replace(/[^\r\n]/g, ' ') + rest.slice(end);
    }
    const leftover = rest
      .replace(/^\uFEFF/, '')
      .split(/\r?\n|\r/)
      .some((l) => !/^\s*(#.*)?$/.test(l) && !/^\s*(---|\.\.\.)\s*(#.*)?$/.test(l));
    if (!leftover) out.push(file);
  }
  return out;
}

/**
 * Leaves each emptied file with one comment line saying why, so `kubectl apply -f <dir>` is not surprised by an empty
 * file, and removes it from the `resources:` of any kustomization in its directory or above.
 */
export function rewriteEmptiedFiles(ctx: K8sContext, files: readonly SourceFile[], read: StackReader | undefined): void {
  const root = read ? stackRoot(files[0], read) : undefined;
  const kustomizations = new Map<string, { source: SourceFile; editor: YamlEditor }>();
  for (const file of files) {
    const ed = ctx.editorOf({ file });
    const start = file.text.startsWith('\uFEFF') ? 1 : 0;
    ed.replace(start, file.text.length, EMPTIED_NOTE + ed.eol);
    const rel = root === undefined ? undefined : posix.relative(root, file.path);
    ctx.plan.notes.push(
      `${rel ?? posix.basename(file.path)}: every resource in it served the dropped Kafka; it keeps one comment line saying so`,
    );
    if (root === undefined || rel === undefined || !read) continue;
    for (let dir = posix.dirname(rel); ; dir = posix.dirname(dir)) {
      for (const name of KUSTOMIZATIONS) {
        const kRel = dir === '.' ? name : `${dir}/${name}`;
        const source = read(kRel);
        if (!source) continue;
        const k = kustomizations.get(kRel) ?? { source, editor: ctx.editorOf({ file: source }) };
        kustomizations.set(kRel, k);
        if (removeResource(k.source, k.editor, posix.relative(dir, rel))) {
          ctx.plan.notes.push(`${kRel}: ${posix.relative(dir, rel)} removed from resources (nothing in it is left to apply)`);
        }
      }
      if (dir === '.' || dir === '/') break;
    }
  }
}

// `resources: [kafka.yaml, ./apps.yaml]` or a block list: the entry naming the file goes, with its line
function removeResource(source: SourceFile, ed: YamlEditor, entry: string): boolean {
  const doc = parseDocument(source.text, { keepSourceTokens: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return false;
  const pair = doc.contents.items.find((p) => scalarText(p.key) === 'resources') as Pair | undefined;
  const list = pair?.value;
  if (!isSeq(list)) return false;
  const names = (item: unknown): boolean => isScalar(item) && posix.normalize(scalarText(item)) === posix.normalize(entry);
  if (!list.items.some(names)) return false;
  ed.removeItems(list, names, pair);
  return true;
}
