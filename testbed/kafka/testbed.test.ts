import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientCheck,
  javaClientProperties,
  startTestbed,
  writeClientProperties,
  type ClientCheckResult,
  type JavaClientAuth,
  type JavaClientOptions,
  type Testbed,
} from './index.js';
import { testbedCacheDir } from './paths.js';

let tb: Testbed;
let dir: string;
const uniq = (): string => randomBytes(4).toString('hex');

beforeAll(async () => {
  // First run downloads Kafka with Maven; later runs start in ~5-10 s.
  tb = await startTestbed({
    stateFile: false,
    log: (m) => console.log(`[testbed] ${m}`),
  });
  dir = await mkdtemp(join(testbedCacheDir(), 'clients-'));
}, 600_000);

afterAll(async () => {
  await tb?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 60_000);

/** Writes a client.properties for the auth mode and runs one real Java produce/consume check. */
async function check(
  auth: JavaClientAuth,
  mode: 'produce' | 'consume' | 'roundtrip',
  o: JavaClientOptions & {
    topic?: string;
    payload?: string;
    extra?: Record<string, string>;
  } = {},
): Promise<ClientCheckResult> {
  const props = { ...javaClientProperties(tb.state, auth, o), ...o.extra };
  const file = await writeClientProperties(join(dir, `${auth.kind}-${uniq()}.properties`), props);
  const topic = o.topic ?? `acme.${auth.kind}-${uniq()}`;
  const payload = o.payload ?? `hello-${uniq()}`;
  return clientCheck(tb.state, file, mode, topic, `acme.group-${auth.kind}`, payload);
}

function expectRoundtrip(res: ClientCheckResult): void {
  expect(res.failure).toBe('');
  expect(res.code).toBe(0);
  expect(res.produced).toBe(true);
  expect(res.consumed).toBe(true);
}

describe('Kafka test bed (real broker)', () => {
  it('PLAINTEXT produce + consume', async () => {
    expectRoundtrip(await check({ kind: 'plaintext' }, 'roundtrip'));
  }, 120_000);

  it('SCRAM-SHA-512 on SASL_PLAINTEXT', async () => {
    const auth = {
      kind: 'sasl',
      tls: false,
      mechanism: 'SCRAM-SHA-512',
      user: 'alice',
    } as const;
    expectRoundtrip(await check(auth, 'roundtrip'));
  }, 120_000);

  it('PLAIN on SASL_SSL with the private CA (PEM truststore)', async () => {
    const auth = {
      kind: 'sasl',
      tls: true,
      mechanism: 'PLAIN',
      user: 'alice',
    } as const;
    expectRoundtrip(await check(auth, 'roundtrip'));
  }, 120_000);

  it('OAUTHBEARER on SASL_SSL via the local OIDC server', async () => {
    const before = tb.oidc.stats.tokensIssued;
    expectRoundtrip(await check({ kind: 'oauth' }, 'roundtrip'));
    expect(tb.oidc.stats.tokensIssued).toBeGreaterThan(before);
    expect(tb.oidc.stats.jwksFetches).toBeGreaterThan(0);
  }, 120_000);

  it('mTLS on SSL maps the client certificate to User:app-client', async () => {
    expectRoundtrip(await check({ kind: 'mtls' }, 'roundtrip'));
  }, 120_000);

  it('a wrong password fails with an authentication error', async () => {
    const auth = {
      kind: 'sasl',
      tls: false,
      mechanism: 'SCRAM-SHA-512',
      user: 'alice',
      password: 'not-the-password',
    } as const;
    const res = await check(auth, 'produce');
    expect(res.code).toBe(2);
    expect(res.produced).toBe(false);
    expect(res.failure).toMatch(/SaslAuthenticationException/);
  }, 120_000);

  it('a truststore with another CA fails the TLS handshake', async () => {
    const auth = {
      kind: 'sasl',
      tls: true,
      mechanism: 'PLAIN',
      user: 'alice',
    } as const;
    const res = await check(auth, 'produce', {
      caPem: tb.state.tls.otherCaPem,
    });
    expect(res.code).toBe(2);
    expect(res.produced).toBe(false);
    expect(res.failure).toMatch(/SslAuthenticationException/);
    expect(res.failure).toMatch(/PKIX path building failed|unable to find valid certification/);
  }, 120_000);

  it('reader can consume but cannot produce (missing WRITE ACL)', async () => {
    const topic = `acme.readonly-${uniq()}`;
    const payload = `seed-${uniq()}`;
    const as = (user: 'alice' | 'reader') => ({ kind: 'sasl', tls: false, mechanism: 'SCRAM-SHA-256', user }) as const;
    expect((await check(as('alice'), 'produce', { topic, payload })).code).toBe(0);
    expect((await check(as('reader'), 'consume', { topic, payload })).consumed).toBe(true);
    // Without idempotence the produce request itself is denied for the topic.
    const write = await check(as('reader'), 'produce', {
      topic,
      extra: { 'enable.idempotence': 'false' },
    });
    expect(write.code).toBe(2);
    expect(write.produced).toBe(false);
    expect(write.failure).toMatch(/TopicAuthorizationException/);
    // With the default idempotent producer (Kafka 4.x) InitProducerId is refused first: no WRITE
    // on any topic (KIP-679) and no IDEMPOTENT_WRITE on the cluster.
    const idem = await check(as('reader'), 'produce', { topic });
    expect(idem.code).toBe(2);
    expect(idem.failure).toMatch(/ClusterAuthorizationException/);
  }, 180_000);
});
