import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { isRunnerBuilt, RUNNERS_DIR, runnerCommand, type RunnerName } from './commands.js';

export { isRunnerBuilt, RUNNERS, RUNNERS_OUT, type RunnerName } from './commands.js';

/** Options for {@link runClient}. */
export interface RunClientOptions {
  /** The runner's whole environment (PATH, HOME and JAVA_HOME are added from this process when absent). */
  env: Record<string, string>;
  /** Kill the runner after this many ms (default 60000; the runners give up by themselves after 45 s). */
  timeoutMs?: number;
}

/** The JSON line a runner prints last. */
export interface RunnerResult {
  ok: boolean;
  runner: string;
  elapsedMs: number;
  error?: string;
  topic?: string;
  group?: string;
  value?: string;
  partition?: number;
  offset?: number;
  /** Records exchanged (more than one in soak mode, `RUNNER_SOAK_MS`). */
  rounds?: number;
}

/** What a runner did: `ok` only when it exited 0 and reported `"ok":true`. */
export interface RunClientResult {
  ok: boolean;
  /** stdout then stderr (the client library's own log), trimmed to 256 KiB each. */
  output: string;
  /** Process exit code; 124 when killed on timeout, 125 when it could not be started. */
  exitCode: number;
  /** The parsed result line, when the runner printed one. */
  result?: RunnerResult;
  durationMs: number;
}

const MAX_STREAM = 256 * 1024;
const PASSED_THROUGH = ['PATH', 'HOME', 'JAVA_HOME'] as const;

/** Runs one built client runner with exactly `opts.env` (plus PATH/HOME/JAVA_HOME) and reports how it ended. */
export async function runClient(runner: RunnerName, opts: RunClientOptions): Promise<RunClientResult> {
  if (!isRunnerBuilt(runner)) {
    throw new Error(`runner ${runner} is not built: run testbed/runners/setup.sh ${runner}`);
  }
  if (runner === 'python-librdkafka' && !opts.env['KAFKA_CONFIG_FILE']) {
    throw new Error('runner python-librdkafka reads a librdkafka properties file: set KAFKA_CONFIG_FILE');
  }
  const env: Record<string, string> = { ...opts.env };
  for (const name of PASSED_THROUGH) {
    const value = process.env[name];
    if (env[name] === undefined && value !== undefined) env[name] = value;
  }
  const cmd = runnerCommand(runner, env);
  const started = Date.now();
  const child = spawn(cmd.file, cmd.args, { env, cwd: RUNNERS_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (stream: NodeJS.ReadableStream): (() => string) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      if (text.length < MAX_STREAM) text += chunk.slice(0, MAX_STREAM - text.length);
    });
    return () => text;
  };
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, opts.timeoutMs ?? 60_000);
  let spawnError = '';
  const exitCode = await new Promise<number>((resolve) => {
    child.on('error', (err) => {
      spawnError = `cannot start ${cmd.file}: ${err.message}\n`;
      resolve(125);
    });
    child.on('close', (code, signal) => resolve(timedOut ? 124 : (code ?? (signal ? 128 : 1))));
  });
  clearTimeout(timer);
  const result = parseResult(stdout());
  const output = `${stdout()}${stderr()}${spawnError}${timedOut ? `\nrunner killed after ${opts.timeoutMs ?? 60_000} ms\n` : ''}`;
  return { ok: exitCode === 0 && result?.ok === true, output, exitCode, result, durationMs: Date.now() - started };
}

/** The last `{"ok":...}` line of a runner's stdout. */
export function parseResult(stdout: string): RunnerResult | undefined {
  const line = stdout
    .split('\n')
    .reverse()
    .find((l) => /^\{.*"ok":\s*(true|false)/.test(l.trim()));
  if (!line) return undefined;
  try {
    return JSON.parse(line) as RunnerResult;
  } catch {
    return undefined;
  }
}

/** Builds runners with setup.sh (cached, so cheap when nothing changed); resolves with its log. */
export async function setupRunners(runners: readonly RunnerName[]): Promise<string> {
  const child = spawn('bash', [join(RUNNERS_DIR, 'setup.sh'), ...new Set(runners)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr.on('data', (c: Buffer) => (log += c.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`setup.sh ${runners.join(' ')} failed (${code}):\n${log}`);
  return log;
}
