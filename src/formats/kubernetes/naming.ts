import { findFamily } from '../../clients/index.js';
import { GROUP_KEY, NAME_LIST, NOT_A_NAME, TOPIC_KEY } from '../compose/naming.js';
import type { ContainerEnv } from './container-env.js';
import { spanOf } from './parse.js';
import type { K8sContext } from './rewrite.js';
import type { Container, Workload } from './workloads.js';

/** Applies the customer's topic prefix or allow-list and group prefix to a container's name variables. */
export function applyK8sNaming(ctx: K8sContext, w: Workload, c: Container, env: ContainerEnv, familyName: string): void {
  const family = findFamily(familyName);
  const binding = ctx.bindings?.clients.get(w.resource.name);
  const isTopic = (k: string): boolean =>
    TOPIC_KEY.test(k) || (family?.topicEnv ?? []).some((r) => r.test(k)) || (binding?.topicEnv ?? []).includes(k);
  const isGroup = (k: string): boolean =>
    GROUP_KEY.test(k) || (family?.groupEnv ?? []).some((r) => r.test(k)) || (binding?.groupEnv ?? []).includes(k);
  for (const name of env.names()) {
    const kind = isTopic(name) ? 'topic' : isGroup(name) ? 'group' : undefined;
    const value = env.literal(name);
    if (!kind || value === undefined || !NAME_LIST.test(value) || NOT_A_NAME.test(value)) continue;
    const prefix = kind === 'topic' ? ctx.spec.topics?.prefix : ctx.spec.groups?.prefix;
    const allow = kind === 'topic' ? ctx.spec.topics?.allow : undefined;
    if (allow) {
      for (const t of value.split(',').map((s) => s.trim())) {
        if (allow.includes(t)) continue;
        ctx.diagnostics.push({
          code: 'K8S_TOPIC_NOT_ALLOWED',
          severity: 'error',
          message: `container "${c.name}" of ${w.resource.id} uses topic "${t}" (env ${name}), which the customer's allow-list does not include`,
          help: `ask the customer to add "${t}" to topics.allow (allowed: ${allow.join(', ')})`,
          subject: spanOf(w.resource, c.node.get('name', true)),
        });
      }
      continue;
    }
    if (!prefix) continue;
    const next = value.replace(/[A-Za-z0-9._-]+/g, (t) => (t.startsWith(prefix) ? t : prefix + t));
    if (next === value) continue;
    for (const t of value.split(',').map((s) => s.trim())) {
      if (!t.startsWith(prefix))
        ctx.plan.renames.push({ service: `${w.resource.id}/${c.name}`, setting: name, from: t, to: prefix + t, kind });
    }
    env.setLiteral(name, next);
  }
}
