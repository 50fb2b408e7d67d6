import type { Edit } from '../../core/edit.js';
import type { SourceFile } from '../../core/span.js';
import { escapePropertyKey, escapePropertyValue } from './escape.js';
import { parseProperties, propertyLines } from './parse.js';

/** The line break a file already uses: CRLF, CR or LF. */
export function lineEnding(text: string): string {
  if (text.includes('\r\n')) return '\r\n';
  if (text.includes('\r')) return '\r';
  return '\n';
}

/** The separator new lines use, copied from an existing line (`=`, ` = `, `: `, ` `), else `=`. */
function separatorStyle(sample: string | undefined): string {
  if (!sample) return '=';
  const mark = sample.includes('=') ? '=' : sample.includes(':') ? ':' : '';
  if (!mark) return ' ';
  const [before = '', after = ''] = sample.split(mark);
  return `${before ? ' ' : ''}${mark}${after ? ' ' : ''}`;
}

/**
 * Edits that give each key in `set` its value: an existing key keeps its place, comments and
 * separator and only its value text changes; new keys are appended at the end in the order given,
 * in the file's own line ending and separator style. Keys already holding the value get no edit.
 * Every line of a key in `remove` goes, continuation lines, line break and the comment lines directly above included.
 */
export function editProperties(source: SourceFile, set: Record<string, string>, remove: readonly string[] = []): Edit[] {
  const entries = parseProperties(source);
  const edits: Edit[] = remove.length ? removeLines(source, new Set(remove)) : [];
  const appended: string[] = [];
  const separator = separatorStyle([...entries.values()].find((e) => e.span.start < e.span.end)?.separator);
  for (const [key, value] of Object.entries(set)) {
    const entry = entries.get(key);
    if (!entry) {
      appended.push(`${escapePropertyKey(key)}${separator}${escapePropertyValue(value)}`);
    } else if (entry.value !== value) {
      const sep = entry.separator === '' ? '=' : '';
      edits.push({ span: entry.span, text: sep + escapePropertyValue(value) });
    }
  }
  if (appended.length > 0) {
    const text = source.text;
    const eol = lineEnding(text);
    const needsBreak = text.length > 0 && !text.endsWith('\n') && !text.endsWith('\r');
    edits.push({
      span: { file: source.path, start: text.length, end: text.length },
      text: (needsBreak ? eol : '') + appended.map((line) => line + eol).join(''),
    });
  }
  return edits;
}

/** Edits that delete every line of the given keys: from the line's start through its line break. */
function removeLines(source: SourceFile, keys: ReadonlySet<string>): Edit[] {
  const text = source.text;
  const edits: Edit[] = [];
  for (const entry of propertyLines(source)) {
    if (!keys.has(entry.key)) continue;
    let start = text.lastIndexOf('\n', entry.keySpan.start - 1) + 1;
    const cr = text.lastIndexOf('\r', entry.keySpan.start - 1) + 1;
    if (cr > start) start = cr;
    if (start === 0 && text.charCodeAt(0) === 0xfeff) start = 1;
    // comment lines directly above belong to the setting and go with it
    for (;;) {
      const prevEnd = start - (text[start - 1] === '\n' && text[start - 2] === '\r' ? 2 : 1);
      if (start <= 0 || prevEnd < 0) break;
      const prevStart = Math.max(text.lastIndexOf('\n', prevEnd - 1), text.lastIndexOf('\r', prevEnd - 1)) + 1;
      if (!/^[ \t]*[#!]/.test(text.slice(prevStart, prevEnd).replace(/^\uFEFF/, ''))) break;
      start = prevStart === 0 && text.charCodeAt(0) === 0xfeff ? 1 : prevStart;
    }
    let end = entry.span.end;
    if (text[end] === '\r' && text[end + 1] === '\n') end += 2;
    else if (text[end] === '\n' || text[end] === '\r') end += 1;
    else if (start > 0 && (text[start - 1] === '\n' || text[start - 1] === '\r')) {
      // the last line without a line break: the break before it goes instead
      start -= text[start - 1] === '\n' && text[start - 2] === '\r' ? 2 : 1;
    }
    edits.push({ span: { file: source.path, start, end }, text: '' });
  }
  return edits;
}
