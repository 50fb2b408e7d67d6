import { mkdtemp } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunnerName } from '../../testbed/runners/index.js';
import { RUNNER_FACTS } from './families.js';
import { imageLaunch, launchImage } from './images.js';
import {
  clusterOf,
  parseManifests,
  podContainers,
  resolveEnv,
  secretGeneric,
  startContainer,
  type K8sObject,
  type PodVolumes,
} from './k8s-pod.js';
import { runInitContainers, runPod } from './k8s-run.js';
import { K8S_EXAMPLE, type K8sExampleService } from './k8s-setup.js';
import type { Naming, ServiceRun } from './run-service.js';

// What the live Kubernetes rotation tests share: the steps the handoff gives for a Kubernetes stack, read the way
// the customer reads them (the Secret creation command, the `kubectl rollout restart` per workload), and a restart
// of a workload: a new pod from the same compiled manifests, started by the kubelet against the Secrets as they are
// now, its client run by the pod runner.

/** The origin topic and group of each Deployment, as the kubelet resolves them from the uncompiled manifests, with the `acme.` prefix. */
export function k8sNaming(services: readonly K8sExampleService[]): Map<string, Naming> {
  const origin = parseManifests(readFileSync(join(K8S_EXAMPLE, 'apps.yaml'), 'utf8'));
  const cluster = clusterOf(origin);
  const naming = new Map<string, Naming>();
  for (const { service, runner } of services) {
    const pc = podContainers(origin).find((c) => c.kind === 'Deployment' && c.name === service);
    if (!pc) throw new Error(`no Deployment ${service}`);
    const resolved = resolveEnv(pc, cluster).env;
    const env = imageLaunch(String(pc.container['image']), resolved)?.env ?? resolved;
    const facts = RUNNER_FACTS[runner];
    naming.set(service, { topic: `acme.${env[facts.topicEnv] ?? ''}`, group: `acme.${env[facts.groupEnv] ?? ''}` });
  }
  return naming;
}

/** One `kubectl create secret generic` command of the handoff: the Secret, its namespace and its keys. */
export interface SecretCommand {
  name: string;
  namespace: string;
  /** `--from-literal` / `--from-file` keys, in order. */
  keys: string[];
}

/** One `kubectl rollout restart <kind>/<name> -n <namespace>` of the handoff, with the Secrets its comment says the workload reads. */
export interface RestartCommand {
  kind: string;
  name: string;
  namespace: string;
  secrets: string[];
}

/**
 * The Kubernetes steps of a handoff README: its Secret creation commands, the same commands piped to `kubectl apply`
 * that update a Secret that exists, and its rollout restarts.
 */
export function kubernetesSteps(handoff: string): { creates: SecretCommand[]; updates: SecretCommand[]; restarts: RestartCommand[] } {
  const creates: SecretCommand[] = [];
  const updates: SecretCommand[] = [];
  const restarts: RestartCommand[] = [];
  let secrets: string[] = [];
  for (const line of handoff.split('\n')) {
    const create = /^kubectl create secret generic (\S+) --namespace (\S+) /.exec(line);
    if (create)
      (line.endsWith(' --dry-run=client -o yaml | kubectl apply -f -') ? updates : creates).push({
        name: create[1] ?? '',
        namespace: create[2] ?? '',
        keys: [...line.matchAll(/ --from-(?:literal|file)=([-._a-zA-Z0-9]+)=/g)].map((m) => m[1] ?? ''),
      });
    const comment = /^# \S+: Secret (.+?)(?: \(|$)/.exec(line);
    if (comment) secrets = (comment[1] ?? '').split(', ');
    const restart = /^kubectl rollout restart (\w+)\/(\S+) -n (\S+)$/.exec(line);
    if (restart) {
      restarts.push({ kind: restart[1] ?? '', name: restart[2] ?? '', namespace: restart[3] ?? '', secrets });
      secrets = [];
    }
  }
  return { creates, updates, restarts };
}

/**
 * The objects once `kubectl create secret generic <name> … --dry-run=client -o yaml | kubectl apply -f -` ran with
 * these values for the command's keys: the Secret it names updated (apply merges the keys over the live object), or
 * created when the cluster has no Secret of that name in that namespace.
 */
export function applySecret(objects: readonly K8sObject[], cmd: SecretCommand, values: Readonly<Record<string, string>>): K8sObject[] {
  const data: Record<string, string> = {};
  for (const key of cmd.keys) {
    const v = values[key];
    if (v === undefined) throw new Error(`no new value for key ${key} of Secret ${cmd.name}`);
    data[key] = Buffer.from(v, 'utf8').toString('base64');
  }
  const named = (o: K8sObject): boolean =>
    o.kind === 'Secret' && o.metadata?.['name'] === cmd.name && (o.metadata['namespace'] ?? 'default') === cmd.namespace;
  if (!objects.some(named))
    return [
      ...objects,
      secretGeneric(
        cmd.name,
        cmd.namespace,
        cmd.keys.map((key) => ({ key, literal: values[key] ?? '' })),
      ),
    ];
  return objects.map((o) => (named(o) ? { ...o, data: { ...(o['data'] as Record<string, string>), ...data } } : o));
}

/** A runner's own controls added to a pod's environment (its soak mode), and how long the run may take. */
export interface RunnerControls {
  env: Readonly<Record<string, string>>;
  timeoutMs: number;
}

/**
 * `kubectl rollout restart` of one Deployment: a new pod from the same manifests, started against `objects` (the
 * compiled manifests and the customer's Secrets as they are now), its init containers first; `pass` or the cell
 * with the run's details. `controls` adds the runner's own settings (never a Kafka one) to the started container.
 */
export async function restartPod(
  objects: readonly K8sObject[],
  service: string,
  runner: RunnerName,
  want: Naming,
  work: string,
  controls?: RunnerControls,
): Promise<string> {
  return (await startPod(objects, service, runner, want, work, controls)).cell;
}

/** `restartPod` with the whole run: the cell (`pass`, or the cell and the run's details) and the runner's result. */
export async function startPod(
  objects: readonly K8sObject[],
  service: string,
  runner: RunnerName,
  want: Naming,
  work: string,
  controls?: RunnerControls,
): Promise<{ cell: string; result?: ServiceRun['result'] }> {
  const cluster = clusterOf(objects);
  const pc = podContainers(objects).find((c) => c.kind === 'Deployment' && c.name === service);
  if (!pc) throw new Error(`compiled manifests have no Deployment ${service}`);
  const scratch = await mkdtemp(join(work, `${service}-`));
  const volumes: PodVolumes = new Map();
  const init = await runInitContainers(pc, cluster, join(scratch, 'volumes'), volumes, scratch);
  if (init.failed) return { cell: `${init.failed.cell}\n${init.failed.details}` };
  const view = launchImage(
    String(pc.container['image']),
    startContainer(pc, cluster, join(scratch, 'volumes'), volumes),
    join(scratch, 'image'),
  );
  const run = await runPod(
    runner,
    controls ? { ...view, env: { ...view.env, ...controls.env } } : view,
    want,
    scratch,
    controls?.timeoutMs,
  );
  return { cell: run.cell === 'pass' ? 'pass' : `${run.cell}\n${run.details}`, ...(run.result ? { result: run.result } : {}) };
}

/**
 * Restarts each service the handoff's `kubectl rollout restart deployment/<name> -n <namespace>` names (`restartPod`);
 * a service it does not name keeps its cell `not restarted by the handoff`.
 */
export async function restartWorkloads(
  objects: readonly K8sObject[],
  services: readonly K8sExampleService[],
  restarts: readonly RestartCommand[],
  namespace: string,
  naming: ReadonlyMap<string, Naming>,
  work: string,
): Promise<Record<string, string>> {
  const cells: Record<string, string> = {};
  for (const { service, runner } of services) {
    const want = naming.get(service);
    if (!want) throw new Error(`no naming for service ${service}`);
    const restarted = restarts.some((r) => r.kind === 'deployment' && r.name === service && r.namespace === namespace);
    cells[service] = restarted
      ? await restartPod(objects, service, runner, want, await mkdtemp(join(work, 'pod-')))
      : 'not restarted by the handoff';
  }
  return cells;
}

/** The Secret key a spec value is read from, or a marker that fails any comparison with one. */
export function secretKeyOf(v: unknown): string {
  return (v as { secretRef?: { kubernetes?: { key?: string } } } | undefined)?.secretRef?.kubernetes?.key ?? '<not a Secret key>';
}
