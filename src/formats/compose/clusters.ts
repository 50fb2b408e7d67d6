import type { Node } from 'yaml';
import type { Diagnostic } from '../../core/diagnostic.js';
import { findEndpointRuns } from '../../core/endpoints.js';
import type { ComposeAnalysis, ServiceInfo } from './analyze.js';
import { spanOfNode } from './parse.js';

const ZOOKEEPER_KEYS = /^KAFKA_(CFG_)?ZOOKEEPER_CONNECT$/;
const QUORUM_KEYS = /^KAFKA_(CFG_)?CONTROLLER_QUORUM_VOTERS$/;
const REPLICATION_IMAGE = /replicator|mirror-?maker/i;
const REPLICATION_COMMAND = /mirror-?maker|connect-mirror-maker/i;

/**
 * COMPOSE_CLUSTERS_COLLAPSE: the dropped brokers form several clusters (each its own ZooKeeper or KRaft quorum) and the
 * stack's other services use more than one of them — a replicator between a source and a destination cluster, a UI
 * or Control Center watching two data centres. Every cluster would become the customer's one cluster: what copies
 * from one to the other would copy the customer's topics onto themselves, and nothing says so.
 */
export function clustersCollapse(analysis: Pick<ComposeAnalysis, 'services' | 'dropped' | 'zookeeperHosts'>): Diagnostic[] {
  const { services, dropped } = analysis;
  const brokers = [...services.values()].filter((s) => {
    const role = dropped.get(s.name)?.role;
    return role === 'broker' || role === 'controller';
  });
  if (brokers.length < 2) return [];
  const zookeepers = [...services.values()].filter((s) => dropped.get(s.name)?.role === 'zookeeper');
  // a broker whose ZooKeeper or quorum graft cannot see (settings in a file, an image default) may be any cluster's
  if (brokers.some((b) => clusterKeys(b, analysis.zookeeperHosts, zookeepers).length === b.hostNames.length)) return [];
  const clusters = clustersOf(brokers, analysis.zookeeperHosts, zookeepers);
  if (clusters.length < 2) return [];
  const used = new Map<number, string[]>();
  for (const s of services.values()) {
    const role = dropped.get(s.name)?.role;
    if (role === 'broker' || role === 'controller' || role === 'zookeeper') continue;
    clusters.forEach((cluster, i) => {
      if (!names(s, cluster)) return;
      used.set(i, [...(used.get(i) ?? []), s.name]);
    });
  }
  // a kept Replicator or MirrorMaker copies between clusters even when its source is configured elsewhere (a connector
  // submitted through Connect's REST API names the other cluster, not the Compose file)
  const copying = [...services.values()].filter(
    (s) => !dropped.has(s.name) && (REPLICATION_IMAGE.test(s.image ?? '') || s.commands.some((c) => REPLICATION_COMMAND.test(c.value))),
  );
  if (used.size < 2 && copying.length === 0) return [];
  const described =
    used.size >= 2
      ? [...used].map(([i, users]) => `${andList(clusters[i]?.map((b) => b.name) ?? [])} (used by ${andList(users)})`)
      : clusters.map((c, i) => `${andList(c.map((b) => b.name))}${used.has(i) ? ` (used by ${andList(used.get(i) ?? [])})` : ''}`);
  const replicating = copying.length > 0 ? `, and ${andList(copying.map((c) => c.name))} replicates between clusters` : '';
  const second = used.size >= 2 ? ([...used.keys()][1] ?? 0) : clusters.findIndex((_, i) => !used.has(i));
  const def = clusters[second]?.[0]?.defs[0];
  return [
    {
      code: 'COMPOSE_CLUSTERS_COLLAPSE',
      severity: 'error',
      message: `the stack runs ${used.size >= 2 ? used.size : clusters.length} separate Kafka clusters${used.size >= 2 ? ' that its services use' : ''}: ${described.join('; ')}${replicating}; graft would drop them all for the customer's one cluster, so what copies or compares between them (a replicator, MirrorMaker, a UI of several clusters) would work on one cluster`,
      help: `keep all but the cluster the customer's cluster replaces, declaring their brokers and ZooKeeper in graft.yaml (kafka.infrastructure: [{ service: ${clusters[second]?.[0]?.name ?? '<broker>'}, role: none }]) and passing it with --bindings, or remove from the stack what uses the other clusters`,
      ...(def ? { subject: spanOfNode(def.file.source, def.pair.key as Node) } : {}),
    },
  ];
}

/** Groups brokers into clusters: those naming the same ZooKeeper, or the same KRaft quorum, are one cluster. */
function clustersOf(brokers: ServiceInfo[], zookeeperHosts: ReadonlySet<string>, zookeepers: ServiceInfo[]): ServiceInfo[][] {
  const parent = brokers.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] ?? i)));
  const byKey = new Map<string, number>();
  brokers.forEach((b, i) => {
    for (const key of clusterKeys(b, zookeeperHosts, zookeepers)) {
      const j = byKey.get(key);
      if (j === undefined) byKey.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, ServiceInfo[]>();
  brokers.forEach((b, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), b]));
  return [...groups.values()];
}

/** What ties a broker to its cluster: its own names, the ZooKeeper it registers in, the quorum it votes in. */
function clusterKeys(b: ServiceInfo, zookeeperHosts: ReadonlySet<string>, zookeepers: ServiceInfo[]): string[] {
  const keys = b.hostNames.map((h) => `host:${h}`);
  for (const e of b.env) {
    const value = e.value ?? '';
    if (ZOOKEEPER_KEYS.test(e.key)) {
      for (const host of findEndpointRuns(value, zookeeperHosts).flatMap((run) => run.hosts)) {
        const zk = zookeepers.find((z) => z.hostNames.includes(host));
        keys.push(`zk:${zk?.name ?? host}`);
      }
    } else if (QUORUM_KEYS.test(e.key)) {
      // 1@kafka1:9093,2@kafka2:9093: every voter is a broker of the same cluster
      for (const voter of value.split(',')) {
        const host = /@([^:]+):/.exec(voter.trim())?.[1];
        if (host) keys.push(`host:${host}`);
      }
    }
  }
  return keys;
}

/** Tells whether a service names an address of one of the cluster's brokers. */
function names(s: ServiceInfo, cluster: ServiceInfo[]): boolean {
  const hosts = new Set(cluster.flatMap((b) => b.hostNames));
  const values = [...s.env.map((e) => e.value ?? ''), ...s.commands.map((c) => c.value)];
  return values.some((v) => findEndpointRuns(v, hosts).length > 0);
}

function andList(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}` : (items[0] ?? '');
}
