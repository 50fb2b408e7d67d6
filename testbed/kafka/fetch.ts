import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kafkaCacheDir, kafkaVersion, TESTBED_DIR } from './paths.js';
import { runChecked } from './proc.js';

const MARKER = '.complete';

/** Downloads Kafka (broker, tools, slf4j-simple) with Maven into `.cache/kafka/<version>/libs`, skipping when cached; returns the libs dir. */
export async function fetchKafka(version: string = kafkaVersion()): Promise<string> {
  const base = kafkaCacheDir(version);
  const libs = join(base, 'libs');
  if (existsSync(join(libs, MARKER))) return libs;
  await mkdir(base, { recursive: true });
  const tmp = join(base, `libs.tmp-${process.pid}-${Date.now()}`);
  await rm(tmp, { recursive: true, force: true });
  try {
    await runChecked(
      'mvn',
      [
        '-q',
        '-B',
        '-f',
        join(TESTBED_DIR, 'pom.xml'),
        'dependency:copy-dependencies',
        `-Dkafka.version=${version}`,
        `-DoutputDirectory=${tmp}`,
      ],
      { timeoutMs: 15 * 60_000 },
    );
    const jars = (await readdir(tmp)).filter((f) => f.endsWith('.jar'));
    if (!jars.some((j) => j.startsWith(`kafka_2.13-${version}`))) {
      throw new Error(`maven did not deliver kafka_2.13-${version}.jar into ${tmp}`);
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
