import type { Node } from 'yaml';
import type { ClientBinding } from '../../bindings/types.js';
import type { ClientFamily } from '../../clients/types.js';
import { NAME_LIST, nameKind, NOT_A_NAME, renameNames } from '../../naming/index.js';
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
  for (const [name, current] of literal) {
    const w = wanted.get(name);
    const value = typeof w === 'string' ? w : w === undefined ? current : undefined;
    const kind = nameKind(name, family, binding);
    if (!kind || value === undefined || !NAME_LIST.test(value) || NOT_A_NAME.test(value)) continue;
    const next = renameList(ctx, service, name, value, kind, at);
    if (next !== value) wanted.set(name, next);
  }
}

/** Prefixes (or checks against the allow-list) a comma-separated list of topic or group names. */
export function renameList(ctx: CfnContext, service: string, setting: string, value: string, kind: 'topic' | 'group', at: Node): string {
  const { next, renames, notAllowed } = renameNames(ctx.spec, kind, value);
  for (const t of notAllowed) {
    report(
      ctx,
      'CFN_TOPIC_NOT_ALLOWED',
      'error',
      at,
      `${service} uses topic "${t}" (${setting}), which the customer's allow-list does not include`,
      `ask the customer to add "${t}" to topics.allow (allowed: ${(ctx.spec.topics?.allow ?? []).join(', ')})`,
    );
  }
  for (const r of renames) ctx.plan.renames.push({ service, setting, ...r, kind });
  return next;
}
