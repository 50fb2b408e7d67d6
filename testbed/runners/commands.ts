import { existsSync } from 'node:fs';
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
  const out = join(RUNNERS_OUT, name);
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
    built: join(out, 'lib'),
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
      const bin = join(RUNNERS_OUT, 'go', 'runner');
      return { file: bin, args: [], built: bin };
    }
  }
}

/** Whether setup.sh has built this runner. */
export function isRunnerBuilt(runner: RunnerName): boolean {
  return existsSync(runnerCommand(runner, {}).built);
}
