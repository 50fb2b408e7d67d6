import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContainerView } from './compose-service.js';
import { execInNamespace } from './container.js';
import { PLAYED } from './k8s-run.js';

/** What a service's one-shot dependencies did: nothing to say when they all completed, else the cell and the log. */
export interface OneShotRun {
  failed?: { cell: string; details: string };
  logs: { service: string; log: string }[];
}

// Keys of a one-shot service that restrict its container (read-only root, capabilities, privileges) or say it is not
// restarted: its command's output does not depend on them when it runs as this machine's root.
const RESTRICTIONS = new Set(['read_only', 'cap_drop', 'cap_add', 'security_opt', 'restart']);

/**
 * Runs the services `view` waits for with `condition: service_completed_successfully` as `docker compose up` does
 * before it starts the service: each with its own environment, command, secrets and mounts (a named volume it writes
 * is what the service then mounts), in a private mount namespace. A BusyBox image's command runs with this machine's
 * `sh` (no BusyBox binary here); any other image is not modeled. A non-zero exit keeps the service from starting.
 */
export async function runCompletedFirst(view: ContainerView, views: readonly ContainerView[], scratch: string): Promise<OneShotRun> {
  const logs: OneShotRun['logs'] = [];
  for (const name of view.completedFirst ?? []) {
    const dep = views.find((v) => v.service === name);
    if (!dep) throw new Error(`service ${view.service} waits for ${name}, which the file does not define`);
    if (!PLAYED.test(dep.image ?? ''))
      throw new Error(`service ${name}: image ${dep.image ?? '(none)'} is not modeled by the one-shot runner`);
    const unmodeled = dep.unmodeled.filter((k) => !RESTRICTIONS.has(k));
    if (unmodeled.length > 0) throw new Error(`service ${name} has keys the one-shot runner does not model: ${unmodeled.join(', ')}`);
    if (dep.completedFirst?.length) throw new Error(`service ${name} waits for ${dep.completedFirst.join(', ')}, which is not modeled`);
    if (!dep.command?.length) throw new Error(`service ${name}: no command (BusyBox's default shell is not modeled)`);
    const work = join(scratch, `oneshot-${name}`);
    await mkdir(work, { recursive: true });
    const r = await execInNamespace(dep.mounts, work, dep.command, 30_000, {
      env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...dep.env },
      cwd: '/',
    });
    logs.push({ service: name, log: r.log });
    if (r.code !== 0) return { failed: { cell: `fail (${name}: exit ${r.code})`, details: `${r.log}\n--- script ---\n${r.script}` }, logs };
  }
  return { logs };
}
