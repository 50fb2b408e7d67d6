import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { runJava } from './java.js';
import type { TestbedState } from './state.js';

/** Outcome of one ClientCheck run. */
export interface ClientCheckResult {
  code: number | null;
  stdout: string;
  stderr: string;
  produced: boolean;
  consumed: boolean;
  /** The FAILED line and cause chain, if any. */
  failure: string;
}

/** Writes a Java client.properties file from key/value pairs and returns its path. */
export async function writeClientProperties(file: string, props: Record<string, string>): Promise<string> {
  await mkdir(dirname(file), { recursive: true });
  const esc = (v: string): string => v.replace(/\\/g, '\\\\');
  const body = Object.entries(props)
    .map(([k, v]) => `${k}=${esc(v)}`)
    .join('\n');
  await writeFile(file, `${body}\n`, { mode: 0o600 });
  return file;
}

/** Runs the real Kafka Java producer/consumer (ClientCheck.java) with a client.properties file against the test bed. */
export async function clientCheck(
  state: TestbedState,
  propsFile: string,
  mode: 'produce' | 'consume' | 'roundtrip',
  topic: string,
  group: string,
  payload: string,
): Promise<ClientCheckResult> {
  const res = await runJava('ClientCheck', [propsFile, mode, topic, group, payload], {
    libs: state.java.libsDir,
    extraClasspath: [state.java.helpersClasspath],
    systemProperties: state.javaSystemProperties,
    timeoutMs: 120_000,
  });
  const lines = res.stdout.split('\n');
  return {
    code: res.code,
    stdout: res.stdout,
    stderr: res.stderr,
    produced: lines.some((l) => l.startsWith('PRODUCED ')),
    consumed: lines.some((l) => l.startsWith('CONSUMED ')),
    failure: lines.filter((l) => l.startsWith('FAILED ') || l.startsWith('CAUSE ')).join('\n'),
  };
}
