import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCheck } from '../../src/check/index.js';
import type { TestbedState } from '../../testbed/kafka/index.js';
import { checkedCell, knownBugs, type Cell } from './expected.js';
import type { Platform } from './matrix.js';
import { createSecretStore } from './secret-store.js';
import type { Setup } from './setups.js';

// A limit of a family (a secret value no rendering lets its client read) must be reported before deployment:
// `graft check` runs against the setup's spec with the same secret values, as the customer runs it before
// deploying, and its CHECK_SECRET_* codes go into the cell beside what the client deployed anyway did.

const reported = new Map<string, Promise<string[]>>();

/** The CHECK_SECRET_* error codes `graft check` reports for a setup's secrets (run once per setup and directory). */
export function checkSecretCodes(setup: Setup, tb: TestbedState, dir: string): Promise<string[]> {
  const key = `${setup.id}\0${dir}`;
  let codes = reported.get(key);
  if (!codes) {
    codes = (async () => {
      const at = join(dir, `check-${setup.id}`);
      mkdirSync(at, { recursive: true });
      const store = createSecretStore(join(at, 'store'));
      const spec = join(at, 'customer-kafka.yaml');
      writeFileSync(spec, stringify({ apiVersion: 'graft.dev/v1', kind: 'CustomerKafka', ...setup.spec(tb, store) }));
      const r = await runCheck({ spec, env: store.vars, timeoutMs: 5000 });
      return [
        ...new Set(r.diagnostics.filter((d) => d.severity === 'error' && d.code.startsWith('CHECK_SECRET_')).map((d) => d.code)),
      ].sort();
    })();
    reported.set(key, codes);
  }
  return codes;
}

/** The run's cell, or for a limit of the family the check's codes then the run's cell. */
export async function cellWithCheck(
  setup: Setup,
  service: string,
  platform: Platform,
  run: Cell,
  tb: TestbedState,
  dir: string,
): Promise<Cell> {
  if (!knownBugs(setup.id, platform)[service]?.check) return run;
  return checkedCell(await checkSecretCodes(setup, tb, dir), run);
}
