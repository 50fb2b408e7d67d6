import { spawn } from 'node:child_process';
import { ensureComposeValidator } from '../../tools/compose-validate/index.js';
import type { ComposeVariables } from './compose-interpolate.js';

/** What compose-go's loader said of a compiled file. */
export interface ComposeCheck {
  ok: boolean;
  errors: string[];
  warnings: string[];
}

/** Loads a Compose file with the real compose-go loader (tools/compose-validate), interpolating from `vars` only. */
export async function checkWithComposeGo(file: string, vars: ComposeVariables): Promise<ComposeCheck> {
  const bin = await ensureComposeValidator();
  const args = [...Object.entries(vars).flatMap(([k, v]) => ['--env', `${k}=${v}`]), '--', file];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number>((res) => child.on('close', (c) => res(c ?? 3)));
  if (code !== 0 && code !== 1) throw new Error(`compose-validate exit ${code}: ${stderr || stdout}`);
  const out = JSON.parse(stdout) as Partial<ComposeCheck>;
  return { ok: code === 0, errors: out.errors ?? [], warnings: out.warnings ?? [] };
}
