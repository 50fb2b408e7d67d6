import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { OutputFile } from './pipeline.js';

/**
 * Writes a whole stack to `outDir` or nothing: files go to a sibling temporary directory that
 * replaces `outDir` by rename only once every file is written.
 */
export function writeStackAtomically(outDir: string, files: readonly OutputFile[], extra: Record<string, string>): void {
  const target = resolve(outDir);
  const tmp = `${target}.graft-tmp-${process.pid}`;
  const old = `${target}.graft-old-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(tmp, { recursive: true });
    for (const f of files) {
      const p = join(tmp, f.path);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.content);
    }
    for (const [name, text] of Object.entries(extra)) {
      mkdirSync(dirname(join(tmp, name)), { recursive: true });
      writeFileSync(join(tmp, name), text);
    }
    if (existsSync(target)) renameSync(target, old);
    mkdirSync(dirname(target), { recursive: true });
    renameSync(tmp, target);
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (existsSync(old) && !existsSync(target)) renameSync(old, target);
    throw e;
  }
}
