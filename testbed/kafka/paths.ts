import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Default Apache Kafka version the test bed runs (override with GRAFT_KAFKA_VERSION). */
export const DEFAULT_KAFKA_VERSION = '4.4.0';

/** Directory holding this module (testbed/kafka). */
export const TESTBED_DIR = dirname(fileURLToPath(import.meta.url));

/** Finds the repository root by walking up from testbed/kafka to the nearest package.json. */
export function repoRoot(): string {
  let dir = TESTBED_DIR;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${TESTBED_DIR}`);
    dir = parent;
  }
}

/** The Kafka version selected by GRAFT_KAFKA_VERSION or the default. */
export function kafkaVersion(): string {
  return process.env['GRAFT_KAFKA_VERSION'] ?? DEFAULT_KAFKA_VERSION;
}

/** Cache directory for one Kafka version: `<repo>/.cache/kafka/<version>`. */
export function kafkaCacheDir(version: string = kafkaVersion()): string {
  return join(repoRoot(), '.cache', 'kafka', version);
}

/** Directory under `.cache/testbed` holding run directories and the shared state file. */
export function testbedCacheDir(): string {
  return join(repoRoot(), '.cache', 'testbed');
}

/** Path of the shared state file written by a running test bed. */
export function defaultStatePath(): string {
  return join(testbedCacheDir(), 'state.json');
}
