import type { Edit } from '../core/edit.js';
import { parseHcl, type Node, type Tree } from '../formats/terraform/hcl.js';

/**
 * Tells, without parsing the output, that edits keep a Terraform file parseable: every edit is one of the shapes graft
 * writes, each checked where it lands in the origin's syntax tree —
 * - an expression replaced by a traversal (`var.x`) or a plain quoted string;
 * - elements inserted after a `[` or `,` of a tuple, ending with a comma;
 * - elements inserted between the elements of an object;
 * - whole lines removed that hold only complete attributes and blocks of one body.
 * Inserted text is parsed alone, once per distinct text. False means "not shown": the caller parses the output.
 */
export function hclEditsKeepSyntax(before: string, beforeTree: Tree, edits: readonly Edit[], after: string): boolean {
  const root = beforeTree.rootNode;
  if (root.hasError || before.startsWith('\uFEFF') || edits.length === 0) return false;
  const fragments = new Map<string, FragmentShape>();
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let shift = 0;
  for (const e of sorted) {
    const { start, end } = e.span;
    // the characters around the edit as the output has them (a neighbouring edit's text included)
    const outStart = start + shift;
    const prev = after[outStart - 1] ?? '\n';
    const next = after[outStart + e.text.length] ?? '\n';
    shift += e.text.length - (end - start);
    const ok =
      e.text === ''
        ? removesWholeItems(before, root, start, end)
        : start === end
          ? insertsElements(root, start, e.text, prev, next, fragments)
          : replacesExpression(root, start, end, e.text, prev, next);
    if (!ok) return false;
  }
  return true;
}

const EXPRESSION_KINDS = new Set(['expression', 'expr_term', 'variable_expr', 'literal_value', 'template_expr', 'collection_value']);
const KEYWORDS = new Set(['for', 'in', 'if', 'else', 'endif', 'endfor', 'true', 'false', 'null']);
// a traversal of names, or a quoted string without templates, escapes only of the simple kind
const TRAVERSAL = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/;
const QUOTED = /^"(?:[^"\\\n\r$%]|\\[nrt"\\])*"$/;
const WORD = /[A-Za-z0-9_.-]/;

function replacesExpression(root: Node, start: number, end: number, text: string, prev: string, next: string): boolean {
  const traversal = TRAVERSAL.test(text) && !KEYWORDS.has(text.split('.')[0] ?? '');
  if (!traversal && !QUOTED.test(text)) return false;
  // nothing around it that a name would run into
  if (WORD.test(prev) || /[A-Za-z0-9_"-]/.test(next)) return false;
  // the replaced text is exactly an expression of the origin (one node, or nodes of one range)
  for (let n: Node | null = root.descendantForIndex(start, end); n && n.startIndex === start && n.endIndex === end; n = n.parent) {
    if (EXPRESSION_KINDS.has(n.type)) return true;
  }
  return false;
}

const SPACE = /\s/;

type FragmentShape = 'elements' | 'elements,' | false;

function insertsElements(root: Node, at: number, text: string, prev: string, next: string, fragments: Map<string, FragmentShape>): boolean {
  // separated from what is around it, so no token runs into a neighbour
  if (!SPACE.test(text[0] ?? '') && !SPACE.test(prev)) return false;
  const last = text[text.length - 1] ?? '';
  if (!SPACE.test(last) && !SPACE.test(next) && !/[,\]})"]/.test(last)) return false;
  let n: Node | null = root.descendantForIndex(at, at);
  while (n && !(/^(tuple|object)$/.test(n.type) && n.startIndex < at && n.endIndex > at)) n = n.parent;
  if (!n) return false;
  // between two children of the collection: the one after it starts at or after the insertion
  const after = n.firstChildForIndex(at);
  if (!after || after.startIndex < at) return false;
  let before = after.previousSibling;
  while (before?.type === 'comment') before = before.previousSibling;
  if (!before) return false;
  const kind = n.type;
  const key = `${kind}\0${text}`;
  let shape = fragments.get(key);
  if (shape === undefined) {
    shape = fragmentShape(kind, text);
    fragments.set(key, shape);
  }
  if (!shape) return false;
  // a tuple's elements go after its `[` or a comma and end with a comma
  if (kind === 'tuple') return before.type === 'tuple_start' || before.type === ',';
  // an object's go between elements, on lines of their own where an element is beside them, never doubling a comma
  const opens = before.type === 'object_start' || before.type === ',' || (before.type === 'object_elem' && /^[ \t]*\r?\n/.test(text));
  const closes =
    after.type === 'object_end' ||
    (after.type === ',' && shape === 'elements') ||
    (after.type === 'object_elem' && (shape === 'elements,' || /\n[ \t]*$/.test(text)));
  return opens && closes;
}

/**
 * Whether text parses alone as a tuple's elements ending with a comma, or an object's elements: `elements,` when the
 * last is a comma, `elements` when it is an element, false for anything else.
 */
function fragmentShape(kind: string, text: string): FragmentShape {
  const [open, close] = kind === 'tuple' ? ['[', ']'] : ['{', '}'];
  const prefix = `x = ${open}`;
  const tree = parseHcl(`${prefix}${text}${close}\n`);
  try {
    const root = tree.rootNode;
    if (root.hasError) return false;
    const collection = root.descendantForIndex(prefix.length - 1, prefix.length);
    let c: Node | null = collection;
    while (c && c.type !== kind) c = c.parent;
    if (c?.startIndex !== prefix.length - 1 || c.endIndex !== prefix.length + text.length + 1) return false;
    const children = c.children.filter((k): k is Node => k !== null && k.type !== 'comment');
    const inner = children.slice(1, -1);
    if (inner.length === 0) return false;
    const comma = inner[inner.length - 1]?.type === ',';
    if (kind === 'tuple') return inner[0]?.type === 'expression' && comma ? 'elements,' : false;
    if (inner[0]?.type !== 'object_elem' || !inner.every((k) => k.type === 'object_elem' || k.type === ',')) return false;
    return comma ? 'elements,' : 'elements';
  } finally {
    tree.delete();
  }
}

function lineStart(text: string, at: number): boolean {
  return at === 0 || text[at - 1] === '\n';
}

function removesWholeItems(before: string, root: Node, start: number, end: number): boolean {
  if (!lineStart(before, start) || !(end === before.length || lineStart(before, end)) || end <= start) return false;
  // the first item the lines hold, a child of a body
  const first = start + before.slice(start, end).search(/\S/);
  if (first < start) return false;
  let item: Node | null = root.descendantForIndex(first, first);
  while (item && !(item.parent?.type === 'body' && item.startIndex === first)) item = item.parent;
  if (!item) return false;
  // every item the lines touch lies wholly inside them; the text between is blank
  let at = start;
  for (let c: Node | null = item; c && c.startIndex < end; c = c.nextSibling) {
    if (c.endIndex > end) return false;
    if (before.slice(at, c.startIndex).trim() !== '') return false;
    at = c.endIndex;
  }
  return before.slice(at, end).trim() === '';
}
