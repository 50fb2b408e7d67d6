import type { ErrorObject } from 'ajv';
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Diagnostic } from './diagnostic.js';
import { maskUserinfo, userinfoRanges } from './redact.js';
import type { SourceFile, Span } from './span.js';
import { validatorFor } from './validators.js';

/** A path into a parsed document: map keys and sequence indexes. */
export type DocPath = readonly (string | number)[];

/** A YAML or JSON configuration document parsed with source positions. */
export interface YamlDoc {
  source: SourceFile;
  doc: Document.Parsed;
  data: unknown;
  /** Returns the span of the node at a path, or of its nearest existing ancestor. */
  spanOf(path: DocPath, part?: 'key' | 'value'): Span;
}

/** Codes shared by every schema-checked document graft reads. */
export const DOC_CODES = {
  syntax: 'YAML_SYNTAX',
  unknownField: 'UNKNOWN_FIELD',
  missingField: 'MISSING_FIELD',
  wrongType: 'WRONG_TYPE',
  invalidValue: 'INVALID_VALUE',
} as const;

/** Parses YAML (or JSON) keeping offsets; syntax errors become diagnostics with the given code prefix. */
export function parseYamlDoc(source: SourceFile, codePrefix: string): { doc?: YamlDoc; diagnostics: Diagnostic[] } {
  const doc = parseDocument(source.text, {
    lineCounter: new LineCounter(),
    keepSourceTokens: false,
    uniqueKeys: true,
    prettyErrors: false,
  });
  const diagnostics: Diagnostic[] = doc.errors.map((e) => ({
    code: `${codePrefix}_${DOC_CODES.syntax}`,
    severity: 'error',
    message: e.message.split('\n')[0] ?? e.message,
    help: 'fix the YAML syntax at this position',
    subject: { file: source.path, start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) },
  }));
  if (diagnostics.length > 0) {
    // a file that is not one of graft's documents (a secret, a key given by mistake) is never shown in a frame
    const foreign = !/["']?\b(?:apiVersion|kind)["']?\s*:/.test(source.text) || source.text.includes('-----BEGIN ');
    const whole = [{ file: source.path, start: 0, end: source.text.length }];
    return { diagnostics: foreign ? diagnostics.map((d) => ({ ...d, sensitive: whole })) : diagnostics };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // the yaml library throws for an alias without an anchor before it, and for aliases that expand without bound
    if (!(e instanceof ReferenceError)) throw e;
    return { diagnostics: [aliasDiagnostic(source, doc, e.message, `${codePrefix}_${DOC_CODES.syntax}`)] };
  }
  const yd: YamlDoc = {
    source,
    doc,
    data,
    spanOf: (path, part = 'value') => spanAt(source, doc, path, part),
  };
  return { doc: yd, diagnostics };
}

function aliasDiagnostic(source: SourceFile, doc: Document.Parsed, message: string, code: string): Diagnostic {
  const unresolved = /Unresolved alias[^:]*: (.*)$/.exec(message)?.[1];
  const anchors = new Set<string>();
  let at: Node | undefined;
  visit(doc, (_key, node) => {
    if (at) return visit.BREAK;
    if (isNode(node) && !isAlias(node) && node.anchor) anchors.add(node.anchor);
    // the first alias whose anchor comes later (or never), or for an alias bomb the first alias
    if (isAlias(node) && (unresolved === undefined || (node.source === unresolved && !anchors.has(node.source)))) at = node;
    return undefined;
  });
  const range = at?.range;
  return {
    code,
    severity: 'error',
    message:
      unresolved !== undefined
        ? `the alias *${unresolved} has no anchor &${unresolved} before it`
        : 'aliases expand to too many nodes (more than 100 uses): graft refuses documents that grow without bound',
    help:
      unresolved !== undefined
        ? `define &${unresolved} before this use, or write the value here`
        : 'write the values out instead of nesting aliases',
    subject: range
      ? { file: source.path, start: range[0], end: Math.max(range[1], range[0] + 1) }
      : { file: source.path, start: 0, end: 0 },
  };
}

function spanAt(source: SourceFile, doc: Document.Parsed, path: DocPath, part: 'key' | 'value'): Span {
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const seg of path) {
    if (!isNode(node) || !('items' in node)) break;
    const collection = node as Node & { items: unknown[] };
    if (isMap(collection)) {
      const pair = collection.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!isPair(pair)) break;
      keyNode = pair.key;
      node = pair.value ?? pair.key;
    } else {
      const item = collection.items[Number(seg)];
      if (item === undefined) break;
      keyNode = item;
      node = item;
    }
  }
  // a block collection is best shown by its key; its value spans many lines
  const blockCollection = (isMap(node) || isSeq(node)) && !node.flow;
  const target = (part === 'key' || blockCollection) && keyNode ? keyNode : node;
  const range = isNode(target) ? target.range : undefined;
  if (!range) return { file: source.path, start: 0, end: 0 };
  return { file: source.path, start: range[0], end: Math.max(range[1], range[0] + 1) };
}

/** A string of a document that carries credentials: where, the value with them masked, and their exact ranges. */
export interface FoundCredentials {
  path: (string | number)[];
  span: Span;
  masked: string;
  credentials: Span[];
}

/**
 * Every string of a document that carries credentials as URL user info (`https://key:secret@host`); where `bare`
 * says so for a path, also `user:password@host:port` list entries. Keys and values alike.
 */
export function findCredentials(yd: YamlDoc, bare: (path: DocPath) => boolean = () => false): FoundCredentials[] {
  const out: FoundCredentials[] = [];
  visit(yd.doc, {
    Scalar(_key, node, ancestors) {
      if (typeof node.value !== 'string' || !node.range) return;
      const path = pathOf(ancestors, node);
      const raw = yd.source.text.slice(node.range[0], node.range[1]);
      const ranges = userinfoRanges(raw, bare(path));
      if (ranges.length === 0) return;
      const at = node.range[0];
      out.push({
        path,
        span: { file: yd.source.path, start: at, end: Math.max(node.range[1], at + 1) },
        masked: maskUserinfo(node.value, bare(path)),
        credentials: ranges.map((r) => ({ file: yd.source.path, start: at + r.start, end: at + r.end })),
      });
    },
  });
  return out;
}

/** The spans a document's renderings must never show: credentials in its strings, or all of it when it is no mapping. */
export function sensitiveSpans(yd: YamlDoc): Span[] {
  // a file given by mistake (a secret, a key) parses as one scalar: none of it belongs in a code frame
  if (!isMap(yd.doc.contents)) return [{ file: yd.source.path, start: 0, end: yd.source.text.length }];
  return findCredentials(yd).flatMap((f) => f.credentials);
}

// the map keys and sequence indexes leading to a node, from the ancestors `visit` gives
function pathOf(ancestors: readonly unknown[], node: unknown): (string | number)[] {
  const path: (string | number)[] = [];
  const chain = [...ancestors, node];
  for (let i = 0; i < chain.length - 1; i++) {
    const parent = chain[i];
    const child = chain[i + 1];
    if (isSeq(parent)) path.push(parent.items.indexOf(child));
    else if (isPair(child) && isScalar(child.key)) path.push(String(child.key.value));
  }
  return path;
}

/** Checks a document against a JSON Schema and turns each violation into a positioned diagnostic. */
export function checkSchema(yd: YamlDoc, schema: object, codePrefix: string): Diagnostic[] {
  const validate = validatorFor(schema);
  if (validate(yd.data)) return [];
  return simplifyErrors(validate.errors ?? []).map((e) => toDiagnostic(yd, e, codePrefix));
}

// anyOf/oneOf report every failed branch; keep only the most specific, deepest errors.
function simplifyErrors(errors: ErrorObject[]): ErrorObject[] {
  const combinators = new Set(['anyOf', 'oneOf', 'if', 'not']);
  const deep = errors.filter((e) => !combinators.has(e.keyword));
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of deep) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  const kept: ErrorObject[] = [];
  for (const e of deep) {
    // a "must be string" from the scalar branch of string-or-object is noise when an object was given
    if (e.keyword === 'type' && e.schemaPath.includes('/anyOf/') && (byPath.get(e.instancePath)?.length ?? 0) > 1) continue;
    if (kept.some((k) => k.instancePath === e.instancePath && k.keyword === e.keyword && k.message === e.message)) continue;
    kept.push(e);
  }
  return kept.length > 0 ? kept : errors.slice(0, 1);
}

function toDiagnostic(yd: YamlDoc, e: ErrorObject, prefix: string): Diagnostic {
  const path = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const where = path.length > 0 ? path.join('.') : '(document)';
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
      const guess = closest(extra, allowed);
      return {
        code: `${prefix}_${DOC_CODES.unknownField}`,
        severity: 'error',
        message: `unknown field "${extra}" in ${where}`,
        help: guess ? `did you mean "${guess}"?` : `allowed fields: ${allowed.join(', ')}`,
        subject: yd.spanOf([...path, extra], 'key'),
      };
    }
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      return {
        code: `${prefix}_${DOC_CODES.missingField}`,
        severity: 'error',
        message: `${where} is missing required field "${missing}"`,
        help: `add "${missing}"`,
        subject: yd.spanOf(path, path.length > 0 ? 'key' : 'value'),
      };
    }
    case 'type': {
      const want = String((e.params as { type: string | string[] }).type).split(',');
      const what = want.map((t) =>
        t === 'object' ? 'a mapping' : t === 'array' ? 'a list' : t === 'integer' ? 'a whole number' : `a ${t}`,
      );
      return {
        code: `${prefix}_${DOC_CODES.wrongType}`,
        severity: 'error',
        message: `${where} must be ${what.join(' or ')}`,
        help: `write ${where} as ${what.join(' or ')}${want.includes('string') ? ' (quote it if YAML reads it as a number or boolean)' : ''}`,
        subject: yd.spanOf(path),
      };
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      return {
        code: `${prefix}_${DOC_CODES.invalidValue}`,
        severity: 'error',
        message: `${where} must be one of ${allowed.join(', ')}`,
        help: hintFor(yd, path, allowed) ?? `use one of ${allowed.join(', ')}`,
        subject: yd.spanOf(path),
      };
    }
    case 'const': {
      const wanted = String((e.params as { allowedValue: unknown }).allowedValue);
      return {
        code: `${prefix}_${DOC_CODES.invalidValue}`,
        severity: 'error',
        message: `${where} must be ${wanted}`,
        help: `set ${where}: ${wanted}`,
        subject: yd.spanOf(path),
      };
    }
    case 'pattern': {
      const pattern = String((e.params as { pattern: string }).pattern);
      return {
        code: `${prefix}_${DOC_CODES.invalidValue}`,
        severity: 'error',
        message: `${where} must match ${pattern}`,
        help: PATTERN_HELP[pattern] ?? `write ${where} so that it matches ${pattern}`,
        subject: yd.spanOf(path),
      };
    }
    case 'minLength': {
      const limit = Number((e.params as { limit: number }).limit);
      return {
        code: `${prefix}_${DOC_CODES.invalidValue}`,
        severity: 'error',
        message: limit === 1 ? `${where} must not be empty` : `${where} must have at least ${limit} characters`,
        help: `give ${where} a value, or remove it`,
        subject: yd.spanOf(path),
      };
    }
    default:
      return {
        code: `${prefix}_${DOC_CODES.invalidValue}`,
        severity: 'error',
        message: `${where} ${e.message ?? 'is invalid'}`,
        help: KEYWORD_HELP[e.keyword]?.(where) ?? `see the JSON Schema of this file: graft schema`,
        subject: yd.spanOf(path),
      };
  }
}

/** What to do about a value the schema's pattern refuses, for the patterns graft's schemas use. */
const PATTERN_HELP: Record<string, string> = {
  '^[A-Za-z_][A-Za-z0-9_]*$': 'use an environment variable name: letters, digits and _, not starting with a digit',
  '^/': 'use the absolute path of the file inside the container',
  '^[A-Za-z0-9._-]{1,249}$': 'use a Kafka topic name: up to 249 letters, digits, ".", "_" or "-"',
};

/** What to do about the other schema keywords graft's schemas use. */
const KEYWORD_HELP: Record<string, (where: string) => string> = {
  minItems: (where) => `list at least one entry in ${where}, or remove it`,
  uniqueItems: (where) => `remove the duplicate entries from ${where}`,
  minimum: (where) => `use a larger number for ${where}`,
  minProperties: (where) => `give ${where} at least one field, or remove it`,
  maxProperties: (where) => `keep exactly one of the fields of ${where}`,
};

function hintFor(yd: YamlDoc, path: string[], allowed: string[]): string | undefined {
  const node = yd.doc.getIn(path, true);
  const given = isScalar(node) ? String(node.value) : undefined;
  // a closed set of values: the nearest one is worth naming even a few edits away (SASL_TLS → SASL_SSL)
  const guess = given ? closest(given, allowed, Math.ceil(given.length / 2)) : undefined;
  return guess ? `did you mean "${guess}"?` : undefined;
}

/** Returns the candidate closest to a misspelt word, if one is within `within` edits (default: a third of the word). */
export function closest(
  word: string,
  candidates: readonly string[],
  within = Math.max(2, Math.floor(word.length / 3)),
): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return bestDistance <= within ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] ?? 0;
}
