import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { testbedCacheDir } from './paths.js';
import { isAlive } from './proc.js';

/** Removes `run-*-<pid>` directories left behind by test-bed owners that no longer run (e.g. killed with SIGKILL); returns the removed names. */
export async function sweepStaleRunDirs(): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(testbedCacheDir());
  } catch {
    return [];
  }
  const stale = names.filter((n) => {
    const m = /^run-.*-(\d+)$/.exec(n);
    return m !== null && Number(m[1]) !== process.pid && !isAlive(Number(m[1]));
  });
  await Promise.all(stale.map((n) => rm(join(testbedCacheDir(), n), { recursive: true, force: true })));
  return stale;
}
