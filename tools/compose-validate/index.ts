import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../run.js';

/** The validator's verdict: errors explain an invalid file, warnings what was assumed (missing extends bases, unset variables). */
export interface ComposeValidation {
  ok: boolean;
  errors: string[];
  warnings: string[];
}

const buildScript = join(dirname(fileURLToPath(import.meta.url)), 'build.sh');

let binary: Promise<string> | undefined;

/** Runs build.sh (at most once per process; it is a no-op when the binary is up to date) and resolves to the binary's path. */
export function ensureComposeValidator(): Promise<string> {
  binary ??= run('bash', [buildScript]).then(({ code, stdout, stderr }) => {
    const path = stdout.trim().split('\n').pop() ?? '';
    if (code !== 0 || path === '') {
      throw new Error(`compose-validate: build.sh failed (exit ${String(code)}):\n${stderr}`);
    }
    return path;
  });
  return binary;
}

/** Validates Compose files (merged in order, the first one's directory being the project directory) with the real compose-go loader. */
export async function validateComposeFiles(files: string[]): Promise<ComposeValidation> {
  const bin = await ensureComposeValidator();
  const { code, stdout, stderr } = await run(bin, ['--', ...files]);
  if (code !== 0 && code !== 1) {
    throw new Error(`compose-validate: exit ${String(code)}: ${stderr.trim() || stdout.trim()}`);
  }
  const parsed = JSON.parse(stdout) as {
    ok?: unknown;
    errors?: string[];
    warnings?: string[];
  };
  if (parsed.ok !== (code === 0)) {
    throw new Error(`compose-validate: exit ${String(code)} disagrees with its output: ${stdout}`);
  }
  return {
    ok: code === 0,
    errors: parsed.errors ?? [],
    warnings: parsed.warnings ?? [],
  };
}
