import { spawn, type ChildProcess } from 'node:child_process';
import { open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { aclFileText, type AclSpec } from './acls.js';
import { classpathOf } from './fetch.js';
import { isAlive, runChecked, sleep } from './proc.js';
import { runJava } from './java.js';

/** JVM flags of the broker: small heap, serial GC, C1 only (documented in README.md). */
export const BROKER_JVM_FLAGS = [
  '-Xms64m',
  '-Xmx512m',
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true',
  '-Dorg.slf4j.simpleLogger.showDateTime=true',
  '-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS',
];

/**
 * Runs the JVM in the background and kills it when our stdin reaches EOF (parent gone or stop()),
 * or on TERM/INT/HUP; prints the JVM pid on the first stdout line.
 */
const WRAPPER = `
exec 3<&0
"$@" </dev/null >>"$GRAFT_BROKER_LOG" 2>&1 3<&- &
j=$!
cat <&3 >/dev/null 2>&1 &
c=$!
exec 3<&- 0</dev/null
echo "$j"
trap 'kill -TERM "$j" 2>/dev/null' TERM INT HUP
rc=0
wait -n -p who "$j" "$c"; rc=$?
if [ "\${who:-}" != "$j" ]; then
  kill -TERM "$j" 2>/dev/null
  while kill -0 "$j" 2>/dev/null; do wait "$j"; rc=$?; done
fi
kill "$c" 2>/dev/null; wait "$c" 2>/dev/null
exit $rc
`;

/** A running broker JVM. */
export interface BrokerProcess {
  pid: number;
  logFile: string;
  /** Resolves with the wrapper's exit code when the broker is gone. */
  exited: Promise<number | null>;
  /** Stops the broker gracefully (SIGTERM), SIGKILL after the timeout. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Formats the KRaft storage (static quorum) and adds SCRAM-SHA-256/512 credentials for each user. */
export async function formatStorage(libs: string, propsFile: string, clusterId: string, scramUsers: Record<string, string>): Promise<void> {
  const scram = Object.entries(scramUsers).flatMap(([u, p]) =>
    ['SCRAM-SHA-256', 'SCRAM-SHA-512'].flatMap((m) => ['--add-scram', `${m}=[name=${u},password=${p}]`]),
  );
  await runChecked(
    'java',
    [...BROKER_JVM_FLAGS, '-cp', classpathOf(libs), 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propsFile, ...scram],
    {
      timeoutMs: 120_000,
      label: `kafka.tools.StorageTool format -c ${propsFile}`,
    },
  );
}

/** Starts `kafka.Kafka <server.properties>` under a watchdog wrapper that kills it when this process goes away. */
export async function launchBroker(
  libs: string,
  propsFile: string,
  logFile: string,
  systemProperties: Record<string, string>,
): Promise<BrokerProcess> {
  await writeFile(logFile, '');
  const props = Object.entries(systemProperties).map(([k, v]) => `-D${k}=${v}`);
  const args = [...BROKER_JVM_FLAGS, ...props, '-cp', classpathOf(libs), 'kafka.Kafka', propsFile];
  const errFd = await open(logFile, 'a');
  const child: ChildProcess = spawn('bash', ['-c', WRAPPER, 'graft-broker', 'java', ...args], {
    env: { ...process.env, GRAFT_BROKER_LOG: logFile },
    stdio: ['pipe', 'pipe', errFd.fd],
  });
  await errFd.close();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const pid = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      buf += d;
      const line = buf.split('\n')[0];
      if (buf.includes('\n') && line !== undefined) resolve(Number(line.trim()));
    });
    child.on('error', reject);
    void exited.then((code) => reject(new Error(`broker wrapper exited early (${code})`)));
  });
  const stop = async (timeoutMs = 30_000): Promise<void> => {
    child.stdin?.end();
    const timer = setTimeout(() => {
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }, timeoutMs);
    await exited;
    clearTimeout(timer);
    while (isAlive(pid)) await sleep(50);
  };
  return { pid, logFile, exited, stop };
}

/** Waits until the broker is listed in cluster metadata, then creates the ACLs as the super user; throws if the broker exits first. */
export async function waitReadyAndApplyAcls(
  broker: BrokerProcess,
  o: {
    libs: string;
    helpers: string;
    adminProps: string;
    runDir: string;
    acls: AclSpec[];
    timeoutMs: number;
  },
): Promise<string> {
  const aclFile = join(o.runDir, 'acls.txt');
  await writeFile(aclFile, aclFileText(o.acls));
  const setup = runJava('TestbedAdmin', ['setup', o.adminProps, aclFile, String(o.timeoutMs)], {
    libs: o.libs,
    extraClasspath: [o.helpers],
    timeoutMs: o.timeoutMs + 30_000,
  });
  let settled = false;
  const died = broker.exited.then((code) => {
    if (!settled) throw new Error(`broker exited during startup (code ${code})`);
    return undefined;
  });
  died.catch(() => undefined);
  const res = await Promise.race([setup, died]).finally(() => (settled = true));
  if (res === undefined) throw new Error('broker exited during startup');
  if (res.code !== 0) {
    throw new Error(`broker readiness/ACL setup failed:\n${res.stdout}\n${res.stderr}`.trim());
  }
  return res.stdout.trim();
}

/** Returns the first ERROR/FATAL lines and the last lines of a log file (for startup failure reports). */
export async function logTail(file: string, lines = 40): Promise<string> {
  try {
    const all = (await readFile(file, 'utf8')).trimEnd().split('\n');
    const errors = all.filter((l) => / (ERROR|FATAL) |Exception/.test(l) && !/^\s+at /.test(l)).slice(0, 15);
    const head = errors.length > 0 ? `first errors:\n${errors.join('\n')}\n--- last lines:\n` : '';
    return head + all.slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
