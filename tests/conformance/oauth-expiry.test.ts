import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestbed, type Testbed } from '../../testbed/kafka/index.js';
import { runClient, setupRunners, type RunClientResult, type RunnerName } from '../../testbed/runners/index.js';
import { compileSetup } from './compile-setup.js';
import { runCompletedFirst } from './compose-oneshot.js';
import { readContainers } from './compose-service.js';
import { containerSupportProblem } from './container.js';
import { exampleServices } from './example.js';
import { ownClientSecret, tokensForSoak } from './oidc-clients.js';
import { rotationNaming } from './rotation-run.js';
import { runService, type Naming, type ServiceRun } from './run-service.js';
import { SETUPS } from './setups.js';
import { skippable } from '../support/skips.js';

// OAUTHBEARER token refresh, live: the test bed's OIDC server issues tokens that live TOKEN_TTL_S seconds and the
// broker re-authenticates every connection when its token expires (connections.max.reauth.ms, as managed clusters
// set it); each compiled service that passes the OAUTHBEARER row runs as a long-lived client — one producer and one
// consumer exchanging a record every 5 s — for SOAK_MS, across at least two token expiries. A client that did not
// fetch a new token before its session ended would be disconnected and fail to authenticate with an expired one.
// Each service is compiled with its own secret of the OIDC client, so the token endpoint counts each one's tokens.

const enabled = process.env['GRAFT_RUNNERS']?.trim() !== 'none';
const skipWhy = enabled ? undefined : 'GRAFT_RUNNERS=none';
/** The token lifetime: kafka-clients refreshes at 80–85 % of it (its minimum period and buffer give way below 360 s), librdkafka at 80 %. */
const TOKEN_TTL_S = 30;
/** Long enough for two expiries of the first token's successors to pass, plus a margin. */
const SOAK_MS = 80_000;
const INTERVAL_MS = 5_000;
/**
 * Every runner of a family that passes the OAUTHBEARER row: kafka-clients (Spring Boot, Java properties) and librdkafka
 * (OIDC: the env family's Python application, and the librdkafka properties file, whose client secret the one-shot
 * render service assembles into it at start) refresh from the configuration graft writes; KafkaJS and franz-go (the
 * env family's other applications) call their token provider, which fetches a token with the settings graft gives, on
 * every (re-)authentication.
 */
const SOAKED: readonly RunnerName[] = ['spring', 'python', 'node', 'go', 'java', 'python-librdkafka'];

describe.skipIf(!enabled)(skippable('OAUTHBEARER token refresh across expiries, live', skipWhy), () => {
  let tb: Testbed;
  let work: string;
  let naming: Map<string, Naming>;
  const services = exampleServices().filter((s) => SOAKED.includes(s.runner));
  const setup = SETUPS.find((s) => s.id === 'sasl-ssl-oauthbearer');

  beforeAll(async () => {
    const problem = containerSupportProblem();
    if (problem) throw new Error(problem);
    if (!setup) throw new Error('no OAUTHBEARER setup');
    await setupRunners(services.map((s) => s.runner));
    work = await mkdtemp(join(tmpdir(), 'graft-oauth-expiry-'));
    naming = await rotationNaming(services, join(work, 'origin'));
    tb = await startTestbed({
      stateFile: false,
      oidcTokenTtlSeconds: TOKEN_TTL_S,
      serverOverrides: { 'connections.max.reauth.ms': String(TOKEN_TTL_S * 1000) },
    });
  }, 900_000);

  afterAll(async () => {
    await tb?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  }, 120_000);

  it(`each service keeps producing and consuming for ${SOAK_MS / 1000} s with ${TOKEN_TTL_S} s tokens`, async () => {
    expect(services.map((s) => s.runner).sort()).toEqual([...SOAKED].sort());
    if (!setup) throw new Error('no OAUTHBEARER setup');
    const control = staleTokenClient();
    const runs = await Promise.all(
      services.map(async ({ service, runner }): Promise<[string, ServiceRun]> => {
        const compiled = compileSetup(setup, ownClientSecret(tb, service), join(work, service));
        expect(compiled.refused.get(service), service).toBeUndefined();
        const compose = await readFile(join(compiled.stackDir, 'docker-compose.yml'), 'utf8');
        const views = await readContainers(compiled.stackDir, compose, compiled.store.vars, await mkdtemp(join(work, 'materialized-')));
        const view = views.find((v) => v.service === service);
        if (!view) throw new Error(`compiled stack has no service ${service}`);
        // the one-shot services it waits for (the render service of a librdkafka file) run to completion first
        const first = await runCompletedFirst(view, views, await mkdtemp(join(work, `${service}-first-`)));
        if (first.failed) return [service, { cell: first.failed.cell, details: first.failed.details, durationMs: 0 }];
        // the runner's own soak controls; the Kafka settings are the compiled service's, untouched
        const soak = {
          ...view,
          env: {
            ...view.env,
            RUNNER_SOAK_MS: String(SOAK_MS),
            RUNNER_SOAK_INTERVAL_MS: String(INTERVAL_MS),
            RUNNER_TIMEOUT_MS: String(SOAK_MS + 60_000),
          },
        };
        return [service, await runService(runner, soak, naming.get(service) as Naming, work, SOAK_MS + 90_000)];
      }),
    );
    for (const [service, run] of runs) {
      expect(run.cell, `${service}\n${run.details}`).toBe('pass');
      expect(run.result?.elapsedMs ?? 0, service).toBeGreaterThanOrEqual(SOAK_MS);
      // one exchange every INTERVAL_MS, none missed for long
      expect(run.result?.rounds ?? 0, service).toBeGreaterThanOrEqual(Math.floor(SOAK_MS / INTERVAL_MS) - 2);
    }
    // each client fetched a new token before each expiry: at least the first and one per expiry, its own
    for (const { service } of services)
      expect(tb.oidc.stats.tokensBySecret[service] ?? 0, `tokens fetched by ${service}`).toBeGreaterThanOrEqual(
        tokensForSoak(SOAK_MS, TOKEN_TTL_S),
      );
    console.log(`tokens per client: ${JSON.stringify(tb.oidc.stats.tokensBySecret)}`);
    // the control: a kafka-clients client whose token source never changes is cut off once its token expires
    const stale = await control;
    expect(stale.ok, stale.output.slice(-3000)).toBe(false);
    expect(stale.output).toMatch(/Expiring credential already expired/);
    expect(stale.output).toMatch(/failed authentication due to: \{"status":"invalid_token"\}/);
  }, 600_000);

  /** The java runner in soak mode with one token in a file (kafka-clients' `file:` token endpoint) that nothing renews. */
  async function staleTokenClient(): Promise<RunClientResult> {
    const token = join(work, 'stale-token.jwt');
    await writeFile(token, tb.oidc.issueToken(tb.state.oidc.clientId));
    const props = join(work, 'stale-client.properties');
    await writeFile(
      props,
      [
        `bootstrap.servers=${tb.state.listeners.saslSsl}`,
        'security.protocol=SASL_SSL',
        'sasl.mechanism=OAUTHBEARER',
        'sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;',
        'sasl.login.callback.handler.class=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler',
        `sasl.oauthbearer.token.endpoint.url=file://${token}`,
        'ssl.truststore.type=PEM',
        `ssl.truststore.location=${tb.state.tls.caPem}`,
        '',
      ].join('\n'),
    );
    return runClient('java', {
      env: {
        KAFKA_CONFIG_FILE: props,
        TOPIC: 'acme.oauth-expiry-control',
        GROUP_ID: 'acme.oauth-expiry-control',
        RUNNER_SOAK_MS: String(SOAK_MS),
        RUNNER_SOAK_INTERVAL_MS: String(INTERVAL_MS),
        // it cannot finish: stop it when the others do
        RUNNER_TIMEOUT_MS: String(SOAK_MS),
        JAVA_TOOL_OPTIONS: `-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=file://${token}`,
      },
      timeoutMs: SOAK_MS + 90_000,
    });
  }
});
