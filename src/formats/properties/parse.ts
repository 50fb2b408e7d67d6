import type { SourceFile, Span } from '../../core/span.js';
import { unescapeProperty } from './escape.js';

/** One key of a properties file as java.util.Properties would read it, with where its text is. */
export interface PropertyEntry {
  key: string;
  /** The value after unescaping and joining continuation lines. */
  value: string;
  /** The raw value text, continuation lines included; empty at the line end when there is no value. */
  span: Span;
  keySpan: Span;
  /** Raw text between the key and the value (`=`, ` = `, `: `, a space), or '' when there is none. */
  separator: string;
}

interface Char {
  ch: string;
  off: number;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\f';
const isEol = (c: string | undefined): boolean => c === '\n' || c === '\r';

/** Reads one logical line from `start` (continuations joined), returning its characters and where it ends. */
function readLogicalLine(text: string, start: number): { chars: Char[]; end: number; next: number } {
  const chars: Char[] = [];
  let i = start;
  let escaped = false;
  for (;;) {
    const c = text[i];
    if (c === undefined) {
      // A backslash at the very end of the file is dropped, as Properties does.
      if (escaped) chars.pop();
      return { chars, end: i, next: i };
    }
    if (isEol(c)) {
      const after = c === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
      if (!escaped) return { chars, end: i, next: after };
      chars.pop();
      escaped = false;
      i = after;
      while (isSpace(text[i])) i++;
      continue;
    }
    chars.push({ ch: c, off: i });
    escaped = c === '\\' ? !escaped : false;
    i++;
  }
}

/** Splits a logical line into key, separator and value, with offsets into the source. */
function readEntry(file: string, text: string, chars: Char[], end: number): PropertyEntry {
  let k = 0;
  let escaped = false;
  let sepStart = chars.length;
  for (; k < chars.length; k++) {
    const c = chars[k]?.ch;
    if (!escaped && (c === '=' || c === ':' || isSpace(c))) {
      sepStart = k;
      break;
    }
    escaped = c === '\\' ? !escaped : false;
  }
  let v = sepStart;
  let hasSep = false;
  while (v < chars.length) {
    const c = chars[v]?.ch;
    if (!isSpace(c)) {
      if (!hasSep && (c === '=' || c === ':')) hasSep = true;
      else break;
    }
    v++;
  }
  const at = (idx: number): number => chars[idx]?.off ?? end;
  const keyStart = at(0);
  const keyEnd = k > 0 ? (chars[k - 1]?.off ?? keyStart) + 1 : keyStart;
  const valueStart = v < chars.length ? at(v) : end;
  return {
    key: unescapeProperty(
      chars
        .slice(0, k)
        .map((c) => c.ch)
        .join(''),
    ),
    value: unescapeProperty(
      chars
        .slice(v)
        .map((c) => c.ch)
        .join(''),
    ),
    span: { file, start: valueStart, end },
    keySpan: { file, start: keyStart, end: keyEnd },
    separator: text.slice(keyEnd, valueStart),
  };
}

/** Parses a properties file the way java.util.Properties does; a key given twice keeps its last entry. */
export function parseProperties(source: SourceFile): Map<string, PropertyEntry> {
  const entries = new Map<string, PropertyEntry>();
  for (const entry of propertyLines(source)) {
    entries.delete(entry.key);
    entries.set(entry.key, entry);
  }
  return entries;
}

/** Every entry of a properties file in file order, a key given twice included twice. */
export function propertyLines(source: SourceFile): PropertyEntry[] {
  const entries: PropertyEntry[] = [];
  const text = source.text;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    let j = i;
    while (isSpace(text[j])) j++;
    const c = text[j];
    if (c === undefined || isEol(c) || c === '#' || c === '!') {
      // Blank and comment lines end at their line break; a comment never continues.
      while (j < text.length && !isEol(text[j])) j++;
      i = text[j] === '\r' && text[j + 1] === '\n' ? j + 2 : j + 1;
      continue;
    }
    const line = readLogicalLine(text, j);
    entries.push(readEntry(source.path, text, line.chars, line.end));
    i = line.next;
  }
  return entries;
}
