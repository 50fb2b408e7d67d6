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

const CONSUMES = /(?:^|_)(?:CONSUMER|CONSUME|INPUT|IN|SOURCE|SUBSCRIBE|LISTEN|READ)(?:_|$)/;
const PRODUCES = /(?:^|_)(?:PRODUCER|PRODUCE|TEMPLATE|OUTPUT|OUT|SINK|PUBLISH|WRITE|DLQ|DEAD_LETTER|RETRY)(?:_|$)/;
// Kafka Connect's storage topics: read and written by the workers, compacted
export const CONNECT_STORAGE = /(?:^|[._])(?:offset|config|status)[._]storage[._]topic$/i;

/** Which way a topic setting points: 'both' when it names Connect storage, undefined when it does not say. */
export function directionOf(key: string): 'produces' | 'consumes' | 'both' | undefined {
  if (CONNECT_STORAGE.test(key)) return 'both';
  const k = key.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  const c = CONSUMES.test(k);
  const p = PRODUCES.test(k);
  return c && !p ? 'consumes' : p && !c ? 'produces' : undefined;
}

/** The names a setting's value lists (the default of a `${VAR:-default}` value); none when it is no list of names. */
export function namesIn(value: string): string[] {
  const m = /^\$\{\w+:?-(.*)\}$/.exec(value);
  const v = m ? (m[1] ?? '') : value;
  return NAME_LIST.test(v) && !NOT_A_NAME.test(v) ? v.split(',').map((s) => s.trim()) : [];
}

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
