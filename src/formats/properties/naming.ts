// Topic names and group ids in a client's properties file, as the customer's naming sees them.
import { nameSite, type NameSite, type NamingClient, type NamingOutcome } from '../../configure/naming.js';
import type { Span } from '../../core/span.js';
import type { CustomerKafka } from '../../spec/types.js';
import { nameKind } from '../../naming/index.js';
import type { PropertyEntry } from './parse.js';

// Kafka Streams' application.id is its consumer group id and the prefix of its internal topics
const GROUP_PROPERTIES = [/^(?:.*_)?APPLICATION_ID$/];

/**
 * Whether a property holds topic names or group ids: read as the variable it would be (`group.id` → `GROUP_ID`,
 * `input.topic` → `INPUT_TOPIC`, `kafkastore.group.id`, `config.storage.topic`), by the rules variables follow.
 */
export function propertyNameKind(key: string): 'topic' | 'group' | undefined {
  return nameKind(key.toUpperCase().replace(/[^A-Z0-9]+/g, '_'), { groupEnv: GROUP_PROPERTIES });
}

/** A setting a server uses without the file naming it, with a name for it, which the file gets when naming changes it. */
export interface ImplicitName {
  key: string;
  kind: 'topic' | 'group';
  value: string;
}

/**
 * The places one properties file names topics or groups: each property that holds them, and the implicit names, as
 * sites whose renamed value goes into `set` (which the caller writes with the file's other settings).
 */
export function propertiesNameSites(
  props: ReadonlyMap<string, PropertyEntry>,
  set: Record<string, string>,
  /** Where a refusal points: the property's own key, or (`undefined`) a name the file leaves unset. */
  at: (entry: PropertyEntry | undefined) => Span,
  implicit: readonly ImplicitName[] = [],
): { kind: 'topic' | 'group'; site: NameSite }[] {
  const out: { kind: 'topic' | 'group'; site: NameSite }[] = [];
  for (const [key, entry] of props) {
    const kind = propertyNameKind(key);
    if (!kind || set[key] !== undefined) continue;
    const raw = entry.value;
    const value = raw.trim();
    out.push({ kind, site: { setting: key, value, at: at(entry), replace: (next) => (set[key] = raw.replace(value, next)) } });
  }
  for (const name of implicit) {
    if (props.has(name.key) || set[name.key] !== undefined) continue;
    const site: NameSite = {
      setting: `${name.key} (unset)`,
      value: name.value,
      at: at(undefined),
      replace: (next) => (set[name.key] = next),
    };
    out.push({ kind: name.kind, site });
  }
  return out;
}

/** The topics and groups one properties file names (explicitly or implicitly), as the stack names them. */
export function propertiesNames(
  props: ReadonlyMap<string, PropertyEntry>,
  implicit: readonly ImplicitName[] = [],
): { kind: 'topic' | 'group'; setting: string; value: string }[] {
  const none: Span = { file: '', start: 0, end: 0 };
  return propertiesNameSites(props, {}, () => none, implicit).map(({ kind, site }) => ({ kind, setting: site.setting, value: site.value }));
}

/**
 * Applies the customer's naming to one properties file: a prefix renames its topics and groups (and names the implicit
 * ones) by adding the new values to `set`; a topic allow-list refuses the topics outside it.
 */
export function nameProperties(
  spec: CustomerKafka,
  client: NamingClient,
  props: ReadonlyMap<string, PropertyEntry>,
  set: Record<string, string>,
  at: (entry: PropertyEntry | undefined) => Span,
  implicit: readonly ImplicitName[] = [],
): NamingOutcome {
  const out: NamingOutcome = { diagnostics: [], renames: [] };
  if (!spec.topics?.prefix && !spec.topics?.allow && !spec.groups?.prefix) return out;
  for (const { kind, site } of propertiesNameSites(props, set, at, implicit)) nameSite(spec, client, kind, site, out);
  return out;
}
