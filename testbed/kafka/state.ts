import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { defaultStatePath } from './paths.js';
import { isAlive } from './proc.js';

/** The contract written to `.cache/testbed/state.json` for tests and runners. */
export interface TestbedState {
  /** Pid of the broker JVM. */
  pid: number;
  /** Pid of the Node process that owns the broker and the OIDC server. */
  supervisorPid: number;
  logFile: string;
  runDir: string;
  version: string;
  clusterId: string;
  listeners: {
    plaintext: string;
    saslPlaintext: string;
    saslSsl: string;
    ssl: string;
  };
  tls: {
    caPem: string;
    otherCaPem: string;
    clientCertPem: string;
    clientKeyPem: string;
    /** Client key + cert in one PEM (for Java `ssl.keystore.location` with `ssl.keystore.type=PEM`). */
    clientKeystorePem: string;
  };
  users: {
    alice: { password: string };
    reader: { password: string };
    admin: { password: string };
  };
  oidc: {
    tokenEndpoint: string;
    jwksUrl: string;
    issuer: string;
    audience: string;
    clientId: string;
    clientSecret: string;
    scope: string;
  };
  javaSystemProperties: Record<string, string>;
  topicPrefix: string;
  groupPrefix: string;
  /** Java classpath entries: Kafka jars (wildcard) and the compiled test bed helpers. */
  java: { kafkaClasspath: string; helpersClasspath: string; libsDir: string };
  startedAt: string;
  startupMs: number;
  /** Present only when started with `advertisedUnreachableListener`: bootstrap through `bootstrap`, metadata advertises `advertised`. */
  extraListeners?: { advertisedUnreachable?: { bootstrap: string; advertised: string } };
}

/** Writes the state file atomically. */
export async function writeState(state: TestbedState, file: string = defaultStatePath()): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`);
  await rename(tmp, file);
}

/** Reads the state of a running test bed; throws when there is none or its broker is gone. */
export async function readState(file: string = defaultStatePath()): Promise<TestbedState> {
  if (!existsSync(file)) throw new Error(`no test bed state at ${file} (run: npx tsx testbed/kafka/cli.ts up)`);
  const state = JSON.parse(await readFile(file, 'utf8')) as TestbedState;
  if (!isAlive(state.pid)) throw new Error(`test bed in ${file} is not running (broker pid ${state.pid} gone)`);
  return state;
}

/** Removes the state file if it still describes the broker with this pid. */
export async function removeStateIfOwned(pid: number, file: string = defaultStatePath()): Promise<void> {
  try {
    const state = JSON.parse(await readFile(file, 'utf8')) as Partial<TestbedState>;
    if (state.pid === pid) await rm(file, { force: true });
  } catch {
    // no state file, nothing to remove
  }
}
