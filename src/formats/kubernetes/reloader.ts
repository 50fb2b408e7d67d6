import { isMap, isScalar } from 'yaml';
import type { K8sContext } from './context.js';

/** The Stakater Reloader annotation that restarts a workload when one of the named Secrets changes. */
export const RELOADER_ANNOTATION = 'secret.reloader.stakater.com/reload';

// the workload kinds Reloader restarts by a rolling update of their pod template
const RELOADED = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/**
 * Opt-in (`--reloader`): annotates each workload that reads customer secrets with exactly the Secrets it reads, so
 * Stakater Reloader restarts it when the customer rotates one. Names the workload already lists stay, in their order.
 * Returns the workloads it annotated (`Deployment/ns/name`).
 */
export function annotateForReloader(ctx: K8sContext): string[] {
  const out: string[] = [];
  for (const w of ctx.analysis.workloads) {
    const r = w.resource;
    if (ctx.analysis.dropped.has(r) || !RELOADED.has(r.kind)) continue;
    const secrets = new Set<string>();
    for (const u of ctx.secrets.used.values()) {
      if (!u.users.has(r.id)) continue;
      const name = ctx.secrets.secretNameOf(u.secret);
      if (name !== undefined) secrets.add(name);
    }
    if (secrets.size === 0) continue;
    const metadata = r.root.get('metadata', true);
    if (!isMap(metadata)) continue;
    const ed = ctx.editorOf(r);
    const annotations = metadata.get('annotations', true);
    const existing = isMap(annotations) ? annotations.get(RELOADER_ANNOTATION, true) : undefined;
    const wanted = [...secrets].sort();
    if (isScalar(existing) && typeof existing.value === 'string') {
      const listed = existing.value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const names = [...listed, ...wanted.filter((s) => !listed.includes(s))];
      out.push(r.id);
      if (names.length === listed.length) continue;
      ed.setScalar(existing, names.join(','));
    } else {
      out.push(r.id);
      ed.appendUnder(metadata, 'annotations', 'map', [`${RELOADER_ANNOTATION}: "${wanted.join(',')}"`]);
    }
    ctx.plan.notes.push(`${r.id}: Stakater Reloader restarts it when Secret ${wanted.join(', ')} changes (${RELOADER_ANNOTATION})`);
  }
  return out;
}
