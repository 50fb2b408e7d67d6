import type { Node } from 'yaml';
import { findFamily } from '../../clients/index.js';
import { nameKind, NAME_LIST, NOT_A_NAME } from '../../naming/index.js';
import { spliceAll } from '../../core/endpoints.js';
import type { ServiceInfo } from './analyze.js';
import type { EnvState } from './env-state.js';
import { spanOfNode } from './parse.js';
import type { RewriteContext } from './context.js';

/** Applies the customer's topic prefix or allow-list and group prefix to the names a client uses. */
export function applyNaming(ctx: RewriteContext, info: ServiceInfo, env: EnvState, familyName: string): void {
  const family = findFamily(familyName);
  const binding = ctx.bindings?.clients.get(info.name);
  for (const key of env.keys()) {
    const kind = nameKind(key, family, binding);
    if (kind) rename(ctx, info, env, key, kind);
  }
  for (const t of [...(binding?.produces ?? []), ...(binding?.consumes ?? [])])
    checkAllowed(ctx, info, t, `graft.yaml kafka.clients.${info.name}`);
}

function rename(ctx: RewriteContext, info: ServiceInfo, env: EnvState, key: string, kind: 'topic' | 'group'): void {
  const value = env.get(key);
  if (value === undefined) return;
  const prefix = kind === 'topic' ? ctx.spec.topics?.prefix : ctx.spec.groups?.prefix;
  const allow = kind === 'topic' ? ctx.spec.topics?.allow : undefined;
  if (!prefix && !allow) return;
  // `${ORDERS_TOPIC}` whose value is in the project's .env: the name is renamed there
  const ref = /^\$\{(\w+)(?::?-[^}]*)?\}$|^\$(\w+)$/.exec(value);
  const d = ref ? ctx.analysis.model.dotenv?.entries.get(ref[1] ?? ref[2] ?? '') : undefined;
  if (d && NAME_LIST.test(d.value) && !NOT_A_NAME.test(d.value)) {
    for (const tok of d.value.matchAll(/[A-Za-z0-9._-]+/g)) {
      const name = tok[0];
      if (allow) checkAllowed(ctx, info, name, `env ${key}`);
      else if (prefix && !name.startsWith(prefix)) {
        ctx.fileEdit({ file: d.source.path, start: d.valueStart + tok.index, end: d.valueStart + tok.index + name.length }, prefix + name);
        ctx.plan.renames.push({ service: info.name, setting: `${key} via .env ${d.key}`, from: name, to: prefix + name, kind });
      }
    }
  }
  // `${ORDERS_TOPIC:-orders}`: the default is the name; the variable stays overridable
  const m = /^(\$\{\w+:?-)(.*)(\})$/.exec(value);
  const base = m ? (m[1] ?? '').length : 0;
  const names = m ? (m[2] ?? '') : value;
  if (!NAME_LIST.test(names) || NOT_A_NAME.test(names)) return;
  const splices: { start: number; end: number; text: string }[] = [];
  for (const tok of names.matchAll(/[A-Za-z0-9._-]+/g)) {
    const name = tok[0];
    if (allow) {
      checkAllowed(ctx, info, name, `env ${key}`);
      continue;
    }
    if (prefix && !name.startsWith(prefix)) {
      splices.push({ start: base + tok.index, end: base + tok.index + name.length, text: prefix + name });
      ctx.plan.renames.push({ service: info.name, setting: key, from: name, to: prefix + name, kind });
    }
  }
  if (splices.length === 0) return;
  if (env.isOverridden(key)) {
    env.set(key, spliceAll(value, splices));
  } else {
    env.splice(key, splices);
  }
}

function checkAllowed(ctx: RewriteContext, info: ServiceInfo, topic: string, where: string): void {
  const allow = ctx.spec.topics?.allow;
  if (!allow || allow.includes(topic)) return;
  const entry = info.env.find((e) => where === `env ${e.key}`);
  const def = info.defs[0];
  ctx.diagnostics.push({
    code: 'COMPOSE_TOPIC_NOT_ALLOWED',
    severity: 'error',
    message: `service "${info.name}" uses topic "${topic}" (${where}), which the customer's allow-list does not include`,
    help: `ask the customer to add "${topic}" to topics.allow (allowed: ${allow.join(', ')})`,
    ...(entry?.node
      ? { subject: spanOfNode(entry.file.source, entry.node) }
      : def
        ? { subject: spanOfNode(def.file.source, def.pair.key as Node) }
        : {}),
  });
}
