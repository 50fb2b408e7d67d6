// What one client does on the customer's cluster, from the settings it will be given and its declaration.
import type { ClientBinding } from '../bindings/types.js';
import type { CustomerKafka } from '../spec/types.js';
import { CONNECT_STORAGE, directionOf, nameKind, namesIn, renameNames, type NameVariables } from './index.js';

/** What one client does on the customer's cluster, with the names as the customer's cluster has them. */
export interface KafkaClientNeed {
  produces: readonly string[];
  consumes: readonly string[];
  groups: readonly string[];
  /** Kafka Streams application ids: their internal topics are `<id>-*`. */
  streams: readonly string[];
  transactionalIds: readonly string[];
  transactionalIdPrefixes: readonly string[];
  /** Kafka cluster ACL operations (`IdempotentWrite`, `Describe`, `DescribeConfigs`, `Create`, ...) beyond those of producing. */
  cluster?: readonly string[];
  /** Topics it creates itself (Kafka Connect's storage topics at start). */
  creates?: readonly string[];
  /** It lists and describes every topic and group (a Kafka UI, a lag exporter). */
  describesAll?: boolean;
}

/**
 * A client's topics, groups and transactional ids, the way the handoff reads them: its settings that hold names (a
 * topic setting whose name says no direction is read and written, unless another setting of the client gives that
 * topic one), then its `graft.yaml` declaration under the customer's naming. `env` holds the values the client is
 * given, so renamed names are the customer's already.
 */
export function clientNeed(
  spec: Pick<CustomerKafka, 'topics' | 'groups'>,
  env: Iterable<[string, string]>,
  family?: NameVariables & { clusterUse?: 'browse' },
  binding?: ClientBinding,
): KafkaClientNeed {
  const produces = new Set<string>();
  const consumes = new Set<string>();
  const groups = new Set<string>();
  const undirected: string[] = [];
  const creates = new Set<string>();
  for (const [key, value] of env) {
    const kind = nameKind(key, family, binding);
    for (const n of kind ? namesIn(value) : []) {
      // a Kafka Connect worker creates its storage topics at start when they are missing
      if (kind === 'topic' && CONNECT_STORAGE.test(key)) creates.add(n);
      if (kind === 'group') groups.add(n);
      else {
        const dir = directionOf(key);
        if (dir === undefined) undirected.push(n);
        if (dir === 'produces' || dir === 'both') produces.add(n);
        if (dir === 'consumes' || dir === 'both') consumes.add(n);
      }
    }
  }
  for (const n of undirected)
    if (!produces.has(n) && !consumes.has(n)) {
      produces.add(n);
      consumes.add(n);
    }
  const customer = (kind: 'topic' | 'group', n: string): string => renameNames(spec, kind, n).next;
  for (const t of binding?.produces ?? []) produces.add(customer('topic', t));
  for (const t of binding?.consumes ?? []) consumes.add(customer('topic', t));
  for (const g of binding?.groups ?? []) groups.add(customer('group', g));
  const streams: string[] = [];
  const transactionalIdPrefixes = [...(binding?.transactionalIdPrefixes ?? [])];
  const app = binding?.kafkaStreams;
  if (app) {
    // application.id is the group id: the customer's name when a setting of the client was renamed to it
    const renamed = customer('group', app.applicationId);
    const id = groups.has(renamed) ? renamed : app.applicationId;
    groups.add(id);
    streams.push(id);
    if (app.exactlyOnce) transactionalIdPrefixes.push(`${id}-`);
  }
  const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();
  return {
    produces: sorted(produces),
    consumes: sorted(consumes),
    groups: sorted(groups),
    streams: sorted(streams),
    transactionalIds: sorted(binding?.transactionalIds ?? []),
    transactionalIdPrefixes: sorted(transactionalIdPrefixes),
    ...(creates.size ? { creates: sorted(creates) } : {}),
    ...(family?.clusterUse === 'browse' ? { cluster: ['Describe', 'DescribeConfigs'], describesAll: true } : {}),
  };
}

/** What several clients (the containers of one task) do together. */
export function mergeNeeds(needs: readonly KafkaClientNeed[]): KafkaClientNeed {
  const all = (f: (n: KafkaClientNeed) => readonly string[] | undefined): string[] => [...new Set(needs.flatMap((n) => f(n) ?? []))].sort();
  const cluster = all((n) => n.cluster);
  const creates = all((n) => n.creates);
  return {
    produces: all((n) => n.produces),
    consumes: all((n) => n.consumes),
    groups: all((n) => n.groups),
    streams: all((n) => n.streams),
    transactionalIds: all((n) => n.transactionalIds),
    transactionalIdPrefixes: all((n) => n.transactionalIdPrefixes),
    ...(cluster.length ? { cluster } : {}),
    ...(creates.length ? { creates } : {}),
    ...(needs.some((n) => n.describesAll) ? { describesAll: true } : {}),
  };
}
