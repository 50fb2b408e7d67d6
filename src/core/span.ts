/** A source file as graft read it: the path it reports and the exact text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** A half-open range of UTF-16 offsets in one file; lines and columns are computed only when rendering. */
export interface Span {
  file: string;
  start: number;
  end: number;
}

/** A 1-based line and column. */
export interface Position {
  line: number;
  col: number;
}

const lineStartCache = new WeakMap<SourceFile, number[]>();

/** Returns the offsets at which each line of the file starts. */
export function lineStarts(source: SourceFile): number[] {
  let starts = lineStartCache.get(source);
  if (!starts) {
    starts = [0];
    for (let i = 0; i < source.text.length; i++) {
      if (source.text.charCodeAt(i) === 10) starts.push(i + 1);
    }
    lineStartCache.set(source, starts);
  }
  return starts;
}

/** Converts an offset into a 1-based line and column. */
export function positionAt(source: SourceFile, offset: number): Position {
  const starts = lineStarts(source);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - (starts[lo] ?? 0) + 1 };
}

/** Returns the text of a 1-based line without its line break. */
export function lineText(source: SourceFile, line: number): string {
  const starts = lineStarts(source);
  const start = starts[line - 1] ?? source.text.length;
  const next = starts[line] ?? source.text.length;
  return source.text.slice(start, next).replace(/\r?\n$/, '');
}
