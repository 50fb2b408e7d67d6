import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { classpathOf } from './fetch.js';
import { TESTBED_DIR } from './paths.js';
import { run, runChecked, type RunResult } from './proc.js';

const SOURCES = ['TestbedAdmin.java', 'ClientCheck.java'];

/** JVM flags for short-lived client tools (small heap, fast start). */
export const CLIENT_JVM_FLAGS = [
  '-Xmx256m',
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
  '-Xshare:auto',
  '-Djava.awt.headless=true',
  '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
];

/** Compiles the test bed's Java helpers against the Kafka jars once per source hash; returns the classes dir. */
export async function compileHelpers(libs: string): Promise<string> {
  const srcs = SOURCES.map((s) => join(TESTBED_DIR, 'java', s));
  const hash = createHash('sha256');
  for (const s of srcs) hash.update(await readFile(s));
  const out = join(dirname(libs), `helpers-${hash.digest('hex').slice(0, 12)}`);
  if (existsSync(join(out, '.complete'))) return out;
  const tmp = `${out}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  await runChecked('javac', ['-nowarn', '-cp', classpathOf(libs), '-d', tmp, ...srcs], {
    timeoutMs: 120_000,
  });
  await writeFile(join(tmp, '.complete'), '');
  if (existsSync(join(out, '.complete'))) {
    await rm(tmp, { recursive: true, force: true });
  } else {
    await rm(out, { recursive: true, force: true });
    await rename(tmp, out);
  }
  return out;
}

/** Options for {@link runJava}. */
export interface JavaRunOptions {
  libs: string;
  /** Extra classpath entries placed before the Kafka jars (e.g. the helpers dir). */
  extraClasspath?: string[];
  systemProperties?: Record<string, string>;
  jvmFlags?: string[];
  timeoutMs?: number;
  input?: string;
}

/** Runs a Java main class with the Kafka jars on the classpath and collects its output. */
export function runJava(mainClass: string, args: string[], o: JavaRunOptions): Promise<RunResult> {
  const cp = [...(o.extraClasspath ?? []), classpathOf(o.libs)].join(delimiter);
  const props = Object.entries(o.systemProperties ?? {}).map(([k, v]) => `-D${k}=${v}`);
  return run('java', [...(o.jvmFlags ?? CLIENT_JVM_FLAGS), ...props, '-cp', cp, mainClass, ...args], {
    timeoutMs: o.timeoutMs ?? 120_000,
    ...(o.input === undefined ? {} : { input: o.input }),
  });
}
