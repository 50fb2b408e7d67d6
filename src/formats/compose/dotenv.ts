import type { SourceFile } from '../../core/span.js';

/** One `KEY=value` line of an env file (`env_file:`) or the project's `.env`, with where its value sits. */
export interface DotenvEntry {
  key: string;
  /** The value as Compose reads it (quotes removed; escapes in double quotes kept as written). */
  value: string;
  /** Offsets of the value's text inside the quotes, if any. */
  valueStart: number;
  valueEnd: number;
  /** Offsets of the whole line, line break included. */
  lineStart: number;
  lineEnd: number;
  quote: '' | "'" | '"';
  source: SourceFile;
}

/** A parsed env file: its entries by key, the last one winning as in Compose. */
export interface Dotenv {
  source: SourceFile;
  entries: Map<string, DotenvEntry>;
}

const LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/;

/** Parses an env file the way Compose does: `KEY=value`, `export KEY=value`, quoted values, `#` comments. */
export function parseDotenv(source: SourceFile): Dotenv {
  const text = source.text;
  const entries = new Map<string, DotenvEntry>();
  let pos = text.startsWith('\uFEFF') ? 1 : 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl + 1;
    const line = text.slice(pos, nl < 0 ? text.length : nl).replace(/\r$/, '');
    const m = LINE.exec(line);
    if (m && m[1]) {
      const start = pos + m[0].length;
      const rest = line.slice(m[0].length);
      const q = rest[0] === '"' || rest[0] === "'" ? rest[0] : '';
      let valueStart = start;
      let valueEnd: number;
      if (q) {
        const close = rest.indexOf(q, 1);
        valueStart = start + 1;
        valueEnd = close < 0 ? start + rest.length : start + close;
      } else {
        // an unquoted value ends at ` #` (a comment) or the end of the line
        const hash = rest.search(/\s#/);
        valueEnd = start + (hash < 0 ? rest.length : hash);
        while (valueEnd > valueStart && /[ \t]/.test(text[valueEnd - 1] ?? '')) valueEnd--;
      }
      entries.set(m[1], {
        key: m[1],
        value: text.slice(valueStart, valueEnd),
        valueStart,
        valueEnd,
        lineStart: pos,
        lineEnd,
        quote: q,
        source,
      });
    }
    pos = lineEnd;
  }
  return { source, entries };
}

/** A `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?err}` or `$NAME` reference in a Compose value. */
export interface VarRef {
  name: string;
  start: number;
  end: number;
}

/** Finds the variables a Compose value interpolates (`$$` is a literal dollar). */
export function findVarRefs(value: string): VarRef[] {
  const out: VarRef[] = [];
  const re = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
  for (const m of value.matchAll(re)) {
    const name = m[1] ?? m[2];
    if (name) out.push({ name, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Replaces `${NAME...}` / `$NAME` with the project's `.env` value or the reference's default, for reading only. */
export function interpolate(value: string, vars: ReadonlyMap<string, string>): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, n1, op, def, n2) => {
    if (all === '$$') return all;
    const name = (n1 ?? n2) as string;
    const v = vars.get(name);
    if (op === ':-' || op === '-') return v !== undefined && (op === '-' || v !== '') ? v : (def as string);
    return v ?? all;
  });
}
