import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cases.js';

/** graft's single-file bundle as `npm run build` makes it (what `--with-preflight` ships). */
export const BUNDLE = join(ROOT, 'dist', 'graft-standalone.js');

/** Builds the bundle when it is missing or older than a source file; resolves to its path. */
export function ensureBundle(): string {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? (e.name === 'cases' ? [] : sources(join(dir, e.name))) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
  const built = (() => {
    try {
      return statSync(BUNDLE).mtimeMs;
    } catch {
      return 0;
    }
  })();
  if (sources(join(ROOT, 'src')).some((f) => statSync(f).mtimeMs > built)) {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  }
  return BUNDLE;
}
