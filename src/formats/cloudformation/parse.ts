import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { SourceFile, Span } from '../../core/span.js';
import { duplicateKeys, errorsWithDuplicateKeys } from '../yaml/nodes.js';

/** Every CloudFormation intrinsic with a YAML short form (`!Ref`, `!GetAtt`, ...), including language extensions. */
export const SHORT_TAGS = [
  'Ref',
  'Condition',
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'RefAll',
  'ValueOf',
  'ValueOfAll',
  'Length',
  'ToJsonString',
  'ForEach',
  'GetParam',
] as const;

/** The YAML tags of every short intrinsic; the tag stays on the node (node.tag), which is all graft needs. */
export const CFN_YAML_TAGS = SHORT_TAGS.flatMap((name) => [
  { tag: `!${name}`, resolve: (v: unknown) => v },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (v: unknown) => v },
  { tag: `!${name}`, collection: 'map' as const, resolve: (v: unknown) => v },
]);

/** One resource of a template. */
export interface Resource {
  id: string;
  type: string;
  pair: Pair;
  node: YAMLMap;
}

/** A parsed CloudFormation template, YAML or JSON, with node ranges into its exact text. */
export interface Template {
  source: SourceFile;
  /** JSON templates get JSON edits. */
  json: boolean;
  doc: Document.Parsed;
  root: YAMLMap;
  resources: Resource[];
}

/** Parses a template; syntax errors become CFN_SYNTAX diagnostics. */
export function parseTemplate(source: SourceFile): { template?: Template; diagnostics: Diagnostic[] } {
  const doc = parseLenient(source.text);
  const diagnostics: Diagnostic[] = errorsWithDuplicateKeys(doc).map((e) => ({
    code: 'CFN_SYNTAX',
    severity: 'error',
    message: e.message.split('\n')[0] ?? e.message,
    help: 'fix the template syntax at this position',
    subject: { file: source.path, start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) },
  }));
  if (diagnostics.length > 0 || !isMap(doc.contents)) return { diagnostics };
  const root = doc.contents;
  const resources: Resource[] = [];
  const section = root.get('Resources', true);
  if (isMap(section)) {
    for (const pair of section.items) {
      if (!isScalar(pair.key) || !isMap(pair.value)) continue;
      resources.push({ id: String(pair.key.value), type: textOf(pair.value.get('Type', true)) ?? '', pair, node: pair.value });
    }
  }
  return { template: { source, json: /^\uFEFF?\s*\{/.test(source.text), doc, root, resources }, diagnostics };
}

function parseYaml(text: string): Document.Parsed {
  return parseDocument(text, {
    lineCounter: new LineCounter(),
    customTags: CFN_YAML_TAGS as never,
    uniqueKeys: false,
    prettyErrors: false,
  });
}

/**
 * Parses a template the way CloudFormation's loader reads it. CloudFormation (like PyYAML) accepts a multi-line quoted
 * scalar whose continuation line is indented no deeper than its key (a `!Sub '{ ... }'` policy closing with `}'` at the
 * key's column); YAML 1.2 does not. Such a line break is read as a space on a copy of the text of the same length, so
 * every node range still points into the original text, and the scalar's value is then folded from its original text.
 */
function parseLenient(text: string): Document.Parsed {
  let doc = parseYaml(text);
  let patched = text;
  const breaks: number[] = [];
  for (let round = 0; round < 200; round++) {
    const cut = doc.errors.find((e) => e.code === 'MISSING_CHAR' && /quote/.test(e.message));
    const at = cut?.pos[0] ?? -1;
    if (at < 0 || !breaksBeforeText(patched, at)) break;
    const len = patched.startsWith('\r\n', at) ? 2 : 1;
    patched = patched.slice(0, at) + ' '.repeat(len) + patched.slice(at + len);
    breaks.push(at);
    doc = parseYaml(patched);
  }
  if (breaks.length === 0 || doc.errors.length > 0 || duplicateKeys([doc]).length > 0) return breaks.length === 0 ? doc : parseYaml(text);
  visit(doc, {
    Scalar(_key, node) {
      const [start, end] = node.range ?? [0, 0];
      if (!breaks.some((b) => b > start && b < end)) return;
      const raw = text.slice(start, end);
      // indentation is no part of a quoted scalar's value: re-indent the continuation lines and let YAML fold them
      const folded = parseDocument(`v: ${raw.replace(/\r\n|\r|\n/g, '\n  ')}\n`).get('v');
      if (typeof folded === 'string') node.value = folded;
    },
  });
  return doc;
}

/** Tells whether `at` is a line break with text after it (the line that cut a quoted scalar short). */
function breaksBeforeText(text: string, at: number): boolean {
  return /[\r\n]/.test(text[at] ?? '') && /\S/.test(text.slice(at));
}

/** Tells whether a file's text looks like a CloudFormation template (a format version, or AWS/Custom resource types). */
export function looksLikeTemplate(text: string): boolean {
  if (/^\uFEFF?\s*\{?\s*"?AWSTemplateFormatVersion"?\s*:/m.test(text)) return true;
  return /^\s*"?Resources"?\s*:/m.test(text) && /"?Type"?\s*:\s*["']?(AWS|Custom)::[A-Za-z0-9]+/.test(text);
}

/** A template section (`Parameters`, `Conditions`, `Resources`, `Outputs`) as a map, if present. */
export function sectionOf(t: Template, name: string): YAMLMap | undefined {
  const s = t.root.get(name, true);
  return isMap(s) ? s : undefined;
}

/** The string value of a plain scalar node. */
export function textOf(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}

/** The pair of a map whose key is `key`. */
export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key);
}

/** A map value by key path. */
export function mapAt(map: YAMLMap, ...keys: string[]): YAMLMap | undefined {
  let cur: unknown = map;
  for (const k of keys) cur = isMap(cur) ? cur.get(k, true) : undefined;
  return isMap(cur) ? cur : undefined;
}

/** The start of a node's text, including a short-form tag written before it (`!Ref X` starts at `!`). */
export function nodeStart(source: SourceFile, node: Node): number {
  const start = node.range?.[0] ?? 0;
  if (!node.tag) return start;
  const at = source.text.lastIndexOf(node.tag, start);
  return at >= 0 ? at : start;
}

/** The end of a node's text, without the trailing line breaks block collections include. */
export function nodeEnd(source: SourceFile, node: Node): number {
  const [start = 0, end = start] = node.range ?? [];
  let e = end;
  while (e > start && /\s/.test(source.text[e - 1] ?? '')) e--;
  return e;
}

/** The span of a node for diagnostics. */
export function spanOf(source: SourceFile, node: Node | null | undefined): Span {
  if (!node?.range) return { file: source.path, start: 0, end: 0 };
  return { file: source.path, start: nodeStart(source, node), end: nodeEnd(source, node) };
}

/** Tells whether a scalar holds a string. */
export function isStringScalar(node: unknown): node is Scalar<string> {
  return isScalar(node) && typeof node.value === 'string';
}

/** Items of a sequence node, or the node itself as a one-item list. */
export function listOf(node: unknown): unknown[] {
  return isSeq(node) ? node.items : node === undefined || node === null ? [] : [node];
}
