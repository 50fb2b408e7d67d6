import type { CustomerKafka } from '../../spec/types.js';
import { planId, type TfContext } from './context.js';
import { PREFIX } from './variables.js';
import { attribute, attrValue, bodyOf, nestedBlocks, refsWithin, spanOf, type TfEntity } from './parse.js';

/** Variables only the customer knows, declared when a managed connector moves to the customer's cluster. */
const CONNECTOR_VARS: [short: string, description: string][] = [
  ['confluent_cluster_id', "ID of the customer's Confluent Cloud Kafka cluster (lkc-...)"],
  ['confluent_environment_id', "ID of the customer's Confluent Cloud environment holding that cluster (env-...)"],
];

/** A module compiled before keeps declaring the connector variables its kept blocks use. */
export function keepConnectorVariables(ctx: TfContext): void {
  for (const [short, description] of CONNECTOR_VARS) {
    const address = `var.${PREFIX}_${short}`;
    if (ctx.mod.refs.some((r) => r.target === address)) ctx.vars.require(short, 'string', description);
  }
}

/** Whether the customer's cluster is on Confluent Cloud (its bootstrap servers are `*.confluent.cloud`). */
export function isConfluentCloud(spec: CustomerKafka): boolean {
  return spec.bootstrapServers.every((s) => /\.confluent\.cloud(:\d+)?$/.test(s.trim()));
}

/** The dropped entity a nested block of an entity refers to, if any. */
function droppedIn(ctx: TfContext, e: TfEntity, block: string): string | undefined {
  const b = nestedBlocks(e.body, block)[0];
  if (!b) return undefined;
  return refsWithin(ctx.mod, e.file, b.startIndex, b.endIndex).find((r) => ctx.dropped.has(r.target))?.target;
}

/**
 * Confluent Kafka API keys whose `managed_resource` is a dropped cluster exist only for it: they go with it, and so do
 * the outputs that exposed them (the customer's cluster has its own keys, which graft references from the spec).
 */
export function dropClusterApiKeys(ctx: TfContext): void {
  for (const e of ctx.mod.entities.values()) {
    if (e.kind !== 'resource' || e.type !== 'confluent_api_key' || ctx.dropped.has(e.address)) continue;
    const cluster = droppedIn(ctx, e, 'managed_resource');
    if (cluster) ctx.dropped.set(e.address, `a Kafka API key of ${cluster}, which only that cluster accepts`);
  }
}

/**
 * A fully managed Confluent Cloud connector on the dropped cluster is a workload: on a Confluent Cloud customer it
 * moves to the customer's cluster and environment; anywhere else it cannot run, and the compile stops.
 */
export function rewireConfluentConnector(ctx: TfContext, e: TfEntity): void {
  const cluster = nestedBlocks(e.body, 'kafka_cluster')[0];
  const target = droppedIn(ctx, e, 'kafka_cluster');
  if (!cluster || !target) return;
  // reported once, here, not again as a dangling reference
  ctx.ignored.push({ file: e.file, start: cluster.startIndex, end: cluster.endIndex });
  if (!isConfluentCloud(ctx.spec)) {
    ctx.report(
      'TF_MANAGED_CONNECTOR_UNSUPPORTED',
      'error',
      e.file,
      cluster,
      `${e.address} is a fully managed Confluent Cloud connector on ${target}; it runs only against a Confluent Cloud cluster, and the customer's cluster (${ctx.spec.bootstrapServers.join(',')}) is not one`,
      'run the connector on a Kafka Connect cluster of your own (a Kafka Connect client graft can configure), or remove it from the stack, then compile again',
    );
    return;
  }
  if (splitsEnvironment(ctx, e, target)) return;
  const changed: string[] = [];
  const rewire = (block: string, [short, description]: [string, string]): void => {
    const b = nestedBlocks(e.body, block)[0];
    const v = attrValue(attribute(b ? bodyOf(b) : undefined, 'id'));
    if (!b || !v) return;
    const ref = ctx.vars.require(short, 'string', description);
    if (b !== cluster) ctx.ignored.push({ file: e.file, start: b.startIndex, end: b.endIndex });
    ctx.ed.replace(e.file, v.startIndex, v.endIndex, ref);
    changed.push(`${block}.id = ${ref}`);
  };
  rewire('kafka_cluster', CONNECTOR_VARS[0]);
  rewire('environment', CONNECTOR_VARS[1]);
  const notes = [
    "the confluent provider must authenticate to the customer's Confluent Cloud organization",
    `its service account needs on the customer's cluster the ACLs the stack granted on ${target} (see handoff/)`,
  ];
  ctx.plan.rewired.push({
    service: e.address,
    id: planId(e),
    family: 'confluent-connector',
    matched: [`kafka_cluster.id = ${attrValue(attribute(bodyOf(cluster), 'id'))?.text ?? target}`],
    changed,
    notes,
    at: spanOf(e.file, e.node),
  });
}

/**
 * A connector that moves to the customer's environment cannot keep using what the stack creates in the vendor's
 * environment it leaves (a `confluent_provider_integration` its config names through `provider.integration.id`):
 * Confluent Cloud resolves those ids per environment. Reported as an error; true when reported.
 */
function splitsEnvironment(ctx: TfContext, e: TfEntity, cluster: string): boolean {
  const envBlock = nestedBlocks(e.body, 'environment')[0];
  const env = envBlock ? refsWithin(ctx.mod, e.file, envBlock.startIndex, envBlock.endIndex)[0]?.target : undefined;
  if (!env || ctx.dropped.has(env)) return false;
  const body = e.body;
  if (!body) return false;
  for (const ref of refsWithin(ctx.mod, e.file, body.startIndex, body.endIndex)) {
    const used = ctx.mod.entities.get(ref.target);
    if (!used || used.kind !== 'resource' || used.address === env || ctx.dropped.has(used.address)) continue;
    if (envBlock && ref.start >= envBlock.startIndex && ref.end <= envBlock.endIndex) continue;
    const usedEnv = nestedBlocks(used.body, 'environment')[0];
    const inEnv = usedEnv && refsWithin(ctx.mod, used.file, usedEnv.startIndex, usedEnv.endIndex).some((r) => r.target === env);
    if (!inEnv) continue;
    ctx.report(
      'TF_CONNECTOR_ENVIRONMENT_SPLIT',
      'error',
      e.file,
      e.node,
      `${e.address} would move from ${cluster} to the customer's Confluent Cloud cluster and environment, but it uses ${used.address}, which the stack creates in ${env}, the vendor's environment it leaves: Confluent Cloud resolves it only there`,
      `create ${used.address} in the customer's environment (its environment.id = the customer's environment id), then compile again; the customer grants the connector's service account the ACLs the stack granted on ${cluster} (see handoff/)`,
    );
    return true;
  }
  return false;
}

/**
 * A Confluent Cloud ksqlDB cluster on the dropped cluster is the stack's stream processing, not something that only
 * served the Kafka: it runs in the vendor's environment beside that cluster, with the vendor's service account and
 * ACLs, and graft does not move it. Refused, so it is neither left on the dropped cluster nor dropped with it.
 */
export function refuseConfluentKsql(ctx: TfContext, e: TfEntity): void {
  const cluster = nestedBlocks(e.body, 'kafka_cluster')[0];
  const target = droppedIn(ctx, e, 'kafka_cluster');
  if (!cluster || !target) return;
  // reported once, here, not again as a dangling reference
  ctx.ignored.push({ file: e.file, start: cluster.startIndex, end: cluster.endIndex });
  const where = isConfluentCloud(ctx.spec)
    ? "graft does not move a ksqlDB cluster to the customer's Confluent Cloud cluster and environment (its service account, ACLs and API keys are the vendor's)"
    : `a Confluent Cloud ksqlDB cluster runs only against a Confluent Cloud Kafka cluster, and the customer's cluster (${ctx.spec.bootstrapServers.join(',')}) is not one`;
  ctx.report(
    'TF_MANAGED_KSQL_UNSUPPORTED',
    'error',
    e.file,
    cluster,
    `${e.address} is a Confluent Cloud ksqlDB cluster on ${target}, the Kafka graft drops: ${where}; dropping it with the cluster would drop the stack's stream processing`,
    isConfluentCloud(ctx.spec)
      ? `create the ksqlDB cluster in the customer's environment on their cluster (kafka_cluster.id and environment.id the customer's, a service account granted the ACLs the stack gave ${target}'s), remove ${e.address} and what serves it from the stack, then compile again`
      : `run ksqlDB server as a client of the customer's cluster (a container graft can configure), remove ${e.address} and what serves it from the stack, then compile again`,
  );
}
