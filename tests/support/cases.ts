import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '..', '..');

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
