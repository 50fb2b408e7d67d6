import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../run.js';

/** One cfn-lint finding. */
export interface CfnLintFinding {
  rule: string;
  level: 'Error' | 'Warning' | 'Informational';
  message: string;
  line: number;
}

const setupScript = join(dirname(fileURLToPath(import.meta.url)), 'setup.sh');
let binary: Promise<string> | undefined;

/** Runs setup.sh once per process (a no-op when the venv exists) and resolves to the cfn-lint executable. */
export function ensureCfnLint(): Promise<string> {
  binary ??= run('bash', [setupScript]).then(({ code, stdout, stderr }) => {
    const path = stdout.trim().split('\n').pop() ?? '';
    if (code !== 0 || path === '') throw new Error(`cfn-lint: setup.sh failed (exit ${String(code)}):\n${stderr}`);
    return path;
  });
  return binary;
}

const serverScript = join(dirname(fileURLToPath(import.meta.url)), 'server.py');

/** cfn-lint's command line, run by server.py in one long-lived Python process: one request at a time, in order. */
interface Server {
  lint(args: readonly string[]): Promise<{ code: number; stdout: string }>;
}
let server: Promise<Server> | undefined;

function startServer(bin: string): Server {
  // the venv's python, next to its cfn-lint
  const child = spawn(join(dirname(bin), 'python'), [serverScript], { stdio: ['pipe', 'pipe', 'pipe'] });
  const waiting: { resolve: (r: { code: number; stdout: string }) => void; reject: (e: Error) => void }[] = [];
  let buffer = '';
  let stderr = '';
  const fail = (why: string): void => {
    server = undefined;
    for (const w of waiting.splice(0)) w.reject(new Error(`cfn-lint: ${why}${stderr ? `: ${stderr.trim()}` : ''}`));
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      waiting.shift()?.resolve(JSON.parse(line) as { code: number; stdout: string });
    }
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-4000)));
  child.on('error', (e) => fail(e.message));
  child.on('close', (code) => fail(`server.py exited ${String(code)}`));
  // an idle server does not keep the process alive (it ends when its stdin closes); one with a request waiting does
  const streams = [child.stdin, child.stdout, child.stderr] as unknown as { ref(): void; unref(): void }[];
  const hold = (on: boolean): void => {
    for (const x of [child, ...streams])
      if (on) x.ref();
      else x.unref();
  };
  hold(false);
  return {
    lint: (args) =>
      new Promise((resolve, reject) => {
        const done =
          <T>(settle: (v: T) => void) =>
          (v: T) => {
            if (waiting.length === 0) hold(false);
            settle(v);
          };
        waiting.push({ resolve: done(resolve), reject: done(reject) });
        if (waiting.length === 1) hold(true);
        child.stdin.write(`${JSON.stringify(args)}\n`);
      }),
  };
}

/**
 * Lints one template file with AWS's cfn-lint; resolves to its findings (cfn-lint exits non-zero when it finds any).
 * The command line runs in one Python process kept for the next template: importing cfn-lint costs seconds, a lint
 * a fraction of that.
 */
export async function lintTemplate(file: string): Promise<CfnLintFinding[]> {
  server ??= ensureCfnLint().then(startServer);
  const { code, stdout } = await (await server).lint(['--format', 'json', '--', file]);
  // exit codes are a bit mask of error (2), warning (4) and informational (8) findings; 1 is a crash
  if (code === 1 || code > 14) throw new Error(`cfn-lint: exit ${String(code)}: ${stdout.trim()}`);
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
