import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunnerName, RunnerResult } from '../../testbed/runners/index.js';
import type { ContainerView } from './compose-service.js';
import { runInContainer } from './container.js';
import type { Cell } from './expected.js';
import { classifyFailure, RUNNER_FACTS } from './families.js';

/** What running one compiled service gave. */
export interface ServiceRun {
  cell: Cell;
  /** Why the cell is what it is: the runner's result line and the tail of its output. */
  details: string;
  durationMs: number;
  /** The runner's result line, when it ran and printed one. */
  result?: RunnerResult;
}

/** The topic and group the compiled service must use: its origin values with the customer's prefix. */
export interface Naming {
  topic: string;
  group: string;
}

/** Runs a compiled service's runner in a container-like mount namespace and names the outcome as a matrix cell. */
export async function runService(
  runner: RunnerName,
  view: ContainerView,
  want: Naming,
  work: string,
  timeoutMs = 60_000,
): Promise<ServiceRun> {
  const facts = RUNNER_FACTS[runner];
  const topic = view.env[facts.topicEnv];
  const group = view.env[facts.groupEnv];
  if (view.unmodeled.length > 0)
    throw new Error(`service ${view.service} has keys the reader does not model: ${view.unmodeled.join(', ')}`);
  // the runner stands in for the image's own program; a compiled command would be silently ignored
  if (view.command) throw new Error(`service ${view.service} has a command, which its runner would not run: ${view.command.join(' ')}`);
  if (view.warnings.length > 0) throw new Error(`Compose would warn for ${view.service}: ${view.warnings.join('; ')}`);
  if (topic !== want.topic || group !== want.group) {
    return {
      cell: 'fail (not prefixed)',
      details: `compiled ${facts.topicEnv}=${topic}, ${facts.groupEnv}=${group}; want ${want.topic}, ${want.group}`,
      durationMs: 0,
    };
  }
  const scratch = await mkdtemp(join(work, `${view.service}-`));
  const r = await runInContainer({ runner, env: view.env, mounts: view.mounts, timeoutMs }, scratch);
  const details = `exit ${r.exitCode}, result ${JSON.stringify(r.result)}\n--- output (tail) ---\n${r.output.slice(-4000)}`;
  let cell: Cell;
  if (r.ok) {
    cell = r.result?.topic === topic && r.result.group === group ? 'pass' : 'fail (wrong topic or group)';
  } else if (r.exitCode === 3 || r.exitCode === 124) {
    cell = 'fail (timeout)';
  } else {
    cell = `fail (${classifyFailure(r.result?.error ?? r.output) ?? 'other'})`;
  }
  return { cell, details, durationMs: r.durationMs, ...(r.result ? { result: r.result } : {}) };
}
