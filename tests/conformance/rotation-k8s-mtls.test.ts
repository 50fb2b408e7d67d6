import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHandoff, HANDOFF_DIR } from '../../src/handoff/index.js';
import { issueClientCert, startTestbed, type IssuedClientCert, type Testbed } from '../../testbed/kafka/index.js';
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
import { allPass } from './rotation-run.js';
import type { Naming } from './run-service.js';
import type { Setup } from './setups.js';
import { grantWriter, revokeWriter } from './testbed-user.js';
import { skippable } from '../support/skips.js';

// An mTLS client-certificate rotation on Kubernetes as the handoff describes it, against the real broker (SSL
// listener, client certificates required, principal = the certificate's CN): examples/conformance-k8s compiled with
// the CA, certificate and key in the customer's Secret; each Deployment's pod runs with the old certificate; a new one
// is issued by the same CA for a new principal with the same grants, the Secret is updated by the handoff's update
// command and each workload the handoff restarts gets a new pod → it connects as the new identity; the old principal's
// ACLs removed → the new pods still connect, and a pod started while the Secret holds the old certificate is refused.

const enabled = process.env['GRAFT_RUNNERS']?.trim() !== 'none';
const skipWhy = enabled ? undefined : 'GRAFT_RUNNERS=none';
// every Deployment of the example reads the certificate and key from the Secret when its pod starts
const ROTATED = k8sExampleServices();
const OLD_CN = 'rot-old-client';
const NEW_CN = 'rot-new-client';

describe.skipIf(!enabled)(skippable('mTLS client-certificate rotation on Kubernetes, live', skipWhy), () => {
  let tb: Testbed;
  let work: string;
  let compiled: CompiledK8sSetup;
  let naming: Map<string, Naming>;
  let oldCert: IssuedClientCert;
  /** The compiled manifests and the customer's Secrets as the cluster holds them now. */
  let objects: K8sObject[];
  let creates: SecretCommand[];
  let updates: SecretCommand[];
  let restarts: RestartCommand[];

  const setup = (cert: { cert: string; key: string }): Setup => ({
    id: 'rotation-k8s-mtls',
    title: 'SSL mTLS, CA, client certificate and key from the Secret',
    outcome: 'pass',
    spec: (state, store) => ({
      bootstrapServers: state.listeners.ssl,
      securityProtocol: 'SSL',
      tls: {
        ca: { secretRef: { file: state.tls.caPem } },
        clientCert: store.file('client-cert.pem', cert.cert),
        clientKey: store.file('client-key.pem', cert.key),
      },
      topics: { prefix: 'acme.' },
      groups: { prefix: 'acme.' },
    }),
  });

  /** The Secret keys the compiled spec reads the CA, the certificate and the key from. */
  const keys = (): { ca: string; cert: string; key: string } => {
    const tls = compiled.result.spec?.tls;
    return { ca: secretKeyOf(tls?.ca), cert: secretKeyOf(tls?.clientCert), key: secretKeyOf(tls?.clientKey) };
  };

  /** The handoff's Secret update commands (`… --dry-run=client -o yaml | kubectl apply -f -`) run with this certificate. */
  const updateSecret = async (cert: IssuedClientCert): Promise<void> => {
    const k = keys();
    const values = {
      [k.ca]: await readFile(tb.state.tls.caPem, 'utf8'),
      [k.cert]: await readFile(cert.certPem, 'utf8'),
      [k.key]: await readFile(cert.keyPem, 'utf8'),
    };
    for (const cmd of updates) objects = applySecret(objects, cmd, values);
  };

  const restartAll = (): Promise<Record<string, string>> => restartWorkloads(objects, ROTATED, restarts, K8S_NAMESPACE, naming, work);

  beforeAll(async () => {
    const problem = containerSupportProblem();
    if (problem) throw new Error(problem);
    await setupRunners(ROTATED.map((s) => s.runner));
    work = await mkdtemp(join(tmpdir(), 'graft-rotation-k8s-mtls-'));
    naming = k8sNaming(ROTATED);
    tb = await startTestbed({ stateFile: false });
    oldCert = await issueClientCert(join(tb.state.runDir, 'tls'), 'rot-old', OLD_CN);
    await grantWriter(tb.state, `User:${OLD_CN}`, await mkdtemp(join(work, 'old-')));
    const first = { cert: await readFile(oldCert.certPem, 'utf8'), key: await readFile(oldCert.keyPem, 'utf8') };
    compiled = compileK8sSetup(setup(first), tb.state, join(work, 'rotation-k8s-mtls'));
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
    const want = [k.ca, k.cert, k.key].sort();
    expect(creates.map((c) => ({ ...c, keys: [...c.keys].sort() }))).toEqual([
      { name: CUSTOMER_SECRET, namespace: K8S_NAMESPACE, keys: want },
    ]);
    // the Secret exists when the certificate rotates: the handoff updates it in place
    expect(updates).toEqual(creates);
    expect(Object.keys(compiled.secret['data'] as object).sort()).toEqual(want);
    expect(restarts.map((r) => `${r.kind}/${r.name} -n ${r.namespace}: ${r.secrets.join(', ')}`).sort()).toEqual(
      ROTATED.map((s) => `deployment/${s.service} -n ${K8S_NAMESPACE}: ${CUSTOMER_SECRET}`).sort(),
    );
  });

  it('the pods connect with the old certificate', async () => {
    expect(ROTATED.length).toBeGreaterThan(0);
    expect(await restartAll()).toEqual(allPass(ROTATED));
  }, 900_000);

  it('a new certificate from the same CA for a principal with the same grants, the Secret updated, each workload restarted: the new pods connect', async () => {
    const newCert = await issueClientCert(join(tb.state.runDir, 'tls'), 'rot-new', NEW_CN);
    await grantWriter(tb.state, `User:${NEW_CN}`, await mkdtemp(join(work, 'new-')));
    await updateSecret(newCert);
    expect(await restartAll()).toEqual(allPass(ROTATED));
  }, 900_000);

  it("the old principal's ACLs removed: the new pods connect, and a pod started with the old certificate is refused", async () => {
    await revokeWriter(tb.state, `User:${OLD_CN}`);
    expect(await restartAll()).toEqual(allPass(ROTATED));
    await updateSecret(oldCert);
    const cells = await restartAll();
    for (const { service } of ROTATED) expect(cells[service], service).toMatch(/^fail \(acl\)/);
  }, 900_000);
});
