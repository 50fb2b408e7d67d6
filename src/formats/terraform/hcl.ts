import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Language, Parser, Tree, type Node, type Point } from 'web-tree-sitter';
import type { Edit } from '../../core/edit.js';
import { InternalError } from '../../core/errors.js';

export type { Node, Tree };

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Finds a wasm file next to the running bundle (dist/, or above the chunk in dist/chunks/), else in its npm package. */
function locate(fileName: string, packagePath: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = [join(here, fileName), join(here, '..', fileName)].find((f) => existsSync(f));
  if (beside) return beside;
  return createRequire(import.meta.url).resolve(packagePath);
}

/** Loads the Terraform grammar once; the Terraform format needs it before it parses anything. */
export function loadHcl(): Promise<void> {
  loading ??= (async () => {
    const runtime = locate('tree-sitter.wasm', 'web-tree-sitter/tree-sitter.wasm');
    await Parser.init({ locateFile: () => runtime });
    const grammar = readFileSync(locate('tree-sitter-terraform.wasm', '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'));
    const language = await Language.load(grammar);
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
  })();
  return loading;
}

/** Tells whether the grammar is loaded. */
export function hclReady(): boolean {
  return parser !== undefined;
}

/** Parses Terraform text into a syntax tree whose indexes are string offsets; the caller deletes it. */
export function parseHcl(text: string): Tree {
  return parseWith(text, null);
}

// a tree lives in WebAssembly memory, which the garbage collector does not see: a kept tree is freed (by its handle,
// what Tree.delete() frees) once nothing refers to it or to a node of it
const unreferenced = new FinalizationRegistry<number>((handle) => Tree.prototype.delete.call({ 0: handle } as unknown as Tree));

/** Parses Terraform text into a syntax tree that is freed when nothing refers to it any more (never delete() it). */
export function parseHclKept(text: string): Tree {
  const tree = parseWith(text, null);
  unreferenced.register(tree, (tree as unknown as Record<0, number>)[0]);
  return tree;
}

function parseWith(text: string, oldTree: Tree | null): Tree {
  if (!parser) throw new InternalError('the Terraform grammar is not loaded: await loadHcl() before compiling');
  // a byte-order mark would be a syntax error; a space of the same length keeps every offset
  const tree = parser.parse(text.startsWith('\uFEFF') ? ' ' + text.slice(1) : text, oldTree);
  if (!tree) throw new InternalError('tree-sitter returned no tree');
  return tree;
}

/**
 * Parses the text that edits made of an origin file, reusing the origin's tree for everything the edits did not touch
 * (tree-sitter's incremental parse gives the tree a full parse would). The origin tree is left as it was.
 */
export function reparseHcl(before: string, beforeTree: Tree, edits: readonly Edit[], after: string): Tree {
  const lineStarts = [0];
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const point = (offset: number): Point => {
    let lo = 0;
    let hi = lineStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid + 1;
      else hi = mid;
    }
    return { row: lo - 1, column: offset - (lineStarts[lo - 1] ?? 0) };
  };
  const old = beforeTree.copy();
  try {
    // last edit first: the offsets and points of every edit still to apply are the origin's
    const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
    for (const e of sorted) {
      const start = point(e.span.start);
      const nl = e.text.lastIndexOf('\n');
      const newEnd =
        nl < 0
          ? { row: start.row, column: start.column + e.text.length }
          : { row: start.row + e.text.split('\n').length - 1, column: e.text.length - nl - 1 };
      old.edit({
        startIndex: e.span.start,
        oldEndIndex: e.span.end,
        newEndIndex: e.span.start + e.text.length,
        startPosition: start,
        oldEndPosition: point(e.span.end),
        newEndPosition: newEnd,
      });
    }
    return parseWith(after, old);
  } finally {
    old.delete();
  }
}

/** The named children of a node, without nulls. */
export function kids(node: Node): Node[] {
  return node.namedChildren.filter((n): n is Node => n !== null);
}

/** The first named child of a type. */
export function kid(node: Node, type: string): Node | undefined {
  return kids(node).find((n) => n.type === type);
}

/**
 * The first node of a type in a node's subtree, the node itself included, in document order: what
 * `descendantsOfType(type)[0]` gives, without collecting every match.
 */
export function firstOfType(node: Node, type: string): Node | undefined {
  const cursor = node.walk();
  try {
    for (;;) {
      if (cursor.nodeType === type) return cursor.currentNode;
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return undefined;
    }
  } finally {
    cursor.delete();
  }
}

/** The first syntax error or missing node, if any. */
export function firstError(node: Node): Node | undefined {
  if (!node.hasError) return undefined;
  if (node.isError || node.isMissing) return node;
  for (const c of node.children) {
    if (!c) continue;
    if (c.isError || c.isMissing) return c;
    if (c.hasError) return firstError(c) ?? c;
  }
  return node;
}
