import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check/index.js';
import { issueClientCert, startTestbed, type IssuedClientCert, type Testbed } from '../../testbed/kafka/index.js';
import { setupRunners } from '../../testbed/runners/index.js';
import { compileSetup, type CompiledSetup } from './compile-setup.js';
import { containerSupportProblem } from './container.js';
import { exampleServices } from './example.js';
import { allPass, restartServices, rotationNaming } from './rotation-run.js';
import type { Naming } from './run-service.js';
import type { Setup } from './setups.js';
import { grantWriter, revokeWriter } from './testbed-user.js';
import { skippable } from '../support/skips.js';

// An mTLS client-certificate rotation as the handoff describes it, against the real broker (SSL listener,
// client certificates required, principal = the certificate's CN): the compiled services run with the old
// certificate; a new one is issued by the same CA for a new principal with the same grants, the customer's
// certificate and key files are replaced and the services restarted → they connect as the new identity; the
// old principal's ACLs are removed → the services with the new files still connect, and with the old
// certificate put back every one of them is refused by the broker's authorizer.

const enabled = process.env['GRAFT_RUNNERS']?.trim() !== 'none';
const skipWhy = enabled ? undefined : 'GRAFT_RUNNERS=none';
// every family reads the certificate and key from mounted files at start-up
const ROTATED = exampleServices();
const OLD_CN = 'rot-old-client';
const NEW_CN = 'rot-new-client';

describe.skipIf(!enabled)(skippable('mTLS client-certificate rotation, live', skipWhy), () => {
  let tb: Testbed;
  let work: string;
  let compiled: CompiledSetup;
  let naming: Map<string, Naming>;
  let oldCert: IssuedClientCert;
  let newCert: IssuedClientCert;
  const tlsDir = (): string => join(tb.state.runDir, 'tls');

  const setup: Setup = {
    id: 'rotation-mtls',
    title: 'SSL mTLS, client certificate and key from files',
    outcome: 'pass',
    spec: (state, store) => ({
      bootstrapServers: state.listeners.ssl,
      securityProtocol: 'SSL',
      tls: {
        ca: { secretRef: { file: state.tls.caPem } },
        clientCert: store.file('client-cert.pem', ''),
        clientKey: store.file('client-key.pem', ''),
      },
      topics: { prefix: 'acme.' },
      groups: { prefix: 'acme.' },
    }),
  };

  /** Puts a certificate and its key where the customer's store keeps them (the files the compiled stack mounts). */
  const install = async (cert: IssuedClientCert): Promise<void> => {
    await copyFile(cert.certPem, join(compiled.store.dir, 'client-cert.pem'));
    await copyFile(cert.keyPem, join(compiled.store.dir, 'client-key.pem'));
  };
  const runAll = (): Promise<Record<string, string>> => restartServices(compiled, ROTATED, naming, work);

  /** graft check's error codes over the SSL listener with this certificate. */
  const checkWith = async (cert: IssuedClientCert): Promise<string[]> => {
    const spec = join(work, `check-${cert.certPem.replace(/\W/g, '_')}.yaml`);
    await writeFile(
      spec,
      [
        'apiVersion: graft.dev/v1',
        'kind: CustomerKafka',
        `bootstrapServers: ${tb.state.listeners.ssl}`,
        'securityProtocol: SSL',
        'tls:',
        `  ca: { secretRef: { file: ${tb.state.tls.caPem} } }`,
        `  clientCert: { secretRef: { file: ${cert.certPem} } }`,
        `  clientKey: { secretRef: { file: ${cert.keyPem} } }`,
        '',
      ].join('\n'),
    );
    const r = await runCheck({ spec, env: {}, timeoutMs: 5000 });
    return [...new Set(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))].sort();
  };

  beforeAll(async () => {
    const problem = containerSupportProblem();
    if (problem) throw new Error(problem);
    await setupRunners(ROTATED.map((s) => s.runner));
    work = await mkdtemp(join(tmpdir(), 'graft-rotation-mtls-'));
    naming = await rotationNaming(ROTATED, join(work, 'origin'));
    tb = await startTestbed({ stateFile: false });
    oldCert = await issueClientCert(tlsDir(), 'rot-old', OLD_CN);
    await grantWriter(tb.state, `User:${OLD_CN}`, await mkdtemp(join(work, 'old-')));
    compiled = compileSetup(setup, tb.state, join(work, setup.id));
    await install(oldCert);
  }, 900_000);

  afterAll(async () => {
    await tb?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  }, 120_000);

  it('the services connect with the old certificate', async () => {
    expect(ROTATED.length).toBeGreaterThan(0);
    expect(compiled.refused).toEqual(new Map());
    expect(await runAll()).toEqual(allPass(ROTATED));
  }, 600_000);

  it('a new certificate from the same CA for a principal with the same grants, the files replaced, the services restarted: they connect', async () => {
    newCert = await issueClientCert(tlsDir(), 'rot-new', NEW_CN);
    await grantWriter(tb.state, `User:${NEW_CN}`, await mkdtemp(join(work, 'new-')));
    await install(newCert);
    expect(await checkWith(newCert)).toEqual([]);
    expect(await runAll()).toEqual(allPass(ROTATED));
  }, 600_000);

  it("the old principal's ACLs removed: the services with the new certificate connect, and with the old one put back each is refused", async () => {
    await revokeWriter(tb.state, `User:${OLD_CN}`);
    expect(await runAll()).toEqual(allPass(ROTATED));
    await install(oldCert);
    const cells = await runAll();
    for (const { service } of ROTATED) expect(cells[service], service).toMatch(/^fail \(acl\)/);
  }, 600_000);
});
