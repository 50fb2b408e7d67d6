import type { Node } from 'yaml';
import { findFamily } from '../../clients/index.js';
import { configureNames, nameSplices, type NameSite } from '../../configure/naming.js';
import { spliceAll } from '../../core/endpoints.js';
import type { Span } from '../../core/span.js';
import type { ServiceInfo } from './analyze.js';
import type { EnvState } from './env-state.js';
import { spanOfNode } from './parse.js';
import { servicePlanId, type RewriteContext } from './context.js';

/** The Compose sink of the customer's naming: a service's environment, and the `.env` values it interpolates. */
export function applyNaming(ctx: RewriteContext, info: ServiceInfo, env: EnvState, familyName: string): void {
  const def = info.defs[0];
  const serviceAt: Span = def ? spanOfNode(def.file.source, def.pair.key as Node) : { file: '', start: 0, end: 0 };
  const binding = ctx.bindings?.clients.get(info.name);
  const family = findFamily(familyName);
  const out = configureNames(
    ctx.spec,
    {
      subject: `service "${info.name}"`,
      id: servicePlanId(info.name, def?.file.source.path ?? ''),
      ...(family ? { family } : {}),
      ...(binding ? { binding } : {}),
      at: serviceAt,
    },
    { keys: () => env.keys(), sites: (key) => sites(ctx, info, env, key, serviceAt) },
  );
  ctx.diagnostics.push(...out.diagnostics);
  ctx.plan.renames.push(...out.renames);
}

function sites(ctx: RewriteContext, info: ServiceInfo, env: EnvState, key: string, serviceAt: Span): NameSite[] {
  const value = env.get(key);
  if (value === undefined) return [];
  const entry = info.env.find((e) => e.key === key);
  const at = entry?.node ? spanOfNode(entry.file.source, entry.node) : serviceAt;
  const out: NameSite[] = [];
  // `${ORDERS_TOPIC}` whose value is in the project's .env: the name is renamed there
  const ref = /^\$\{(\w+)(?::?-[^}]*)?\}$|^\$(\w+)$/.exec(value);
  const d = ref ? ctx.analysis.model.dotenv?.entries.get(ref[1] ?? ref[2] ?? '') : undefined;
  if (d)
    out.push({
      setting: `${key} via .env ${d.key}`,
      where: `env ${key}`,
      value: d.value,
      at,
      replace: (next) => {
        for (const s of nameSplices(d.value, next))
          ctx.fileEdit({ file: d.source.path, start: d.valueStart + s.start, end: d.valueStart + s.end }, s.text);
      },
    });
  // `${ORDERS_TOPIC:-orders}`: the default is the name; the variable stays overridable
  const m = /^(\$\{\w+:?-)(.*)(\})$/.exec(value);
  const base = m ? (m[1] ?? '').length : 0;
  const names = m ? (m[2] ?? '') : value;
  out.push({
    setting: key,
    where: `env ${key}`,
    value: names,
    at,
    replace: (next) => {
      const splices = nameSplices(names, next).map((s) => ({ start: base + s.start, end: base + s.end, text: s.text }));
      if (env.isOverridden(key)) env.set(key, spliceAll(value, splices));
      else env.splice(key, splices);
    },
  });
  return out;
}
