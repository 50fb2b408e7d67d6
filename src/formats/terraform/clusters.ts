import type { TfContext } from './context.js';
import { kafkaRole } from './analyze.js';
import { refsWithin, type TfEntity } from './parse.js';

const CLUSTER_RESOURCES = new Set(['aws_msk_cluster', 'aws_msk_serverless_cluster', 'confluent_kafka_cluster']);

/** The Kafka clusters a module declares: cluster resources and local modules that declare one. */
function clustersOf(ctx: TfContext): TfEntity[] {
  return [...ctx.mod.entities.values()].filter((e) => {
    if (!ctx.dropped.has(e.address)) return false;
    if (e.kind === 'resource') return CLUSTER_RESOURCES.has(e.type);
    return e.kind === 'module' && /^module \.\.?\//.test(kafkaRole(e, ctx.mod.dir) ?? '');
  });
}

/**
 * Several clusters in one module (a migration or replication setup) cannot all become the customer's one cluster:
 * the compile stops unless graft.yaml names the one it replaces; the others, and what belongs to them only, stay.
 * False when it reported an error.
 */
export function bindClusters(ctx: TfContext): boolean {
  const clusters = clustersOf(ctx);
  const replaces = ctx.bindings?.replaces;
  const compiledBefore = ctx.mod.files.some((f) => /(^|\/)graft_kafka\.tf$/.test(f.source.path));
  // compiled before with the binding: the replaced cluster is gone, the others were kept on purpose
  if (replaces && compiledBefore && !ctx.mod.entities.has(replaces)) {
    keep(ctx, new Set(clusters.map((c) => c.address)), undefined);
    return true;
  }
  const keys = clusters.length === 1 ? instanceKeys(ctx, clusters[0]) : [];
  if (keys.length >= 2) {
    const c = clusters[0];
    ctx.report(
      'TF_MULTIPLE_CLUSTERS',
      'error',
      c.file,
      c.node,
      `${c.address} declares ${keys.length} Kafka clusters (${keys.map((k) => `${c.address}[${k}]`).join(', ')}), a migration or replication setup; all of them would become the customer's one cluster`,
      `graft replaces a whole resource, not one of its ${c.node.text.includes('for_each') ? 'for_each' : 'count'} instances: declare the clusters as separate resources and name in graft.yaml the one the customer's cluster replaces (kafka: { replaces: <address> }), or make the module create only the one the customer's cluster replaces`,
    );
    return false;
  }
  if (clusters.length < 2) return true;
  const names = clusters.map((c) => c.address);
  const chosen = clusters.find((c) => c.address === replaces);
  if (!chosen) {
    const second = clusters[1];
    ctx.report(
      'TF_MULTIPLE_CLUSTERS',
      'error',
      second.file,
      second.node,
      replaces
        ? `graft.yaml says the customer's cluster replaces ${replaces}, which is none of this module's clusters (${names.join(', ')})`
        : `this module declares ${clusters.length} Kafka clusters (${names.join(', ')}), a migration or replication setup; all of them would become the customer's one cluster`,
      `name in graft.yaml the one the customer's cluster replaces (kafka: { replaces: ${clusters[0].address} }); the others stay as the stack declares them`,
    );
    return false;
  }
  keep(ctx, new Set(names.filter((n) => n !== chosen.address)), chosen.address);
  for (const c of clusters) {
    if (c === chosen) continue;
    ctx.plan.notes.push(`${c.address} is kept as the stack declares it: graft.yaml says the customer's cluster replaces ${chosen.address}`);
  }
  return true;
}

/**
 * The instances a cluster resource with `for_each` or `count` is referenced by (`aws_msk_cluster.main["source"]`,
 * `aws_msk_cluster.main[0]`): each is a cluster of its own.
 */
function instanceKeys(ctx: TfContext, cluster: TfEntity): string[] {
  if (cluster.kind !== 'resource' || !/^\s*(for_each|count)\s*=/m.test(cluster.node.text)) return [];
  const name = cluster.address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ref = new RegExp(`(?<![\\w.-])${name}\\[\\s*("[^"\\n]*"|\\d+)\\s*\\]`, 'g');
  const keys = new Set<string>();
  for (const f of ctx.mod.files) for (const m of f.source.text.matchAll(ref)) keys.add(m[1]);
  return [...keys];
}

/** Keeps clusters, what belongs to them only (configuration, topics, secret associations) and what they use. */
function keep(ctx: TfContext, kept: Set<string>, replaced: string | undefined): void {
  for (const k of kept) ctx.dropped.delete(k);
  for (let changed = true; changed;) {
    changed = false;
    for (const address of [...ctx.dropped.keys()]) {
      const e = ctx.mod.entities.get(address);
      if (!e) continue;
      const targets = refsWithin(ctx.mod, e.file, e.node.startIndex, e.node.endIndex).map((r) => r.target);
      if (targets.some((t) => kept.has(t)) && (replaced === undefined || !targets.includes(replaced))) {
        ctx.dropped.delete(address);
        kept.add(address);
        changed = true;
      }
    }
    for (const address of kept) {
      const e = ctx.mod.entities.get(address);
      if (!e) continue;
      for (const r of refsWithin(ctx.mod, e.file, e.node.startIndex, e.node.endIndex)) {
        if (!ctx.dropped.has(r.target) || r.target === replaced) continue;
        ctx.dropped.delete(r.target);
        kept.add(r.target);
        changed = true;
      }
    }
  }
}
