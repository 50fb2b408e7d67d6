import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kafkaCacheDir, kafkaVersion, TESTBED_DIR } from './paths.js';
import { runChecked } from './proc.js';

const MARKER = '.complete';

/** Downloads Kafka (broker, tools, slf4j-simple) with Maven into `.cache/kafka/<version>/libs`, skipping when cached; returns the libs dir. */
export function fetchKafka(version: string = kafkaVersion()): Promise<string> {
  return fetchLibs('pom.xml', 'libs', ['-Dkafka.version', version], `kafka_2.13-${version}`);
}

/** The Kafka Connect version the Connect worker runs (see connect-pom.xml for why it is not the broker's). */
export const CONNECT_VERSION = '4.3.1';

/**
 * Downloads a Kafka Connect worker as Strimzi's Connect image carries it (connect-runtime, connect-file, connect-json,
 * connect-mirror, Strimzi's Kubernetes Secret config provider and OAuth client; `connect-pom.xml`) into
 * `.cache/kafka/connect-<version>-<pom hash>/libs`, skipping when cached; returns that dir. The pom's hash in the name
 * gives a changed pom its own directory: a cache filled from an older pom stays whole for whoever still runs it.
 */
export function fetchConnect(version: string = CONNECT_VERSION): Promise<string> {
  const pom = createHash('sha256')
    .update(readFileSync(join(TESTBED_DIR, 'connect-pom.xml')))
    .digest('hex')
    .slice(0, 12);
  return fetchLibs('connect-pom.xml', 'libs', ['-Dconnect.version', version], `connect-mirror-${version}`, `connect-${version}-${pom}`);
}

// `mvn dependency:copy-dependencies` of one of the test bed's poms into `.cache/kafka/<cache>/<dir>`, atomically.
async function fetchLibs(
  pom: string,
  dir: string,
  [property, version]: [string, string],
  mustHave: string,
  cache = version,
): Promise<string> {
  const base = kafkaCacheDir(cache);
  const libs = join(base, dir);
  if (existsSync(join(libs, MARKER))) return libs;
  await mkdir(base, { recursive: true });
  const tmp = join(base, `${dir}.tmp-${process.pid}-${Date.now()}`);
  await rm(tmp, { recursive: true, force: true });
  try {
    await runChecked(
      'mvn',
      ['-q', '-B', '-f', join(TESTBED_DIR, pom), 'dependency:copy-dependencies', `${property}=${version}`, `-DoutputDirectory=${tmp}`],
      { timeoutMs: 15 * 60_000 },
    );
    const jars = (await readdir(tmp)).filter((f) => f.endsWith('.jar'));
    if (!jars.some((j) => j.startsWith(mustHave))) {
      throw new Error(`maven did not deliver ${mustHave}.jar into ${tmp}`);
    }
    await writeFile(join(tmp, MARKER), `${jars.length} jars\n`);
    if (existsSync(join(libs, MARKER))) return libs; // a concurrent fetch won
    await rm(libs, { recursive: true, force: true });
    await rename(tmp, libs);
    return libs;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Java classpath (wildcard form) for a libs directory. */
export function classpathOf(libs: string): string {
  return join(libs, '*');
}
