import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, stringify } from 'yaml';
import { renderDiagnostics, type Diagnostic } from '../../src/core/diagnostic.js';
import { compileStack, type CompileRequest, type CompileResult } from '../../src/compile/pipeline.js';
import type { TestbedState } from '../../testbed/kafka/index.js';
import { EXAMPLE } from './example.js';
import { createSecretStore, type TestSecretStore } from './secret-store.js';
import type { Setup } from './setups.js';

// Compiles the example stack for one setup. graft refuses a whole stack when one service cannot be
// configured; the refused services are recorded with their diagnostic codes, removed from a copy of
// the stack, and the rest is compiled again, so that every other service can still be run.

/** One setup, compiled. */
export interface CompiledSetup {
  store: TestSecretStore;
  specFile: string;
  /** Diagnostic codes per refused service, from compiling the whole example stack. */
  refused: Map<string, string[]>;
  /** The compile that produced `stackDir` (the whole stack, or the stack without the refused services). */
  result: CompileResult;
  /** The compiled stack written out, as graft would deliver it. */
  stackDir: string;
}

/** What else to compile with: another stack directory (with docker-compose.yml; default the example), the preflight. */
export type CompileSetupOptions = Partial<Pick<CompileRequest, 'stack' | 'withPreflight'>>;

/** Writes the setup's spec and secret store under `dir` and compiles the example stack against it. */
export function compileSetup(setup: Setup, tb: TestbedState, dir: string, options: CompileSetupOptions = {}): CompiledSetup {
  const { stack = EXAMPLE, withPreflight } = options;
  const extra = withPreflight ? { withPreflight } : {};
  const store = createSecretStore(join(dir, 'store'));
  const specFile = join(dir, 'customer-kafka.yaml');
  writeFileSync(specFile, stringify({ apiVersion: 'graft.dev/v1', kind: 'CustomerKafka', ...setup.spec(tb, store) }));
  const first = compileStack({ stack, spec: specFile, ...extra });
  const refused = attributeErrors(first, stack);
  let result = first;
  if (refused.size > 0) {
    const pruned = join(dir, 'origin');
    pruneStack(stack, pruned, [...refused.keys()]);
    result = compileStack({ stack: pruned, spec: specFile, ...extra });
    const left = result.diagnostics.filter((d) => d.severity === 'error');
    if (left.length > 0) throw new Error(`errors left after removing ${[...refused.keys()].join(', ')}:\n${render(result, left)}`);
  }
  const stackDir = join(dir, 'stack');
  for (const f of result.files) {
    mkdirSync(dirname(join(stackDir, f.path)), { recursive: true });
    writeFileSync(join(stackDir, f.path), f.content);
  }
  return { store, specFile, refused, result, stackDir };
}

/** Renders diagnostics as `graft compile` prints them. */
export function render(result: CompileResult, diagnostics: readonly Diagnostic[] = result.diagnostics): string {
  return renderDiagnostics([...diagnostics], (p) => result.sources.get(p));
}

// Maps each error to the service it is about: the Compose service whose definition holds its subject,
// else the `service "name"` its message names. An error about no service is a failure of the setup.
function attributeErrors(result: CompileResult, stack: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const compose = join(stack, 'docker-compose.yml');
  const doc = parseDocument(readFileSync(compose, 'utf8'));
  const services = doc.get('services', true);
  const ranges = isMap(services)
    ? services.items.map((p) => ({
        name: isScalar(p.key) ? String(p.key.value) : '',
        start: p.key && isScalar(p.key) ? (p.key.range?.[0] ?? 0) : 0,
        end: (p.value as { range?: number[] } | null)?.range?.[2] ?? 0,
      }))
    : [];
  for (const d of result.diagnostics.filter((x) => x.severity === 'error')) {
    const s = d.subject;
    const bySpan = s?.file === compose ? ranges.find((r) => s.start >= r.start && s.start < r.end)?.name : undefined;
    const name = bySpan ?? /service "([^"]+)"/.exec(d.message)?.[1];
    if (!name) throw new Error(`an error about no service:\n${render(result, [d])}`);
    out.set(name, [...new Set([...(out.get(name) ?? []), d.code])].sort());
  }
  return out;
}

// Copies the stack without the given services (and their graft.yaml bindings), and without the stack files that only
// they mounted: a vendor who drops a service drops its configuration too, and graft refuses a kept file that still
// names the dropped broker.
function pruneStack(from: string, to: string, pruned: readonly string[]): void {
  cpSync(from, to, { recursive: true });
  const compose = parseDocument(readFileSync(join(to, 'docker-compose.yml'), 'utf8'));
  const mounted = (names: readonly string[]): Set<string> =>
    new Set(
      names.flatMap((name) => {
        const volumes = compose.getIn(['services', name, 'volumes'], true);
        if (!isSeq(volumes)) return [];
        return volumes.items.map((v) => (isScalar(v) ? (String(v.value).split(':')[0] ?? '') : '')).filter((p) => p.startsWith('./'));
      }),
    );
  const services = compose.get('services', true);
  const kept = isMap(services)
    ? services.items.map((p) => String(isScalar(p.key) ? p.key.value : '')).filter((n) => !pruned.includes(n))
    : [];
  const keptMounts = mounted(kept);
  for (const path of mounted(pruned)) if (!keptMounts.has(path)) rmSync(join(to, path), { recursive: true, force: true });
  for (const [file, path] of [
    ['docker-compose.yml', ['services']],
    ['graft.yaml', ['kafka', 'clients']],
  ] as const) {
    if (!existsSync(join(to, file))) continue;
    const doc = parseDocument(readFileSync(join(to, file), 'utf8'));
    for (const s of pruned) doc.deleteIn([...path, s]);
    writeFileSync(join(to, file), doc.toString());
  }
}
