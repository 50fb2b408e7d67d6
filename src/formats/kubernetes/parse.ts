import { isMap, isSeq, LineCounter, type Document, type Node, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { SourceFile, Span } from '../../core/span.js';
import { parseAllDocumentsLikeKubectl } from '../yaml/flow-indent.js';
import { errorsWithDuplicateKeys, scalarText } from '../yaml/nodes.js';

/** One Kubernetes resource: a YAML document with apiVersion and kind. */
export interface Resource {
  file: SourceFile;
  doc: Document.Parsed;
  /** The document's text range, `---` marker included. */
  range: [number, number];
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  root: YAMLMap;
  /** `Kind/name`, or `Kind/namespace/name` when namespaced. */
  id: string;
}

/** Parses multi-document YAML files into resources; syntax errors become diagnostics. */
export function parseManifests(files: readonly SourceFile[]): {
  resources: Resource[];
  diagnostics: Diagnostic[];
  /** Every document of each file, by path: what the verifier reads of the origin. */
  docs: Map<string, Document.Parsed[]>;
} {
  const resources: Resource[] = [];
  const diagnostics: Diagnostic[] = [];
  const docs = new Map<string, Document.Parsed[]>();
  for (const file of files) {
    // a flow collection or quoted scalar continued on a less indented line is read as kubectl reads it
    const list = parseAllDocumentsLikeKubectl(file.text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: false });
    docs.set(file.path, list);
    for (const doc of list) {
      for (const e of errorsWithDuplicateKeys(doc)) {
        diagnostics.push({
          code: 'K8S_YAML_SYNTAX',
          severity: 'error',
          message: e.message.split('\n')[0] ?? e.message,
          help: 'fix the YAML syntax at this position',
          subject: { file: file.path, start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) },
        });
      }
      const root = doc.contents;
      if (!isMap(root)) continue;
      const apiVersion = scalarText(root.get('apiVersion', true));
      const kind = scalarText(root.get('kind', true));
      if (!apiVersion || !kind) continue;
      const meta = root.get('metadata', true);
      const name = isMap(meta) ? scalarText(meta.get('name', true)) : '';
      const namespace = isMap(meta) ? scalarText(meta.get('namespace', true)) || undefined : undefined;
      const r = (doc as unknown as { range: [number, number, number] }).range;
      resources.push({
        file,
        doc,
        range: [r[0], r[2]],
        apiVersion,
        kind,
        name,
        ...(namespace ? { namespace } : {}),
        root,
        id: `${kind}/${namespace ? `${namespace}/` : ''}${name}`,
      });
    }
  }
  return { resources, diagnostics, docs };
}

/** Follows a path of map keys and sequence indexes. */
export function getPath(node: unknown, ...path: (string | number)[]): unknown {
  let cur = node;
  for (const seg of path) {
    if (typeof seg === 'number') cur = isSeq(cur) ? cur.items[seg] : undefined;
    else cur = isMap(cur) ? cur.get(seg, true) : undefined;
  }
  return cur;
}

/** Reads a string at a path. */
export function textAt(node: unknown, ...path: (string | number)[]): string {
  return scalarText(getPath(node, ...path));
}

/** Reads a map of string labels at a path. */
export function labelsAt(node: unknown, ...path: (string | number)[]): Record<string, string> {
  const m = getPath(node, ...path);
  const out: Record<string, string> = {};
  if (isMap(m)) for (const p of m.items) out[scalarText(p.key)] = scalarText(p.value);
  return out;
}

/** The items of a sequence at a path, or none. */
export function seqAt(node: unknown, ...path: (string | number)[]): unknown[] {
  const s = getPath(node, ...path);
  return isSeq(s) ? s.items : [];
}

/** The span of a node, or of the resource's kind when the node is absent. */
export function spanOf(resource: Resource, node?: unknown): Span {
  const n = (node ?? resource.root.get('kind', true)) as Node | undefined;
  const r = n?.range;
  return r
    ? { file: resource.file.path, start: r[0], end: Math.max(r[1], r[0] + 1) }
    : { file: resource.file.path, start: resource.range[0], end: resource.range[0] + 1 };
}
