import { prefixGroup, prefixTopic } from '../common.js';
import type { EmitContext, Emission } from '../types.js';
import type { ComponentName } from './components.js';

// Topics and groups a component uses without naming them in its environment. The compiler prefixes
// names it can see (*_TOPIC, *_GROUP_ID); these defaults are invisible to it, so they are set here.

type Put = (property: string, value: string) => void;

/** Schema Registry: the `_schemas` store topic, the leader-election group and the store reader's group. */
function schemaRegistryDefaults(ctx: EmitContext, out: Emission, has: (p: string) => boolean, put: Put): void {
  const env = ctx.service.env;
  if (ctx.spec.topics?.prefix && !has('kafkastore.topic')) put('kafkastore.topic', prefixTopic(ctx, '_schemas'));
  if (ctx.spec.topics?.allow && !has('kafkastore.topic')) {
    out.notes.push('Schema Registry stores schemas in topic _schemas: the topic allow-list must include it');
  }
  if (!ctx.spec.groups?.prefix) return;
  if (!has('schema.registry.group.id')) put('schema.registry.group.id', prefixGroup(ctx, 'schema-registry'));
  if (!has('kafkastore.group.id')) {
    // KafkaStore's default is schema-registry-<host.name>-<port of the inter-instance listener>.
    const host = env.get('SCHEMA_REGISTRY_HOST_NAME') ?? ctx.service.name;
    const listener = (env.get('SCHEMA_REGISTRY_LISTENERS') ?? '').split(',')[0] ?? '';
    const port = /:(\d+)\/?$/.exec(listener.trim())?.[1] ?? '8081';
    put('kafkastore.group.id', prefixGroup(ctx, `schema-registry-${host}-${port}`));
  }
}

/** ksqlDB: internal topics and groups follow the service id; only the processing log topic can take a prefix. */
function ksqlDefaults(ctx: EmitContext, out: Emission, has: (p: string) => boolean, put: Put): void {
  const { topics, groups } = ctx.spec;
  if (!topics?.prefix && !topics?.allow && !groups?.prefix) return;
  const id = ctx.service.env.get('KSQL_KSQL_SERVICE_ID') ?? 'default_';
  if (topics?.prefix && !has('ksql.logging.processing.topic.name')) {
    put('ksql.logging.processing.topic.name', prefixTopic(ctx, `${id}ksql_processing_log`));
  }
  out.notes.push(
    `ksqlDB service id "${id}" (KSQL_KSQL_SERVICE_ID) names its internal topics _confluent-ksql-${id}_command_topic ` +
      `and _confluent-ksql-${id}query_*, and its query consumer groups _confluent-ksql-${id}*; ` +
      'a topic or group prefix or allow-list cannot rename them: grant them to the ksqlDB principal explicitly',
  );
}

/** Kafka Connect: sink connectors consume as group connect-<connector>, named by no worker setting. */
function connectDefaults(ctx: EmitContext, out: Emission): void {
  if (!ctx.spec.groups?.prefix) return;
  out.notes.push(
    'Kafka Connect sink connectors consume as group connect-<connector name>: give each sink connector ' +
      `consumer.override.group.id with prefix "${ctx.spec.groups.prefix}" (worker needs CONNECT_CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY=All)`,
  );
}

/** Control Center: its Kafka Streams application and internal topics follow its id, not a setting graft can prefix. */
function controlCenterDefaults(ctx: EmitContext, out: Emission): void {
  const { topics, groups } = ctx.spec;
  if (!topics?.prefix && !topics?.allow && !groups?.prefix) return;
  const id = ctx.service.env.get('CONTROL_CENTER_ID') ?? '1';
  out.notes.push(
    `Control Center (id ${id}, CONTROL_CENTER_ID) names its Kafka Streams application _confluent-controlcenter-<version>-${id} ` +
      'and uses the internal topics _confluent-controlcenter-*, _confluent-command, _confluent-metrics and _confluent-monitoring; ' +
      'a topic or group prefix or allow-list cannot rename them: grant them to the Control Center principal explicitly',
  );
}

/** Sets the implicit topic and group names of a component so the customer's prefix reaches them. */
export function applyImplicitNames(component: ComponentName, ctx: EmitContext, out: Emission, has: (p: string) => boolean, put: Put): void {
  if (component === 'schema-registry') schemaRegistryDefaults(ctx, out, has, put);
  else if (component === 'ksqldb') ksqlDefaults(ctx, out, has, put);
  else if (component === 'connect' || component === 'debezium-connect') connectDefaults(ctx, out);
  else if (component === 'control-center') controlCenterDefaults(ctx, out);
}
