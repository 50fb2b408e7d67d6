import { parseAllDocuments, type Document } from 'yaml';
import { CFN_YAML_TAGS } from '../formats/cloudformation/parse.js';
import { parseProperties } from '../formats/properties/parse.js';
import { duplicateKeys } from '../formats/yaml/nodes.js';
import { parseAllDocumentsLikeKubectl } from '../formats/yaml/flow-indent.js';
import { firstError, hclReady, parseHcl, reparseHcl, type Tree } from '../formats/terraform/hcl.js';
import type { Leftovers } from '../formats/types.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { customerHostsOf, findDroppedNames } from '../core/dropped-names.js';
import type { Edit } from '../core/edit.js';
import type { SourceFile } from '../core/span.js';
import { hclEditsKeepSyntax } from './hcl-edits.js';
import { editedYamlPieces, type YamlPiece } from './yaml-pieces.js';

/** One file graft is about to write, with what it was before and the edits that made it. */
export interface OutputCandidate {
  /** The path diagnostics name: the origin file's path for an edited file. */
  path: string;
  /** The text graft would write. */
  text: string;
  /** The origin text, when the file existed. */
  before?: string;
  /** The YAML documents of `before` as the format parsed them: their boundaries spare the verifier a second parse. */
  beforeDocs?: readonly Document.Parsed[];
  /** The syntax tree of `before` as the format parsed it (Terraform), which the verifier's parse reuses. */
  beforeTree?: Tree;
  /** The edits spliced into `before`; absent when graft rendered the whole file. */
  edits?: readonly Edit[];
  /** Whether graft changed the file; unchanged files of the stack are checked for leftovers only. */
  changed: boolean;
  /** Whether the format compiled the file (a Compose file, a manifest, a template), so its references can be read. */
  compiled?: boolean;
}

/** What the stack's format is, for rules that read a file the way that format does. */
export interface VerifyContext {
  format: string;
  /** What the compile dropped, which no kept file may still name. */
  leftovers?: Leftovers;
  /** The customer's own hosts (bootstrap servers, schema registry), which the compile writes and no leftover is. */
  customerHosts?: readonly string[];
}

export { customerHostsOf };

/** A check of the output before anything is written; a finding is an error and stops the compile. */
export type OutputRule = (files: readonly OutputCandidate[], ctx: VerifyContext) => Finding[];

/** A problem a rule found in one output file, at an offset of the text graft would write. */
export interface Finding {
  file: OutputCandidate;
  code: string;
  message: string;
  help: string;
  offset: number;
  /** How many characters the finding covers; one by default. */
  length?: number;
}

/** The result of verifying the output: diagnostics, and the output texts their locations point into. */
export interface Verification {
  diagnostics: Diagnostic[];
  sources: SourceFile[];
}

/** The name under which a diagnostic shows the text graft would have written, beside its origin file. */
export function outputPathOf(path: string): string {
  return `${path} (output)`;
}

/** Every rule the output must pass, in order. */
export const OUTPUT_RULES: readonly OutputRule[] = [parsesAgain, namesNothingDropped, refersToNothingDropped];

/** Runs every output rule over the files graft is about to write (changed files only). */
export function verifyOutput(files: readonly OutputCandidate[], ctx: VerifyContext, rules = OUTPUT_RULES): Verification {
  const findings = rules.flatMap((rule) => rule(files, ctx));
  const sources = new Map<string, SourceFile>();
  const diagnostics = findings.map((f): Diagnostic => {
    // an unchanged file is the origin file itself
    const path = f.file.changed ? outputPathOf(f.file.path) : f.file.path;
    if (!sources.has(path)) sources.set(path, { path, text: f.file.text });
    const at = Math.min(Math.max(0, f.offset), f.file.text.length);
    return {
      code: f.code,
      severity: 'error',
      message: f.message,
      help: f.help,
      subject: { file: path, start: at, end: Math.min(at + Math.max(1, f.length ?? 1), f.file.text.length) },
    };
  });
  return { diagnostics, sources: [...sources.values()] };
}

const UNPARSEABLE_HELP =
  'this is a bug in graft, not in the stack: nothing was written; please report it with the origin file (the output shown is what graft would have written)';

/** Every file graft edited or created must parse again in its own format, as its origin did. */
export function parsesAgain(files: readonly OutputCandidate[], ctx: VerifyContext): Finding[] {
  const out: Finding[] = [];
  for (const file of files.filter((f) => f.changed)) {
    const problem = reparse(file, ctx);
    if (problem) {
      out.push({
        file,
        code: 'OUTPUT_UNPARSEABLE',
        message: `internal error: the ${problem.kind} graft would write for ${file.path} does not parse: ${problem.message}`,
        help: UNPARSEABLE_HELP,
        offset: problem.offset,
      });
    }
  }
  return out;
}

// prose about the stack, which nothing reads as configuration
const DOCUMENTATION = /(\.(md|markdown|txt|rst|adoc|html?)|(^|\/)(LICENSE|LICENCE|NOTICE|CHANGELOG|COPYING|AUTHORS|SOURCE)[^/]*)$/i;

/** No kept file of the stack still names a dropped service by `host:port` or URL: it would reach nothing. */
export function namesNothingDropped(files: readonly OutputCandidate[], ctx: VerifyContext): Finding[] {
  const hosts = new Set(ctx.leftovers?.hosts ?? []);
  if (hosts.size === 0) return [];
  const suffix = ctx.leftovers?.hostSuffix ?? '';
  const unread = ctx.leftovers?.unread ?? [];
  const customer = ctx.customerHosts ?? [];
  const out: Finding[] = [];
  // the vendor's files, not those graft adds (its preflight bundle is code that may well spell a host name), nor files
  // only the dropped services read (what they name went with them)
  const whole = unread.filter((u) => u.start === undefined).map((u) => u.path);
  const checked = (f: OutputCandidate): boolean =>
    f.before !== undefined && !DOCUMENTATION.test(f.path) && !whole.some((u) => f.path === u || f.path.startsWith(`${u}/`));
  for (const file of files.filter(checked)) {
    const parts = unread.filter((u) => u.path === file.path && u.start !== undefined);
    // offsets of an unread part are in the origin text
    const skipped = (offset: number): boolean => {
      const at = originOffset(offset, file.edits ?? []);
      return at !== undefined && parts.some((u) => at >= (u.start ?? 0) && at < (u.end ?? 0));
    };
    const found = findDroppedNames(file.text, hosts, {
      hostSuffix: suffix,
      hostKeys: ctx.leftovers?.hostKeys === true,
      customerHosts: customer,
    });
    for (const f of found) {
      if (skipped(f.start)) continue;
      out.push({
        file,
        code: 'OUTPUT_DROPPED_ENDPOINT',
        ...(f.key !== undefined
          ? {
              message: `${f.key} ${f.text} names a service graft dropped (its port in a key of its own, as in Akka discovery endpoints); whatever reads it would reach nothing`,
              help: "set this host and its port to the customer's bootstrap server and give the client that reads it the customer's security settings (graft cannot tell which client reads a bare host), or remove it, then compile again",
            }
          : {
              message: `${f.text} names a service graft dropped; whatever reads it would reach nothing`,
              help: "point it at the customer's cluster (or declare the client in graft.yaml so graft rewires it), then compile again",
            }),
        offset: f.start,
        length: f.text.length,
      });
    }
  }
  return out;
}

/** The origin offset of an output offset, or undefined inside text an edit wrote. */
function originOffset(offset: number, edits: readonly Edit[]): number | undefined {
  let shift = 0;
  for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    const start = e.span.start + shift;
    if (offset < start) break;
    if (offset < start + e.text.length) return undefined;
    shift += e.text.length - (e.span.end - e.span.start);
  }
  return offset - shift;
}

/** No `depends_on`, `links`, `volumes_from`, `DependsOn`, `!Ref`, ... in a file the format compiled names what it dropped. */
export function refersToNothingDropped(files: readonly OutputCandidate[], ctx: VerifyContext): Finding[] {
  const names = new Set(ctx.leftovers?.names ?? []);
  const references = ctx.leftovers?.references;
  if (names.size === 0 || !references) return [];
  const out: Finding[] = [];
  for (const file of files.filter((f) => f.compiled)) {
    const pieces = /\.ya?ml$/i.test(file.path) ? parsedYaml(file, ctx) : [undefined];
    for (const piece of pieces) {
      for (const r of references({ path: file.path, text: file.text }, piece?.docs)) {
        if (!names.has(r.name)) continue;
        out.push({
          file,
          code: 'OUTPUT_DROPPED_REFERENCE',
          message: `${r.via} still names ${r.name}, which graft dropped`,
          help: 'remove the reference, or tell graft to keep what it names, then compile again',
          offset: r.start + (piece?.shift ?? 0),
          length: r.end - r.start,
        });
      }
    }
  }
  return out;
}

interface Problem {
  kind: string;
  message: string;
  offset: number;
}

function reparse(file: OutputCandidate, ctx: VerifyContext): Problem | undefined {
  const name = file.path.toLowerCase();
  if (/\.ya?ml$/.test(name)) return yamlProblem(file, ctx);
  if (/\.json$/.test(name)) return jsonProblem(file.text);
  if (/\.(tf|tfvars)$/.test(name)) return hclProblem(file);
  if (/\.(properties|conf|cfg|config)$/.test(name)) return propertiesProblem(file);
  return undefined;
}

// duplicate keys are found below in one pass; the library's own check compares every pair of keys in a map. Compose and
// Kubernetes files are read as go-yaml reads them (docker compose, kubectl): a flow collection or quoted scalar may
// continue on a less indented line; CloudFormation's YAML is not go-yaml's
function parseYaml(text: string, ctx: VerifyContext): Document.Parsed[] {
  if (ctx.format === 'cloudformation') {
    const docs = parseAllDocuments(text, { uniqueKeys: false, merge: true, prettyErrors: false, customTags: CFN_YAML_TAGS as never });
    return Array.isArray(docs) ? docs : [];
  }
  return parseAllDocumentsLikeKubectl(text, { uniqueKeys: false, merge: true, prettyErrors: false });
}

/** Errors, and warnings the origin did not already have (a warning such as an unresolved tag can mean corruption). */
function yamlProblem(file: OutputCandidate, ctx: VerifyContext): Problem | undefined {
  const pieces = parsedYaml(file, ctx);
  const problem = yamlProblemIn(file, ctx, pieces);
  if (!problem || pieces.length === 1) return problem;
  // what a parse of the edited parts alone finds, a parse of the whole file decides
  const whole = [{ docs: parseYaml(file.text, ctx), shift: 0 }];
  parsed.set(file, { format: ctx.format, pieces: whole });
  return yamlProblemIn(file, ctx, whole);
}

function yamlProblemIn(file: OutputCandidate, ctx: VerifyContext, pieces: readonly YamlPiece[]): Problem | undefined {
  const after = pieces.flatMap((p) => p.docs);
  const shifted = <T extends { pos: [number, number] }>(p: YamlPiece, e: T): T => ({ ...e, pos: [e.pos[0] + p.shift, e.pos[1] + p.shift] });
  const issues = pieces.flatMap((p) => p.docs.flatMap((d) => [...d.errors, ...d.warnings]).map((e) => shifted(p, e)));
  const dups = pieces.flatMap((p) => duplicateKeys(p.docs).map((d) => shifted(p, d)));
  const got = pieces.flatMap((p) => p.docs.filter((d) => d.contents !== null).map((d) => ({ d, shift: p.shift })));
  // the origin is parsed again only when there is an issue to compare; its document boundaries come from the format
  const before = file.before !== undefined && (issues.length > 0 || dups.length > 0) ? parseYaml(file.before, ctx) : undefined;
  // a code the output has more often than the origin is graft's doing
  const first = issues.find((e) => countCode(after, e.code) > countCode(before ?? [], e.code));
  if (first) return { kind: 'YAML', message: `${first.code}: ${first.message.split('\n')[0] ?? ''}`, offset: first.pos[0] };
  if (dups.length > duplicateKeys(before ?? []).length) {
    const d = dups[dups.length - 1] ?? { pos: [0, 0], key: '' };
    return { kind: 'YAML', message: `DUPLICATE_KEY: the key ${JSON.stringify(d.key)} is given twice in one mapping`, offset: d.pos[0] };
  }
  const multi = got.length !== 1 || (file.before !== undefined && /^(---|\.\.\.)/m.test(file.before));
  if (file.before !== undefined && file.edits && multi) {
    const origin = before ?? file.beforeDocs ?? parseYaml(file.before, ctx);
    const removed = removedWhole(file.edits);
    const expected = origin.filter((d) => d.contents !== null && !removed(d)).length + appendedDocuments(file.edits, file.before.length);
    if (got.length !== expected) {
      const extra = got[expected];
      return {
        kind: 'YAML',
        message: `it holds ${got.length} document(s) where ${expected} were expected`,
        offset: extra ? extra.d.range[0] + extra.shift : file.text.length,
      };
    }
  }
  return undefined;
}

// one parse of each output file serves every rule; of a multi-document file the format parsed, only what edits touched
const parsed = new WeakMap<OutputCandidate, { format: string; pieces: YamlPiece[] }>();
function parsedYaml(file: OutputCandidate, ctx: VerifyContext): YamlPiece[] {
  const hit = parsed.get(file);
  if (hit?.format === ctx.format) return hit.pieces;
  const { before, beforeDocs, edits, text } = file;
  const pieces = (before !== undefined && beforeDocs && edits
    ? editedYamlPieces(before, beforeDocs, edits, text, (t) => parseYaml(t, ctx))
    : undefined) ?? [{ docs: parseYaml(text, ctx), shift: 0 }];
  parsed.set(file, { format: ctx.format, pieces });
  return pieces;
}

function countCode(docs: readonly Document.Parsed[], code: string): number {
  return docs.reduce((n, d) => n + [...d.errors, ...d.warnings].filter((e) => e.code === code).length, 0);
}

// a document graft dropped lies inside one edit's span: edits sorted by start, with the furthest end reached so far
/** Documents the format appended on purpose: insertions at the end of the file that open with a `---` line each. */
function appendedDocuments(edits: readonly Edit[], end: number): number {
  return edits
    .filter((e) => e.span.start === end && e.span.end === end)
    .reduce((n, e) => n + (/^(?:\r?\n)?---\r?\n/.test(e.text) ? (e.text.match(/^---\r?$/gm) ?? []).length : 0), 0);
}

function removedWhole(edits: readonly Edit[]): (doc: Document.Parsed) => boolean {
  const spans = edits.filter((e) => e.span.end > e.span.start).sort((a, b) => a.span.start - b.span.start);
  const starts = spans.map((e) => e.span.start);
  const reach: number[] = [];
  for (const e of spans) reach.push(Math.max(reach[reach.length - 1] ?? -1, e.span.end));
  return (doc) => {
    const [start, , end] = doc.range;
    // the last edit starting at or before the document
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] ?? 0) <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && (reach[lo - 1] ?? -1) >= end;
  };
}

function jsonProblem(text: string): Problem | undefined {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  try {
    JSON.parse(text.slice(bom));
    return undefined;
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message)?.[1];
    return { kind: 'JSON', message, offset: at === undefined ? text.length : Number(at) + bom };
  }
}

function hclProblem(file: OutputCandidate): Problem | undefined {
  if (!hclReady()) return undefined;
  const { text, before, beforeTree, edits } = file;
  // edits of the shapes graft writes, each shown to fit where it lands, spare a parse of the output
  if (before !== undefined && beforeTree && edits && hclEditsKeepSyntax(before, beforeTree, edits, text)) return undefined;
  const tree = before !== undefined && beforeTree && edits ? reparseHcl(before, beforeTree, edits, text) : parseHcl(text);
  try {
    const err = firstError(tree.rootNode);
    if (!err) return undefined;
    const what = err.isMissing ? `missing ${err.type}` : `unexpected ${JSON.stringify(err.text.slice(0, 40))}`;
    return { kind: 'HCL', message: `syntax error: ${what}`, offset: err.startIndex };
  } finally {
    tree.delete();
  }
}

/**
 * A properties file always parses; what an edit can break is a neighbour: an entry graft did not touch must keep its
 * value (a line continuation left before an appended line would swallow it).
 */
function propertiesProblem(file: OutputCandidate): Problem | undefined {
  if (file.before === undefined || !file.edits) return undefined;
  const before = parseProperties({ path: file.path, text: file.before });
  const after = parseProperties({ path: file.path, text: file.text });
  const edits = file.edits;
  for (const [key, entry] of before) {
    const touched = edits.some((e) => e.span.start < entry.span.end && e.span.end > entry.keySpan.start);
    if (touched) continue;
    const now = after.get(key);
    if (now?.value !== entry.value) {
      return {
        kind: 'properties file',
        message: `${key} ${now ? `now reads ${JSON.stringify(now.value)}` : 'is gone'} though graft did not change it`,
        offset: now?.span.start ?? file.text.length,
      };
    }
  }
  return undefined;
}
