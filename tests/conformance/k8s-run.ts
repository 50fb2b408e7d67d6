import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunnerName } from '../../testbed/runners/index.js';
import { execInNamespace } from './container.js';
import { initContainersOf, startContainer, type Cluster, type PodContainer, type PodContainerView, type PodVolumes } from './k8s-pod.js';
import { runService, type Naming, type ServiceRun } from './run-service.js';

/**
 * Runs a container the kubelet started (`startContainer`) as runService runs a Compose service. A `$(VAR)`
 * the kubelet left as written because the variable is declared after its use fails the cell before
 * the client runs: the client would read the reference literally.
 */
export async function runPod(
  runner: RunnerName,
  view: PodContainerView,
  want: Naming,
  work: string,
  timeoutMs?: number,
): Promise<ServiceRun> {
  if (view.unexpanded.length > 0) return { cell: 'fail (unexpanded $(VAR))', details: view.unexpanded.join('\n'), durationMs: 0 };
  return runService(runner, view, want, work, timeoutMs);
}

/** What the pod's init containers did: nothing to say when they all succeeded, else the cell and the failed one's log. */
export interface InitRun {
  failed?: { cell: string; details: string };
  /** Each init container's name and log, in order. */
  logs: { name: string; log: string }[];
}

/** The images whose program the machine's own commands play: BusyBox's `sh` by the machine's POSIX `sh`. */
export const PLAYED = /^(docker\.io\/)?(library\/)?busybox(:[\w.-]+)?(@sha256:[0-9a-f]+)?$/;

/**
 * Runs the pod's init containers as the kubelet does before its containers start: in order, each with its own
 * environment, its command and args as the kubelet expands them, and its volumes mounted in a private namespace
 * (`execInNamespace`), sharing `volumes` (an emptyDir an init container writes is what the containers mount). A
 * BusyBox image's command runs with this machine's `sh` (no BusyBox binary here); any other image is not modeled. A
 * non-zero exit stops the pod (`Init:Error`).
 */
export async function runInitContainers(
  pc: PodContainer,
  cluster: Cluster,
  dir: string,
  volumes: PodVolumes,
  scratch: string,
): Promise<InitRun> {
  const logs: InitRun['logs'] = [];
  for (const [i, init] of initContainersOf(pc).entries()) {
    const name = String(init.container['name']);
    const image = String(init.container['image']);
    if (!PLAYED.test(image)) throw new Error(`init container ${name}: image ${image} is not modeled by the pod runner`);
    const view = startContainer(init, cluster, dir, volumes);
    const argv = view.command ?? [];
    if (argv.length === 0) throw new Error(`init container ${name}: no command (BusyBox's default shell is not modeled)`);
    const work = join(scratch, `init-${i}`);
    await mkdir(work, { recursive: true });
    const r = await execInNamespace(view.mounts, work, argv, 30_000, {
      env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...view.env },
      cwd: '/',
    });
    logs.push({ name, log: r.log });
    if (r.code !== 0)
      return { failed: { cell: `fail (init ${name}: exit ${r.code})`, details: `${r.log}\n--- script ---\n${r.script}` }, logs };
  }
  return { logs };
}
