import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchConnect, startTestbed, type Testbed } from '../../testbed/kafka/index.js';
import { setupRunners } from '../../testbed/runners/index.js';
import { startKubeApiserver, type KubeApiserver } from '../../tools/kube-apiserver/index.js';
import { render } from './compile-setup.js';
import { containerSupportProblem } from './container.js';
import { k8sNaming, startPod } from './k8s-rotation.js';
import { compileK8sSetup, k8sExampleServices } from './k8s-setup.js';
import { ownClientSecret, tokensForSoak } from './oidc-clients.js';
import type { Naming, ServiceRun } from './run-service.js';
import { SETUPS } from './setups.js';
import { runCompiledConnect } from './strimzi-connect-run.js';
import { notRun, skippable } from '../support/skips.js';

// OAUTHBEARER token refresh, live, for the families only the Kubernetes examples have: the Apache Kafka image's
// KAFKA_* variables (kafka-env) and Confluent's images' CONNECT_* variables (confluent-images), both kafka-clients
// behind the image's entrypoint, and Strimzi's KafkaConnect (rendered as the operator renders it, its worker reading
// its Secrets from a real kube-apiserver). As in oauth-expiry.test.ts: 30 s tokens from the test bed's OIDC server, the
// broker re-authenticating each connection when its token expires, each client long-lived for 80 s, all at once; a
// client that did not refresh would be cut off (that test's control shows the broker does cut off a stale token).
// Each client is compiled with its own secret of the OIDC client, so the token endpoint counts each one's tokens.

const enabled = process.env['GRAFT_RUNNERS']?.trim() !== 'none';
const skipWhy = enabled ? undefined : 'GRAFT_RUNNERS=none';
const kubeWhy =
  process.env['GRAFT_KUBE_APISERVER']?.trim() === 'none'
    ? 'GRAFT_KUBE_APISERVER=none (the Strimzi worker reads ${strimzisecrets:…} from a real kube-apiserver)'
    : undefined;
const TOKEN_TTL_S = 30;
const SOAK_MS = 80_000;
const INTERVAL_MS = 5_000;
/** The Deployments of the families the Compose example does not have. */
const SOAKED = ['events', 'connect'];
const STRIMZI_EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'conformance-strimzi');
/** The token count label of the Strimzi KafkaConnect's worker. */
const STRIMZI = 'strimzi-connect';

describe.skipIf(!enabled)(skippable('OAUTHBEARER token refresh across expiries on Kubernetes, live', skipWhy), () => {
  let tb: Testbed;
  let kube: KubeApiserver | undefined;
  let libs: string;
  let work: string;
  let naming: Map<string, Naming>;
  const services = k8sExampleServices().filter((s) => SOAKED.includes(s.service));
  const setup = SETUPS.find((s) => s.id === 'sasl-ssl-oauthbearer');

  beforeAll(async () => {
    const problem = containerSupportProblem();
    if (problem) throw new Error(problem);
    if (!setup) throw new Error('no OAUTHBEARER setup');
    work = await mkdtemp(join(tmpdir(), 'graft-oauth-expiry-k8s-'));
    naming = k8sNaming(services);
    const started = await Promise.all([
      setupRunners(services.map((s) => s.runner)),
      startTestbed({
        stateFile: false,
        oidcTokenTtlSeconds: TOKEN_TTL_S,
        serverOverrides: { 'connections.max.reauth.ms': String(TOKEN_TTL_S * 1000) },
      }),
      kubeWhy === undefined ? startKubeApiserver() : undefined,
      kubeWhy === undefined ? fetchConnect() : '',
    ]);
    [, tb, kube, libs] = started;
  }, 900_000);

  afterAll(async () => {
    await kube?.stop();
    await tb?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  }, 120_000);

  it(`each client keeps producing and consuming for ${SOAK_MS / 1000} s with ${TOKEN_TTL_S} s tokens`, async (ctx) => {
    if (!setup) throw new Error('no OAUTHBEARER setup');
    expect(services.map((s) => s.service).sort()).toEqual([...SOAKED].sort());
    const env = {
      RUNNER_SOAK_MS: String(SOAK_MS),
      RUNNER_SOAK_INTERVAL_MS: String(INTERVAL_MS),
      RUNNER_TIMEOUT_MS: String(SOAK_MS + 60_000),
    };
    const controls = { env, timeoutMs: SOAK_MS + 90_000 };
    const pods = services.map(async ({ service, runner }): Promise<[string, Pick<ServiceRun, 'cell' | 'result'>]> => {
      const compiled = compileK8sSetup(setup, ownClientSecret(tb, service), join(work, service));
      expect(compiled.refused, render(compiled.result)).toEqual(new Map());
      const scratch = await mkdtemp(join(work, 'pod-'));
      return [service, await startPod(compiled.objects, service, runner, naming.get(service) as Naming, scratch, controls)];
    });
    const worker = async (): Promise<[string, Pick<ServiceRun, 'cell' | 'result' | 'details'>]> => {
      if (!kube) throw new Error('no kube-apiserver');
      const compiled = compileK8sSetup(setup, ownClientSecret(tb, STRIMZI), join(work, STRIMZI), STRIMZI_EXAMPLE);
      expect(compiled.refused, render(compiled.result)).toEqual(new Map());
      const kc = compiled.objects.find((o) => o.kind === 'KafkaConnect');
      if (!kc) throw new Error(`the compiled stack has no KafkaConnect:\n${render(compiled.result)}`);
      const scratch = await mkdtemp(join(work, `${STRIMZI}-`));
      const { run } = await runCompiledConnect(kube, compiled, kc, scratch, {
        libs,
        topic: 'acme.connect-lines-oauth-expiry',
        group: 'acme.connect-lines-oauth-expiry',
        timeoutMs: SOAK_MS + 120_000,
        soak: { ms: SOAK_MS, intervalMs: INTERVAL_MS },
      });
      return [STRIMZI, run];
    };
    if (kubeWhy !== undefined) notRun(ctx, `the Strimzi KafkaConnect soak: ${kubeWhy}`);
    const runs = await Promise.all([...pods, ...(kubeWhy === undefined ? [worker()] : [])]);
    for (const [client, run] of runs) {
      expect(run.cell, `${client}\n${'details' in run ? run.details : ''}`).toBe('pass');
      expect(run.result?.elapsedMs ?? 0, client).toBeGreaterThanOrEqual(SOAK_MS);
      expect(run.result?.rounds ?? 0, client).toBeGreaterThanOrEqual(Math.floor(SOAK_MS / INTERVAL_MS) - 2);
    }
    // each client fetched a new token before each expiry: at least the first and one per expiry, its own
    for (const [client] of runs)
      expect(tb.oidc.stats.tokensBySecret[client] ?? 0, `tokens fetched by ${client}`).toBeGreaterThanOrEqual(
        tokensForSoak(SOAK_MS, TOKEN_TTL_S),
      );
    console.log(`tokens per client: ${JSON.stringify(tb.oidc.stats.tokensBySecret)}`);
  }, 600_000);
});
