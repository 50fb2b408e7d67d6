import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Names of the client runners graft tests its emitted configuration with. */
export const RUNNERS = ['java', 'spring', 'python', 'python-librdkafka', 'node', 'go'] as const;

/** One client runner. */
export type RunnerName = (typeof RUNNERS)[number];

/** Directory of the runner sources (testbed/runners). */
export const RUNNERS_DIR = dirname(fileURLToPath(import.meta.url));

/** Where setup.sh puts built runners: `<repo>/.cache/runners`. */
export const RUNNERS_OUT = join(RUNNERS_DIR, '..', '..', '.cache', 'runners');

/**
 * Where setup.sh builds a compiled runner: `<RUNNERS_OUT>/<name>-<hash>`, the hash of its sources as setup.sh's
 * `stamp` computes it (`find <name> -type f | LC_ALL=C sort | xargs sha256sum | sha256sum`, 16 hex digits), so
 * checkouts with different runner sources sharing one cache each find their own build.
 */
export function builtDir(name: 'java' | 'spring' | 'go'): string {
  const known = builtDirs.get(name);
  if (known !== undefined) return known;
  const files: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(RUNNERS_DIR, rel), { withFileTypes: true })) {
      const path = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(path);
      } else if (e.isFile()) files.push(path);
    }
  };
  walk(name);
  files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const list = files
    .map(
      (f) =>
        `${createHash('sha256')
          .update(readFileSync(join(RUNNERS_DIR, f)))
          .digest('hex')}  ${f}\n`,
    )
    .join('');
  const dir = join(RUNNERS_OUT, `${name}-${createHash('sha256').update(list).digest('hex').slice(0, 16)}`);
  builtDirs.set(name, dir);
  return dir;
}
const builtDirs = new Map<string, string>();

// Small-JVM flags: the runners live for seconds, so startup time matters more than peak speed.
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xss512k', '-Xmx256m'];

/** A program and its arguments. */
export interface Command {
  file: string;
  args: string[];
  /** A file that exists once setup.sh has built the runner. */
  built: string;
}

// Word-splits JAVA_OPTS / KAFKA_OPTS the way an unquoted `java $JAVA_OPTS ...` in an entrypoint does.
function splitOpts(value: string | undefined): string[] {
  return value?.split(/\s+/).filter(Boolean) ?? [];
}

function javaCommand(name: 'java' | 'spring', mainClass: string, env: Record<string, string>): Command {
  const out = builtDir(name);
  const javaHome = env['JAVA_HOME'] ?? process.env['JAVA_HOME'];
  return {
    file: javaHome ? join(javaHome, 'bin', 'java') : 'java',
    args: [
      ...JVM_FLAGS,
      ...splitOpts(env['JAVA_OPTS']),
      ...splitOpts(env['KAFKA_OPTS']),
      '-cp',
      `${join(out, 'classes')}:${join(out, 'lib', '*')}`,
      mainClass,
    ],
    built: join(out, '.complete'),
  };
}

/** The command line that runs a built runner; JVM runners also take JAVA_OPTS/KAFKA_OPTS from `env`. */
export function runnerCommand(runner: RunnerName, env: Record<string, string>): Command {
  switch (runner) {
    case 'java':
      return javaCommand('java', 'dev.graft.runner.Runner', env);
    case 'spring':
      return javaCommand('spring', 'dev.graft.runner.spring.App', env);
    case 'python':
    case 'python-librdkafka': {
      const python = join(RUNNERS_OUT, 'python', 'venv', 'bin', 'python');
      return { file: python, args: [join(RUNNERS_DIR, 'python', 'runner.py')], built: python };
    }
    case 'node':
      return {
        file: process.execPath,
        args: [join(RUNNERS_DIR, 'node', 'runner.mjs')],
        built: join(RUNNERS_DIR, 'node', 'node_modules', 'kafkajs'),
      };
    case 'go': {
      const dir = builtDir('go');
      return { file: join(dir, 'runner'), args: [], built: join(dir, '.complete') };
    }
  }
}

/** Whether setup.sh has built this runner. */
export function isRunnerBuilt(runner: RunnerName): boolean {
  return existsSync(runnerCommand(runner, {}).built);
}
