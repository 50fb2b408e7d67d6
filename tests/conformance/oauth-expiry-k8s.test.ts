import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestbed, type Testbed } from '../../testbed/kafka/index.js';
import { setupRunners } from '../../testbed/runners/index.js';
import { render } from './compile-setup.js';
import { containerSupportProblem } from './container.js';
import { k8sNaming, startPod } from './k8s-rotation.js';
import { compileK8sSetup, k8sExampleServices, type CompiledK8sSetup } from './k8s-setup.js';
import type { Naming } from './run-service.js';
import { SETUPS } from './setups.js';
import { skippable } from '../support/skips.js';

// OAUTHBEARER token refresh, live, for the families only the Kubernetes example has: the Apache Kafka image's
// KAFKA_* variables (kafka-env) and Confluent's images' CONNECT_* variables (confluent-images), both kafka-clients
// behind the image's entrypoint. As in oauth-expiry.test.ts: 30 s tokens from the test bed's OIDC server, the broker
// re-authenticating each connection when its token expires, each Deployment's pod a long-lived client for 80 s; a
// client that did not refresh would be cut off (that test's control shows the broker does cut off a stale token).

const enabled = process.env['GRAFT_RUNNERS']?.trim() !== 'none';
const skipWhy = enabled ? undefined : 'GRAFT_RUNNERS=none';
const TOKEN_TTL_S = 30;
const SOAK_MS = 80_000;
const INTERVAL_MS = 5_000;
/** The Deployments of the families the Compose example does not have. */
const SOAKED = ['events', 'connect'];

describe.skipIf(!enabled)(skippable('OAUTHBEARER token refresh across expiries on Kubernetes, live', skipWhy), () => {
  let tb: Testbed;
  let work: string;
  let compiled: CompiledK8sSetup;
  let naming: Map<string, Naming>;
  const services = k8sExampleServices().filter((s) => SOAKED.includes(s.service));
  const setup = SETUPS.find((s) => s.id === 'sasl-ssl-oauthbearer');

  beforeAll(async () => {
    const problem = containerSupportProblem();
    if (problem) throw new Error(problem);
    if (!setup) throw new Error('no OAUTHBEARER setup');
    await setupRunners(services.map((s) => s.runner));
    work = await mkdtemp(join(tmpdir(), 'graft-oauth-expiry-k8s-'));
    naming = k8sNaming(services);
    tb = await startTestbed({
      stateFile: false,
      oidcTokenTtlSeconds: TOKEN_TTL_S,
      serverOverrides: { 'connections.max.reauth.ms': String(TOKEN_TTL_S * 1000) },
    });
    compiled = compileK8sSetup(setup, tb.state, join(work, setup.id));
  }, 900_000);

  afterAll(async () => {
    await tb?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  }, 120_000);

  it(`each pod keeps producing and consuming for ${SOAK_MS / 1000} s with ${TOKEN_TTL_S} s tokens`, async () => {
    expect(services.map((s) => s.service).sort()).toEqual([...SOAKED].sort());
    expect(compiled.refused, render(compiled.result)).toEqual(new Map());
    const tokensBefore = tb.oidc.stats.tokensIssued;
    const controls = {
      env: { RUNNER_SOAK_MS: String(SOAK_MS), RUNNER_SOAK_INTERVAL_MS: String(INTERVAL_MS), RUNNER_TIMEOUT_MS: String(SOAK_MS + 60_000) },
      timeoutMs: SOAK_MS + 90_000,
    };
    const runs = await Promise.all(
      services.map(async ({ service, runner }) => {
        const scratch = await mkdtemp(join(work, 'pod-'));
        return [service, await startPod(compiled.objects, service, runner, naming.get(service) as Naming, scratch, controls)] as const;
      }),
    );
    for (const [service, run] of runs) {
      expect(run.cell, service).toBe('pass');
      expect(run.result?.elapsedMs ?? 0, service).toBeGreaterThanOrEqual(SOAK_MS);
      expect(run.result?.rounds ?? 0, service).toBeGreaterThanOrEqual(Math.floor(SOAK_MS / INTERVAL_MS) - 2);
    }
    // every client fetched a new token before each expiry: at least the first and two refreshes each
    expect(tb.oidc.stats.tokensIssued - tokensBefore).toBeGreaterThanOrEqual(services.length * 3);
  }, 600_000);
});
