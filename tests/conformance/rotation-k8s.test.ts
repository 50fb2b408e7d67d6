import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHandoff, HANDOFF_DIR } from '../../src/handoff/index.js';
import { startTestbed, type Testbed } from '../../testbed/kafka/index.js';
import { setupRunners } from '../../testbed/runners/index.js';
import { render } from './compile-setup.js';
import { containerSupportProblem } from './container.js';
import type { K8sObject } from './k8s-pod.js';
import {
  applySecret,
  k8sNaming,
  kubernetesSteps,
  restartWorkloads,
  secretKeyOf,
  type RestartCommand,
  type SecretCommand,
} from './k8s-rotation.js';
import { compileK8sSetup, CUSTOMER_SECRET, K8S_NAMESPACE, k8sExampleServices, type CompiledK8sSetup } from './k8s-setup.js';
import { allPass, scramCheckCodes } from './rotation-run.js';
import type { Naming } from './run-service.js';
import type { Setup } from './setups.js';
import { addWriterUser, deleteScramCredential } from './testbed-user.js';
import { skippable } from '../support/skips.js';

// A SCRAM rotation on Kubernetes as the handoff describes it, against the real broker: examples/conformance-k8s
// compiled with the credentials in the customer's Secret; each Deployment's pod runs with the old user; a second user
// gets the same grants and its credential; the Secret is updated with it by the handoff's update command (its creation
// command with `--dry-run=client -o yaml | kubectl apply -f -`) and each workload the handoff's
// `kubectl rollout restart` names gets a new pod from the same manifests → it connects; the old credential removed →
// graft check with the old password is rejected, and a pod started while the Secret holds it fails.

const enabled = process.env['GRAFT_RUNNERS']?.trim() !== 'none';
const skipWhy = enabled ? undefined : 'GRAFT_RUNNERS=none';
// every Deployment of the example reads its credentials from the Secret when its pod starts
const ROTATED = k8sExampleServices();
const OLD = { user: 'rot-old', password: 'rot-old-Pw-4711' };
const NEW = { user: 'rot-new', password: 'rot-new-Pw-0815' };

describe.skipIf(!enabled)(skippable('SCRAM rotation on Kubernetes, live', skipWhy), () => {
  let tb: Testbed;
  let work: string;
  let compiled: CompiledK8sSetup;
  let naming: Map<string, Naming>;
  /** The compiled manifests and the customer's Secrets as the cluster holds them now. */
  let objects: K8sObject[];
  let creates: SecretCommand[];
  let updates: SecretCommand[];
  let restarts: RestartCommand[];

  const setup: Setup = {
    id: 'rotation-k8s-scram-512',
    title: 'SASL_PLAINTEXT + SCRAM-SHA-512, username and password from the Secret',
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

  /** The Secret key the compiled spec reads the username and the password from. */
  const keys = (): { user: string; password: string } => {
    return { user: secretKeyOf(compiled.result.spec?.sasl?.username), password: secretKeyOf(compiled.result.spec?.sasl?.password) };
  };

  /** The handoff's Secret update commands (`… --dry-run=client -o yaml | kubectl apply -f -`) run with these credentials. */
  const updateSecret = (creds: typeof OLD): void => {
    const k = keys();
    for (const cmd of updates) objects = applySecret(objects, cmd, { [k.user]: creds.user, [k.password]: creds.password });
  };

  const restartAll = (): Promise<Record<string, string>> => restartWorkloads(objects, ROTATED, restarts, K8S_NAMESPACE, naming, work);

  beforeAll(async () => {
    const problem = containerSupportProblem();
    if (problem) throw new Error(problem);
    await setupRunners(ROTATED.map((s) => s.runner));
    work = await mkdtemp(join(tmpdir(), 'graft-rotation-k8s-'));
    naming = k8sNaming(ROTATED);
    tb = await startTestbed({ stateFile: false });
    await addWriterUser(tb.state, OLD.user, OLD.password, await mkdtemp(join(work, 'old-')));
    compiled = compileK8sSetup(setup, tb.state, join(work, setup.id));
    objects = compiled.objects;
    // the handoff graft compile writes beside the stack
    const handoff = buildHandoff(compiled.result).get(`${HANDOFF_DIR}/README.md`) ?? '';
    ({ creates, updates, restarts } = kubernetesSteps(handoff));
  }, 900_000);

  afterAll(async () => {
    await tb?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  }, 120_000);

  it("the handoff creates and updates the customer's Secret with the keys the workloads read, and restarts each workload", () => {
    expect(compiled.refused, render(compiled.result)).toEqual(new Map());
    const k = keys();
    const secret = { name: CUSTOMER_SECRET, namespace: K8S_NAMESPACE, keys: [k.user, k.password] };
    expect(creates).toEqual([secret]);
    // the Secret exists when the credential rotates: the handoff updates it in place
    expect(updates).toEqual([secret]);
    expect(Object.keys(compiled.secret['data'] as object).sort()).toEqual([k.user, k.password].sort());
    expect(restarts.map((r) => `${r.kind}/${r.name} -n ${r.namespace}: ${r.secrets.join(', ')}`).sort()).toEqual(
      ROTATED.map((s) => `deployment/${s.service} -n ${K8S_NAMESPACE}: ${CUSTOMER_SECRET}`).sort(),
    );
  });

  it('the pods connect with the old credential', async () => {
    expect(ROTATED.length).toBeGreaterThan(0);
    expect(await restartAll()).toEqual(allPass(ROTATED));
  }, 900_000);

  it('a second user with the same grants, the Secret updated, each workload restarted: the new pods connect', async () => {
    await addWriterUser(tb.state, NEW.user, NEW.password, await mkdtemp(join(work, 'new-')));
    updateSecret(NEW);
    expect(await scramCheckCodes(tb.state, work, NEW, [])).toEqual([]);
    expect(await restartAll()).toEqual(allPass(ROTATED));
  }, 900_000);

  it('the old credential removed: the new pods connect, the old password is rejected, and a pod started with it fails', async () => {
    await deleteScramCredential(tb.state, OLD.user);
    expect(await scramCheckCodes(tb.state, work, OLD, ['CHECK_SASL_AUTH_FAILED'])).toEqual(['CHECK_SASL_AUTH_FAILED']);
    expect(await restartAll()).toEqual(allPass(ROTATED));
    updateSecret(OLD);
    const cells = await restartAll();
    for (const { service } of ROTATED) expect(cells[service], service).toMatch(/^fail \(auth\)/);
  }, 900_000);
});
