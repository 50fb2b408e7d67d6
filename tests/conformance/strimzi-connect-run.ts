import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeApiserver } from '../../tools/kube-apiserver/index.js';
import type { ContainerMount } from './compose-service.js';
import { execInNamespace } from './container.js';
import type { Cell } from './expected.js';
import { classifyFailure } from './families.js';
import type { Cluster, K8sObject } from './k8s-pod.js';
import type { ServiceRun } from './run-service.js';
import type { ConnectChildRequest, ConnectChildResult } from './strimzi-connect-child.js';
import { strimziConnectPod, type StrimziConnectPod } from './strimzi-connect.js';
import { freePorts } from '../../testbed/kafka/ports.js';

// Runs the Connect pod the Strimzi operator would run for a compiled KafkaConnect: a real Kafka Connect worker in
// distributed mode, in a private mount namespace that holds what the pod holds — the operator's ConfigMap at
// /opt/kafka/custom-config/, the Secret volumes the operator mounts (/opt/kafka/connect-password/<secret>, ...) and the
// service account's token, CA and namespace at /var/run/secrets/kubernetes.io/serviceaccount/, with which Strimzi's
// KubernetesSecretConfigProvider reads `${strimzisecrets:…}` Secrets from a real kube-apiserver
// (KUBERNETES_SERVICE_HOST/PORT, as the kubelet sets them). The Secrets are created there for real first.

const CHILD = join(import.meta.dirname, 'strimzi-connect-child.ts');
const SERVICE_ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Creates (or replaces) Secrets in the API server, as the customer and the operator would have. */
export async function applySecrets(kube: KubeApiserver, secrets: readonly K8sObject[]): Promise<void> {
  for (const s of secrets) {
    const meta = s.metadata ?? {};
    const ns = typeof meta['namespace'] === 'string' ? meta['namespace'] : 'default';
    const name = typeof meta['name'] === 'string' ? meta['name'] : '';
    await kube.ensureNamespace(ns);
    await kube.request('DELETE', `/api/v1/namespaces/${ns}/secrets/${name}`);
    const res = await kube.request('POST', `/api/v1/namespaces/${ns}/secrets`, JSON.stringify(s));
    if (res.status !== 201) throw new Error(`creating Secret ${ns}/${name}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** Where the API serves a namespaced object of a kind (the core group, or a named one). */
function collection(o: K8sObject, namespace: string): string {
  const api = typeof o.apiVersion === 'string' && o.apiVersion.includes('/') ? `/apis/${o.apiVersion}` : '/api/v1';
  return `${api}/namespaces/${namespace}/${String(o.kind).toLowerCase()}s`;
}

/**
 * Makes the namespace's RBAC exactly `objects` (ServiceAccounts, Roles, RoleBindings), for real: the Roles and
 * RoleBindings of an earlier run are deleted first, so a worker reads only what this run grants it.
 */
export async function applyRbac(kube: KubeApiserver, namespace: string, objects: readonly K8sObject[]): Promise<void> {
  await kube.ensureNamespace(namespace);
  for (const kind of ['roles', 'rolebindings'])
    await kube.request('DELETE', `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/${kind}`);
  for (const o of objects) {
    const name = typeof o.metadata?.['name'] === 'string' ? o.metadata['name'] : '';
    await kube.request('DELETE', `${collection(o, namespace)}/${name}`);
    const res = await kube.request('POST', collection(o, namespace), JSON.stringify(o));
    if (res.status !== 201) throw new Error(`creating ${String(o.kind)} ${namespace}/${name}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** A token of a ServiceAccount (TokenRequest), as the kubelet projects it into the pod. */
export async function serviceAccountToken(kube: KubeApiserver, namespace: string, name: string): Promise<string> {
  const res = await kube.request(
    'POST',
    `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`,
    JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 } }),
  );
  const token = (res.body as { status?: { token?: string } } | undefined)?.status?.token;
  if (res.status !== 201 || !token) throw new Error(`TokenRequest for ${namespace}/${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return token;
}

/**
 * The Connect pod's ServiceAccount (`<name>-connect`) with exactly the RBAC it has on a cluster: the operator's Role for
 * its own `${strimzisecrets:…}` Secrets and the compiled stack's Roles; its token, for the worker.
 */
export async function podToken(
  kube: KubeApiserver,
  pod: StrimziConnectPod,
  compiled: readonly K8sObject[],
  account = `${pod.name}-connect`,
): Promise<string> {
  await applyRbac(kube, pod.namespace, [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: account, namespace: pod.namespace } },
    ...pod.operatorRbac,
    ...compiled.filter((o) => (o.kind === 'Role' || o.kind === 'RoleBinding') && o.metadata?.['namespace'] === pod.namespace),
  ]);
  return serviceAccountToken(kube, pod.namespace, account);
}

/** What one worker run needs besides the pod. */
export interface ConnectRunOptions {
  kube: KubeApiserver;
  /** The pod's ServiceAccount token (`serviceAccountToken`), with which the worker reads Secrets under RBAC. */
  token: string;
  libs: string;
  restPort: number;
  /** The topic the connectors move the record through, and the sink's group (both under the customer's prefixes). */
  topic: string;
  group: string;
  timeoutMs: number;
  /** Soak mode: the source keeps producing one line every `intervalMs` for `ms`, each read back by the sink. */
  soak?: { ms: number; intervalMs: number };
  /**
   * A KafkaMirrorMaker2's pod (`strimzi-mirrormaker2.ts`): its container's KAFKA_MIRRORMAKER_2_* variables, its
   * connectors, and the line the test produced to the source cluster, which the sink must read from `topic`.
   */
  mirrorMaker2?: { env: Record<string, string>; connectors: { name: string; config: Record<string, string> }[]; value: string };
}

/** Runs the worker and the two connectors; names the outcome as a matrix cell. */
/**
 * Runs a compiled KafkaConnect as its pod would run: the operator's rendering, the customer's Secret and the operator's in
 * the API server, the pod's ServiceAccount token under its RBAC, a free REST port. Throws OperatorError when the operator
 * could not reconcile the resource.
 */
export async function runCompiledConnect(
  kube: KubeApiserver,
  compiled: { secret: K8sObject; cluster: Cluster; objects: readonly K8sObject[] },
  kc: K8sObject,
  scratch: string,
  o: Omit<ConnectRunOptions, 'kube' | 'token' | 'restPort'>,
): Promise<{ pod: StrimziConnectPod; run: ServiceRun }> {
  const pod = strimziConnectPod(kc, compiled.cluster, scratch);
  // the customer created their Secret; the operator created the trusted-certificates Secret
  await applySecrets(kube, [compiled.secret, ...pod.operatorSecrets]);
  const token = await podToken(kube, pod, compiled.objects);
  const [restPort] = await freePorts(1);
  return { pod, run: await runStrimziConnect(pod, { ...o, kube, token, restPort: restPort ?? 0 }, scratch) };
}

export async function runStrimziConnect(pod: StrimziConnectPod, o: ConnectRunOptions, scratch: string): Promise<ServiceRun> {
  const config = join(scratch, 'custom-config');
  const sa = join(scratch, 'serviceaccount');
  const work = join(scratch, 'work');
  await Promise.all([config, sa, work].map((d) => mkdir(d, { recursive: true })));
  await writeFile(join(config, 'kafka-connect.properties'), pod.properties);
  await writeFile(join(sa, 'token'), o.token);
  await writeFile(join(sa, 'ca.crt'), o.kube.credentials.caPem);
  await writeFile(join(sa, 'namespace'), pod.namespace);
  const api = new URL(o.kube.url);
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    ...(process.env['JAVA_HOME'] ? { JAVA_HOME: process.env['JAVA_HOME'] } : {}),
    HOME: work,
    // kafka_connect_mm2_shared_run.sh exports it; the builder's rest.advertised.host.name reads it
    ADVERTISED_HOSTNAME: '127.0.0.1',
    KUBERNETES_SERVICE_HOST: api.hostname,
    KUBERNETES_SERVICE_PORT: api.port,
    KUBERNETES_SERVICE_PORT_HTTPS: api.port,
    // kafka_mirror_maker_2_run.sh: the container's variables, and the stores' random password it exports
    ...(o.mirrorMaker2
      ? { ...o.mirrorMaker2.env, MIRRORMAKER_2_CERTS_STORE_PASSWORD: randomBytes(24).toString('base64url').slice(0, 32) }
      : {}),
  };
  // the pod's own /tmp/kafka, where the MirrorMaker 2 image writes its cluster stores; its mount point is made on the
  // host (empty), since an overlay over /tmp, which holds the scratch directories, would hide the child's writes there
  const tmpKafka = join(scratch, 'tmp-kafka');
  await mkdir(tmpKafka, { recursive: true });
  if (o.mirrorMaker2) await mkdir('/tmp/kafka', { recursive: true });
  const mounts: ContainerMount[] = [
    { source: config, target: '/opt/kafka/custom-config', readOnly: true },
    { source: sa, target: SERVICE_ACCOUNT, readOnly: true },
    ...(o.mirrorMaker2 ? [{ source: tmpKafka, target: '/tmp/kafka', readOnly: false }] : []),
    ...pod.mounts,
  ];
  const request: ConnectChildRequest = {
    libs: o.libs,
    configFile: '/opt/kafka/custom-config/kafka-connect.properties',
    work,
    restPort: o.restPort,
    env,
    topic: o.topic,
    group: o.group,
    timeoutMs: o.timeoutMs,
    ...(o.soak ? { soakMs: o.soak.ms, intervalMs: o.soak.intervalMs } : {}),
    ...(o.mirrorMaker2 ? { mirrorMaker2: { connectors: o.mirrorMaker2.connectors, value: o.mirrorMaker2.value } } : {}),
  };
  const requestFile = join(scratch, 'request.json');
  const resultFile = join(scratch, 'result.json');
  await writeFile(requestFile, JSON.stringify(request));
  const ns = join(scratch, 'ns-scratch');
  await mkdir(ns, { recursive: true });
  const run = await execInNamespace(
    mounts,
    ns,
    [process.execPath, '--import', 'tsx', CHILD, requestFile, resultFile],
    o.timeoutMs + 30_000,
  );
  if (run.code !== 0 || !existsSync(resultFile))
    throw new Error(`Connect pod setup or child failed (exit ${run.code}):\n${run.log}\n--- script ---\n${run.script}`);
  const r = JSON.parse(await readFile(resultFile, 'utf8')) as ConnectChildResult;
  const details = `${r.error ?? 'ok'}\n--- worker log: errors and warnings, then its tail ---\n${r.log.slice(0, 12_000)}`;
  let cell: Cell;
  if (r.ok) cell = 'pass';
  else cell = `fail (${classifyFailure(`${r.error ?? ''}\n${r.log}`) ?? (r.error?.startsWith('timeout') ? 'timeout' : 'other')})`;
  return {
    cell,
    details,
    durationMs: r.durationMs,
    result: { ok: r.ok, runner: 'connect-runtime', elapsedMs: r.elapsedMs, rounds: r.rounds, topic: o.topic, group: o.group },
  };
}
