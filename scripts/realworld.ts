// `npx tsx scripts/realworld.ts [filter]`: compiles every vendored stack under tests/realworld for the three customer
// specs in tests/realworld/specs with the built CLI (`npm run build` first) and writes tests/realworld/MEASURED.md
// (for people) and tests/realworld/measured.json (for tools): exit codes, diagnostic codes, what was dropped and
// rewired, and a heuristic leftover check on the compiled files. A filter runs only the stacks whose folder contains it
// and prints the table without writing the files. `--merge <filter>[,<filter>...]` measures only the stacks whose folder
// contains one of the filters and writes both files with those stacks' runs replaced in the last full measurement.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import {
  customerHosts,
  droppedNames,
  droppedScopes,
  notDeployed,
  originDocs,
  realworldStacks,
  scanFiles,
  specFile as realworldSpecFile,
  SPECS,
  walk,
  type Format,
  type Leftover,
  type Located,
  type SpecName,
} from '../tests/support/realworld.js';
import { ensureHelm } from '../tools/helm/index.js';

const ROOT = join(import.meta.dirname, '..');
const CORPUS = join(ROOT, 'tests', 'realworld');
const CLI = join(ROOT, 'dist', 'graft.js');
// Helm charts render with the pinned helm the tests build (tools/helm/setup.sh), passed to the CLI as GRAFT_HELM.
const helmBuild = await ensureHelm();
if (helmBuild.helm) process.env['GRAFT_HELM'] ??= helmBuild.helm;
interface Diagnostic {
  code: string;
  severity: string;
  message: string;
  file?: string;
  line?: number;
}
interface PlanJson {
  format?: Format;
  dropped?: Located[];
  removed?: Located[];
  rewired?: Located[];
  changedFiles?: string[];
  diagnostics?: Diagnostic[];
}
interface Run {
  stack: string;
  spec: SpecName;
  specFile: string;
  format: string;
  planExit: number | null;
  compileExit: number | null;
  errors: string[];
  warnings: string[];
  dropped: string[];
  rewired: string[];
  removed: number;
  changedFiles: string[];
  hostNames: string[];
  leftovers: Leftover[];
  kafkaPorts: Leftover[];
  firstError?: string;
}

function graft(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function parsePlan(stdout: string): PlanJson | undefined {
  try {
    return JSON.parse(stdout) as PlanJson;
  } catch {
    return undefined;
  }
}

/** The leftover check on a compiled output directory and the origin files a single-file stack deploys unchanged. */
function scan(
  outDir: string,
  folder: string,
  stackDir: string,
  format: string,
  names: string[],
  hosts: Set<string>,
  scopes: ReadonlyMap<string, ReadonlySet<string>>,
): { leftovers: Leftover[]; ports: Leftover[] } {
  const compiled = walk(outDir)
    .filter((f) => !notDeployed(relative(outDir, f)))
    .map((f) => ({ shown: relative(outDir, f), text: readFileSync(f) }));
  const unchanged = walk(folder)
    .filter((f) => !['SOURCE', 'LICENSE'].includes(basename(f)) && !existsSync(join(outDir, relative(stackDir, f))))
    .map((f) => ({ shown: `${relative(stackDir, f)} (unchanged)`, text: readFileSync(f) }));
  return scanFiles([...compiled, ...unchanged], format, names, hosts, scopes);
}

function measure(stack: { folder: string; path: string }, spec: SpecName, work: string): Run {
  let specFile = realworldSpecFile(spec);
  let plan = graft(['plan', stack.path, '--kafka', specFile, '--json', '--no-diff']);
  let json = parsePlan(plan.stdout);
  const variant = realworldSpecFile(spec, json?.format);
  if (variant !== specFile) {
    specFile = variant;
    plan = graft(['plan', stack.path, '--kafka', specFile, '--json', '--no-diff']);
    json = parsePlan(plan.stdout);
  }
  const out = join(work, `${stack.folder}--${spec}`);
  const folder = join(CORPUS, stack.folder);
  const stackDir = statSync(stack.path).isDirectory() ? stack.path : dirname(stack.path);
  const compile = graft(['compile', stack.path, '--kafka', specFile, '--out', out, '--json']);
  const diags = json?.diagnostics ?? [];
  const format = json?.format ?? '?';
  const names = droppedNames(format, json?.dropped ?? [], format === 'compose' || format === 'kubernetes' ? originDocs(folder) : []);
  const scanned =
    compile.status === 0 && existsSync(out)
      ? scan(out, folder, stackDir, format, names, customerHosts(specFile), droppedScopes(format, json?.dropped ?? []))
      : { leftovers: [], ports: [] };
  const run: Run = {
    stack: stack.folder,
    spec,
    specFile: relative(ROOT, specFile),
    format,
    planExit: plan.status,
    compileExit: compile.status,
    errors: [...new Set(diags.filter((d) => d.severity === 'error').map((d) => d.code))],
    warnings: [...new Set(diags.filter((d) => d.severity !== 'error').map((d) => d.code))],
    dropped: (json?.dropped ?? []).map((d) => `${d.service ?? d.name ?? '?'}${d.role ? ` (${d.role})` : ''}`),
    rewired: (json?.rewired ?? []).map((r) => `${r.service ?? r.name ?? '?'}${r.family ? ` [${r.family}]` : ''}`),
    removed: (json?.removed ?? []).length,
    changedFiles: json?.changedFiles ?? [],
    hostNames: names,
    leftovers: scanned.leftovers,
    kafkaPorts: scanned.ports,
  };
  if (!json) run.firstError = (plan.stderr || plan.stdout).split('\n').find((l) => l.trim()) ?? '(no output)';
  else {
    const e = diags.find((d) => d.severity === 'error');
    if (e) run.firstError = `${e.code}${e.file ? ` ${e.file}:${e.line ?? '?'}` : ''}: ${e.message}`;
  }
  return run;
}

const cell = (xs: string[], max = 6): string =>
  xs.length === 0 ? '—' : (xs.slice(0, max).join(', ') + (xs.length > max ? `, … (+${xs.length - max})` : '')).replace(/\|/g, '\\|');

interface FirstTimeBatch {
  /** The batch's number where batches were recorded side by side; else its place in the file. */
  batch?: number;
  measured: string;
  graft: string;
  runs: { stack: string; spec: SpecName; verdict: string; exit: number; codes: string[] }[];
}

interface FirstTime {
  batches: FirstTimeBatch[];
}

/**
 * The first-time runs (`first-time.json`): batches of stacks added to the corpus without anyone having looked at how
 * graft handles them, each compiled once before any fix, with the reviewer's verdict of that run. They do not change
 * when graft does: they are the honest measure of graft on stacks its developers have never seen.
 */
function firstTimeTable(): string[] {
  const file = join(CORPUS, 'first-time.json');
  if (!existsSync(file)) return [];
  const ft = JSON.parse(readFileSync(file, 'utf8')) as FirstTime;
  type FtRun = FirstTimeBatch['runs'][number];
  const count = (runs: FtRun[], v: string, exit?: number): number =>
    runs.filter((r) => r.verdict === v && (exit === undefined || r.exit === exit)).length;
  const summary = (runs: FtRun[]): string => {
    const ok = count(runs, 'correct') + count(runs, 'refusal-justified');
    return `${ok} of ${runs.length} runs (${Math.floor((ok * 100) / runs.length)} %) were correct or a justified refusal; ${count(runs, 'wrong', 0)} exited 0 with a broken stack, ${count(runs, 'wrong', 1)} refused for a wrong reason.`;
  };
  const lines = ['## First-time runs', ''];
  lines.push(
    '| batch | measured | graft | stacks | runs | correct | refusal-justified | wrong, exit 0 | wrong, exit 1 | correct or justified |',
  );
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const row = (name: string, b: { measured: string; graft: string; runs: FtRun[] }): string => {
    const ok = count(b.runs, 'correct') + count(b.runs, 'refusal-justified');
    const stacks = new Set(b.runs.map((r) => r.stack)).size;
    return `| ${name} | ${b.measured} | ${b.graft} | ${stacks} | ${b.runs.length} | ${count(b.runs, 'correct')} | ${count(b.runs, 'refusal-justified')} | ${count(b.runs, 'wrong', 0)} | ${count(b.runs, 'wrong', 1)} | ${Math.floor((ok * 100) / b.runs.length)} % |`;
  };
  ft.batches.forEach((b, i) => lines.push(row(String(b.batch ?? i + 1), b)));
  const all = ft.batches.flatMap((b) => b.runs);
  lines.push(row('total', { measured: '—', graft: '—', runs: all }));
  lines.push('');
  ft.batches.forEach((b, i) => {
    const stacks = [...new Set(b.runs.map((r) => r.stack))];
    lines.push(`### Batch ${b.batch ?? i + 1}`);
    lines.push('');
    lines.push(
      `${stacks.length} stacks added on ${b.measured} from projects not in the corpus before, compiled once with graft ${b.graft} before`,
    );
    lines.push(`anything was fixed for them and judged run by run (verdicts as they were then; \`expectations.json\` holds today's).`);
    lines.push(summary(b.runs));
    lines.push('');
    lines.push('| stack | ' + SPECS.join(' | ') + ' |');
    lines.push('| --- | ' + SPECS.map(() => '---').join(' | ') + ' |');
    for (const stack of stacks) {
      const cells = SPECS.map((spec) => {
        const r = b.runs.find((x) => x.stack === stack && x.spec === spec);
        return r ? `${r.verdict}, exit ${r.exit}${r.codes.length ? ` (${r.codes.join(' ')})` : ''}` : '—';
      });
      lines.push(`| ${stack} | ${cells.join(' | ')} |`);
    }
    lines.push('');
  });
  lines.push(`All batches: ${summary(all)}`);
  lines.push('');
  return lines;
}

function markdown(runs: Run[]): string {
  const lines: string[] = [];
  lines.push('# Measured: graft on the real-world corpus');
  lines.push('');
  lines.push('Generated by `npx tsx scripts/realworld.ts` (after `npm run build`); do not edit by hand. Each stack is compiled with');
  lines.push('`graft plan --json` and `graft compile --out <tmp>` for each customer spec in `specs/` (Kubernetes stacks use');
  lines.push('`specs/kubernetes/`, Terraform and CloudFormation stacks `specs/aws/`: the same clusters with secrets in the stores');
  lines.push('those platforms read). Machine-readable: `measured.json`. Judgements: `expectations.json`.');
  lines.push('');
  lines.push('- **exit**: plan / compile exit codes (0 ok, 1 input errors, 2 usage).');
  lines.push('- **leftovers**: lines of the compiled files (not `handoff/`) that still name a dropped service — `host:port`, a');
  lines.push('  URL or a bare host value for Compose and Kubernetes (service, `container_name`, `hostname`, aliases; Strimzi');
  lines.push('  bootstrap names), a reference for Terraform and CloudFormation. Only when the compile succeeded.');
  lines.push('- **Kafka ports**: lines of the compiled files with `host:9092`-style addresses (9092–9094, 19092, 29092, 29093,');
  lines.push("  9096, 9098) whose host is not the customer's — a hint at brokers graft did not recognize.");
  lines.push('');
  lines.push(...firstTimeTable());
  const byStack = new Map<string, Run[]>();
  for (const r of runs) byStack.set(r.stack, [...(byStack.get(r.stack) ?? []), r]);
  lines.push('## Summary');
  lines.push('');
  lines.push('| stack | format | ' + SPECS.join(' | ') + ' |');
  lines.push('| --- | --- | ' + SPECS.map(() => '---').join(' | ') + ' |');
  for (const [stack, rs] of byStack) {
    const cells = SPECS.map((s) => {
      const r = rs.find((x) => x.spec === s);
      if (!r) return '';
      const tag = r.compileExit === 0 ? 'ok' : `exit ${r.compileExit ?? '?'}`;
      const extra = [
        r.errors.length ? r.errors.join(' ') : '',
        r.leftovers.length ? `${r.leftovers.length} leftover` : '',
        r.kafkaPorts.length ? `${r.kafkaPorts.length} port` : '',
        r.dropped.length === 0 ? 'nothing dropped' : '',
      ]
        .filter(Boolean)
        .join('; ');
      return `${tag}${extra ? ` (${extra})` : ''}`;
    });
    lines.push(`| ${stack} | ${rs[0]?.format ?? '?'} | ${cells.join(' | ')} |`);
  }
  lines.push('');
  for (const [stack, rs] of byStack) {
    lines.push(`## ${stack}`);
    lines.push('');
    const first = rs[0];
    if (first) {
      lines.push(`format: ${first.format}; dropped: ${cell(first.dropped, 12)}`);
      lines.push('');
      lines.push(`dropped host names / identifiers checked: ${cell(first.hostNames, 20)}`);
      lines.push('');
    }
    lines.push('| spec | exit plan/compile | errors | warnings | rewired | removed | leftovers | Kafka ports |');
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of rs) {
      const lo = r.leftovers.map((l) => `${l.file}:${l.line} \`${l.name}\``);
      const kp = r.kafkaPorts.map((l) => `${l.file}:${l.line} \`${l.name}\``);
      lines.push(
        `| ${r.spec} | ${r.planExit ?? '?'}/${r.compileExit ?? '?'} | ${cell(r.errors)} | ${cell(r.warnings)} | ${cell(r.rewired, 8)} | ${r.removed} | ${cell(lo, 5)} | ${cell(kp, 5)} |`,
      );
    }
    const errs = rs.filter((r) => r.firstError);
    if (errs.length) {
      lines.push('');
      for (const r of errs) lines.push(`- ${r.spec}: first error: ${(r.firstError ?? '').replace(/\s+/g, ' ').slice(0, 300)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

const merge = process.argv[2] === '--merge';
const filter = merge ? undefined : process.argv[2];
const mergeFilters = merge ? (process.argv[3] ?? '').split(',').filter(Boolean) : [];
if (merge && mergeFilters.length === 0) {
  console.error('usage: npx tsx scripts/realworld.ts --merge <filter>[,<filter>...]');
  process.exit(2);
}
const selected = (folder: string): boolean => !merge || mergeFilters.some((f) => folder.includes(f));
if (!existsSync(CLI)) {
  console.error(`${relative(ROOT, CLI)} is missing: run \`npm run build\` first`);
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'graft-realworld-'));
const runs: Run[] = [];
try {
  for (const stack of realworldStacks(filter).filter((s) => selected(s.folder))) {
    for (const spec of SPECS) {
      const r = measure(stack, spec, work);
      runs.push(r);
      const note = [
        r.errors.join(' '),
        r.leftovers.length ? `${r.leftovers.length} leftovers` : '',
        r.kafkaPorts.length ? `${r.kafkaPorts.length} kafka ports` : '',
      ]
        .filter(Boolean)
        .join('; ');
      console.log(
        `${stack.folder} × ${spec}: ${r.format} plan ${r.planExit ?? '?'} compile ${r.compileExit ?? '?'}, dropped ${r.dropped.length}, rewired ${r.rewired.length}${note ? ` — ${note}` : ''}`,
      );
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (merge) {
  // the other stacks keep their runs of the last full measurement, in the corpus' order
  const before = JSON.parse(readFileSync(join(CORPUS, 'measured.json'), 'utf8')) as Run[];
  const order = realworldStacks().map((s) => s.folder);
  const kept = before.filter((r) => !selected(r.stack) && order.includes(r.stack));
  runs.push(...kept);
  runs.sort((a, b) => order.indexOf(a.stack) - order.indexOf(b.stack) || SPECS.indexOf(a.spec) - SPECS.indexOf(b.spec));
}
if (!filter) {
  writeFileSync(join(CORPUS, 'MEASURED.md'), markdown(runs) + '\n');
  writeFileSync(join(CORPUS, 'measured.json'), JSON.stringify(runs, null, 2) + '\n');
  console.log(`wrote ${relative(ROOT, join(CORPUS, 'MEASURED.md'))} and measured.json (${runs.length} runs)`);
}
