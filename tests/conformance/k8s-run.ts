import type { RunnerName } from '../../testbed/runners/index.js';
import type { PodContainerView } from './k8s-pod.js';
import { runService, type Naming, type ServiceRun } from './run-service.js';

/**
 * Runs a container the kubelet started (`startContainer`) as runService runs a Compose service. A `$(VAR)`
 * the kubelet left as written because the variable is declared after its use fails the cell before
 * the client runs: the client would read the reference literally.
 */
export async function runPod(runner: RunnerName, view: PodContainerView, want: Naming, work: string): Promise<ServiceRun> {
  if (view.unexpanded.length > 0) return { cell: 'fail (unexpanded $(VAR))', details: view.unexpanded.join('\n'), durationMs: 0 };
  return runService(runner, view, want, work);
}
