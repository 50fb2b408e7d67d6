import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '..', '..');

/** The vendored real public stacks of one format: `tests/corpus/stacks/<format>/<name>/`, each with its SOURCE file. */
export const corpusDir = (format: 'compose' | 'kubernetes' | 'terraform' | 'cloudformation'): string =>
  join(ROOT, 'tests', 'corpus', 'stacks', format);

/** The names of the corpus stacks of one format, sorted; a missing or empty corpus is an error, never a skip. */
export function corpusStacks(format: Parameters<typeof corpusDir>[0]): string[] {
  const dir = corpusDir(format);
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => statSync(join(dir, n)).isDirectory()) : [];
  if (names.length === 0) throw new Error(`no ${format} stacks in ${dir}: the corpus is part of the repository`);
  return names.sort();
}

/** A golden case folder: `input/` + `kafka.yaml` with `expected/`, or `diagnostics.txt` for error cases. */
export interface GoldenCase {
  name: string;
  dir: string;
  isError: boolean;
}

/** Finds every `cases/<name>/` and `cases/_errors_/<name>/` folder under src/. */
export function findCases(base = join(ROOT, 'src')): GoldenCase[] {
  const out: GoldenCase[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (!statSync(full).isDirectory() || name === 'node_modules') continue;
      if (name === 'cases') {
        for (const c of readdirSync(full).sort()) {
          if (c === '_errors_') {
            for (const e of readdirSync(join(full, c)).sort())
              out.push({ name: relative(base, join(full, c, e)), dir: join(full, c, e), isError: true });
          } else if (statSync(join(full, c)).isDirectory()) {
            out.push({ name: relative(base, join(full, c)), dir: join(full, c), isError: false });
          }
        }
      } else walk(full);
    }
  };
  walk(base);
  return out;
}

/** Lists files under a folder, relative, sorted. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const f = join(d, n);
      if (statSync(f).isDirectory()) walk(f);
      else out.push(relative(dir, f));
    }
  };
  walk(dir);
  return out;
}
