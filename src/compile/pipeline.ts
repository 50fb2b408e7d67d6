import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, posix, relative, sep } from 'node:path';
import { loadBindings } from '../bindings/load.js';
import type { Bindings } from '../bindings/types.js';
import { pickAdapter } from '../formats/index.js';
import { stackFormatsLine } from '../formats/kinds.js';
import type { CompileOptions, StackFacts } from '../formats/types.js';
import { runStages } from '../formats/stages.js';
import { locateBundle, preflightInput } from '../preflight/index.js';
import { emptyPlan, type Plan } from '../plan/types.js';
import { loadSpec } from '../spec/validate.js';
import type { CustomerKafka } from '../spec/types.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { applyEdits, type Edit } from '../core/edit.js';
import type { SourceFile } from '../core/span.js';
import { InternalError } from '../core/errors.js';
import { isReadFailure, readInputSource, type ReadCodes } from '../core/read.js';
import { OUTPUT_MARKER, type OutputFile } from '../core/write.js';

/** How the pipeline reports an input file it cannot read. */
export const INPUT_READ_CODES: ReadCodes = { cannotRead: 'GRAFT_CANNOT_READ', tooLarge: 'GRAFT_INPUT_TOO_LARGE' };
import { customerHostsOf, verifyOutput, type OutputCandidate } from './verify.js';

export type { OutputFile };

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
  /** Files and folders (ending in `/`) of the stack the output leaves out, relative to its root (a removed subchart). */
  removed?: readonly string[];
  /** The origin stack's files the format compiled. */
  stack?: { format: string; root: string; files: SourceFile[] };
  /** What the format's facts stage finds in the origin, for the customer handoff (run on first call, then kept). */
  facts?: () => StackFacts;
}

/** Lists a stack's files relative to its root, sorted, skipping VCS folders, graft's own report and output marker. */
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
  return out.filter((p) => p !== REPORT_FILE && p !== OUTPUT_MARKER);
}

/** Reads a text file as a source, keeping its bytes exactly (BOM and CRLF included). */
export function readSource(path: string): SourceFile {
  return { path, text: readFileSync(path, 'utf8') };
}

/** A stack (a directory, or one file): its root, its files relative to the root, and a reader that never throws. */
export function stackListing(stack: string): { root: string; isDir: boolean; paths: string[]; peek: (rel: string) => string } {
  const st = statSync(stack);
  const isDir = st.isDirectory();
  if (!isDir && !st.isFile()) throw new Error('not a directory or a regular file (a device, FIFO or socket)');
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
  try {
    return compileUnguarded(req);
  } catch (e) {
    // a stack file or folder the system refuses to read (permissions, removed meanwhile) is the input's problem
    const err = e as NodeJS.ErrnoException;
    if (typeof err.code !== 'string' || typeof err.syscall !== 'string') throw e;
    return {
      files: [],
      plan: emptyPlan('compose'),
      sources: new Map(),
      diagnostics: [
        {
          code: 'GRAFT_CANNOT_READ',
          severity: 'error',
          message: `cannot read ${err.path ?? req.stack}: ${err.message}`,
          help: 'make every file of the stack readable by the user running graft',
        },
      ],
    };
  }
}

function compileUnguarded(req: CompileRequest): CompileResult {
  const sources = new Map<string, SourceFile>();
  const diagnostics: Diagnostic[] = [];
  const fail = (d: Diagnostic): CompileResult => ({ files: [], plan: emptyPlan('compose'), diagnostics: [...diagnostics, d], sources });

  const specSource = readInputSource(req.spec, 'the customer spec', INPUT_READ_CODES, 'pass --kafka <customer-kafka.yaml>');
  if (isReadFailure(specSource)) return fail(specSource);
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

  if (isDir) diagnostics.push(...(adapter.overlooked?.(all, stackFiles, peek) ?? []));

  let bindings: Bindings | undefined;
  const bindingsPath = req.bindings ?? (isDir && all.includes(BINDINGS_FILE) ? join(root, BINDINGS_FILE) : undefined);
  if (bindingsPath) {
    const src = readInputSource(bindingsPath, 'the bindings', INPUT_READ_CODES, 'pass --bindings <graft.yaml>, a Bindings file');
    if (isReadFailure(src)) return fail(src);
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
    const clean = posix.normalize(rel);
    if (!all.includes(clean)) {
      // a single stack file names files beside it (a Compose file's extends, include, env_file, .env): they join its stack
      if (isDir || clean === '..' || clean.startsWith('../') || isAbsolute(clean) || clean.split('/').includes('.git')) return undefined;
      try {
        if (!statSync(join(root, clean)).isFile()) return undefined;
      } catch {
        return undefined;
      }
      all.push(clean);
    }
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
  // the format's stages, in order; the pipeline stops after the first stage with an error
  const list = (dir: string): string[] => {
    const under = posix.normalize(dir).replace(/\/?$/, '/');
    return under.startsWith('../') ? [] : all.filter((p) => p.startsWith(under)).sort();
  };
  // a single stack file: the files beside it, which the stages may name but never read into the stack
  const beside = isDir
    ? undefined
    : {
        paths: readdirSync(root, { withFileTypes: true })
          .filter((e) => e.isFile() && !all.includes(e.name) && e.name !== REPORT_FILE && e.name !== OUTPUT_MARKER)
          .map((e) => e.name)
          .sort(),
        peek,
      };
  const result = runStages(adapter, stackSources, { spec, bindings, read, list, paths: all, options, ...(beside ? { beside } : {}) });
  diagnostics.push(...result.diagnostics);
  const plan = result.plan ?? emptyPlan(adapter.name);
  if (result.diagnostics.some((d) => d.severity === 'error')) return { files: [], plan, spec, diagnostics, sources };
  const { leftovers, parsed: originDocs, trees: originTrees } = result;

  const created = result.newFiles ?? new Map<string, string>();
  // what each changed file is checked against before anything is written
  const candidates: OutputCandidate[] = [];
  // files the format leaves out of the output (a subchart graft removes from a Helm chart): the stack keeps them
  const removed = result.removedPaths ?? [];
  const kept = all.filter((p) => !removed.some((r) => (r.endsWith('/') ? p.startsWith(r) : p === r)));
  const files: OutputFile[] = kept.map((p) => {
    const full = join(root, p);
    const made = created.get(p);
    if (made !== undefined) {
      const before = readFileSync(full, 'utf8');
      candidates.push({ path: full, text: made, before, changed: made !== before });
      return { path: p, content: Buffer.from(made, 'utf8'), changed: made !== before, before };
    }
    const src = sources.get(full);
    const edits: Edit[] = src ? (result.edits.get(full) ?? []) : [];
    if (!src) {
      const content = readFileSync(full);
      // a file the format did not read is still part of the stack (env files, mounted configs, scripts): leftovers count
      if (!content.includes(0)) {
        const text = content.toString('utf8');
        candidates.push({ path: full, text, before: text, changed: false });
      }
      return { path: p, content, changed: false };
    }
    const text = edits.length ? applyEdits(src, edits) : src.text;
    const beforeDocs = originDocs?.get(full);
    const beforeTree = originTrees?.get(full);
    candidates.push({
      path: full,
      text,
      before: src.text,
      edits,
      changed: text !== src.text,
      compiled: stackFiles.includes(p),
      ...(beforeDocs ? { beforeDocs } : {}),
      ...(beforeTree ? { beforeTree } : {}),
    });
    return { path: p, content: Buffer.from(text, 'utf8'), changed: text !== src.text, before: src.text };
  });
  for (const [p, text] of created) {
    if (all.includes(p)) continue;
    candidates.push({ path: join(root, p), text, changed: true });
    files.push({ path: p, content: Buffer.from(text, 'utf8'), changed: true, before: '' });
  }
  const verified = verifyOutput(candidates, {
    format: adapter.name,
    customerHosts: customerHostsOf(spec),
    ...(leftovers ? { leftovers } : {}),
  });
  if (verified.diagnostics.length > 0) {
    for (const s of verified.sources) sources.set(s.path, s);
    return { files: [], plan, spec, diagnostics: [...diagnostics, ...verified.diagnostics], sources };
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const stack = { format: adapter.name, root, files: stackSources };
  return {
    files,
    plan,
    spec,
    diagnostics,
    sources,
    stack,
    ...(removed.length > 0 ? { removed: [...removed].sort() } : {}),
    ...(result.facts ? { facts: result.facts } : {}),
    ...(bindings ? { bindings } : {}),
  };
}
