import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestbed, type Testbed } from '../../testbed/kafka/index.js';
import { setupRunners } from '../../testbed/runners/index.js';
import { compileSetup, type CompiledSetup } from './compile-setup.js';
import { containerSupportProblem } from './container.js';
import { exampleServices } from './example.js';
import { allPass as allPassOf, restartServices, rotationNaming, scramCheckCodes } from './rotation-run.js';
import type { Naming } from './run-service.js';
import type { Setup } from './setups.js';
import { addWriterUser, deleteScramCredential } from './testbed-user.js';
import { skippable } from '../support/skips.js';

// A SCRAM rotation as the handoff describes it, against the real broker: the compiled services run with the old
// user; a second user gets the same grants and its credential; the customer's secret files are updated and the
// services restarted (run again from the compiled stack) → they connect; the old credential is removed → graft
// check with the old password is rejected, and so is a service still holding it.

const enabled = process.env['GRAFT_RUNNERS']?.trim() !== 'none';
const skipWhy = enabled ? undefined : 'GRAFT_RUNNERS=none';
// the families that read credentials from mounted files: Java properties (DirectoryConfigProvider) and Spring Boot
const ROTATED = exampleServices().filter((s) => s.runner === 'java' || s.runner === 'spring');
const OLD = { user: 'rot-old', password: 'rot-old-Pw-4711' };
const NEW = { user: 'rot-new', password: 'rot-new-Pw-0815' };

describe.skipIf(!enabled)(skippable('SCRAM rotation, live', skipWhy), () => {
  let tb: Testbed;
  let work: string;
  let compiled: CompiledSetup;
  let naming: Map<string, Naming>;

  const setup: Setup = {
    id: 'rotation-scram-512',
    title: 'SASL_PLAINTEXT + SCRAM-SHA-512, username and password from files',
    outcome: 'pass',
    spec: (state, store) => ({
      bootstrapServers: state.listeners.saslPlaintext,
      securityProtocol: 'SASL_PLAINTEXT',
      sasl: {
        mechanism: 'SCRAM-SHA-512',
        username: store.file('kafka-username', OLD.user),
        password: store.file('kafka-password', OLD.password),
      },
      topics: { prefix: 'acme.' },
      groups: { prefix: 'acme.' },
    }),
  };

  const runAll = (): Promise<Record<string, string>> => restartServices(compiled, ROTATED, naming, work);
  const allPass = (): Record<string, string> => allPassOf(ROTATED);

  const checkWith = (creds: typeof OLD, want: string[]): Promise<string[]> => scramCheckCodes(tb.state, work, creds, want);

  beforeAll(async () => {
    const problem = containerSupportProblem();
    if (problem) throw new Error(problem);
    await setupRunners(ROTATED.map((s) => s.runner));
    work = await mkdtemp(join(tmpdir(), 'graft-rotation-'));
    naming = await rotationNaming(ROTATED, join(work, 'origin'));
    tb = await startTestbed({ stateFile: false });
    await addWriterUser(tb.state, OLD.user, OLD.password, await mkdtemp(join(work, 'old-')));
    compiled = compileSetup(setup, tb.state, join(work, setup.id));
  }, 900_000);

  afterAll(async () => {
    await tb?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  }, 120_000);

  it('the services connect with the old credential', async () => {
    expect(ROTATED.length).toBeGreaterThan(0);
    expect(await runAll()).toEqual(allPass());
  }, 600_000);

  it('a second user with the same grants, the secret files updated, the services restarted: they connect', async () => {
    await addWriterUser(tb.state, NEW.user, NEW.password, await mkdtemp(join(work, 'new-')));
    // as the handoff says: each value in a file without its final newline, installed as the secret file
    await writeFile(join(compiled.store.dir, 'kafka-username'), NEW.user, { mode: 0o600 });
    await writeFile(join(compiled.store.dir, 'kafka-password'), NEW.password, { mode: 0o600 });
    expect(await checkWith(NEW, [])).toEqual([]);
    expect(await runAll()).toEqual(allPass());
  }, 600_000);

  it('the old credential removed: the services with the new one connect, the old password is rejected, and a service still holding it fails', async () => {
    await deleteScramCredential(tb.state, OLD.user);
    expect(await checkWith(OLD, ['CHECK_SASL_AUTH_FAILED'])).toEqual(['CHECK_SASL_AUTH_FAILED']);
    expect(await checkWith(NEW, [])).toEqual([]);
    // the restarted services hold the new credential alone now, and still connect
    expect(await runAll()).toEqual(allPass());
    await writeFile(join(compiled.store.dir, 'kafka-username'), OLD.user, { mode: 0o600 });
    await writeFile(join(compiled.store.dir, 'kafka-password'), OLD.password, { mode: 0o600 });
    const cells = await runAll();
    for (const { service } of ROTATED) expect(cells[service], service).toMatch(/^fail \(auth\)/);
  }, 600_000);
});
