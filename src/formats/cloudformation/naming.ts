import type { Node } from 'yaml';
import type { ClientBinding } from '../../bindings/types.js';
import type { ClientFamily } from '../../clients/types.js';
import { configureNames, nameSite, type NamingOutcome } from '../../configure/naming.js';
import type { CfnContext } from './context.js';
import { planLabel, type PlanId } from '../../plan/types.js';
import { spanOf } from './parse.js';
import type { CfnValue } from './render.js';

/** The CloudFormation sink of the customer's naming for an ECS container: the literal values it will be given. */
export function applyNaming(
  ctx: CfnContext,
  subject: string,
  id: PlanId,
  family: ClientFamily | undefined,
  binding: ClientBinding | undefined,
  literal: ReadonlyMap<string, string>,
  wanted: Map<string, CfnValue>,
  at: Node,
): void {
  const span = spanOf(ctx.a.t.source, at);
  const out = configureNames(
    ctx.spec,
    { subject, id, ...(family ? { family } : {}), ...(binding ? { binding } : {}), at: span },
    {
      keys: () => literal.keys(),
      sites: (name) => {
        const w = wanted.get(name);
        const value = typeof w === 'string' ? w : w === undefined ? literal.get(name) : undefined;
        return value === undefined
          ? []
          : [{ setting: name, where: `env ${name}`, value, at: span, replace: (next) => wanted.set(name, next) }];
      },
    },
  );
  record(ctx, out);
}

/** Applies the customer's naming to one list of names of an event source (its topics, its group), where it stands. */
export function renameList(ctx: CfnContext, id: PlanId, setting: string, value: string, kind: 'topic' | 'group', at: Node): string {
  const out: NamingOutcome = { diagnostics: [], renames: [] };
  let next = value;
  nameSite(
    ctx.spec,
    { subject: planLabel(id), id },
    kind,
    { setting, value, at: spanOf(ctx.a.t.source, at), replace: (text) => (next = text) },
    out,
  );
  record(ctx, out);
  return next;
}

function record(ctx: CfnContext, out: NamingOutcome): void {
  ctx.diagnostics.push(...out.diagnostics);
  ctx.plan.renames.push(...out.renames);
}
