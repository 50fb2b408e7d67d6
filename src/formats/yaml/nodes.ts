import { isCollection, isDocument, isMap, isNode, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';

/** The text of a scalar node, or '' for anything else. */
export function scalarText(node: unknown): string {
  const v: unknown = isScalar(node) ? node.value : undefined;
  if (typeof v === 'string') return v;
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? v.toString() : '';
}

/**
 * Calls `fn` on every node and pair under `root` (a document's contents, or the node itself), in the order the `yaml`
 * library's `visit` goes: a collection before its items, a pair before its key and its value. Aliases are not followed.
 * Unlike `visit`, it builds no frozen ancestor path for each node, which a walk over a whole stack would pay for in
 * allocation; `fn` cannot stop or change the walk.
 */
export function eachNode(root: unknown, fn: (node: Node | Pair) => void): void {
  const walk = (node: unknown): void => {
    if (isCollection(node)) {
      fn(node);
      for (const item of node.items) walk(item);
    } else if (isPair(node)) {
      fn(node);
      walk(node.key);
      walk(node.value);
    } else if (isNode(node)) fn(node);
  };
  walk(isDocument(root) ? root.contents : root);
}

/** The `yaml` library's error code for a repeated key (a YAML error code, not one of graft's diagnostic codes). */
const DUPLICATE_KEY = 'DUPLICATE_KEY';

/** A repeated key, reported as the `yaml` library's `uniqueKeys` check reports it. */
export interface DuplicateKey {
  code: typeof DUPLICATE_KEY;
  message: string;
  /** Offsets of the repeated key's first character. */
  pos: [number, number];
  key: string;
}

/**
 * The scalar keys a mapping repeats, in one pass over each map (the library's own `uniqueKeys` compares every pair of
 * keys in a map, quadratic in a Compose file's services or a template's resources). Merge keys (`<<`) may repeat.
 */
export function duplicateKeys(docs: readonly Document[]): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  // depth first, a map before what it holds, as the library's visit() goes; aliases are not followed
  const walk = (node: unknown): void => {
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const p of node.items) {
        if (!isScalar(p.key) || typeof p.key.value === 'symbol') continue;
        const k = p.key.value;
        const at = p.key.range?.[0] ?? 0;
        if (seen.has(k)) out.push({ code: DUPLICATE_KEY, message: 'Map keys must be unique', pos: [at, at + 1], key: String(k) });
        seen.add(k);
      }
      for (const p of node.items) {
        walk(p.key);
        walk(p.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item);
    } else if (isPair(node)) {
      walk(node.key);
      walk(node.value);
    }
  };
  for (const doc of docs) walk(doc.contents);
  return out;
}

/** A document's errors with its repeated keys among them, in the order of their positions. */
export function errorsWithDuplicateKeys<E extends { pos: [number, number] }>(doc: Document & { errors: E[] }): (E | DuplicateKey)[] {
  const dups = duplicateKeys([doc]);
  if (dups.length === 0) return doc.errors;
  return [...doc.errors, ...dups].sort((a, b) => a.pos[0] - b.pos[0]);
}
