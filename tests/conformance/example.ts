import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RUNNERS, type RunnerName } from '../../testbed/runners/index.js';
import { RUNNER_LABEL } from './families.js';

/** The example stack the matrix compiles. */
export const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'conformance');

/** A service of the example stack and the runner that plays it. */
export interface ExampleService {
  service: string;
  runner: RunnerName;
}

/** The example's services that carry the runner label, in file order. */
export function exampleServices(): ExampleService[] {
  const doc = parse(readFileSync(join(EXAMPLE, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, { labels?: Record<string, string> }>;
  };
  return Object.entries(doc.services).flatMap(([service, def]) => {
    const runner = def.labels?.[RUNNER_LABEL];
    if (runner === undefined) return [];
    if (!(RUNNERS as readonly string[]).includes(runner)) throw new Error(`service ${service}: unknown runner ${runner}`);
    return [{ service, runner: runner as RunnerName }];
  });
}
