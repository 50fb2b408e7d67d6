import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestbed, type Testbed } from '../kafka/index.js';
import { RUNNERS, runClient, setupRunners, type RunnerName } from './index.js';
import { scenarioEnv, type Scenario } from './scenarios.js';
import { skippable } from '../../tests/support/skips.js';

// Builds the runners with setup.sh, starts one broker test bed and proves each runner against it.
// GRAFT_RUNNERS narrows the set ("python,go") or turns it off ("none") for quick local runs.
const wanted = process.env['GRAFT_RUNNERS']?.trim() || 'all';
const selected: RunnerName[] =
  wanted === 'none' ? [] : wanted === 'all' ? [...RUNNERS] : RUNNERS.filter((r) => wanted.split(',').includes(r));

const POSITIVE: Scenario[] = ['plaintext', 'scram-sha-256', 'oauthbearer', 'mtls'];
const AUTH_FAILED = /Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256/;

describe.skipIf(selected.length === 0)(
  skippable('client runners against the broker test bed', selected.length === 0 ? `GRAFT_RUNNERS=${wanted}` : undefined),
  () => {
    let tb: Testbed;
    let work: string;

    beforeAll(async () => {
      await setupRunners(selected);
      work = await mkdtemp(join(tmpdir(), 'graft-runners-'));
      tb = await startTestbed({ stateFile: false });
    }, 900_000);

    afterAll(async () => {
      await tb?.stop();
      if (work) await rm(work, { recursive: true, force: true });
    }, 120_000);

    const run = async (runner: RunnerName, scenario: Scenario) => {
      const dir = await mkdtemp(join(work, `${runner}-${scenario}-`));
      const s = await scenarioEnv(runner, scenario, tb.state, dir);
      return { s, r: await runClient(runner, { env: s.env, timeoutMs: 60_000 }) };
    };

    describe.each(selected)('%s', (runner) => {
      it.each(POSITIVE)(
        'produces and consumes over %s',
        async (scenario) => {
          const tokensBefore = tb.oidc.stats.tokensIssued;
          const { s, r } = await run(runner, scenario);
          expect(r.ok, r.output).toBe(true);
          expect(r.result).toMatchObject({ ok: true, topic: s.topic, group: s.group });
          expect(r.result?.value).toMatch(/^graft-/);
          if (scenario === 'oauthbearer') expect(tb.oidc.stats.tokensIssued).toBeGreaterThan(tokensBefore);
        },
        70_000,
      );

      it("fails with the client's own auth error on a wrong SCRAM password", async () => {
        const { r } = await run(runner, 'wrong-password');
        expect(r.ok).toBe(false);
        expect(r.exitCode, r.output).not.toBe(0);
        expect(r.exitCode, 'gave up by timeout instead of failing on the auth error').not.toBe(3);
        expect(r.result?.error, r.output).toMatch(AUTH_FAILED);
      }, 70_000);
    });
  },
);
