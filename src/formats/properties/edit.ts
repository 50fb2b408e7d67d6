import type { Edit } from '../../core/edit.js';
import type { SourceFile } from '../../core/span.js';
import { escapePropertyKey, escapePropertyValue } from './escape.js';
import { parseProperties } from './parse.js';

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
 */
export function editProperties(source: SourceFile, set: Record<string, string>): Edit[] {
  const entries = parseProperties(source);
  const edits: Edit[] = [];
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
