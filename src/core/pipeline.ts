import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { loadBindings } from '../bindings/load.js';
import type { Bindings } from '../bindings/types.js';
import { pickAdapter } from '../formats/index.js';
import { stackFormatsLine } from '../formats/kinds.js';
import type { CompileOptions } from '../formats/types.js';
import { locateBundle, preflightInput } from '../preflight/index.js';
import { emptyPlan, type Plan } from '../plan/types.js';
import { loadSpec } from '../spec/validate.js';
import type { CustomerKafka } from '../spec/types.js';
import type { Diagnostic } from './diagnostic.js';
import { applyEdits, type Edit } from './edit.js';
import type { SourceFile } from './span.js';
import { InternalError } from './errors.js';

/** The report file graft writes beside a compiled stack. */
export const REPORT_FILE = 'graft-report.json';
/** The vendor's bindings file at a stack's root. */
export const BINDINGS_FILE = 'graft.yaml';

/** What to compile. */
export interface CompileRequest {
  /** The origin stack: a directory, or a single Compose file. */
  stack: string;
  /** The customer's Kafka spec. */
  spec: string;
  /** The vendor's bindings; defaults to graft.yaml at the stack root. */
  bindings?: string;
  /** Format options, e.g. an External Secrets Operator store for Kubernetes. */
  options?: CompileOptions;
  /** Add the preflight job; the bundle defaults to the running graft. */
  withPreflight?: boolean | { bundle: string };
}

/** One file of the deployment stack. */
export interface OutputFile {
  /** Path relative to the stack root, with forward slashes. */
  path: string;
  content: Buffer;
  changed: boolean;
  /** The original text, for text files graft read. */
  before?: string;
}

/** The result of compiling a stack: every output file, the plan, and what went wrong. */
export interface CompileResult {
  files: OutputFile[];
  plan: Plan;
  spec?: CustomerKafka;
  diagnostics: Diagnostic[];
  /** Every source graft read, by the path diagnostics use. */
  sources: Map<string, SourceFile>;
  /** The vendor's bindings, when the stack has them. */
  bindings?: Bindings;
  /** The origin stack's files the format compiled, for later analysis (the customer handoff). */
  stack?: { format: string; root: string; files: SourceFile[] };
}

/** Lists a stack's files relative to its root, sorted, skipping VCS folders and graft's own report. */
export function listStackFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return out.filter((p) => p !== REPORT_FILE);
}

/** Reads a text file as a source, keeping its bytes exactly (BOM and CRLF included). */
export function readSource(path: string): SourceFile {
  return { path, text: readFileSync(path, 'utf8') };
}

/** A stack (a directory, or one file): its root, its files relative to the root, and a reader that never throws. */
export function stackListing(stack: string): { root: string; isDir: boolean; paths: string[]; peek: (rel: string) => string } {
  const isDir = statSync(stack).isDirectory();
  const root = isDir ? stack : join(stack, '..');
  const paths = isDir ? listStackFiles(root) : [relative(root, stack).split(sep).join('/')];
  const peek = (rel: string): string => {
    try {
      return readFileSync(join(root, rel), 'utf8');
    } catch {
      return '';
    }
  };
  return { root, isDir, paths, peek };
}

/** Compiles an origin stack against a customer spec, in memory; nothing is written. */
export function compileStack(req: CompileRequest): CompileResult {
  const sources = new Map<string, SourceFile>();
  const diagnostics: Diagnostic[] = [];
  const fail = (d: Diagnostic): CompileResult => ({ files: [], plan: emptyPlan('compose'), diagnostics: [...diagnostics, d], sources });

  let specSource: SourceFile;
  try {
    specSource = readSource(req.spec);
  } catch (e) {
    return fail({
      code: 'GRAFT_CANNOT_READ',
      severity: 'error',
      message: `cannot read the customer spec ${req.spec}: ${(e as Error).message}`,
      help: 'pass --kafka <customer-kafka.yaml>',
    });
  }
  sources.set(specSource.path, specSource);
  const loaded = loadSpec(specSource);
  diagnostics.push(...loaded.diagnostics);

  let listing: ReturnType<typeof stackListing>;
  try {
    listing = stackListing(req.stack);
  } catch (e) {
    return fail({
      code: 'GRAFT_CANNOT_READ',
      severity: 'error',
      message: `cannot read the stack ${req.stack}: ${(e as Error).message}`,
      help: 'pass a stack directory or a Compose file',
    });
  }
  const { root, isDir, paths: all, peek } = listing;
  const { adapter, files: stackFiles } = pickAdapter(all, peek);
  if (!adapter || stackFiles.length === 0) {
    return fail({
      code: 'GRAFT_NO_STACK_FILES',
      severity: 'error',
      message: `no Compose file, Terraform module, CloudFormation template or Kubernetes manifest found in ${req.stack}`,
      help: `graft compiles, trying each in this order: ${stackFormatsLine()}`,
    });
  }

  let bindings: Bindings | undefined;
  const bindingsPath = req.bindings ?? (isDir && all.includes(BINDINGS_FILE) ? join(root, BINDINGS_FILE) : undefined);
  if (bindingsPath) {
    const src = readSource(bindingsPath);
    sources.set(src.path, src);
    const b = loadBindings(src);
    diagnostics.push(...b.diagnostics);
    bindings = b.bindings;
  }
  const spec = loaded.spec;
  if (!spec || diagnostics.some((d) => d.severity === 'error')) return { files: [], plan: emptyPlan(adapter.name), diagnostics, sources };

  const stackSources = stackFiles.map((p) => {
    const s = readSource(join(root, p));
    sources.set(s.path, s);
    return s;
  });
  const read = (rel: string): SourceFile | undefined => {
    const clean = rel.replace(/^\.\//, '');
    if (!all.includes(clean)) return undefined;
    const full = join(root, clean);
    const s = sources.get(full) ?? readSource(full);
    sources.set(full, s);
    return s;
  };
  const options: CompileOptions = { ...(req.options ?? {}) };
  if (req.withPreflight) {
    const bundle = locateBundle(typeof req.withPreflight === 'object' ? req.withPreflight.bundle : undefined);
    if (!bundle) {
      return fail({
        code: 'GRAFT_PREFLIGHT_NO_BUNDLE',
        severity: 'error',
        message: "--with-preflight needs graft's single-file bundle (dist/graft-standalone.js), which is not built",
        help: 'run npm run build, or run graft from its bundle',
      });
    }
    options.preflight = preflightInput(req.spec, bundle);
  }
  if (adapter.ready && !adapter.ready())
    throw new InternalError(`the ${adapter.name} format is not loaded: await prepareFormats() before compileStack()`);
  const result = adapter.compile(stackSources, spec, bindings, read, options);
  diagnostics.push(...result.diagnostics);
  const plan = result.plan ?? emptyPlan(adapter.name);
  if (diagnostics.some((d) => d.severity === 'error')) return { files: [], plan, spec, diagnostics, sources };

  const created = result.newFiles ?? new Map<string, string>();
  const files: OutputFile[] = all.map((p) => {
    const made = created.get(p);
    if (made !== undefined) {
      const before = readFileSync(join(root, p), 'utf8');
      return { path: p, content: Buffer.from(made, 'utf8'), changed: made !== before, before };
    }
    const full = join(root, p);
    const src = sources.get(full);
    const edits: Edit[] = src ? (result.edits.get(full) ?? []) : [];
    if (!src) return { path: p, content: readFileSync(full), changed: false };
    const text = edits.length ? applyEdits(src, edits) : src.text;
    return { path: p, content: Buffer.from(text, 'utf8'), changed: text !== src.text, before: src.text };
  });
  for (const [p, text] of created) {
    if (!all.includes(p)) files.push({ path: p, content: Buffer.from(text, 'utf8'), changed: true, before: '' });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const stack = { format: adapter.name, root, files: stackSources };
  return { files, plan, spec, diagnostics, sources, stack, ...(bindings ? { bindings } : {}) };
}
