import { isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { SourceFile, Span } from '../../core/span.js';
import { parseAllDocumentsLikeKubectl } from '../yaml/flow-indent.js';
import { duplicateKeys, scalarText } from '../yaml/nodes.js';

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
  /** An item of a `kind: List` document (kubectl applies its `items`): `range` is the item's, `-` included, and this the List document's. */
  listRange?: [number, number];
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
      for (const e of doc.errors) {
        diagnostics.push({
          code: 'K8S_YAML_SYNTAX',
          severity: 'error',
          message: e.message.split('\n')[0] ?? e.message,
          help: 'fix the YAML syntax at this position',
          subject: { file: file.path, start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) },
        });
      }
      // kubectl converts the YAML to JSON, where a repeated key's last value wins: graft reads (and edits) only that one
      for (const d of duplicateKeys([doc])) {
        diagnostics.push({
          code: 'K8S_YAML_DUPLICATE_KEY',
          severity: 'warning',
          message: `the key ${JSON.stringify(d.key)} is given twice in one mapping; kubectl applies the last one, and so does graft`,
          help: 'remove the earlier one',
          subject: { file: file.path, start: d.pos[0], end: Math.max(d.pos[1], d.pos[0] + 1) },
        });
      }
      keepLastKeys(doc.contents);
      const root = doc.contents;
      if (!isMap(root)) continue;
      const r = (doc as unknown as { range: [number, number, number] }).range;
      const items = root.get('items', true);
      if (scalarText(root.get('kind', true)) === 'List' && isSeq(items)) {
        // kubectl applies a List's items, each a resource of its own
        for (const item of items.items) {
          const ir = (item as Node | null)?.range;
          if (!isMap(item) || !ir) continue;
          const lineStart = file.text.lastIndexOf('\n', ir[0] - 1) + 1;
          const marker = /^\s*-\s*$/.test(file.text.slice(lineStart, ir[0]));
          const resource = readResource(file, doc, item, [marker ? lineStart : ir[0], ir[2]]);
          if (resource) resources.push({ ...resource, listRange: [r[0], r[2]] });
        }
        continue;
      }
      const resource = readResource(file, doc, root, [r[0], r[2]]);
      if (resource) resources.push(resource);
    }
  }
  return { resources, diagnostics, docs };
}

function readResource(file: SourceFile, doc: Document.Parsed, root: YAMLMap, range: [number, number]): Resource | undefined {
  const apiVersion = scalarText(root.get('apiVersion', true));
  const kind = scalarText(root.get('kind', true));
  if (!apiVersion || !kind) return undefined;
  const meta = root.get('metadata', true);
  const name = isMap(meta) ? scalarText(meta.get('name', true)) : '';
  const namespace = isMap(meta) ? scalarText(meta.get('namespace', true)) || undefined : undefined;
  return {
    file,
    doc,
    range,
    apiVersion,
    kind,
    name,
    ...(namespace ? { namespace } : {}),
    root,
    id: `${kind}/${namespace ? `${namespace}/` : ''}${name}`,
  };
}

/** Drops the earlier pairs of a key a mapping repeats, as kubectl's YAML-to-JSON conversion does. */
function keepLastKeys(node: unknown): void {
  if (isMap(node)) {
    const last = new Map<unknown, unknown>();
    for (const p of node.items) if (isScalar(p.key) && typeof p.key.value !== 'symbol') last.set(p.key.value, p);
    if (last.size < node.items.filter((p) => isScalar(p.key) && typeof p.key.value !== 'symbol').length)
      node.items = node.items.filter((p) => !isScalar(p.key) || typeof p.key.value === 'symbol' || last.get(p.key.value) === p);
    for (const p of node.items) keepLastKeys(p.value);
  } else if (isSeq(node)) for (const item of node.items) keepLastKeys(item);
  else if (isPair(node)) keepLastKeys(node.value);
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
