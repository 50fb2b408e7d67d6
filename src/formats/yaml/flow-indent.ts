import {
  isNode,
  parseAllDocuments,
  parseDocument,
  visit,
  type Document,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';

/**
 * Multi-document YAML read as kubectl reads it (go-yaml's scanner, through sigs.k8s.io/yaml): a line that continues a
 * flow collection (`[...]`, `{...}`) or a quoted scalar may be indented less than the block it sits in. The YAML spec
 * and the `yaml` library reject such a line; go-yaml ignores indentation inside flow collections and quoted scalars,
 * and helm renders it whenever a template's `include` starts with a line break. When the plain parse fails and
 * indenting those continuation lines (which changes no value: their leading white space is folded away) makes it
 * parse cleanly, that reading is returned with every position mapped back to the original text. A document marker
 * at column 0 inside them (which go-yaml rejects) is never indented, so what kubectl rejects stays rejected.
 */
export function parseAllDocumentsLikeKubectl(
  text: string,
  options: ParseOptions & DocumentOptions & SchemaOptions = {},
): Document.Parsed[] {
  const plain = asList(parseAllDocuments(text, options));
  if (!plain.some((d) => d.errors.length > 0)) return plain;
  const pads = flowContinuationPads(text);
  if (pads.length === 0) return plain;
  let padded = '';
  let at = 0;
  for (const p of pads) {
    padded += text.slice(at, p.offset) + ' '.repeat(p.width);
    at = p.offset;
  }
  padded += text.slice(at);
  // the caller's line counter, if any, keeps the lines of the text it gave
  const retry = asList(parseAllDocuments(padded, { ...options, lineCounter: undefined }));
  if (retry.some((d) => d.errors.length > 0)) return plain;
  const back = (offset: number): number => {
    let inserted = 0;
    for (const p of pads) {
      const at = p.offset + inserted;
      if (offset < at) break;
      // inside the inserted spaces: the insertion point
      if (offset < at + p.width) return p.offset;
      inserted += p.width;
    }
    return offset - inserted;
  };
  for (const doc of retry) {
    const d = doc as unknown as { range: [number, number, number] };
    d.range = [back(d.range[0]), back(d.range[1]), back(d.range[2])];
    for (const w of doc.warnings) w.pos = [back(w.pos[0]), back(w.pos[1])];
    visit(doc, (_key, node) => {
      if (isNode(node) && node.range) node.range = [back(node.range[0]), back(node.range[1]), back(node.range[2])];
    });
  }
  return retry;
}

/**
 * One YAML document read as go-yaml reads it (docker compose loads Compose files with go-yaml too): the plain parse,
 * or, when it fails and a single document results, the reading of `parseAllDocumentsLikeKubectl`.
 */
export function parseDocumentLikeGoYaml(text: string, options: ParseOptions & DocumentOptions & SchemaOptions = {}): Document.Parsed {
  const plain = parseDocument(text, options);
  if (plain.errors.length === 0) return plain;
  // the caller's line counter already holds the text's lines from the plain parse
  const docs = parseAllDocumentsLikeKubectl(text, { ...options, lineCounter: undefined });
  const [only] = docs;
  return docs.length === 1 && only && only.errors.length === 0 ? only : plain;
}

function asList(docs: ReturnType<typeof parseAllDocuments>): Document.Parsed[] {
  return Array.isArray(docs) ? (docs as Document.Parsed[]) : [];
}

/**
 * Start offsets of the lines that continue a flow collection or a quoted scalar at an indentation that would otherwise
 * end the block entry around it: they belong to that entry (what a removal or a move of the entry must take along).
 * A scan of the whole text: callers that ask often about one text keep the answer (a string compare is no cheap key).
 */
export function continuationLineStarts(text: string): ReadonlySet<number> {
  return new Set(flowContinuationPads(text).map((p) => p.offset));
}

/**
 * Where to indent lines that continue a flow collection or a quoted scalar from an earlier line and are indented no
 * deeper than the line it started on: the line's start offset and how many spaces to insert, in text order.
 */
export function flowContinuationPads(text: string): { offset: number; width: number }[] {
  const pads: { offset: number; width: number }[] = [];
  let depth = 0; // open flow collections
  let quote: '' | "'" | '"' = '';
  // the construct left open at the end of a line: the indentation of the line it opened on, and its column
  let openIndent = 0;
  let openColumn = 0;
  // a block scalar's content: lines indented deeper than this (or blank) belong to it
  let blockScalar = -1;
  let lineStart = 0;
  while (lineStart < text.length) {
    const nl = text.indexOf('\n', lineStart);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(lineStart, end).replace(/\r$/, '');
    const indent = line.length - line.replace(/^[ \t]+/, '').length;
    const blank = line.trim() === '';
    const open = depth > 0 || quote !== '';
    if (!open && blockScalar >= 0) {
      if (blank || indent > blockScalar) {
        lineStart = end + 1;
        continue;
      }
      blockScalar = -1;
    }
    if (open && !blank && indent <= openIndent && !/^(?:---|\.\.\.)(?:[ \t]|$)/.test(line)) {
      pads.push({ offset: lineStart, width: openColumn + 1 - indent });
    }
    if (!open) {
      if (/^(?:---|\.\.\.)(?:[ \t]|$)/.test(line)) {
        lineStart = end + 1;
        continue;
      }
    }
    // scan the line; `start` is true where a scalar or collection may begin
    let start = true;
    for (let i = 0; i < line.length; i++) {
      const c = line[i] ?? '';
      if (quote === "'") {
        if (c === "'") {
          if (line[i + 1] === "'") i++;
          else quote = '';
        }
        continue;
      }
      if (quote === '"') {
        if (c === '\\') i++;
        else if (c === '"') quote = '';
        continue;
      }
      if (c === ' ' || c === '\t') continue;
      if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) break;
      const wasOpen = depth > 0 || quote !== '';
      if (start && (c === "'" || c === '"')) {
        quote = c;
        if (!wasOpen) [openIndent, openColumn] = [indent, i];
        start = false;
        continue;
      }
      if ((c === '[' || c === '{') && (start || depth > 0)) {
        if (!wasOpen) [openIndent, openColumn] = [indent, i];
        depth++;
        start = true;
        continue;
      }
      if ((c === ']' || c === '}') && depth > 0) {
        depth--;
        start = false;
        continue;
      }
      if (depth > 0 && c === ',') {
        start = true;
        continue;
      }
      if ((c === ':' || c === '-' || c === '?') && separates(line[i + 1])) {
        start = true;
        continue;
      }
      if (depth === 0 && start && (c === '|' || c === '>') && /^[|>][-+0-9]*[ \t]*(?:#.*)?$/.test(line.slice(i))) {
        blockScalar = indent;
        break;
      }
      if (start && (c === '&' || c === '!')) {
        // an anchor or a tag before the node: skip the token
        while (i + 1 < line.length && !/[ \t]/.test(line[i + 1] ?? '')) i++;
        continue;
      }
      // a plain scalar: inside a flow collection it ends at an indicator, outside at a comment
      start = false;
      while (i + 1 < line.length) {
        const n = line[i + 1] ?? '';
        if (depth > 0 && /[,[\]{}]/.test(n)) break;
        if (n === ':' && separates(line[i + 2])) break;
        if ((n === ' ' || n === '\t') && line[i + 2] === '#') break;
        i++;
      }
    }
    lineStart = end + 1;
  }
  return pads;
}

function separates(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\t';
}
