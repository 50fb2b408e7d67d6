import type { Edit } from '../core/edit.js';
import { parseHcl, type Node, type Tree } from '../formats/terraform/hcl.js';
import { editedRuns } from './edited-runs.js';

/** The items at the top of a Terraform file (blocks, attributes, comments), in order. */
function topLevel(tree: Tree): Node[] {
  const out: Node[] = [];
  for (const n of tree.rootNode.children) {
    if (!n) continue;
    if (n.type === 'body')
      for (const c of n.children)
        if (c) out.push(c);
        else out.push(n);
  }
  return out;
}

/**
 * Whether the text edits made of an origin Terraform file parses without a syntax error, told from the top-level items
 * edits touched alone: the origin is cut at the start of each line that opens a top-level item, and the runs of cuts
 * edits touched are parsed together, each ending with a line break. When that parse has no error and each run holds
 * whole items (none spans into the next run), the output is the origin's untouched items, which parsed, and those
 * runs, and parses too. Anything else (an error, an item across runs, an origin with errors) is undecided here: the
 * caller parses the whole output.
 */
export function editedHclParses(before: string, beforeTree: Tree, edits: readonly Edit[], after: string): boolean {
  if (beforeTree.rootNode.hasError || beforeTree.rootNode.endIndex !== before.length) return false;
  const starts = [0];
  for (const item of topLevel(beforeTree)) {
    const lineStart = before.lastIndexOf('\n', item.startIndex - 1) + 1;
    if (lineStart > (starts[starts.length - 1] ?? 0) && before.slice(lineStart, item.startIndex).trim() === '') starts.push(lineStart);
  }
  const runs = editedRuns(starts, before.length, edits, after.length);
  if (runs.length === 0) return true;
  const joinedStarts: number[] = [];
  let joined = '';
  for (const run of runs) {
    const text = after.slice(run.from, run.to);
    if (run.to < after.length && !text.endsWith('\n')) return false;
    joinedStarts.push(joined.length);
    joined += text;
  }
  // a byte-order mark counts only at the start of the file
  if (runs[0]?.from !== 0 && joined.startsWith('\uFEFF')) return false;
  const tree = parseHcl(joined);
  try {
    if (tree.rootNode.hasError) return false;
    let r = 1;
    for (const item of topLevel(tree)) {
      while (r < joinedStarts.length && (joinedStarts[r] ?? 0) <= item.startIndex) r++;
      if (r < joinedStarts.length && (joinedStarts[r] ?? 0) < item.endIndex) return false;
    }
    return true;
  } finally {
    tree.delete();
  }
}
