import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One cfn-lint finding. */
export interface CfnLintFinding {
  rule: string;
  level: 'Error' | 'Warning' | 'Informational';
  message: string;
  line: number;
}

const setupScript = join(dirname(fileURLToPath(import.meta.url)), 'setup.sh');
let binary: Promise<string> | undefined;

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs setup.sh once per process (a no-op when the venv exists) and resolves to the cfn-lint executable. */
export function ensureCfnLint(): Promise<string> {
  binary ??= run('bash', [setupScript]).then(({ code, stdout, stderr }) => {
    const path = stdout.trim().split('\n').pop() ?? '';
    if (code !== 0 || path === '') throw new Error(`cfn-lint: setup.sh failed (exit ${String(code)}):\n${stderr}`);
    return path;
  });
  return binary;
}

/** Lints one template file with AWS's cfn-lint; resolves to its findings (cfn-lint exits non-zero when it finds any). */
export async function lintTemplate(file: string): Promise<CfnLintFinding[]> {
  const bin = await ensureCfnLint();
  const { code, stdout, stderr } = await run(bin, ['--format', 'json', '--', file]);
  // exit codes are a bit mask of error (2), warning (4) and informational (8) findings; 1 is a crash
  if (code === null || code === 1 || code > 14) throw new Error(`cfn-lint: exit ${String(code)}: ${stderr.trim() || stdout.trim()}`);
  const parsed = JSON.parse(stdout || '[]') as {
    Rule: { Id: string };
    Level: CfnLintFinding['level'];
    Message: string;
    Location: { Start: { LineNumber: number } };
  }[];
  return parsed.map((f) => ({ rule: f.Rule.Id, level: f.Level, message: f.Message, line: f.Location.Start.LineNumber }));
}

/** Errors in `after` that `before` (the origin template) did not have, compared by rule and message. */
export function newErrors(before: readonly CfnLintFinding[], after: readonly CfnLintFinding[]): string[] {
  const key = (f: CfnLintFinding): string => `${f.rule} ${f.message}`;
  const old = new Set(before.filter((f) => f.level === 'Error').map(key));
  return after.filter((f) => f.level === 'Error' && !old.has(key(f))).map((f) => `${f.rule} line ${f.line}: ${f.message}`);
}
