import { resolve } from 'node:path';
import { hasErrors } from '../../core/diagnostic.js';
import { compileStack, REPORT_FILE, type CompileRequest } from '../../core/pipeline.js';
import { writeStackAtomically } from '../../core/write.js';
import { renderDiff, renderPlan } from '../../plan/render.js';
import { buildReport } from '../../plan/report.js';
import { buildHandoff, HANDOFF_DIR } from '../../handoff/index.js';
import { diagnosticsJson, relativizer, reportDiagnostics, UsageError, type Io } from '../io.js';

/** Options of `graft compile` and `graft plan`. */
export interface CompileOptions extends CompileRequest {
  out?: string;
  json?: boolean;
  diff?: boolean;
}

function stackRoot(stack: string): string {
  return /\.ya?ml$/.test(stack) ? resolve(stack, '..') : resolve(stack);
}

/** `graft plan`: shows what compiling would change, writes nothing. Returns the exit code. */
export function runPlan(io: Io, opts: CompileOptions): number {
  const result = compileStack(opts);
  const lookup = (p: string) => result.sources.get(p);
  const rel = relativizer(stackRoot(opts.stack));
  if (opts.json) {
    io.out(
      JSON.stringify({ ...buildReport(result, rel), diff: hasErrors(result.diagnostics) ? '' : renderDiff(result.files) }, null, 2) + '\n',
    );
    return hasErrors(result.diagnostics) ? 1 : 0;
  }
  reportDiagnostics(io, result.diagnostics, lookup);
  if (hasErrors(result.diagnostics) || !result.spec) return 1;
  io.out(renderPlan(result.plan, result.spec, lookup, rel));
  const diff = renderDiff(result.files);
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
  const out = resolve(opts.out);
  const root = stackRoot(opts.stack);
  if (out === root || out.startsWith(root + '/'))
    throw new UsageError(`--out ${opts.out} is the stack itself or inside it; choose a directory outside the stack`);
  const result = compileStack(opts);
  const lookup = (p: string) => result.sources.get(p);
  const rel = relativizer(root);
  if (hasErrors(result.diagnostics)) {
    if (opts.json) io.out(JSON.stringify({ ok: false, diagnostics: diagnosticsJson(result.diagnostics, lookup) }, null, 2) + '\n');
    else {
      reportDiagnostics(io, result.diagnostics, lookup);
      io.err(`graft: nothing written to ${opts.out}\n`);
    }
    return 1;
  }
  const report = buildReport(result, rel);
  // handoff/ is graft's own output: recompiling a compiled stack (nothing left to drop) keeps the handoff made from
  // the origin stack, which alone knew what created the topics; otherwise a new one replaces any in the stack
  const previous = result.files.some((f) => f.path === `${HANDOFF_DIR}/requirements.json`);
  const keep = previous && result.plan.dropped.length === 0;
  const files = keep ? result.files : result.files.filter((f) => !f.path.startsWith(`${HANDOFF_DIR}/`));
  const handoff = keep ? {} : Object.fromEntries(buildHandoff(result));
  writeStackAtomically(out, files, { [REPORT_FILE]: JSON.stringify(report, null, 2) + '\n', ...handoff });
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
  const result = compileStack(opts);
  const lookup = (p: string) => result.sources.get(p);
  reportDiagnostics(io, result.diagnostics, lookup);
  if (hasErrors(result.diagnostics)) {
    io.err(`graft: nothing written to ${opts.out}\n`);
    return 1;
  }
  const files = buildHandoff(result);
  const prefix = `${HANDOFF_DIR}/`;
  writeStackAtomically(resolve(opts.out), [], Object.fromEntries([...files].map(([p, t]) => [p.slice(prefix.length), t])));
  io.out(`graft: wrote ${opts.out} (${[...files.keys()].map((p) => p.slice(prefix.length)).join(', ')})\n`);
  return 0;
}
