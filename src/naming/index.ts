// Which client settings hold topic names and consumer group ids, and what the customer's naming does to them.
import type { CustomerKafka } from '../spec/types.js';

/** Variables taken as topic names without a binding. */
export const TOPIC_KEY = /^(?:TOPIC|TOPICS|.*_TOPIC|.*_TOPICS)$/;
/** Variables taken as consumer group ids without a binding. */
export const GROUP_KEY = /^(?:GROUP_ID|.*_GROUP_ID)$/;
/** A comma-separated list of Kafka names. */
export const NAME_LIST = /^[A-Za-z0-9._-]+(?:\s*,\s*[A-Za-z0-9._-]+)*$/;
/** Values that look like flags, not names. */
export const NOT_A_NAME = /^(?:true|false|yes|no|\d+)$/i;

/** Where a client says which of its variables hold names: its family's and its binding's extra patterns. */
export interface NameVariables {
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
