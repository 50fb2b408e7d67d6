import { spawn, type SpawnOptions } from 'node:child_process';

/** Result of a finished child process. */
export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options for {@link run}. */
export interface RunOptions extends Pick<SpawnOptions, 'cwd' | 'env'> {
  /** Kill the process (SIGKILL) after this many milliseconds. */
  timeoutMs?: number;
  /** Text written to the child's stdin (stdin is closed afterwards). */
  input?: string;
  /** Name used in error messages instead of the full command line (e.g. to hide secrets). */
  label?: string;
}

/** Runs a command to completion and collects its output, never rejecting on a non-zero exit. */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = opts.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('error', (err) => {
      if (timer) clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin?.end(opts.input ?? '');
  });
}

/** Runs a command and throws (with its output) unless it exits 0. */
export async function runChecked(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const res = await run(cmd, args, opts);
  if (res.code !== 0) {
    const out = `${res.stdout}\n${res.stderr}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${opts.label ?? `${cmd} ${args.join(' ')}`} failed (code ${res.code}, signal ${res.signal}):\n${out}`);
  }
  return res;
}

/** True when a process with this pid exists (signal 0 probe). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Resolves after the given number of milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
