// The real-world corpus (tests/realworld): its stacks, the three customer specs, and the heuristic leftover check on
// compiled files. Used in-process by tests/realworld.test.ts (the gate) and through the CLI by scripts/realworld.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { hasErrors } from '../../src/core/diagnostic.js';
import { compileStack, stackListing } from '../../src/compile/pipeline.js';
import { prepareFormats } from '../../src/formats/index.js';

export const REALWORLD = join(import.meta.dirname, '..', 'realworld');
export const SPECS = ['confluent-cloud-plain', 'msk-iam', 'mtls-private-ca'] as const;
export type SpecName = (typeof SPECS)[number];
export type Format = 'compose' | 'kubernetes' | 'helm' | 'terraform' | 'cloudformation';
/** Secret stores differ per platform: the same customer cluster, with references each platform can read. */
export const SPEC_VARIANT: Record<Format, string> = {
  compose: '',
  kubernetes: 'kubernetes',
  helm: 'kubernetes',
  terraform: 'aws',
  cloudformation: 'aws',
};

export type Verdict = 'correct' | 'refusal-justified' | 'wrong';
/** A reviewer's judgement of one stack × spec run (tests/realworld/expectations.json). */
export interface Expectation {
  stack: string;
  spec: SpecName;
  verdict: Verdict;
  codes: string[];
  exit: number;
  note: string;
}

/** What the plan says was dropped, in the report's shape. */
export interface Located {
  service?: string;
  role?: string;
  kind?: string;
  name?: string;
  reason?: string;
  family?: string;
  matched?: string[];
  at?: { file: string; line: number };
}
export interface Leftover {
  file: string;
  line: number;
  name: string;
  text: string;
}

/** The corpus's stacks: each folder, and the path graft compiles (the folder, or SOURCE's `stack:` line). */
export function realworldStacks(filter?: string): { folder: string; path: string }[] {
  return readdirSync(REALWORLD)
    .filter((d) => d.includes('__') && statSync(join(REALWORLD, d)).isDirectory())
    .filter((d) => !filter || d.includes(filter))
    .sort()
    .map((folder) => {
      const source = readFileSync(join(REALWORLD, folder, 'SOURCE'), 'utf8');
      const stack = /^stack:\s*(.+)$/m.exec(source)?.[1]?.trim();
      return { folder, path: stack ? join(REALWORLD, folder, stack) : join(REALWORLD, folder) };
    });
}

export function specFile(spec: SpecName, format?: string): string {
  const variant = format && format in SPEC_VARIANT ? SPEC_VARIANT[format as Format] : '';
  return join(REALWORLD, 'specs', ...(variant ? [variant] : []), `${spec}.yaml`);
}

export function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Every YAML document of the stack's folder (included and extended files too), for the host names of dropped Compose services and Kubernetes workloads. */
export function originDocs(folder: string): unknown[] {
  const files = existsSync(folder) ? walk(folder) : [];
  const docs: unknown[] = [];
  for (const f of files.filter((f) => /\.ya?ml$/.test(f))) {
    try {
      for (const d of parseAllDocuments(readFileSync(f, 'utf8'))) docs.push(plainKeys(d.toJS({ maxAliasCount: -1, mapAsMap: true })));
    } catch {
      // a file graft reports on itself
    }
  }
  return docs;
}

// Maps as objects with their scalar keys; a key that is a collection (a Helm template's `{{ ... }}` line read as YAML, a
// `? [a, b]` key) names no service and is left out, where the library's own conversion would stringify it with a warning
function plainKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plainKeys);
  if (!(v instanceof Map)) return v;
  const o: Record<string, unknown> = {};
  for (const [k, x] of v as Map<unknown, unknown>) if (typeof k !== 'object' || k === null) o[String(k)] = plainKeys(x);
  return o;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The names other services could reach a dropped service by (Compose, Kubernetes); identifiers (Terraform, CloudFormation). */
export function droppedNames(format: string, dropped: Located[], docs: unknown[]): string[] {
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
  return [...names].filter((n) => n.length > 1).sort();
}

/**
 * CloudFormation logical ids belong to their template: a dropped `MSKCluster` of a nested child is no leftover in the
 * parent, whose own resource (the nested stack) may carry the same id. The files each dropped id may leave a trace in.
 */
export function droppedScopes(format: string, dropped: Located[]): Map<string, Set<string>> {
  const scopes = new Map<string, Set<string>>();
  if (format !== 'cloudformation') return scopes;
  for (const d of dropped) {
    const label = d.service ?? d.name ?? '';
    if (!label || !d.at?.file) continue;
    const files = scopes.get(label) ?? new Set<string>();
    files.add(d.at.file);
    scopes.set(label, files);
  }
  return scopes;
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

/** Whether a file of the output is graft's own or the corpus's provenance, not part of the deployed stack. */
export function notDeployed(rel: string): boolean {
  return (
    rel.startsWith('handoff') ||
    ['graft-report.json', 'SOURCE', 'LICENSE'].includes(basename(rel)) ||
    /graft-parameters\.json$|graft_kafka\./.test(rel)
  );
}

/**
 * Lines of the deployed files that still name a dropped service (leftovers) or hold a Kafka-port address whose host is
 * not the customer's (ports). `files` are the compiled files and the origin files deployed unchanged.
 */
export function scanFiles(
  files: { shown: string; text: Buffer | string }[],
  format: string,
  names: string[],
  customerHosts: Set<string>,
  scopes: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): { leftovers: Leftover[]; ports: Leftover[] } {
  const leftovers: Leftover[] = [];
  const ports: Leftover[] = [];
  for (const { shown, text } of files) {
    const file = shown.replace(/ \(unchanged\)$/, '');
    if (typeof text !== 'string' && text.includes(0)) continue;
    const lines = text.toString().split(/\r?\n/);
    lines.forEach((line, i) => {
      const trimmed = line.trim();
      if (trimmed.startsWith('#') || trimmed.startsWith('//') || /^\s*-?\s*image:/.test(line) || /"image"\s*:/.test(line)) return;
      // the customer's own host names (kafka-1.kafka.corp.internal) are no leftover of a dropped kafka-1
      const own = [...customerHosts].reduce((l, h) => l.split(h).join(''), line);
      for (const name of names) {
        // a Terraform variable or local is the root module's own: another module's files (a local module the stack
        // no longer calls) declare their own of the same name
        if (format === 'terraform' && /^(var|local)\./.test(name) && shown.split(' ')[0]?.includes('/')) continue;
        const scope = scopes.get(name);
        if (scope && !scope.has(file)) continue;
        if (hostPatterns(format, name).some((re) => re.test(own)))
          leftovers.push({ file: shown, line: i + 1, name, text: trimmed.slice(0, 160) });
      }
      const m = KAFKA_PORT.exec(line);
      if (m && !customerHosts.has(m[1] ?? '') && !['localhost', '127.0.0.1', '0.0.0.0'].includes(m[1] ?? ''))
        ports.push({ file: shown, line: i + 1, name: `${m[1]}:${m[2]}`, text: trimmed.slice(0, 160) });
    });
  }
  return { leftovers, ports };
}

/** The customer's broker and registry host names in a spec file. */
export function customerHosts(spec: string): Set<string> {
  const hosts = new Set<string>();
  for (const m of readFileSync(spec, 'utf8').matchAll(/([a-z0-9][\w.-]*\.[a-z]{2,})(?=:\d+)/gi)) hosts.add(m[1] ?? '');
  return hosts;
}

/** One stack × spec compiled in-process: what the CLI's `graft compile` would exit with, say, and leave behind. */
export interface InProcessRun {
  format: string;
  exit: number;
  errors: string[];
  warnings: string[];
  dropped: string[];
  leftovers: Leftover[];
  ports: Leftover[];
}

const prepared = new Set<string>();

/** Compiles one corpus stack for one spec in memory, as `graft compile` does (formats prepared for the stack). */
export async function measureInProcess(stack: { folder: string; path: string }, spec: SpecName): Promise<InProcessRun> {
  if (!prepared.has(stack.path)) {
    await prepareFormats(stackListing(stack.path)).catch(() => undefined);
    prepared.add(stack.path);
  }
  let file = specFile(spec);
  let result = compileStack({ stack: stack.path, spec: file });
  const variant = specFile(spec, result.plan.format);
  if (variant !== file) {
    file = variant;
    result = compileStack({ stack: stack.path, spec: file });
  }
  const format = result.plan.format;
  const folder = join(REALWORLD, stack.folder);
  const failed = hasErrors(result.diagnostics);
  const base = resolve(statSync(stack.path).isDirectory() ? stack.path : dirname(stack.path));
  const at = (f: string): { file: string; line: number } => ({ file: relative(base, resolve(f)).split(sep).join('/'), line: 0 });
  const dropped: Located[] = result.plan.dropped.map((d) => ({ service: d.service, role: d.role, at: at(d.at.file) }));
  let scanned = { leftovers: [] as Leftover[], ports: [] as Leftover[] };
  if (!failed) {
    const stackDir = statSync(stack.path).isDirectory() ? stack.path : dirname(stack.path);
    const names = droppedNames(format, dropped, format === 'compose' || format === 'kubernetes' ? originDocs(folder) : []);
    const compiled = result.files.filter((f) => !notDeployed(f.path)).map((f) => ({ shown: f.path, text: f.content }));
    const outPaths = new Set(result.files.map((f) => f.path));
    // the files a single-file stack reads (env_file, .env, mounted and included files) are deployed as they are
    const unchanged = walk(folder)
      .filter((f) => !['SOURCE', 'LICENSE'].includes(basename(f)) && !outPaths.has(relative(stackDir, f).split(sep).join('/')))
      .map((f) => ({ shown: `${relative(stackDir, f)} (unchanged)`, text: readFileSync(f) }));
    scanned = scanFiles([...compiled, ...unchanged], format, names, customerHosts(file), droppedScopes(format, dropped));
  }
  const diags = result.diagnostics;
  return {
    format,
    exit: failed ? 1 : 0,
    errors: [...new Set(diags.filter((d) => d.severity === 'error').map((d) => d.code))].sort(),
    warnings: [...new Set(diags.filter((d) => d.severity !== 'error').map((d) => d.code))].sort(),
    dropped: dropped.map((d) => d.service ?? d.name ?? '?'),
    leftovers: scanned.leftovers,
    ports: scanned.ports,
  };
}

export function loadExpectations(): Expectation[] {
  return JSON.parse(readFileSync(join(REALWORLD, 'expectations.json'), 'utf8')) as Expectation[];
}
