import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../run.js';

const setupScript = join(dirname(fileURLToPath(import.meta.url)), 'setup.sh');

let built: Promise<{ helm?: string; reason?: string }> | undefined;

/**
 * Builds helm with setup.sh (once per process; a no-op once cached) and resolves to its path, or to why it could not
 * be built (no Go toolchain, no network): the caller reports that reason when it skips.
 */
export function ensureHelm(): Promise<{ helm?: string; reason?: string }> {
  built ??= run('bash', [setupScript]).then(
    ({ code, stdout, stderr }) => {
      const helm = stdout.trim().split('\n').pop();
      if (code === 0 && helm) return { helm };
      return { reason: `tools/helm/setup.sh failed (exit ${String(code)}): ${stderr.trim().split('\n').slice(-5).join(' / ')}` };
    },
    (e: Error) => ({ reason: `tools/helm/setup.sh could not run: ${e.message}` }),
  );
  return built;
}

/** Runs helm with a throwaway configuration, cache and data folder; gives its exit status and output. */
export function runHelm(helm: string, args: readonly string[]): { status: number; stdout: string; stderr: string } {
  const home = mkdtempSync(join(tmpdir(), 'graft-helm-test-'));
  try {
    const env = { ...process.env, HELM_CONFIG_HOME: join(home, 'c'), HELM_CACHE_HOME: join(home, 'k'), HELM_DATA_HOME: join(home, 'd') };
    const r = spawnSync(helm, [...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr + (r.error ? r.error.message : '') };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
