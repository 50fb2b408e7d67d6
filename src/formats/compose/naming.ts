import type { Node } from 'yaml';
import { findFamily } from '../../clients/index.js';
import { spliceAll } from '../../core/endpoints.js';
import type { ServiceInfo } from './analyze.js';
import type { EnvState } from './env-state.js';
import { spanOfNode } from './parse.js';
import type { RewriteContext } from './rewrite.js';
import type { CustomerKafka } from '../../spec/types.js';

/** Variables taken as topic names without a binding. */
export const TOPIC_KEY = /^(?:TOPIC|TOPICS|.*_TOPIC|.*_TOPICS)$/;
/** Variables taken as consumer group ids without a binding. */
export const GROUP_KEY = /^(?:GROUP_ID|.*_GROUP_ID)$/;
/** A comma-separated list of Kafka names. */
export const NAME_LIST = /^[A-Za-z0-9._-]+(?:\s*,\s*[A-Za-z0-9._-]+)*$/;
/** Values that look like flags, not names. */
export const NOT_A_NAME = /^(?:true|false|yes|no|\d+)$/i;

/** Where a client says which of its variables hold names: its family's and its binding's extra patterns. */
interface NameVariables {
  topicEnv?: readonly (RegExp | string)[];
  groupEnv?: readonly (RegExp | string)[];
}

const matches = (key: string, patterns: readonly (RegExp | string)[] | undefined): boolean =>
  (patterns ?? []).some((p) => (typeof p === 'string' ? p === key : p.test(key)));

/** Whether a client's variable holds topic names, consumer group ids, or neither (family, then binding, then defaults). */
export function nameKind(key: string, family?: NameVariables, binding?: NameVariables): 'topic' | 'group' | undefined {
  if (TOPIC_KEY.test(key) || matches(key, family?.topicEnv) || matches(key, binding?.topicEnv)) return 'topic';
  if (GROUP_KEY.test(key) || matches(key, family?.groupEnv) || matches(key, binding?.groupEnv)) return 'group';
  return undefined;
}

/**
 * What the customer's naming does to a comma-separated list of names: with a topic allow-list, the names outside it;
 * with a prefix, the prefixed list and each rename. Every format applies the result in its own syntax.
 */
export function renameNames(
  spec: Pick<CustomerKafka, 'topics' | 'groups'>,
  kind: 'topic' | 'group',
  value: string,
): { next: string; renames: { from: string; to: string }[]; notAllowed: string[] } {
  const allow = kind === 'topic' ? spec.topics?.allow : undefined;
  const names = value.split(',').map((s) => s.trim());
  if (allow) return { next: value, renames: [], notAllowed: names.filter((n) => !allow.includes(n)) };
  const prefix = kind === 'topic' ? spec.topics?.prefix : spec.groups?.prefix;
  if (!prefix) return { next: value, renames: [], notAllowed: [] };
  return {
    next: value.replace(/[A-Za-z0-9._-]+/g, (n) => (n.startsWith(prefix) ? n : prefix + n)),
    renames: names.filter((n) => !n.startsWith(prefix)).map((n) => ({ from: n, to: prefix + n })),
    notAllowed: [],
  };
}

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
