import { CLIENT_PROGRAM as CLIENT_TOOL, imageName, imageRole, refineBrokerRole, type InfraRole } from './images.js';

/** What graft knows of one container or service, independent of the format that declared it. */
export interface RunningUnit {
  /** Service or workload name. */
  name: string;
  /** The image reference, interpolation already resolved where the format could. */
  image?: string;
  /** Built from a local Dockerfile (Compose `build:`): the image says nothing about what runs. */
  built?: boolean;
  /** Environment variables with literal values. */
  env: ReadonlyMap<string, string>;
  /** Command and entrypoint, joined with spaces or newlines. */
  command?: string;
  /** The health check's test, joined. */
  healthcheck?: string;
  /** Container ports the unit exposes or publishes. */
  ports?: readonly number[];
  /** Container paths of files mounted into the unit. */
  mounts?: readonly string[];
}

/** A decision about a unit: its infrastructure role and the behaviour that shows it. */
export interface Verdict {
  role: InfraRole;
  /** Human-readable evidence, e.g. `image apache/kafka:4.1.0 is a Kafka broker` or `sets KAFKA_PROCESS_ROLES`. */
  evidence: string;
  /** The role comes from a known image (refined by what it runs), not from behaviour alone. */
  byImage: boolean;
}

/** A unit that looks like Kafka infrastructure without showing it: graft asks for a declaration. */
export interface Doubt {
  /** What makes it look like infrastructure. */
  hints: string[];
  /** The role it most resembles. */
  likely: InfraRole;
}

// settings only a broker or controller reads (env form of server.properties)
const BROKER_KEYS =
  /^KAFKA_(CFG_[A-Z0-9_]+|LISTENERS|ADVERTISED_LISTENERS|ADVERTISED_HOST_NAME|ADVERTISED_PORT|LISTENER_SECURITY_PROTOCOL_MAP|INTER_BROKER_LISTENER_NAME|PROCESS_ROLES|CONTROLLER_QUORUM_VOTERS|CONTROLLER_QUORUM_BOOTSTRAP_SERVERS|CONTROLLER_LISTENER_NAMES|ZOOKEEPER_CONNECT|NODE_ID|BROKER_ID|LOG_DIRS|OFFSETS_TOPIC_REPLICATION_FACTOR|KRAFT_CLUSTER_ID)$/;
// broker settings that also name the settings of topics an application creates itself (OpenWhisk's controller reads
// KAFKA_BROKER_ID and KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR from an env_file shared with its invoker): alone, beside
// a Kafka address of another service, they show a client
const WEAK_BROKER_KEYS = /^KAFKA_(NODE_ID|BROKER_ID|LOG_DIRS|OFFSETS_TOPIC_REPLICATION_FACTOR|ADVERTISED_PORT)$/;
// a variable that gives a client its brokers: KAFKA_HOSTS=kafka.docker:9092, BOOTSTRAP_SERVERS=kafka:29092
const CLIENT_ADDRESS_KEY = /(KAFKA|BOOTSTRAP|BROKER)/;
const HOST_PORT = /(^|[\s,;=/])[A-Za-z0-9_][\w.-]*:\d{2,5}\b/;

const ZOOKEEPER_KEYS = /^(ZOOKEEPER_(CLIENT_PORT|TICK_TIME|SERVER_ID|SERVERS|INIT_LIMIT|SYNC_LIMIT|DATA_DIR)|ZOO_[A-Z0-9_]+)$/;

const BROKER_START = /kafka-server-start|kafka\.Kafka\b|redpanda\s+start|\bkafka-storage(\.sh)?\s+format\b/;
const ZOOKEEPER_START = /zkServer\.sh|zookeeper-server-start|QuorumPeerMain|\bzookeeper\.server\b/;
const BROKER_HEALTH =
  /(kafka-broker-api-versions|kafka-topics|kafka-cluster|kafka-metadata-quorum)(\.sh)?\b[^|;&]*--bootstrap-server\s+(localhost|127\.0\.0\.1|0\.0\.0\.0)\b|rpk\s+cluster\s+health/;
const ZOOKEEPER_HEALTH =
  /\b(ruok|srvr|mntr)\b[^|;&]*\|\s*nc\b|nc\b[^|;&]*\b2181\b|zkServer\.sh\s+status|zookeeper-shell[^|;&]*localhost:2181/;

// Confluent Schema Registry's start script or main class, run by an image that also ships other tools
const REGISTRY_START = /\bschema-registry-start\b|\bio\.confluent\.kafka\.schemaregistry\.rest\.SchemaRegistryMain\b/;

// a container kept running for `kubectl exec` / `docker exec`: a bare shell, or a sleep or tail that never ends
const IDLE_COMMAND =
  /^(?:(?:\S*\/)?(?:ba|da|z)?sh(?:\s+-i)?|(?:(?:\S*\/)?(?:ba|da|z)?sh\s+-c\s+)?["']?(?:exec\s+)?(?:sleep\s+(?:infinity|\d+[smhd]?)|tail\s+-f\s+\/dev\/null)["']?)$/;

const BROKER_PORTS = new Set([9092, 9093, 9094, 19092, 29092, 39092]);
const ZOOKEEPER_PORTS = new Set([2181, 2888, 3888]);
const BROKER_NAME = /^(kafka|broker|kafka-?broker|redpanda|controller)([-_]?\d+)?$|^kafka[-_]?\d+$/i;
const ZOOKEEPER_NAME = /^(zookeeper|zk|zoo)([-_]?\d+)?$/i;

/**
 * Decides whether a unit is embedded Kafka infrastructure by what it runs: a command that starts Schema Registry,
 * its image when that is a known Kafka, ZooKeeper or schema registry image, else the settings it reads, its
 * command, health check and mounted `server.properties`. A Kafka image running a client program is no infrastructure.
 */
export function detectRole(unit: RunningUnit): Verdict | undefined {
  const command = unit.command ?? '';
  const byImage = unit.image ? imageRole(unit.image) : undefined;
  if (byImage !== 'zookeeper' && byImage !== 'schema-registry' && REGISTRY_START.test(command) && !BROKER_START.test(command)) {
    // a bundle image (Confluent's tools, a Kafka image) whose command starts Schema Registry is the registry
    const runs = command.match(REGISTRY_START)?.[0] ?? '';
    return { role: 'schema-registry', evidence: `${describe(unit)} runs ${runs}: a schema registry`, byImage: false };
  }
  if (byImage === 'broker' && ZOOKEEPER_START.test(command) && !BROKER_START.test(command)) {
    // a Kafka distribution image (Strimzi's) also ships ZooKeeper: what it starts decides
    const runs = command.match(ZOOKEEPER_START)?.[0] ?? '';
    return { role: 'zookeeper', evidence: `${describe(unit)} runs ${runs}: ZooKeeper (from a Kafka image)`, byImage: false };
  }
  if (byImage === 'broker' && isIdleTool(unit)) return undefined;
  if (byImage === 'broker') {
    // a Kafka image running a client program (a perf test, Connect, MirrorMaker) is a client to rewire
    const role = refineBrokerRole(unit.env, command || undefined);
    if (!role) return undefined;
    return { role, evidence: imageEvidence(unit.image ?? '', role), byImage: true };
  }
  if (byImage) return { role: byImage, evidence: imageEvidence(unit.image ?? '', byImage), byImage: true };
  if (CLIENT_TOOL.test(command) && !BROKER_START.test(command)) return undefined;

  const brokerKeys = [...unit.env.keys()].filter((k) => BROKER_KEYS.test(k)).sort();
  const serverProps = [...(unit.mounts ?? []), command].some((m) => /(^|[\s/])server\.properties\b/.test(m)) && !CLIENT_TOOL.test(command);
  const brokerHealth = BROKER_HEALTH.test(unit.healthcheck ?? '');
  if (
    brokerKeys.length > 0 &&
    brokerKeys.every((k) => WEAK_BROKER_KEYS.test(k)) &&
    !BROKER_START.test(command) &&
    !serverProps &&
    !brokerHealth &&
    [...unit.env].some(([k, v]) => CLIENT_ADDRESS_KEY.test(k) && !BROKER_KEYS.test(k) && HOST_PORT.test(v))
  )
    return undefined;
  if (brokerKeys.length > 0 || BROKER_START.test(command) || serverProps || brokerHealth) {
    const role = refineBrokerRole(unit.env, command || undefined) ?? 'broker';
    const shows = [
      ...(brokerKeys.length ? [`sets ${brokerKeys.slice(0, 3).join(', ')}${brokerKeys.length > 3 ? ', …' : ''}`] : []),
      ...(BROKER_START.test(command) ? [`runs ${command.match(BROKER_START)?.[0] ?? ''}`] : []),
      ...(serverProps ? ['reads a server.properties'] : []),
      ...(brokerHealth ? ['health check asks the local broker'] : []),
    ];
    // a command that creates topics but also sets broker settings still is the broker
    const final: InfraRole = role === 'kafka-init' && (brokerKeys.length > 0 || serverProps) ? 'broker' : role;
    const what = final === 'controller' ? 'a KRaft controller' : final === 'kafka-init' ? 'a one-shot Kafka tool' : 'a Kafka broker';
    return { role: final, evidence: `${describe(unit)} ${shows.join(', ')}: ${what}`, byImage: false };
  }
  const zkKeys = [...unit.env.keys()].filter((k) => ZOOKEEPER_KEYS.test(k)).sort();
  const zkHealth = ZOOKEEPER_HEALTH.test(unit.healthcheck ?? '');
  if (zkKeys.length > 0 || ZOOKEEPER_START.test(command) || zkHealth) {
    const shows = [
      ...(zkKeys.length ? [`sets ${zkKeys.slice(0, 3).join(', ')}${zkKeys.length > 3 ? ', …' : ''}`] : []),
      ...(ZOOKEEPER_START.test(command) ? [`runs ${command.match(ZOOKEEPER_START)?.[0] ?? ''}`] : []),
      ...(zkHealth ? ['health check asks the local ZooKeeper'] : []),
    ];
    return { role: 'zookeeper', evidence: `${describe(unit)} ${shows.join(', ')}: ZooKeeper`, byImage: false };
  }
  return undefined;
}

/**
 * A Kafka image whose command is only a shell, a sleep or a tail (kept running for `kubectl exec` or `docker exec`)
 * and that sets no broker setting and mounts no `server.properties` runs no broker: it is a shell for the client tools
 * the image ships.
 */
export function isIdleTool(unit: RunningUnit): boolean {
  const command = (unit.command ?? '').trim().replace(/\s+/g, ' ');
  if (!IDLE_COMMAND.test(command)) return false;
  if ([...unit.env.keys()].some((k) => BROKER_KEYS.test(k))) return false;
  return !(unit.mounts ?? []).some((m) => /(^|[\s/])server\.properties\b/.test(m));
}

/**
 * Tells whether a unit graft could not classify still looks like Kafka infrastructure: built locally or
 * from an unknown image, and named like a broker or ZooKeeper (the service or its image). Such a unit
 * needs the vendor's declaration; graft does not guess.
 */
export function doubtAbout(unit: RunningUnit): Doubt | undefined {
  if (unit.image && imageRole(unit.image)) return undefined;
  const hints: string[] = [];
  let likely: InfraRole = 'broker';
  // the name of the service or of its image is what makes it look like Kafka; ports only add to that
  const imageBase = unit.image ? (imageName(unit.image).split('/').pop() ?? '') : '';
  if (BROKER_NAME.test(unit.name)) hints.push(`is named "${unit.name}"`);
  else if (ZOOKEEPER_NAME.test(unit.name)) {
    hints.push(`is named "${unit.name}"`);
    likely = 'zookeeper';
  } else if (/^(zookeeper|zk)\b/i.test(imageBase)) {
    hints.push(`runs an image named ${imageBase}`);
    likely = 'zookeeper';
  } else if (
    /^(kafka|redpanda)(\b|[-_]?(broker|server|kraft|\d))/i.test(imageBase) &&
    !/ui|connect|rest|manager|exporter|proxy|client|console|drop|hq|streams/i.test(imageBase)
  ) {
    hints.push(`runs an image named ${imageBase}`);
  }
  if (hints.length === 0) return undefined;
  const brokerPorts = (unit.ports ?? []).filter((p) => BROKER_PORTS.has(p));
  const zkPorts = (unit.ports ?? []).filter((p) => ZOOKEEPER_PORTS.has(p));
  if (brokerPorts.length) hints.push(`exposes port ${brokerPorts.join(', ')}`);
  if (zkPorts.length) {
    hints.push(`exposes port ${zkPorts.join(', ')}`);
    if (!brokerPorts.length) likely = 'zookeeper';
  }
  if (unit.env.has('CLUSTER_ID')) hints.push('sets CLUSTER_ID');
  return { hints: [unit.built ? 'is built from a local Dockerfile' : `runs image ${unit.image ?? '(none)'}`, ...hints], likely };
}

function describe(unit: RunningUnit): string {
  return unit.built ? 'a locally built image that' : unit.image ? `image ${unit.image}` : 'a service that';
}

function imageEvidence(image: string, role: InfraRole): string {
  switch (role) {
    case 'broker':
      return `image ${image} is a Kafka broker`;
    case 'controller':
      return `image ${image} runs a KRaft controller (process.roles=controller)`;
    case 'kafka-init':
      return `image ${image} runs a one-shot Kafka tool against the embedded broker`;
    case 'schema-registry':
      return `image ${image} is a schema registry`;
    case 'zookeeper':
      return `image ${image} is ZooKeeper`;
  }
}

/**
 * Tells whether an environment variable configures a ZooKeeper connection; a schema registry's
 * `*_KAFKASTORE_CONNECTION_URL` is one too: the ZooKeeper it finds its Kafka through.
 */
export function isZookeeperKey(key: string): boolean {
  return /ZOOKEEPER|(^|_)ZK(_|$)|KAFKASTORE_CONNECTION_URL$/.test(key);
}
