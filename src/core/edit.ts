import { InternalError } from './errors.js';
import type { SourceFile, Span } from './span.js';

/** One replacement of a range of a file's text; the only way graft changes a file. */
export interface Edit {
  span: Span;
  text: string;
}

/** Splices edits into the untouched source text; overlapping edits are a bug. */
export function applyEdits(source: SourceFile, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let cursor = 0;
  for (const e of sorted) {
    if (e.span.file !== source.path) throw new InternalError(`edit for ${e.span.file} applied to ${source.path}`);
    if (e.span.start < cursor) throw new InternalError(`overlapping edits in ${source.path} at ${e.span.start}`);
    if (e.span.end < e.span.start || e.span.end > source.text.length) {
      throw new InternalError(`edit out of range in ${source.path}`);
    }
    out += source.text.slice(cursor, e.span.start) + e.text;
    cursor = e.span.end;
  }
  return out + source.text.slice(cursor);
}
