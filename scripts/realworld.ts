// `npx tsx scripts/realworld.ts [filter]`: compiles every vendored stack under tests/realworld for the three customer
// specs in tests/realworld/specs with the built CLI (`npm run build` first) and writes tests/realworld/MEASURED.md
// (for people) and tests/realworld/measured.json (for tools): exit codes, diagnostic codes, what was dropped and
// rewired, and a heuristic leftover check on the compiled files. A filter runs only the stacks whose folder contains it
// and prints the table without writing the files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

const ROOT = join(import.meta.dirname, '..');
const CORPUS = join(ROOT, 'tests', 'realworld');
const CLI = join(ROOT, 'dist', 'graft.js');
const SPECS = ['confluent-cloud-plain', 'msk-iam', 'mtls-private-ca'] as const;
type SpecName = (typeof SPECS)[number];
type Format = 'compose' | 'kubernetes' | 'terraform' | 'cloudformation';
/** Secret stores differ per platform: the same customer cluster, with references each platform can read. */
const SPEC_VARIANT: Record<Format, string> = { compose: '', kubernetes: 'kubernetes', terraform: 'aws', cloudformation: 'aws' };

interface Located {
  service?: string;
  role?: string;
  kind?: string;
  name?: string;
  reason?: string;
  family?: string;
  matched?: string[];
  at?: { file: string; line: number };
}
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
interface Leftover {
  file: string;
  line: number;
  name: string;
  text: string;
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

function stacks(filter: string | undefined): { folder: string; path: string }[] {
  return readdirSync(CORPUS)
    .filter((d) => d.includes('__') && statSync(join(CORPUS, d)).isDirectory())
    .filter((d) => !filter || d.includes(filter))
    .sort()
    .map((folder) => {
      const source = readFileSync(join(CORPUS, folder, 'SOURCE'), 'utf8');
      const stack = /^stack:\s*(.+)$/m.exec(source)?.[1]?.trim();
      return { folder, path: stack ? join(CORPUS, folder, stack) : join(CORPUS, folder) };
    });
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

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Every YAML document of the stack's folder (included and extended files too), for the host names of dropped Compose services and Kubernetes workloads. */
function originDocs(folder: string): unknown[] {
  const files = existsSync(folder) ? walk(folder) : [];
  const docs: unknown[] = [];
  for (const f of files.filter((f) => /\.ya?ml$/.test(f))) {
    try {
      for (const d of parseAllDocuments(readFileSync(f, 'utf8'))) docs.push(d.toJS({ maxAliasCount: -1 }));
    } catch {
      // a file graft reports on itself
    }
  }
  return docs;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The names other services could reach a dropped service by (Compose, Kubernetes); identifiers (Terraform, CloudFormation). */
function droppedNames(format: string, dropped: Located[], docs: unknown[]): string[] {
  const names = new Set<string>();
  for (const d of dropped) {
    const label = d.service ?? d.name ?? '';
    if (!label) continue;
    if (format === 'compose') {
      names.add(label);
      for (const doc of docs) {
        if (!isRecord(doc) || !isRecord(doc.services)) continue;
        const svc = doc.services[label];
        if (!isRecord(svc)) continue;
        for (const k of ['container_name', 'hostname']) if (typeof svc[k] === 'string') names.add(svc[k]);
        if (isRecord(svc.networks))
          for (const n of Object.values(svc.networks))
            if (isRecord(n) && Array.isArray(n.aliases)) for (const a of n.aliases) if (typeof a === 'string') names.add(a);
      }
    } else if (format === 'kubernetes') {
      const parts = label.split('/');
      const kind = parts[0] ?? '';
      const name = parts[parts.length - 1] ?? '';
      if (['Service', 'StatefulSet', 'Deployment', 'Pod'].includes(kind)) names.add(name);
      if (kind === 'Kafka' && d.role?.startsWith('strimzi')) {
        names.add(`${name}-kafka-bootstrap`);
        names.add(`${name}-kafka-brokers`);
      } else if (['Kafka', 'KRaftController', 'Zookeeper', 'SchemaRegistry'].includes(kind) || d.role?.startsWith('redpanda')) {
        names.add(name);
      }
    } else if (d.role !== 'output') {
      names.add(label.replace(/^(resource|data)\./, ''));
    }
  }
  // Services selecting dropped pods carry their own names; add those Services of the origin that the plan dropped.
  return [...names].filter((n) => n.length > 1).sort();
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function hostPatterns(format: string, name: string): RegExp[] {
  const n = escape(name);
  if (format === 'compose' || format === 'kubernetes')
    return [
      new RegExp(`(?<![\\w.-])${n}(\\.[\\w-]+)*:\\d{2,5}\\b`), // host:port, FQDN forms
      new RegExp(`://${n}\\b(?![\\w-])`), // URLs
      // a bare host as the whole value of a host-like setting (KAFKA_SEEDS=kafka)
      new RegExp(`(host|server|broker|seed|addr|url|connect|bootstrap|endpoint)[\\w.-]*["']?\\s*[=:]\\s*["']?${n}["']?\\s*$`, 'i'),
    ];
  if (format === 'terraform') return [new RegExp(`(?<![\\w.])${n}\\b(?![\\w-])`)];
  return [new RegExp(`(Ref["']?\\s*:?\\s*["']?|GetAtt["']?\\s*:?\\s*\\[?\\s*["']?|\\$\\{)${n}\\b(?![\\w-])`)];
}

const KAFKA_PORT = /(?<![\w.-])([A-Za-z][\w.-]*):(9092|9093|9094|19092|29092|29093|9096|9098)\b/;

function scan(
  outDir: string,
  folder: string,
  stackDir: string,
  format: string,
  names: string[],
  customerHosts: Set<string>,
): { leftovers: Leftover[]; ports: Leftover[] } {
  const leftovers: Leftover[] = [];
  const ports: Leftover[] = [];
  const compiled = walk(outDir).filter((f) => {
    const rel = relative(outDir, f);
    return (
      !rel.startsWith('handoff') &&
      !['graft-report.json', 'SOURCE', 'LICENSE'].includes(basename(f)) &&
      !/graft-parameters\.json$|graft_kafka\./.test(rel)
    );
  });
  // A single-file stack compiles to that file alone; the files it reads (env_file, .env, mounted and included
  // files) are deployed as they are, so they are scanned from the origin folder.
  const unchanged = walk(folder).filter(
    (f) => !['SOURCE', 'LICENSE'].includes(basename(f)) && !existsSync(join(outDir, relative(stackDir, f))),
  );
  for (const f of [...compiled, ...unchanged]) {
    const shown = f.startsWith(outDir) ? relative(outDir, f) : `${relative(stackDir, f)} (unchanged)`;
    const text = readFileSync(f);
    if (text.includes(0)) continue;
    const lines = text.toString('utf8').split(/\r?\n/);
    lines.forEach((line, i) => {
      const trimmed = line.trim();
      if (trimmed.startsWith('#') || trimmed.startsWith('//') || /^\s*-?\s*image:/.test(line) || /"image"\s*:/.test(line)) return;
      for (const name of names) {
        if (hostPatterns(format, name).some((re) => re.test(line)))
          leftovers.push({ file: shown, line: i + 1, name, text: trimmed.slice(0, 160) });
      }
      const m = KAFKA_PORT.exec(line);
      if (m && !customerHosts.has(m[1] ?? '') && !['localhost', '127.0.0.1', '0.0.0.0'].includes(m[1] ?? ''))
        ports.push({ file: shown, line: i + 1, name: `${m[1]}:${m[2]}`, text: trimmed.slice(0, 160) });
    });
  }
  return { leftovers, ports };
}

function customerHosts(specFile: string): Set<string> {
  const hosts = new Set<string>();
  for (const m of readFileSync(specFile, 'utf8').matchAll(/([a-z0-9][\w.-]*\.[a-z]{2,})(?=:\d+)/gi)) hosts.add(m[1] ?? '');
  return hosts;
}

function measure(stack: { folder: string; path: string }, spec: SpecName, work: string): Run {
  const base = join(CORPUS, 'specs', `${spec}.yaml`);
  let specFile = base;
  let plan = graft(['plan', stack.path, '--kafka', specFile, '--json', '--no-diff']);
  let json = parsePlan(plan.stdout);
  const variant = json?.format ? SPEC_VARIANT[json.format] : '';
  if (variant) {
    specFile = join(CORPUS, 'specs', variant, `${spec}.yaml`);
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
      ? scan(out, folder, stackDir, format, names, customerHosts(specFile))
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

const filter = process.argv[2];
if (!existsSync(CLI)) {
  console.error(`${relative(ROOT, CLI)} is missing: run \`npm run build\` first`);
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'graft-realworld-'));
const runs: Run[] = [];
try {
  for (const stack of stacks(filter)) {
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
if (!filter) {
  writeFileSync(join(CORPUS, 'MEASURED.md'), markdown(runs) + '\n');
  writeFileSync(join(CORPUS, 'measured.json'), JSON.stringify(runs, null, 2) + '\n');
  console.log(`wrote ${relative(ROOT, join(CORPUS, 'MEASURED.md'))} and measured.json (${runs.length} runs)`);
}
