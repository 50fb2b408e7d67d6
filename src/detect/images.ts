import { parseTopicCommands } from './topic-commands.js';

/** What part of an embedded Kafka installation a container image provides. */
export type InfraRole = 'broker' | 'controller' | 'zookeeper' | 'kafka-init' | 'schema-registry';

const BROKER_IMAGES = new Set([
  'apache/kafka',
  'apache/kafka-native',
  'bitnami/kafka',
  'bitnamilegacy/kafka',
  'bitnamisecure/kafka',
  'confluentinc/cp-kafka',
  'confluentinc/cp-server',
  'confluentinc/cp-enterprise-kafka',
  'confluentinc/confluent-local',
  'redpandadata/redpanda',
  'vectorized/redpanda',
  'wurstmeister/kafka',
  'strimzi/kafka',
  'ubuntu/kafka',
  'obsidiandynamics/kafka',
  'lensesio/fast-data-dev',
  'landoop/fast-data-dev',
  'spotify/kafka',
  'debezium/kafka',
  'openzipkin/zipkin-kafka',
]);

const ZOOKEEPER_IMAGES = new Set([
  'library/zookeeper',
  'zookeeper',
  'confluentinc/cp-zookeeper',
  'bitnami/zookeeper',
  'bitnamilegacy/zookeeper',
  'wurstmeister/zookeeper',
  'ubuntu/zookeeper',
  'strimzi/zookeeper',
  'debezium/zookeeper',
]);

const SCHEMA_REGISTRY_IMAGES = new Set([
  'confluentinc/cp-schema-registry',
  'bitnami/schema-registry',
  'bitnamilegacy/schema-registry',
  'apicurio/apicurio-registry',
  'apicurio/apicurio-registry-mem',
  'apicurio/apicurio-registry-sql',
  'apicurio/apicurio-registry-kafkasql',
  'karapace/karapace',
  'aiven/karapace',
]);

/** Reduces an image reference to `owner/name` (registry, tag and digest removed). */
export function imageName(image: string): string {
  // an interpolated registry prefix (`${REGISTRY}confluentinc/cp-server`, `${REGISTRY:-}`) names no image
  let s =
    image
      .trim()
      .replace(/\$\{[^}]*\}\/?|\$[A-Za-z_][A-Za-z0-9_]*\//g, '')
      .split('@')[0] ?? '';
  const lastSlash = s.lastIndexOf('/');
  const colon = s.indexOf(':', lastSlash + 1);
  if (colon >= 0) s = s.slice(0, colon);
  const parts = s.split('/');
  // drop a registry host (has a dot or a port, or is localhost)
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0] ?? '')) parts.shift();
  return parts.slice(-2).join('/').toLowerCase();
}

// a Kafka command-line client's image, kept beside a Kafka for `kubectl exec` / `docker exec`, by its repository name
// under any owner (`confluentinc/cp-kcat`, `edenhill/kafkacat`, a mirror's `kcat`)
const CLI_CLIENT_IMAGE = /^(cp-)?(kcat|kafkacat)$/;

/** The Kafka command-line client an image is (`kcat`: librdkafka, reading `kcat.conf`), if it is one. */
export function cliClientImage(image: string): 'kcat' | undefined {
  return CLI_CLIENT_IMAGE.test(imageName(image).split('/').pop() ?? '') ? 'kcat' : undefined;
}

/** Tells which embedded-Kafka role an image provides, if any. */
export function imageRole(image: string): InfraRole | undefined {
  const name = imageName(image);
  if (BROKER_IMAGES.has(name)) return 'broker';
  if (ZOOKEEPER_IMAGES.has(name)) return 'zookeeper';
  if (SCHEMA_REGISTRY_IMAGES.has(name)) return 'schema-registry';
  return undefined;
}

const BROKER_START =
  /kafka-server-start|\/etc\/confluent\/docker\/run|redpanda\s+start|\brun\.sh\b|\/opt\/bitnami\/scripts\/kafka\/(run|entrypoint)|\bstart-kafka\b|kafka\.Kafka\b/;
const TOPIC_TOOL = /kafka-topics|kafka-configs|kafka-acls|rpk\s+(topic|acl)|cub\s+kafka-ready/;
// the console producer: a client of its own, unless the helper that creates the topics also seeds them with it
const CONSOLE_PRODUCER = /kafka-console-producer/;

const ENDLESS_LOOP = /\bwhile\s+(true|:|\[\s*1\s*\])\s*;?\s*do\b|\bfor\s*\(\(\s*;\s*;\s*\)\)/;

// Kafka's own client programs run from the broker image: Kafka Connect workers, MirrorMaker
// and its test and inspection clients (perf tests, console consumer, verifiable clients, kcat)
export const CLIENT_PROGRAM =
  /connect-distributed|connect-standalone|connect-mirror-maker|kafka-mirror-maker|ConnectDistributed|MirrorMaker|kafka-(producer|consumer)-perf-test|kafka-console-consumer|kafka-verifiable-(producer|consumer)|kafka-streams-application-reset|\bkcat\b|\bkafkacat\b/;

/**
 * Refines a broker image's role from how the service runs it: a KRaft controller-only node, a
 * one-shot helper that creates topics or waits for the broker, the broker itself, or none at all when it
 * runs one of Kafka's client programs (a Connect worker, MirrorMaker): that is a client to rewire.
 */
export function refineBrokerRole(env: ReadonlyMap<string, string>, command: string | undefined): InfraRole | undefined {
  if (command && CLIENT_PROGRAM.test(command) && !BROKER_START.test(command)) return undefined;
  if (command && CONSOLE_PRODUCER.test(command) && !TOPIC_TOOL.test(command) && !BROKER_START.test(command)) return undefined;
  // a tool run in an endless loop is a long-running client (a demo producer), not a one-shot helper
  if (command && TOPIC_TOOL.test(command) && ENDLESS_LOOP.test(command) && !BROKER_START.test(command)) return undefined;
  const roles = env.get('KAFKA_PROCESS_ROLES') ?? env.get('KAFKA_CFG_PROCESS_ROLES');
  if (roles !== undefined && roles.replace(/['"\s]/g, '') === 'controller') return 'controller';
  if (command && TOPIC_TOOL.test(command) && !BROKER_START.test(command)) return 'kafka-init';
  return 'broker';
}

/** Topic names a helper command creates (`kafka-topics --create --topic X`, `rpk topic create X Y`); settings: {@link parseTopicCommands}. */
export function topicsCreatedBy(command: string): string[] {
  return parseTopicCommands(command).topics.map((t) => t.name);
}

/**
 * Tools whose images talk only HTTP to another service of a Kafka stack, never to Kafka itself: what each is. A
 * secondary signal: a service is taken for one only when it names no address at all (see the Compose format).
 */
const HTTP_ONLY_TOOLS = new Map([
  ['confluentinc/cp-ksql-cli', 'the KSQL CLI, an HTTP client of the KSQL server'],
  ['confluentinc/ksqldb-cli', 'the ksqlDB CLI, an HTTP client of the ksqlDB server'],
  ['confluentinc/cp-ksqldb-cli', 'the ksqlDB CLI, an HTTP client of the ksqlDB server'],
  ['landoop/kafka-topics-ui', 'a UI over the Kafka REST Proxy'],
  ['landoop/schema-registry-ui', 'a UI over the schema registry API'],
  ['landoop/kafka-connect-ui', 'a UI over the Kafka Connect REST API'],
]);

/** What a known HTTP-only tool image is, if it is one. */
export function httpOnlyTool(image: string): string | undefined {
  return HTTP_ONLY_TOOLS.get(imageName(image));
}
