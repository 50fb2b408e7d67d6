import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasErrors } from '../../core/diagnostic.js';
import { compileStack, REPORT_FILE, type CompileRequest } from '../../compile/pipeline.js';
import type { Diagnostic, SourceLookup } from '../../core/diagnostic.js';
import { checkOutputTarget, writeStackAtomically, type ProtectedPath } from '../../core/write.js';
import { renderDiff, renderPlan } from '../../plan/render.js';
import { buildReport } from '../../plan/report.js';
import { buildHandoff, HANDOFF_DIR } from '../../handoff/index.js';
import { diagnosticsJson, relativizer, reportDiagnostics, UsageError, type Io } from '../io.js';

/** Options of `graft compile` and `graft plan`. */
export interface CompileOptions extends CompileRequest {
  out?: string;
  json?: boolean;
  diff?: boolean;
  /** Replace an --out directory graft did not write, or one changed since (never the inputs). */
  force?: boolean;
}

/** The inputs an output directory must never remove or overlap. */
function protectedInputs(opts: CompileOptions): ProtectedPath[] {
  return [
    { path: stackRoot(opts.stack), what: 'the stack', noInside: true },
    { path: opts.stack, what: 'the stack', noInside: true },
    { path: opts.spec, what: 'the customer spec (--kafka)' },
    ...(opts.bindings ? [{ path: opts.bindings, what: 'the bindings (--bindings)' }] : []),
  ];
}

/** Prints diagnostics that stopped a command before anything was written, as text or JSON. */
function refuse(io: Io, opts: CompileOptions, diagnostics: Diagnostic[], lookup: SourceLookup = () => undefined): void {
  if (opts.json) io.out(JSON.stringify({ ok: false, diagnostics: diagnosticsJson(diagnostics, lookup) }, null, 2) + '\n');
  else {
    reportDiagnostics(io, diagnostics, lookup);
    io.err(`graft: nothing written to ${opts.out}\n`);
  }
}

/** Whether graft may write --out; otherwise prints why and gives the exit code (2 for --out itself, 1 for the system). */
function outputTarget(io: Io, opts: CompileOptions, out: string): { dir: string } | { exit: number } {
  const target = checkOutputTarget(out, '--out', protectedInputs(opts), opts.force === true);
  if ('dir' in target) return target;
  refuse(io, opts, [target.diagnostic]);
  return { exit: target.diagnostic.code === 'GRAFT_WRITE_FAILED' ? 1 : 2 };
}

/** The stack's root directory: the stack itself, or the directory of a single-file stack. */
function stackRoot(stack: string): string {
  let file: boolean;
  try {
    file = !statSync(stack).isDirectory();
  } catch {
    file = /\.ya?ml$/.test(stack);
  }
  return file ? resolve(stack, '..') : resolve(stack);
}

/** `graft plan`: shows what compiling would change, writes nothing. Returns the exit code. */
export function runPlan(io: Io, opts: CompileOptions): number {
  const result = compileStack(opts);
  const lookup = (p: string) => result.sources.get(p);
  const rel = relativizer(stackRoot(opts.stack));
  if (opts.json) {
    io.out(
      JSON.stringify(
        { ...buildReport(result, rel), diff: hasErrors(result.diagnostics) ? '' : renderDiff(result.files, result.removed) },
        null,
        2,
      ) + '\n',
    );
    return hasErrors(result.diagnostics) ? 1 : 0;
  }
  reportDiagnostics(io, result.diagnostics, lookup);
  if (hasErrors(result.diagnostics) || !result.spec) return 1;
  io.out(renderPlan(result.plan, result.spec, lookup, rel));
  const diff = renderDiff(result.files, result.removed);
  const p = result.plan;
  if (p.dropped.length === 0 && p.rewired.length === 0 && p.renames.length === 0 && !diff) {
    io.out(
      `\nNo Kafka found: graft recognized no broker, controller, ZooKeeper, topic helper or schema registry in this ${p.format} stack, and no client of one, so compiling it changes nothing.\n` +
        'If it does run Kafka, or talks to one, declare its clients in graft.yaml (kafka.clients; see the README).\n',
    );
  } else if (opts.diff !== false) io.out(diff ? `\n${diff}` : '\nNo changes.\n');
  return 0;
}

/** `graft compile`: writes the deployment stack and its report atomically. Returns the exit code. */
export function runCompile(io: Io, opts: CompileOptions): number {
  if (!opts.out) throw new UsageError('graft compile needs --out <dir>');
  const root = stackRoot(opts.stack);
  // the overlap with the inputs is checked before compiling, what --out holds now just before writing
  const early = outputTarget(io, { ...opts, force: true }, opts.out);
  if ('exit' in early) return early.exit;
  const result = compileStack(opts);
  const lookup = (p: string) => result.sources.get(p);
  const rel = relativizer(root);
  if (hasErrors(result.diagnostics)) {
    refuse(io, opts, result.diagnostics, lookup);
    return 1;
  }
  const target = outputTarget(io, opts, opts.out);
  if ('exit' in target) return target.exit;
  const report = buildReport(result, rel);
  // handoff/ is graft's own output: recompiling a compiled stack (nothing left to drop) keeps the handoff made from
  // the origin stack, which alone knew what created the topics; otherwise a new one replaces any in the stack
  const previous = result.files.some((f) => f.path === `${HANDOFF_DIR}/requirements.json`);
  const keep = previous && result.plan.dropped.length === 0;
  const files = keep ? result.files : result.files.filter((f) => !f.path.startsWith(`${HANDOFF_DIR}/`));
  const handoff = keep ? {} : Object.fromEntries(buildHandoff(result));
  const failed = writeStackAtomically(target.dir, files, { [REPORT_FILE]: JSON.stringify(report, null, 2) + '\n', ...handoff }, opts.out);
  if (failed) {
    refuse(io, opts, [failed]);
    return 1;
  }
  if (opts.json) {
    io.out(JSON.stringify({ ok: true, out: opts.out, report }, null, 2) + '\n');
  } else {
    reportDiagnostics(io, result.diagnostics, lookup);
    const p = result.plan;
    io.out(
      `graft: wrote ${opts.out} (${result.files.filter((f) => f.changed).length} file(s) changed; ${p.dropped.length} dropped, ${p.rewired.length} rewired, ${p.secrets.length} secret reference(s))\n`,
    );
  }
  return 0;
}

/** `graft handoff`: writes only the customer handoff (topics, grants, secrets, egress) to `--out`. Returns the exit code. */
export function runHandoff(io: Io, opts: CompileOptions): number {
  if (!opts.out) throw new UsageError('graft handoff needs --out <dir>');
  const early = outputTarget(io, { ...opts, json: false, force: true }, opts.out);
  if ('exit' in early) return early.exit;
  const result = compileStack(opts);
  const lookup = (p: string) => result.sources.get(p);
  reportDiagnostics(io, result.diagnostics, lookup);
  if (hasErrors(result.diagnostics)) {
    io.err(`graft: nothing written to ${opts.out}\n`);
    return 1;
  }
  const target = outputTarget(io, { ...opts, json: false }, opts.out);
  if ('exit' in target) return target.exit;
  const files = buildHandoff(result);
  const prefix = `${HANDOFF_DIR}/`;
  const failed = writeStackAtomically(
    target.dir,
    [],
    Object.fromEntries([...files].map(([p, t]) => [p.slice(prefix.length), t])),
    opts.out,
  );
  if (failed) {
    refuse(io, { ...opts, json: false }, [failed]);
    return 1;
  }
  io.out(`graft: wrote ${opts.out} (${[...files.keys()].map((p) => p.slice(prefix.length)).join(', ')})\n`);
  return 0;
}
