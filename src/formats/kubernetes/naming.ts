import { findFamily } from '../../clients/index.js';
import { configureNames } from '../../configure/naming.js';
import type { ContainerEnv } from './container-env.js';
import { spanOf } from './parse.js';
import { planId, type K8sContext } from './context.js';
import type { Container, Workload } from './workloads.js';

/** The Kubernetes sink of the customer's naming: a container's literal `env` values. */
export function applyK8sNaming(ctx: K8sContext, w: Workload, c: Container, env: ContainerEnv, familyName: string): void {
  const family = findFamily(familyName);
  const binding = ctx.bindings?.clients.get(w.resource.name);
  const at = spanOf(w.resource, c.node.get('name', true));
  const out = configureNames(
    ctx.spec,
    {
      subject: `container "${c.name}" of ${w.resource.id}`,
      id: planId(w.resource, { container: c.name }),
      ...(family ? { family } : {}),
      ...(binding ? { binding } : {}),
      at,
    },
    {
      keys: () => env.names(),
      sites: (name) => {
        const value = env.literal(name);
        return value === undefined
          ? []
          : [{ setting: name, where: `env ${name}`, value, at, replace: (next) => env.setLiteral(name, next) }];
      },
    },
  );
  ctx.diagnostics.push(...out.diagnostics);
  ctx.plan.renames.push(...out.renames);
}
