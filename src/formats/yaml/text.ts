import { continuationLineStarts } from './flow-indent.js';

/** Offset of the start of the line containing `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the line break of the line containing `offset` (or the end of the text). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/**
 * `block`'s lines (split at `\n`) each behind `pad`, joined with `eol`; `skipBlank` leaves empty lines empty. How a
 * rendered block is nested under a key or an item.
 */
export function indentLines(block: string, pad: string, { eol = '\n', skipBlank = false } = {}): string {
  return block
    .split('\n')
    .map((l) => (skipBlank && l === '' ? l : pad + l))
    .join(eol);
}

/** Column (0-based) of `offset` within its line. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** The line break the file uses: CRLF if its first line ends so, else LF. */
export function eolOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

/**
 * The span of a block entry starting at `offset` (a key or a `-` indicator at column `indent`):
 * its own line, every following line indented deeper (blank lines inside included, trailing blank
 * lines excluded), and directly preceding comment lines at the same indentation. `continuations` gives the text's
 * `continuationLineStarts`, asked for only when a line's indentation does not settle it.
 */
export function blockEntrySpan(
  text: string,
  offset: number,
  forRemoval = false,
  continuations: () => ReadonlySet<number> = () => continuationLineStarts(text),
): { start: number; end: number } {
  const indent = columnOf(text, offset);
  let start = lineStart(text, offset);
  // comment lines directly above, at the same indentation, describe this entry
  while (start > 0) {
    const prevStart = lineStart(text, start - 1);
    const prev = text.slice(prevStart, start).replace(/\r?\n$/, '');
    if (prev.trimStart().startsWith('#') && indentOf(prev) === indent) start = prevStart;
    else break;
  }
  let end = nextLineStart(text, offset);
  let cursor = end;
  // a key's block sequence may sit at the key's own column (`key:` then `- item`); a sequence item's may not
  const isKey = text[offset] !== '-' && /:[ \t]*(#.*)?$/.test(text.slice(offset, nextLineStart(text, offset)).replace(/\r?\n$/, ''));
  const compactItem = (line: string): boolean => isKey && indentOf(line) === indent && /^-(\s|$)/.test(line.trimStart());
  while (cursor < text.length) {
    const next = nextLineStart(text, cursor);
    const line = text.slice(cursor, next).replace(/\r?\n$/, '');
    if (isBlank(line)) {
      cursor = next;
      continue;
    }
    // a line continuing a flow collection or quoted scalar of the entry, however little it is indented (helm renders it)
    if (indentOf(line) > indent || compactItem(line) || continuations().has(cursor)) {
      end = next;
      cursor = next;
      continue;
    }
    // comment lines at the key's column between its compact items belong to them
    if (isKey && line.trimStart().startsWith('#') && indentOf(line) === indent) {
      let ahead = next;
      while (ahead < text.length) {
        const after = nextLineStart(text, ahead);
        const l = text.slice(ahead, after).replace(/\r?\n$/, '');
        if (isBlank(l) || (l.trimStart().startsWith('#') && indentOf(l) === indent)) ahead = after;
        else {
          if (compactItem(l)) cursor = ahead;
          break;
        }
      }
      if (cursor === ahead) continue;
    }
    break;
  }
  // keep one blank line between neighbours: a blank line above makes the blank lines below redundant
  const above = start > 0 ? text.slice(lineStart(text, start - 1), start).replace(/\r?\n$/, '') : '';
  if (forRemoval && start > 0 && (isBlank(above) || indentOf(above) < indent)) {
    while (end < text.length) {
      const next = nextLineStart(text, end);
      if (!isBlank(text.slice(end, next))) break;
      end = next;
    }
  }
  return { start, end };
}

/** Renders a string as a YAML scalar: plain when unambiguous, else double-quoted; `flow` for inside `{}` or `[]`. */
export function renderScalar(value: string, style?: string, flow = false): string {
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (style === 'QUOTE_DOUBLE') return JSON.stringify(value);
  return isPlainSafe(value) && !(flow && FLOW_INDICATOR.test(value)) ? value : JSON.stringify(value);
}

/** Characters a plain scalar inside a flow collection cannot hold. */
export const FLOW_INDICATOR = /[,[\]{}]/;

const RESERVED =
  /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|\.inf|\.nan)$/i;

function isPlainSafe(v: string): boolean {
  if (v === '' || v !== v.trim()) return false;
  if (RESERVED.test(v)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(v)) return false;
  if (/: |:$| #|[\n\r\t]/.test(v)) return false;
  return true;
}

/** A plain value graft renders as block YAML. */
export type PlainYaml = string | number | boolean | PlainYaml[] | { [key: string]: PlainYaml };

/** Renders a plain value as block YAML lines (two-space indentation), for new content graft adds. */
export function renderBlock(value: PlainYaml): string {
  const lines: string[] = [];
  const scalar = (v: string | number | boolean): string => (typeof v === 'string' ? renderScalar(v) : String(v));
  const walk = (v: PlainYaml, pad: string): void => {
    if (Array.isArray(v)) {
      for (const item of v) {
        if (typeof item === 'object' && !Array.isArray(item)) {
          const inner: string[] = [];
          const saved = lines.length;
          walk(item, pad + '  ');
          inner.push(...lines.splice(saved));
          lines.push(pad + '- ' + (inner[0] ?? '').trimStart(), ...inner.slice(1));
        } else if (Array.isArray(item)) {
          lines.push(`${pad}-`);
          walk(item, pad + '  ');
        } else lines.push(`${pad}- ${scalar(item)}`);
      }
      return;
    }
    if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (typeof x === 'object' && (Array.isArray(x) ? x.length > 0 : Object.keys(x).length > 0)) {
          lines.push(`${pad}${k}:`);
          walk(x, Array.isArray(x) ? pad + '  ' : pad + '  ');
        } else if (typeof x === 'object') lines.push(`${pad}${k}: ${Array.isArray(x) ? '[]' : '{}'}`);
        else lines.push(`${pad}${k}: ${scalar(x)}`);
      }
      return;
    }
    lines.push(pad + scalar(v));
  };
  walk(value, '');
  return lines.join('\n');
}
