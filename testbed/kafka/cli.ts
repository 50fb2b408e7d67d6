import { spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DaemonMessage } from './daemon.js';
import { defaultStatePath, TESTBED_DIR, testbedCacheDir } from './paths.js';
import { isAlive, sleep } from './proc.js';
import { readState, type TestbedState } from './state.js';

// Usage: npx tsx testbed/kafka/cli.ts up|down|status

const statePath = defaultStatePath();

async function up(): Promise<number> {
  try {
    const state = await readState(statePath);
    console.log(`test bed already running (broker pid ${state.pid})\n${statePath}`);
    return 0;
  } catch {
    // not running: start one
  }
  await mkdir(testbedCacheDir(), { recursive: true });
  const daemonLog = join(testbedCacheDir(), 'daemon.log');
  const out = openSync(daemonLog, 'a');
  const child = spawn(process.execPath, [...process.execArgv, join(TESTBED_DIR, 'daemon.ts')], {
    detached: true,
    stdio: ['ignore', out, out, 'ipc'],
    env: { ...process.env, GRAFT_TESTBED_STATE: statePath },
  });
  const msg = await new Promise<DaemonMessage>((resolve) => {
    child.on('message', (m) => resolve(m as DaemonMessage));
    child.on('exit', (code) =>
      resolve({
        type: 'error',
        message: `daemon exited (code ${code}); see ${daemonLog}`,
      }),
    );
  });
  if (child.connected) child.disconnect();
  child.unref();
  if (msg.type === 'error') {
    console.error(`test bed failed to start:\n${msg.message}`);
    return 1;
  }
  console.log(msg.statePath);
  return 0;
}

async function down(): Promise<number> {
  if (!existsSync(statePath)) {
    console.log('no test bed running');
    return 0;
  }
  const state = JSON.parse(await readFile(statePath, 'utf8')) as TestbedState;
  const owner = state.supervisorPid !== process.pid && isAlive(state.supervisorPid) ? state.supervisorPid : undefined;
  if (owner !== undefined) process.kill(owner, 'SIGTERM');
  else if (isAlive(state.pid)) process.kill(state.pid, 'SIGTERM');
  const deadline = Date.now() + 60_000;
  while ((isAlive(state.pid) || (owner !== undefined && isAlive(owner))) && Date.now() < deadline) await sleep(200);
  for (const pid of [state.pid, owner]) {
    if (pid !== undefined && isAlive(pid)) {
      console.error(`pid ${pid} did not stop in 60 s: SIGKILL`);
      process.kill(pid, 'SIGKILL');
    }
  }
  await rm(statePath, { force: true });
  console.log(`test bed stopped (broker pid ${state.pid})`);
  return 0;
}

async function status(): Promise<number> {
  try {
    const state = await readState(statePath);
    console.log(JSON.stringify(state, null, 2));
    return 0;
  } catch (err) {
    console.log((err as Error).message);
    return 1;
  }
}

const cmd = process.argv[2];
const commands: Record<string, () => Promise<number>> = { up, down, status };
const fn = cmd === undefined ? undefined : commands[cmd];
if (fn === undefined) {
  console.error('usage: npx tsx testbed/kafka/cli.ts up|down|status');
  process.exitCode = 2;
} else {
  process.exitCode = await fn();
}
