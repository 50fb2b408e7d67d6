/** A range of a file's text. */
export interface TextRange {
  startIndex: number;
  endIndex: number;
  text: string;
}

/** A JSON value inside a heredoc, where `${...}` interpolations may stand for values or sit inside strings. */
export type JsonNode =
  | (TextRange & { kind: 'object'; entries: { key: string; value: JsonNode }[] })
  | (TextRange & { kind: 'array'; items: JsonNode[] })
  | (TextRange & { kind: 'scalar' });

/** Reads the JSON document of a heredoc (offsets into `text`), or undefined when it is not one. */
export function parseHeredocJson(text: string, start: number, end: number): JsonNode | undefined {
  let i = start;
  const ws = (): void => {
    while (i < end && /\s/.test(text[i])) i++;
  };
  const range = (s: number): TextRange => ({ startIndex: s, endIndex: i, text: text.slice(s, i) });
  const interpolation = (): boolean => {
    // at `${`: to the matching `}`, skipping quoted strings inside
    let depth = 0;
    while (i < end) {
      const c = text[i];
      if (c === '"') {
        i++;
        while (i < end && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      } else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        i++;
        return true;
      }
      i++;
    }
    return false;
  };
  const str = (): string | undefined => {
    i++;
    let out = '';
    while (i < end && text[i] !== '"') {
      if (text[i] === '\\') {
        out += text.slice(i, i + 2);
        i += 2;
      } else if (text.startsWith('${', i) || text.startsWith('%{', i)) {
        const s = i;
        if (!interpolation()) return undefined;
        out += text.slice(s, i);
      } else out += text[i++];
    }
    if (i >= end) return undefined;
    i++;
    return out;
  };
  const value = (): JsonNode | undefined => {
    ws();
    const s = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: { key: string; value: JsonNode }[] = [];
      for (;;) {
        ws();
        if (text[i] === '}') break;
        if (text[i] !== '"') return undefined;
        const key = str();
        ws();
        if (key === undefined || text[i] !== ':') return undefined;
        i++;
        const v = value();
        if (!v) return undefined;
        entries.push({ key, value: v });
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') return undefined;
      }
      i++;
      return { kind: 'object', entries, ...range(s) };
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      for (;;) {
        ws();
        if (text[i] === ']') break;
        const v = value();
        if (!v) return undefined;
        items.push(v);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== ']') return undefined;
      }
      i++;
      return { kind: 'array', items, ...range(s) };
    }
    if (c === '"') return str() === undefined ? undefined : { kind: 'scalar', ...range(s) };
    if (text.startsWith('${', i)) return interpolation() ? { kind: 'scalar', ...range(s) } : undefined;
    while (i < end && /[\w.+-]/.test(text[i])) i++;
    return i > s ? { kind: 'scalar', ...range(s) } : undefined;
  };
  const doc = value();
  ws();
  return doc && i === end ? doc : undefined;
}

/** The value of an object's key. */
export function jsonEntry(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return node?.kind === 'object' ? node.entries.find((e) => e.key === key)?.value : undefined;
}
