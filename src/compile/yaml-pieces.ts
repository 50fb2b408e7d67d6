import type { Document } from 'yaml';
import type { Edit } from '../core/edit.js';

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
  // chunks an edit touches, its ends included (an insertion at a boundary touches both sides)
  const touched = new Array<boolean>(starts.length).fill(false);
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (const e of sorted) {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ends[mid] ?? 0) < e.span.start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < starts.length && (starts[k] ?? 0) <= e.span.end; k++) touched[k] = true;
  }
  // output offset of an origin offset no edit touches: shifted by every edit before it
  let next = 0;
  let shift = 0;
  const outAt = (offset: number): number => {
    while (next < sorted.length && (sorted[next]?.span.start ?? 0) < offset) {
      const e = sorted[next];
      shift += e.text.length - (e.span.end - e.span.start);
      next++;
    }
    return offset + shift;
  };
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
  for (let k = 0; k < starts.length;) {
    const start = starts[k] ?? 0;
    if (!touched[k]) {
      const end = ends[k] ?? 0;
      pieces.push({ docs: docsFrom(start, end), shift: outAt(start) - start });
      k++;
      continue;
    }
    let j = k;
    while (j + 1 < starts.length && touched[j + 1]) j++;
    const from = outAt(start);
    const to = j + 1 < starts.length ? outAt(ends[j] ?? 0) : after.length;
    pieces.push({ docs: [], shift: from - joined.length, run: { from: joined.length, to: joined.length + to - from } });
    joined += after.slice(from, to);
    k = j + 1;
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
