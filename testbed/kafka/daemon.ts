import { startTestbed } from './start-testbed.js';
import { defaultStatePath } from './paths.js';

/** Message the daemon sends to `cli.ts up` over IPC. */
export type DaemonMessage = { type: 'ready'; statePath: string } | { type: 'error'; message: string };

// Long-running owner of one test bed (broker child + in-process OIDC server), started detached by
// `cli.ts up` and stopped by SIGTERM from `cli.ts down`.
const log = (m: string): void => console.log(`${new Date().toISOString()} ${m}`);
const send = (m: DaemonMessage): void => {
  if (process.connected) process.send?.(m);
};

try {
  const statePath = process.env['GRAFT_TESTBED_STATE'] ?? defaultStatePath();
  const tb = await startTestbed({ stateFile: statePath, log });
  log(`ready in ${tb.state.startupMs} ms; state ${statePath}`);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    tb.stop().then(
      () => {
        log('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        log(`stop failed: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(s, () => shutdown(s));
  send({ type: 'ready', statePath });
} catch (err) {
  log(`startup failed: ${(err as Error).message}`);
  send({ type: 'error', message: (err as Error).message });
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 200);
}
