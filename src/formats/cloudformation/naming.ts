import type { Node } from 'yaml';
import type { ClientBinding } from '../../bindings/types.js';
import type { ClientFamily } from '../../clients/types.js';
import { GROUP_KEY, NAME_LIST, NOT_A_NAME, TOPIC_KEY } from '../compose/naming.js';
import { report, type CfnContext } from './context.js';
import type { CfnValue } from './render.js';

/** Applies the customer's topic prefix or allow-list and group prefix to a container's name variables. */
export function applyNaming(
  ctx: CfnContext,
  service: string,
  family: ClientFamily | undefined,
  binding: ClientBinding | undefined,
  literal: ReadonlyMap<string, string>,
  wanted: Map<string, CfnValue>,
  at: Node,
): void {
  const isTopic = (k: string): boolean =>
    TOPIC_KEY.test(k) || (family?.topicEnv ?? []).some((r) => r.test(k)) || (binding?.topicEnv ?? []).includes(k);
  const isGroup = (k: string): boolean =>
    GROUP_KEY.test(k) || (family?.groupEnv ?? []).some((r) => r.test(k)) || (binding?.groupEnv ?? []).includes(k);
  for (const [name, current] of literal) {
    const w = wanted.get(name);
    const value = typeof w === 'string' ? w : w === undefined ? current : undefined;
    const kind = isTopic(name) ? 'topic' : isGroup(name) ? 'group' : undefined;
    if (!kind || value === undefined || !NAME_LIST.test(value) || NOT_A_NAME.test(value)) continue;
    const next = renameList(ctx, service, name, value, kind, at);
    if (next !== value) wanted.set(name, next);
  }
}

/** Prefixes (or checks against the allow-list) a comma-separated list of topic or group names. */
export function renameList(ctx: CfnContext, service: string, setting: string, value: string, kind: 'topic' | 'group', at: Node): string {
  const prefix = kind === 'topic' ? ctx.spec.topics?.prefix : ctx.spec.groups?.prefix;
  const allow = kind === 'topic' ? ctx.spec.topics?.allow : undefined;
  if (allow) {
    for (const t of value.split(',').map((s) => s.trim())) {
      if (allow.includes(t)) continue;
      report(
        ctx,
        'CFN_TOPIC_NOT_ALLOWED',
        'error',
        at,
        `${service} uses topic "${t}" (${setting}), which the customer's allow-list does not include`,
        `ask the customer to add "${t}" to topics.allow (allowed: ${allow.join(', ')})`,
      );
    }
    return value;
  }
  if (!prefix) return value;
  for (const t of value.split(',').map((s) => s.trim())) {
    if (!t.startsWith(prefix)) ctx.plan.renames.push({ service, setting, from: t, to: prefix + t, kind });
  }
  return value.replace(/[A-Za-z0-9._-]+/g, (t) => (t.startsWith(prefix) ? t : prefix + t));
}
