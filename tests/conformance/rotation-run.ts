import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCheck } from '../../src/check/index.js';
import type { TestbedState } from '../../testbed/kafka/index.js';
import type { CompiledSetup } from './compile-setup.js';
import { readContainers } from './compose-service.js';
import { EXAMPLE, type ExampleService } from './example.js';
import { RUNNER_FACTS } from './families.js';
import { runService, type Naming } from './run-service.js';

// What the live rotation tests share: the topic and group each example service must use once compiled, and a
// restart of the compiled services — Compose creates the containers again from the compiled file and the
// customer's store as it is now — with each service's outcome as a matrix cell.

/** The origin topic and group of each service, with the customer's `acme.` prefix. */
export async function rotationNaming(services: readonly ExampleService[], scratch: string): Promise<Map<string, Naming>> {
  const origin = await readContainers(EXAMPLE, await readFile(join(EXAMPLE, 'docker-compose.yml'), 'utf8'), {}, scratch);
  const naming = new Map<string, Naming>();
  for (const { service, runner } of services) {
    const env = origin.find((v) => v.service === service)?.env ?? {};
    const facts = RUNNER_FACTS[runner];
    naming.set(service, { topic: `acme.${env[facts.topicEnv] ?? ''}`, group: `acme.${env[facts.groupEnv] ?? ''}` });
  }
  return naming;
}

/** Starts each service again from the compiled stack and the store as it is now; `pass`, or the cell with the run's details. */
export async function restartServices(
  compiled: CompiledSetup,
  services: readonly ExampleService[],
  naming: ReadonlyMap<string, Naming>,
  work: string,
): Promise<Record<string, string>> {
  const compose = await readFile(join(compiled.stackDir, 'docker-compose.yml'), 'utf8');
  const views = await readContainers(compiled.stackDir, compose, compiled.store.vars, await mkdtemp(join(work, 'materialized-')));
  const cells: Record<string, string> = {};
  for (const { service, runner } of services) {
    const view = views.find((v) => v.service === service);
    if (!view) throw new Error(`compiled stack has no service ${service}`);
    const want = naming.get(service);
    if (!want) throw new Error(`no naming for service ${service}`);
    const run = await runService(runner, view, want, work);
    cells[service] = run.cell === 'pass' ? 'pass' : `${run.cell}\n${run.details}`;
  }
  return cells;
}

/** Every service's cell as `pass`. */
export function allPass(services: readonly ExampleService[]): Record<string, string> {
  return Object.fromEntries(services.map((s) => [s.service, 'pass']));
}

/**
 * graft check's error codes over the SASL_PLAINTEXT listener with this SCRAM-SHA-512 user and password, retried until
 * they are `want` (SCRAM changes take a moment to reach the broker) or 20 tries have passed.
 */
export async function scramCheckCodes(
  tb: TestbedState,
  work: string,
  creds: { user: string; password: string },
  want: readonly string[],
): Promise<string[]> {
  const spec = join(work, `check-${creds.user}.yaml`);
  await writeFile(
    spec,
    [
      'apiVersion: graft.dev/v1',
      'kind: CustomerKafka',
      `bootstrapServers: ${tb.listeners.saslPlaintext}`,
      'securityProtocol: SASL_PLAINTEXT',
      'sasl:',
      '  mechanism: SCRAM-SHA-512',
      `  username: ${creds.user}`,
      '  password: { secretRef: { env: ROTATION_PASSWORD } }',
      '',
    ].join('\n'),
  );
  let codes: string[] = [];
  for (let i = 0; i < 20; i++) {
    const r = await runCheck({ spec, env: { ROTATION_PASSWORD: creds.password }, timeoutMs: 5000 });
    codes = [...new Set(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))].sort();
    if (JSON.stringify(codes) === JSON.stringify(want)) break;
    await new Promise((res) => setTimeout(res, 500));
  }
  return codes;
}
