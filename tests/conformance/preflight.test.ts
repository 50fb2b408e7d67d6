import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestbed, type Testbed, type TestbedState } from '../../testbed/kafka/index.js';
import { compileSetup, render, type CompiledSetup } from './compile-setup.js';
import { checkWithComposeGo } from './compose-check.js';
import { interpolateTree } from './compose-interpolate.js';
import { readContainers } from './compose-service.js';
import { containerSupportProblem, execInNamespace, type ExecResult } from './container.js';
import { EXAMPLE } from './example.js';
import type { SecretStore, Setup } from './setups.js';
import { skippable } from '../support/skips.js';
import { BUNDLE, ensureBundle } from '../support/bundle.js';

// `graft compile --with-preflight` adds a one-shot `graft-preflight` service that runs graft's bundle
// (`graft check`) against the customer's Kafka before the rewired services start. This runs that service
// exactly as compiled, without Docker: its command, its environment, its bind mount of ./graft-preflight
// at /graft and its Compose secrets at /run/secrets/<name>, in a private mount namespace (container.ts)
// against the real broker test bed. The customer's secret store is hidden from it, as it is from a
// container: the check can only pass with the secrets the compiled service mounts.

const PREFLIGHT = 'graft-preflight';
const enabled = process.env['GRAFT_RUNNERS']?.trim() !== 'none';
const skipWhy = enabled ? undefined : 'GRAFT_RUNNERS=none';

// The environment node:22-alpine gives a container (its ENV, Docker's HOME and HOSTNAME). This machine's
// node stands in for the image's: its directory goes first on PATH, so the compiled `node ...` command runs
// it unchanged (the image's docker-entrypoint.sh also runs a command that is on PATH as it is).
const IMAGE_ENV = {
  PATH: [dirname(process.execPath), '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'].join(delimiter),
  HOME: '/root',
  HOSTNAME: PREFLIGHT,
};

// SASL_SSL + SCRAM-SHA-256 with the test bed's CA, every credential a reference into the test secret
// store: the username and the CA from the host environment, the password from a file.
const scram256 = (id: string, password: (tb: TestbedState) => string): Setup => ({
  id,
  title: id,
  outcome: 'pass',
  spec: (tb: TestbedState, store: SecretStore) => ({
    bootstrapServers: tb.listeners.saslSsl,
    securityProtocol: 'SASL_SSL',
    sasl: {
      mechanism: 'SCRAM-SHA-256',
      username: store.env('KAFKA_USERNAME', 'alice'),
      password: store.file('kafka-password', password(tb)),
    },
    tls: { ca: store.env('KAFKA_CA_PEM', readFileSync(tb.tls.caPem, 'utf8')) },
    topics: { prefix: 'acme.' },
    groups: { prefix: 'acme.' },
  }),
});

// A stack whose only Kafka client gets its username as a plain variable (Compose interpolation), not as a
// secret file; it also waits for a service graft keeps.
const SMALL_COMPOSE = `services:
  kafka:
    image: apache/kafka:4.1.0
    hostname: kafka
  postgres:
    image: postgres:16
  payments:
    image: registry.example.com/acme/payments:1.8.0
    depends_on: [kafka, postgres]
    environment:
      KAFKA_BOOTSTRAP_SERVERS: kafka:9092
      TOPIC: payments
      GROUP_ID: payments
`;
const SMALL_BINDINGS = `apiVersion: graft.dev/v1
kind: Bindings
kafka:
  clients:
    payments:
      family: env
      env:
        bootstrapServers: KAFKA_BOOTSTRAP_SERVERS
        securityProtocol: KAFKA_SECURITY_PROTOCOL
        saslMechanism: KAFKA_SASL_MECHANISM
        saslUsername: KAFKA_SASL_USERNAME
        saslPasswordFile: KAFKA_SASL_PASSWORD_FILE
        caFile: KAFKA_SSL_CA_FILE
`;

const EXAMPLE_REWIRED = ['audit', 'ledger', 'notifier', 'orders', 'payments', 'shipping'];
const SPEC_SECRETS = ['kafka_ca', 'kafka_sasl_password', 'kafka_sasl_username'];

interface Case {
  name: string;
  setup: Setup;
  /** The origin stack; `small` is written under the work directory. */
  stack: 'example' | 'small';
  refused: Record<string, string[]>;
  rewired: string[];
  pass: boolean;
}

const CASES: Case[] = [
  {
    name: 'examples/conformance, SASL_SSL + SCRAM-SHA-256: the preflight passes',
    setup: scram256('example-scram-256', (tb) => tb.users.alice.password),
    stack: 'example',
    // audit's librdkafka file gets its password from a render service, and audit waits for both
    refused: {},
    rewired: EXAMPLE_REWIRED,
    pass: true,
  },
  {
    name: 'examples/conformance, wrong password: the preflight fails with CHECK_SASL_AUTH_FAILED',
    setup: scram256('example-wrong-password', (tb) => `${tb.users.alice.password}-wrong`),
    stack: 'example',
    refused: {},
    rewired: EXAMPLE_REWIRED,
    pass: false,
  },
  {
    name: 'a client that gets the username by interpolation only: the preflight still gets it as a secret and passes',
    setup: scram256('small-scram-256', (tb) => tb.users.alice.password),
    stack: 'small',
    refused: {},
    rewired: ['payments'],
    pass: true,
  },
];

type Dict = Record<string, unknown>;
const dict = (v: unknown): Dict => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Dict) : {});

describe.skipIf(!enabled)(skippable('graft-preflight, run as compiled', skipWhy), () => {
  let tb: Testbed;
  let work: string;
  const timings: string[] = [];

  beforeAll(async () => {
    const problem = containerSupportProblem();
    if (problem) throw new Error(problem);
    ensureBundle();
    work = await mkdtemp(join(tmpdir(), 'graft-preflight-'));
    const small = join(work, 'small-origin');
    mkdirSync(small);
    writeFileSync(join(small, 'docker-compose.yml'), SMALL_COMPOSE);
    writeFileSync(join(small, 'graft.yaml'), SMALL_BINDINGS);
    const t0 = Date.now();
    tb = await startTestbed({ stateFile: false });
    timings.push(`test bed start: ${Date.now() - t0} ms`);
  }, 600_000);

  afterAll(async () => {
    console.log(timings.join('\n'));
    await tb?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  }, 120_000);

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const dir = join(work, c.setup.id);
    const stack = c.stack === 'example' ? EXAMPLE : join(work, 'small-origin');
    const t0 = Date.now();
    const compiled: CompiledSetup = compileSetup(c.setup, tb.state, dir, { stack, withPreflight: true });
    expect(Object.fromEntries(compiled.refused), render(compiled.result)).toEqual(c.refused);
    const composeFile = join(compiled.stackDir, 'docker-compose.yml');
    const vars = compiled.store.vars;

    // the real Compose loader accepts the compiled file with the customer's environment, without a warning
    expect(await checkWithComposeGo(composeFile, vars)).toEqual({ ok: true, errors: [], warnings: [] });

    // graft ships its bundle and the spec beside the compiled file
    expect(readFileSync(join(compiled.stackDir, PREFLIGHT, 'graft.js')).equals(readFileSync(BUNDLE))).toBe(true);
    expect(readFileSync(join(compiled.stackDir, PREFLIGHT, 'kafka.yaml'), 'utf8')).toBe(readFileSync(compiled.specFile, 'utf8'));

    // every rewired service waits for the preflight to succeed; services graft did not touch do not
    const composeText = readFileSync(composeFile, 'utf8');
    const services = dict(dict(interpolateTree(parse(composeText), vars))['services']);
    const rewired = compiled.result.plan.rewired.map((r) => r.service).sort();
    expect(rewired).toEqual(c.rewired);
    for (const s of rewired) {
      const wait = dict(dict(dict(services[s])['depends_on'])[PREFLIGHT]);
      expect(wait['condition'], `${s}: depends_on.${PREFLIGHT}`).toBe('service_completed_successfully');
    }
    for (const s of Object.keys(services).filter((n) => !rewired.includes(n)))
      expect(dict(dict(services[s])['depends_on'])[PREFLIGHT], `${s} waits for the preflight`).toBeUndefined();
    if (c.stack === 'small') {
      // the list form became a map; the kept edge keeps its plain "started" meaning
      expect(dict(services['payments'])['depends_on']).toEqual({
        postgres: { condition: 'service_started' },
        [PREFLIGHT]: { condition: 'service_completed_successfully' },
      });
    }

    // the preflight service as compiled: a one-shot node:22-alpine container with no dependency of its own
    const preflight = dict(services[PREFLIGHT]);
    expect(preflight['image']).toBe('node:22-alpine');
    expect(preflight['restart']).toBe('no');
    expect(preflight['depends_on']).toBeUndefined();
    const views = await readContainers(compiled.stackDir, composeText, vars, join(dir, 'materialized'));
    const view = views.find((v) => v.service === PREFLIGHT);
    if (!view?.command) throw new Error(`no ${PREFLIGHT} service with a command:\n${composeText}`);
    expect(view.unmodeled).toEqual(['restart']);
    expect(view.warnings).toEqual([]);
    // it mounts every secret of the spec, whether the services read it as a file or by interpolation
    const secrets = view.mounts.filter((m) => m.target.startsWith('/run/secrets/')).map((m) => m.target.slice('/run/secrets/'.length));
    expect(secrets.sort()).toEqual(SPEC_SECRETS);

    // run it; the customer's secret store (the spec's `file:` references) is out of its sight, and its
    // environment is the image's plus the service's own (none), so `env:` references have no value either
    const hidden = join(dir, 'hidden');
    mkdirSync(hidden);
    const mounts = [...view.mounts, { target: compiled.store.dir, source: hidden, readOnly: true }];
    const t1 = Date.now();
    const run: ExecResult = await execInNamespace(mounts, join(dir, 'scratch'), view.command, 60_000, {
      cwd: '/',
      env: { ...IMAGE_ENV, ...view.env },
    });
    timings.push(`${c.setup.id}: compile + validate ${t1 - t0} ms, preflight run ${Date.now() - t1} ms, exit ${run.code}`);
    const why = `--- output ---\n${run.log}\n--- namespace script ---\n${run.script}`;

    // every secret came from the mounted /run/secrets
    const secretsLine = run.stdout.split('\n').find((l) => /^. secrets /.test(l)) ?? '';
    expect(secretsLine, why).toMatch(/^✓ secrets /);
    for (const [path, name] of [
      ['sasl.username', 'kafka_sasl_username'],
      ['sasl.password', 'kafka_sasl_password'],
      ['tls.ca', 'kafka_ca'],
    ])
      expect(secretsLine, why).toContain(`${path} ← file /run/secrets/${name}`);
    // the check's diagnostics (stderr), as `severity CODE`; the test bed's certificates live 7 days, so a
    // passing check warns that the broker certificate expires soon
    const codes = [...run.stderr.matchAll(/ - (error|warning) (CHECK_[A-Z_]+):/g)].map((m) => `${m[1]} ${m[2]}`);
    const soon = 'warning CHECK_TLS_CERT_EXPIRES_SOON';
    expect(run.stdout, why).toMatch(/^[✓!] tls /m);

    if (c.pass) {
      expect(
        codes.filter((d) => d !== soon),
        why,
      ).toEqual([]);
      expect(run.stdout, why).toMatch(/^✓ sasl .* as User:alice$/m);
      expect(run.stdout, why).toMatch(/^✓ metadata /m);
      expect(run.stdout, why).toMatch(/^PASS: \d+ passed, 0 failed/m);
      expect(run.stdout, why).not.toMatch(/^✗ /m);
      expect(run.code, why).toBe(0);
    } else {
      expect(
        codes.filter((d) => d !== soon),
        why,
      ).toEqual(['error CHECK_SASL_AUTH_FAILED']);
      expect(run.stdout, why).toMatch(/^✗ sasl /m);
      expect(run.stdout, why).toMatch(/^FAIL: /m);
      expect(run.code, why).toBe(1);
    }
  });
});
