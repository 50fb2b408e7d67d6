import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck, type CheckOptions, type CheckReport } from '../../src/check/index.js';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { runCli } from '../../src/cli/main.js';
import { startTestbed, type Testbed } from '../../testbed/kafka/index.js';
import { testbedCacheDir } from '../../testbed/kafka/paths.js';
import { createTopics, expiredClientCert, startBlackHole, startForwarder, unusedPort, writeInput } from './support.js';
import { ROOT } from '../support/cases.js';

// One real broker for the whole fault matrix; every case asserts its own diagnostic code.
let tb: Testbed;
let dir: string;
let n = 0;
let env: Record<string, string>;
const TIMEOUT = 4000;

beforeAll(async () => {
  tb = await startTestbed({ stateFile: false, advertisedUnreachableListener: true });
  dir = mkdtempSync(join(testbedCacheDir(), 'check-'));
  env = {
    ALICE_PASSWORD: tb.state.users.alice.password,
    READER_PASSWORD: tb.state.users.reader.password,
    OAUTH_CLIENT_SECRET: tb.state.oidc.clientSecret,
    WRONG_SECRET: 'not-the-password',
  };
  await createTopics(tb.state, [
    { name: 'acme.orders', partitions: 3, configs: { 'cleanup.policy': 'compact' } },
    { name: 'acme.events', partitions: 1, configs: { 'cleanup.policy': 'delete', 'retention.ms': '86400000' } },
  ]);
}, 600_000);

afterAll(async () => {
  await tb?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

const base = { apiVersion: 'graft.dev/v1', kind: 'CustomerKafka', topics: { prefix: 'acme.' }, groups: { prefix: 'acme.' } };
const file = (path: string): object => ({ secretRef: { file: path } });
const envRef = (name: string): object => ({ secretRef: { env: name } });

function scramSsl(user = 'alice', passwordEnv = 'ALICE_PASSWORD', mechanism = 'SCRAM-SHA-256'): object {
  return {
    ...base,
    bootstrapServers: tb.state.listeners.saslSsl,
    securityProtocol: 'SASL_SSL',
    sasl: { mechanism, username: user, password: envRef(passwordEnv) },
    tls: { ca: file(tb.state.tls.caPem) },
  };
}

function oauthSsl(oauth: Partial<{ tokenEndpoint: string; secretEnv: string }> = {}): object {
  const o = tb.state.oidc;
  return {
    ...base,
    bootstrapServers: tb.state.listeners.saslSsl,
    securityProtocol: 'SASL_SSL',
    sasl: {
      mechanism: 'OAUTHBEARER',
      oauth: {
        tokenEndpoint: oauth.tokenEndpoint ?? o.tokenEndpoint,
        clientId: o.clientId,
        clientSecret: envRef(oauth.secretEnv ?? 'OAUTH_CLIENT_SECRET'),
        scope: o.scope,
      },
    },
    tls: { ca: file(tb.state.tls.caPem) },
  };
}

function plaintext(bootstrap: string): object {
  return { ...base, bootstrapServers: bootstrap, securityProtocol: 'PLAINTEXT' };
}

const requirements = (r: object): object => ({ apiVersion: 'graft.dev/v1', kind: 'KafkaRequirements', ...r });

async function check(spec: object, req?: object, o: Partial<CheckOptions> = {}): Promise<CheckReport> {
  n++;
  const specFile = writeInput(dir, `spec-${n}.yaml`, spec);
  const reqFile = req ? writeInput(dir, `requirements-${n}.json`, requirements(req)) : undefined;
  return runCheck({ spec: specFile, env, timeoutMs: TIMEOUT, ...(reqFile ? { requirements: reqFile } : {}), ...o });
}

const errors = (r: CheckReport): string[] => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

/** Asserts the report failed with this code, with a message naming `names` and a fix hint; returns the diagnostic. */
function expectFailure(r: CheckReport, code: string, ...names: string[]): Diagnostic {
  expect(r.ok, JSON.stringify(r.diagnostics, null, 1)).toBe(false);
  const d = r.diagnostics.find((x) => x.code === code);
  expect(d, `${code} not in ${errors(r).join(', ')}`).toBeDefined();
  for (const name of names) expect(d?.message).toContain(name);
  expect(d?.help?.length ?? 0).toBeGreaterThan(10);
  return d as Diagnostic;
}

const ORDERS = { name: 'orders', partitions: 3, configs: { 'cleanup.policy': 'compact' }, operations: ['READ', 'WRITE'] };

describe('graft check against a real broker: clean passes', () => {
  it('SASL_SSL + SCRAM-SHA-256 with topics, groups and features passes, warning only about the 7-day test certificate', async () => {
    const r = await check(scramSsl(), {
      topics: [ORDERS, { name: 'events', configs: { 'cleanup.policy': 'delete' }, operations: ['WRITE'] }],
      groups: ['orders-service'],
      features: { idempotentProducer: true, groupProtocol: 'consumer' },
    });
    expect(errors(r)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => d.code)).toContain('CHECK_TLS_CERT_EXPIRES_SOON');
    const probes = new Set(r.steps.map((s) => s.probe));
    for (const p of ['dns', 'tcp', 'tls', 'api-versions', 'sasl', 'metadata', 'advertised', 'topics', 'acls'])
      expect(probes, p).toContain(p);
    expect(r.steps.filter((s) => s.status === 'fail' || s.status === 'skip')).toEqual([]);
    expect(r.steps.find((s) => s.probe === 'sasl')?.detail).toContain('User:alice');
    // one Metadata and one DescribeConfigs for all topics
    expect(r.stats.kafka['Metadata']).toBe(1);
    expect(r.stats.kafka['DescribeConfigs']).toBe(1);
  });

  it('OAUTHBEARER fetches a token from the OIDC server and authenticates as its subject', async () => {
    const before = tb.oidc.stats.tokensIssued;
    const r = await check(oauthSsl(), { topics: [ORDERS], groups: ['orders-service'] });
    expect(errors(r)).toEqual([]);
    expect(tb.oidc.stats.tokensIssued).toBe(before + 1);
    expect(r.steps.find((s) => s.probe === 'oauth')?.detail).toMatch(/token for User:graft-app, lives \d+ s/);
    expect(r.steps.find((s) => s.probe === 'sasl')?.status).toBe('pass');
  });

  it('SSL with a client certificate (mTLS) passes as User:CN=app-client', async () => {
    const spec = {
      ...base,
      bootstrapServers: tb.state.listeners.ssl,
      securityProtocol: 'SSL',
      tls: { ca: file(tb.state.tls.caPem), clientCert: file(tb.state.tls.clientCertPem), clientKey: file(tb.state.tls.clientKeyPem) },
    };
    const r = await check(spec, { topics: [ORDERS] });
    expect(errors(r)).toEqual([]);
    expect(r.steps.find((s) => s.probe === 'tls')?.detail).toContain('client certificate accepted');
    expect(r.steps.find((s) => s.probe === 'acls')?.target).toBe('User:CN=app-client');
  });

  it('secrets come from a directory named like graft secrets (dir:) and from a file map (file-map:)', async () => {
    const secretDir = join(dir, 'run-secrets');
    mkdirSync(secretDir, { recursive: true });
    writeFileSync(join(secretDir, 'kafka_sasl_password'), tb.state.users.alice.password);
    const spec = {
      ...(scramSsl() as Record<string, unknown>),
      sasl: { mechanism: 'SCRAM-SHA-256', username: 'alice', password: { secretRef: { kubernetes: { name: 'kafka', key: 'password' } } } },
    };
    const viaDir = await check(spec, undefined, { secrets: { kind: 'dir', dir: secretDir } });
    expect(errors(viaDir)).toEqual([]);
    const map = writeInput(dir, 'map.json', { 'sasl.password': join(secretDir, 'kafka_sasl_password') });
    const viaMap = await check(spec, undefined, { secrets: { kind: 'file-map', file: map } });
    expect(errors(viaMap)).toEqual([]);
    // written with echo: the Java clients would read the newline as part of the password, so the check fails on the
    // secrets step, and goes on with the password the customer meant
    writeFileSync(join(secretDir, 'kafka_sasl_password'), `${tb.state.users.alice.password}\n`);
    const echoed = await check(spec, undefined, { secrets: { kind: 'dir', dir: secretDir } });
    expect(errors(echoed)).toEqual(['CHECK_SECRET_TRAILING_NEWLINE']);
    expect(echoed.steps.find((s) => s.probe === 'sasl')?.status).toBe('pass');
    // without a local source the kubernetes reference cannot be read
    const bare = await check(spec);
    const d = expectFailure(bare, 'CHECK_SECRET_UNRESOLVED', 'sasl.password', 'kubernetes secret kafka/password');
    expect(d.help).toContain('kafka_sasl_password');
    expect(bare.steps.find((s) => s.probe === 'sasl')?.status).toBe('skip');
  });
});

describe('graft check fault matrix (each fault has its own code)', () => {
  it('broker down: nothing listens on the port', async () => {
    const port = await unusedPort();
    const r = await check(plaintext(`127.0.0.1:${port}`));
    expectFailure(r, 'CHECK_TCP_REFUSED', `127.0.0.1:${port}`);
    expect(r.steps.find((s) => s.probe === 'metadata')?.status).toBe('skip');
  });

  it('wrong port: a SASL_SSL spec pointed at the SASL_PLAINTEXT listener', async () => {
    const r = await check({ ...(scramSsl() as Record<string, unknown>), bootstrapServers: tb.state.listeners.saslPlaintext });
    expectFailure(r, 'CHECK_TLS_NOT_TLS_LISTENER', tb.state.listeners.saslPlaintext);
  });

  it('wrong port: a PLAINTEXT spec pointed at the TLS listener', async () => {
    const r = await check(plaintext(tb.state.listeners.saslSsl));
    expectFailure(r, 'CHECK_PROTOCOL_MISMATCH', tb.state.listeners.saslSsl, 'expects TLS');
  });

  it('CA mismatch: tls.ca is an unrelated CA', async () => {
    const spec = { ...(scramSsl() as Record<string, unknown>), tls: { ca: file(tb.state.tls.otherCaPem) } };
    const r = await check(spec);
    const d = expectFailure(r, 'CHECK_TLS_UNTRUSTED', tb.state.listeners.saslSsl, 'graft-testbed-ca');
    expect(d.subject?.file).toContain('spec-');
  });

  it('hostname mismatch: the broker reached by an address its certificate does not name', async () => {
    const fwd = await startForwarder('127.0.0.2', tb.state.listeners.saslSsl);
    try {
      const r = await check({ ...(scramSsl() as Record<string, unknown>), bootstrapServers: fwd.label });
      expectFailure(r, 'CHECK_TLS_HOSTNAME_MISMATCH', '127.0.0.2', 'IP Address:127.0.0.1');
    } finally {
      await fwd.close();
    }
  });

  it('expired client certificate', async () => {
    const { cert, key } = expiredClientCert(tb.state, dir);
    const spec = {
      ...base,
      bootstrapServers: tb.state.listeners.ssl,
      securityProtocol: 'SSL',
      tls: { ca: file(tb.state.tls.caPem), clientCert: file(cert), clientKey: file(key) },
    };
    const r = await check(spec);
    expectFailure(r, 'CHECK_TLS_CLIENT_CERT_EXPIRED', 'CN=app-client');
    // and the broker refuses it too
    expectFailure(r, 'CHECK_TLS_CLIENT_CERT_REJECTED', tb.state.listeners.ssl);
  });

  it('mTLS listener without a client certificate', async () => {
    const spec = { ...base, bootstrapServers: tb.state.listeners.ssl, securityProtocol: 'SSL', tls: { ca: file(tb.state.tls.caPem) } };
    const r = await check(spec);
    expectFailure(r, 'CHECK_TLS_CLIENT_CERT_REJECTED', 'requires a client certificate');
  });

  it('mechanism not offered: OAUTHBEARER on the SASL_PLAINTEXT listener, which offers PLAIN and SCRAM', async () => {
    const spec = {
      ...(oauthSsl() as Record<string, unknown>),
      bootstrapServers: tb.state.listeners.saslPlaintext,
      securityProtocol: 'SASL_PLAINTEXT',
      tls: undefined,
    };
    const r = await check(JSON.parse(JSON.stringify(spec)) as object);
    const d = expectFailure(r, 'CHECK_SASL_MECHANISM_NOT_OFFERED', 'OAUTHBEARER', 'SCRAM-SHA-256', 'PLAIN');
    expect(d.subject).toBeDefined();
  });

  it('wrong password: the broker’s own error text is quoted', async () => {
    const r = await check(scramSsl('alice', 'WRONG_SECRET', 'SCRAM-SHA-512'));
    expectFailure(r, 'CHECK_SASL_AUTH_FAILED', 'User:alice', 'invalid credentials with SASL mechanism SCRAM-SHA-512');
    expect(r.steps.find((s) => s.probe === 'metadata')?.status).toBe('skip');
  });

  it('OIDC server down: the token endpoint refuses connections', async () => {
    const port = await unusedPort();
    const r = await check(oauthSsl({ tokenEndpoint: `http://127.0.0.1:${port}/token` }));
    expectFailure(r, 'CHECK_OAUTH_UNREACHABLE', `127.0.0.1:${port}`, 'ECONNREFUSED');
    expect(r.steps.find((s) => s.probe === 'sasl')?.status).toBe('skip');
  });

  it('invalid OAuth client: the identity provider rejects the secret', async () => {
    const r = await check(oauthSsl({ secretEnv: 'WRONG_SECRET' }));
    expectFailure(r, 'CHECK_OAUTH_CLIENT_REJECTED', 'graft-app', 'HTTP 401', 'invalid_client');
  });

  it('missing topic: says whether this principal could create it (validate-only CreateTopics, nothing created)', async () => {
    const alice = await check(scramSsl(), { topics: [{ name: 'not-there', partitions: 2, operations: ['CREATE', 'WRITE'] }] });
    const missing = expectFailure(alice, 'CHECK_TOPIC_MISSING', 'acme.not-there', 'User:alice may create it');
    // the fix is a command the customer can run against their secured cluster as it is
    expect(missing.help).toMatch(
      /^create it: kafka-topics\.sh --bootstrap-server \S+ --command-config admin\.properties --create --topic acme\.not-there --partitions 2 /,
    );
    expect(missing.help).toContain('security.protocol=SASL_SSL, sasl.mechanism=SCRAM-SHA-256');
    expect(errors(alice)).toEqual(['CHECK_TOPIC_MISSING']);
    const reader = await check(scramSsl('reader', 'READER_PASSWORD'), { topics: [{ name: 'not-there', operations: ['CREATE'] }] });
    expectFailure(reader, 'CHECK_TOPIC_MISSING', 'acme.not-there', 'may not create it');
    expectFailure(reader, 'CHECK_ACL_TOPIC_CREATE', 'User:reader', 'acme.not-there');
    // still missing afterwards: the probe created nothing
    const again = await check(scramSsl(), { topics: [{ name: 'not-there' }] });
    expectFailure(again, 'CHECK_TOPIC_MISSING', 'acme.not-there');
  });

  it('too few partitions', async () => {
    const r = await check(scramSsl(), { topics: [{ ...ORDERS, partitions: 6 }] });
    const d = expectFailure(r, 'CHECK_TOPIC_PARTITIONS', 'acme.orders', '3 partitions', '6');
    expect(d.subject?.file).toContain('requirements-');
  });

  it('wrong cleanup.policy', async () => {
    const r = await check(scramSsl(), {
      topics: [{ name: 'events', configs: { 'cleanup.policy': 'compact', 'retention.ms': '86400000' } }],
    });
    expectFailure(r, 'CHECK_TOPIC_CONFIG', 'acme.events', 'cleanup.policy=delete', 'compact');
    expect(r.diagnostics.filter((d) => d.code === 'CHECK_TOPIC_CONFIG')).toHaveLength(1);
  });

  it('missing READ: a topic outside the principal’s ACLs', async () => {
    const spec = { ...(scramSsl('reader', 'READER_PASSWORD') as Record<string, unknown>), topics: undefined };
    const r = await check(JSON.parse(JSON.stringify(spec)) as object, { topics: [{ name: 'billing.invoices', operations: ['READ'] }] });
    expectFailure(r, 'CHECK_ACL_TOPIC_READ', 'User:reader', 'billing.invoices');
  });

  it('missing WRITE: user reader may read but not write acme.orders', async () => {
    const r = await check(scramSsl('reader', 'READER_PASSWORD'), { topics: [ORDERS], transactionalIds: ['orders-tx'] });
    expectFailure(r, 'CHECK_ACL_TOPIC_WRITE', 'User:reader', 'acme.orders');
    expect(errors(r)).not.toContain('CHECK_ACL_TOPIC_READ');
    expectFailure(r, 'CHECK_ACL_TRANSACTIONAL_ID', 'orders-tx');
  });

  it('missing group ACL: READ on a group outside the prefix, without committing anything', async () => {
    const spec = { ...(scramSsl('reader', 'READER_PASSWORD') as Record<string, unknown>), groups: undefined };
    const r = await check(JSON.parse(JSON.stringify(spec)) as object, { groups: ['payments', 'acme.orders-service'] });
    const d = expectFailure(r, 'CHECK_ACL_GROUP_READ', 'User:reader', 'payments');
    expect(d.message).not.toContain('acme.orders-service');
    expect(r.diagnostics.filter((x) => x.code === 'CHECK_ACL_GROUP_READ')).toHaveLength(1);
  });

  it('advertised listener unreachable: bootstrap works, the advertised address does not', async () => {
    const extra = tb.state.extraListeners?.advertisedUnreachable;
    expect(extra).toBeDefined();
    const r = await check(plaintext(extra?.bootstrap ?? ''));
    expectFailure(r, 'CHECK_ADVERTISED_UNREACHABLE', extra?.advertised ?? '?');
    expect(r.steps.find((s) => s.probe === 'metadata')?.status).toBe('pass');
  });

  it('black-holed port: the timeout is honoured (PLAINTEXT and TLS)', async () => {
    const hole = await startBlackHole();
    try {
      const t0 = Date.now();
      const r = await check(plaintext(hole.label), undefined, { timeoutMs: 1500 });
      const took = Date.now() - t0;
      expectFailure(r, 'CHECK_TIMEOUT', hole.label, '1500 ms');
      expect(took).toBeGreaterThanOrEqual(1400);
      expect(took).toBeLessThan(4000);
      const t1 = Date.now();
      const tls = await check({ ...(scramSsl() as Record<string, unknown>), bootstrapServers: hole.label }, undefined, { timeoutMs: 1500 });
      expectFailure(tls, 'CHECK_TIMEOUT', 'TLS handshake', hole.label);
      expect(Date.now() - t1).toBeLessThan(4000);
    } finally {
      await hole.close();
    }
  });

  it('AWS_MSK_IAM without AWS credentials is skipped with a note, and asks no AWS endpoint', async () => {
    const spec = {
      ...base,
      bootstrapServers: tb.state.listeners.saslSsl,
      securityProtocol: 'SASL_SSL',
      sasl: { mechanism: 'AWS_MSK_IAM', aws: { roleArn: 'arn:aws:iam::123456789012:role/kafka-client', region: 'us-east-1' } },
      tls: { ca: file(tb.state.tls.caPem) },
    };
    const r = await check(spec, undefined, { env: {} });
    const d = r.diagnostics.find((x) => x.code === 'CHECK_MSK_IAM_SKIPPED');
    expect(d?.severity).toBe('warning');
    expect(d?.message).toContain('arn:aws:iam::123456789012:role/kafka-client');
    expect(r.stats.http).toBe(0);
    // the test bed's SASL_SSL listener does not offer AWS_MSK_IAM, which the handshake reveals
    expectFailure(r, 'CHECK_SASL_MECHANISM_NOT_OFFERED', 'AWS_MSK_IAM');
  });

  it('schema registry unreachable', async () => {
    const port = await unusedPort();
    const r = await check({ ...(scramSsl() as Record<string, unknown>), schemaRegistry: { url: `http://127.0.0.1:${port}` } });
    expectFailure(r, 'CHECK_SR_UNREACHABLE', `127.0.0.1:${port}`);
  });
});

describe('graft check CLI', () => {
  it('runs in-process with --json and exits 1 on a failure, 0 on a pass', async () => {
    const pass = writeInput(dir, 'cli-pass.yaml', plaintext(tb.state.listeners.plaintext));
    let out = '';
    const io = { out: (t: string) => void (out += t), err: () => undefined };
    expect(await runCli(['check', '--kafka', pass, '--json', '--timeout-ms', '3000'], io, false)).toBe(0);
    const json = JSON.parse(out) as { ok: boolean; steps: { probe: string; status: string }[] };
    expect(json.ok).toBe(true);
    expect(json.steps.map((s) => s.probe)).toContain('metadata');
    expect(await runCli(['check', '--kafka', pass, '--secrets', 'bogus'], io, false)).toBe(2);
    expect(await runCli(['check'], io, false)).toBe(2);
  });

  it('the single-file bundle runs graft check with plain node', () => {
    const bundle = join(ROOT, 'dist', 'graft.js');
    if (!existsSync(bundle)) spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    const port = String(tb.state.listeners.saslPlaintext.split(':')[1]);
    const spec = writeInput(dir, 'cli-fail.yaml', {
      ...base,
      bootstrapServers: `127.0.0.1:${port}`,
      securityProtocol: 'SASL_PLAINTEXT',
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'alice', password: envRef('ALICE_PASSWORD') },
    });
    const run = (pw: string): { status: number | null; stdout: string; stderr: string } =>
      spawnSync(process.execPath, [bundle, 'check', '--kafka', spec, '--timeout-ms', '3000'], {
        encoding: 'utf8',
        env: { ...process.env, ALICE_PASSWORD: pw },
        timeout: 30_000,
      });
    const ok = run(tb.state.users.alice.password);
    expect(ok.stdout).toContain('PASS:');
    expect(ok.status).toBe(0);
    const bad = run('wrong');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('✗ sasl');
    expect(bad.stderr).toContain('error CHECK_SASL_AUTH_FAILED');
    expect(bad.stderr).toContain('help:');
  });
});
