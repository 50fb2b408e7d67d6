import type { Document } from 'yaml';
import type { Edit } from '../core/edit.js';
import { editedRuns } from './edited-runs.js';

/** Documents of a file graft would write, with what to add to their offsets to point into its text. */
export interface YamlPiece {
  docs: readonly Document.Parsed[];
  shift: number;
}

// a `---` line starts a document wherever it stands (no scalar can hold one), so what lies between two is parsed alone
const DOCUMENT_START = /(^|\n)---(?=[ \t\r\n]|$)/g;
const DIRECTIVE = /(^|\n)%/;

/**
 * The documents of an edited multi-document YAML file: the origin's own documents where no edit touched the text
 * between two `---` lines, and a parse of the output only where one did. Undefined when the file has directives or a
 * single document, which are parsed whole.
 */
export function editedYamlPieces(
  before: string,
  beforeDocs: readonly Document.Parsed[],
  edits: readonly Edit[],
  after: string,
  parse: (text: string) => Document.Parsed[],
): YamlPiece[] | undefined {
  if (DIRECTIVE.test(before) || DIRECTIVE.test(after)) return undefined;
  const starts = [0];
  for (const m of before.matchAll(DOCUMENT_START)) {
    const at = m.index + (m[1] ?? '').length;
    if (at > 0) starts.push(at);
  }
  if (starts.length < 2) return undefined;
  const ends = [...starts.slice(1), before.length];
  const runs = editedRuns(starts, before.length, edits, after.length);
  // the origin's documents in order, taken chunk by chunk
  let doc = 0;
  const docsFrom = (start: number, end: number): Document.Parsed[] => {
    while (doc < beforeDocs.length && (beforeDocs[doc]?.range[0] ?? 0) < start) doc++;
    const first = doc;
    while (doc < beforeDocs.length && (beforeDocs[doc]?.range[0] ?? 0) < end) doc++;
    return beforeDocs.slice(first, doc);
  };
  // the edited runs are parsed together, in one text, in order: each starts with its `---` line, as in the output
  const pieces: (YamlPiece & { run?: { from: number; to: number } })[] = [];
  let joined = '';
  // what untouched text is shifted by: every edit lies in a run, so the shift changes only across one
  let shift = 0;
  let r = 0;
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k] ?? 0;
    const run = runs[r];
    if (run?.originFrom !== start) {
      pieces.push({ docs: docsFrom(start, ends[k] ?? 0), shift });
      continue;
    }
    pieces.push({ docs: [], shift: run.from - joined.length, run: { from: joined.length, to: joined.length + run.to - run.from } });
    joined += after.slice(run.from, run.to);
    shift = run.to - run.originTo;
    while (k + 1 < starts.length && (starts[k + 1] ?? 0) < run.originTo) k++;
    r++;
  }
  const parsed = joined ? parse(joined) : [];
  let d = 0;
  for (const piece of pieces) {
    if (!piece.run) continue;
    const first = d;
    while (d < parsed.length && (parsed[d]?.range[0] ?? 0) < piece.run.to) d++;
    piece.docs = parsed.slice(first, d);
  }
  return pieces.map(({ docs, shift }) => ({ docs, shift }));
}
