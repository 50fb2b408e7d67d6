import { findFamily } from '../../clients/index.js';
import { NAME_LIST, nameKind, NOT_A_NAME, renameNames } from '../../naming/index.js';
import type { ContainerEnv } from './container-env.js';
import { spanOf } from './parse.js';
import type { K8sContext } from './context.js';
import type { Container, Workload } from './workloads.js';

/** Applies the customer's topic prefix or allow-list and group prefix to a container's name variables. */
export function applyK8sNaming(ctx: K8sContext, w: Workload, c: Container, env: ContainerEnv, familyName: string): void {
  const family = findFamily(familyName);
  const binding = ctx.bindings?.clients.get(w.resource.name);
  for (const name of env.names()) {
    const kind = nameKind(name, family, binding);
    const value = env.literal(name);
    if (!kind || value === undefined || !NAME_LIST.test(value) || NOT_A_NAME.test(value)) continue;
    const { next, renames, notAllowed } = renameNames(ctx.spec, kind, value);
    for (const t of notAllowed) {
      ctx.diagnostics.push({
        code: 'K8S_TOPIC_NOT_ALLOWED',
        severity: 'error',
        message: `container "${c.name}" of ${w.resource.id} uses topic "${t}" (env ${name}), which the customer's allow-list does not include`,
        help: `ask the customer to add "${t}" to topics.allow (allowed: ${(ctx.spec.topics?.allow ?? []).join(', ')})`,
        subject: spanOf(w.resource, c.node.get('name', true)),
      });
    }
    if (next === value) continue;
    for (const r of renames) ctx.plan.renames.push({ service: `${w.resource.id}/${c.name}`, setting: name, ...r, kind });
    env.setLiteral(name, next);
  }
}
