import type { ServiceFacts } from '../types.js';
import { confluentEnvName } from './mangle.js';

/** The Confluent Platform images this family configures. */
export type ComponentName = 'connect' | 'debezium-connect' | 'schema-registry' | 'ksqldb' | 'rest-proxy' | 'control-center';

/** Where one component's schema registry client takes its URL, basic auth and TLS trust. */
export interface SchemaRegistryClient {
  url: string;
  /** Prefix of `basic.auth.credentials.source` / `basic.auth.user.info`. */
  auth: string;
  /** Prefix of `ssl.truststore.type` / `ssl.truststore.location`. */
  ssl: string;
}

/** How one Confluent image reads its Kafka client configuration from the environment. */
export interface Component {
  name: ComponentName;
  title: string;
  /** Environment prefix the image turns into properties (`CONNECT_` → worker properties). */
  envPrefix: string;
  /** The property holding the bootstrap servers. */
  bootstrap: string;
  /**
   * The variable the image's entrypoint copies into the bootstrap property, overwriting the prefixed one (Debezium's
   * `BOOTSTRAP_SERVERS`); a component with one is recognized by image only, the variable being too common a name.
   */
  bootstrapVar?: string;
  /** Further bootstrap properties, rewired only when the service sets them. */
  extraBootstrap: readonly string[];
  /** Property prefixes whose Kafka clients each need the security settings. */
  clients: readonly string[];
  /** Schema registry clients to point at the customer's registry, when the spec has one. */
  registryClients: readonly SchemaRegistryClient[];
  /**
   * Property prefix under which `config.providers` reaches the Kafka clients (default: the top level). Control Center
   * maps `CONTROL_CENTER_*` to `confluent.controlcenter.*` only, so its providers go with its clients' `streams.*`.
   */
  providersAt?: string;
  /**
   * Whether the registry client resolves no config provider: its credentials are then filled in by the platform at run
   * time, and a private registry CA is refused (Control Center's own configuration is not resolved).
   */
  registryWithoutProviders?: boolean;
  /** Further Kafka clusters the component talks to, each with its own client prefix (Control Center's `kafka.<name>.`). */
  clusters?: RegExp;
  /**
   * A Kafka Connect worker the component runs in its own process when the service sets variables under `envPrefix`
   * (ksqlDB's embedded Connect, `KSQL_CONNECT_*`): the image writes them, prefix stripped, into the worker's properties,
   * so the worker's own clients (`clients`) each need the security settings and the worker resolves its own config
   * providers.
   */
  embedded?: { title: string; envPrefix: string; clients: readonly string[] };
  images: readonly RegExp[];
}

const image = (name: string): RegExp => new RegExp(`(^|/)${name}(:|@|$)`);

/** The components, with what the images' configure scripts and the products read. */
export const COMPONENTS: readonly Component[] = [
  {
    name: 'connect',
    title: 'Kafka Connect',
    envPrefix: 'CONNECT_',
    bootstrap: 'bootstrap.servers',
    extraBootstrap: ['producer.bootstrap.servers', 'consumer.bootstrap.servers', 'admin.bootstrap.servers'],
    clients: ['', 'producer.', 'consumer.', 'admin.'],
    registryClients: [
      { url: 'key.converter.schema.registry.url', auth: 'key.converter.', ssl: 'key.converter.schema.registry.' },
      { url: 'value.converter.schema.registry.url', auth: 'value.converter.', ssl: 'value.converter.schema.registry.' },
    ],
    images: [
      image('confluentinc/cp-kafka-connect(-base)?'),
      image('confluentinc/cp-server-connect(-base)?'),
      image('cnfldemos/[^/:@]*connect[^/:@]*'),
    ],
  },
  {
    // quay.io/debezium/connect: docker-entrypoint.sh exports CONNECT_BOOTSTRAP_SERVERS=$BOOTSTRAP_SERVERS (GROUP_ID,
    // CONFIG/OFFSET/STATUS_STORAGE_TOPIC likewise) and writes every CONNECT_* variable as a worker property, name
    // lower-cased with `_` → `.` (the old dub rule: the same names for every property graft writes)
    name: 'debezium-connect',
    title: 'Kafka Connect (Debezium image)',
    envPrefix: 'CONNECT_',
    bootstrap: 'bootstrap.servers',
    bootstrapVar: 'BOOTSTRAP_SERVERS',
    extraBootstrap: [],
    clients: ['', 'producer.', 'consumer.', 'admin.'],
    registryClients: [
      { url: 'key.converter.schema.registry.url', auth: 'key.converter.', ssl: 'key.converter.schema.registry.' },
      { url: 'value.converter.schema.registry.url', auth: 'value.converter.', ssl: 'value.converter.schema.registry.' },
    ],
    images: [image('debezium/connect(-base)?')],
  },
  {
    name: 'schema-registry',
    title: 'Schema Registry',
    envPrefix: 'SCHEMA_REGISTRY_',
    bootstrap: 'kafkastore.bootstrap.servers',
    extraBootstrap: [],
    clients: ['kafkastore.'],
    registryClients: [],
    images: [image('confluentinc/cp-schema-registry')],
  },
  {
    name: 'ksqldb',
    title: 'ksqlDB',
    envPrefix: 'KSQL_',
    bootstrap: 'bootstrap.servers',
    // the image accepts KSQL_KSQL_STREAMS_BOOTSTRAP_SERVERS instead of KSQL_BOOTSTRAP_SERVERS
    extraBootstrap: ['ksql.streams.bootstrap.servers'],
    clients: [''],
    registryClients: [{ url: 'ksql.schema.registry.url', auth: 'ksql.schema.registry.', ssl: 'ksql.schema.registry.' }],
    embedded: { title: 'embedded Kafka Connect worker', envPrefix: 'KSQL_CONNECT_', clients: ['', 'producer.', 'consumer.', 'admin.'] },
    images: [image('confluentinc/cp-ksqldb-server'), image('confluentinc/ksqldb-server'), image('confluentinc/cp-ksql-server')],
  },
  {
    name: 'rest-proxy',
    title: 'REST Proxy',
    envPrefix: 'KAFKA_REST_',
    bootstrap: 'bootstrap.servers',
    extraBootstrap: ['client.bootstrap.servers'],
    clients: ['client.'],
    registryClients: [{ url: 'schema.registry.url', auth: 'schema.registry.', ssl: 'schema.registry.' }],
    images: [image('confluentinc/cp-kafka-rest')],
  },
  {
    // cp-enterprise-control-center's control-center.properties.template: CONTROL_CENTER_BOOTSTRAP_SERVERS is
    // bootstrap.servers, every other CONTROL_CENTER_<X> is confluent.controlcenter.<x>; Control Center's Kafka Streams
    // application and its admin clients read the confluent.controlcenter.streams.* client settings
    name: 'control-center',
    title: 'Control Center',
    envPrefix: 'CONTROL_CENTER_',
    bootstrap: 'bootstrap.servers',
    extraBootstrap: ['streams.bootstrap.servers'],
    clients: ['streams.'],
    registryClients: [{ url: 'schema.registry.url', auth: 'schema.registry.', ssl: 'schema.registry.' }],
    providersAt: 'streams.',
    registryWithoutProviders: true,
    clusters: /^CONTROL_CENTER_KAFKA_(.+)_BOOTSTRAP_SERVERS$/,
    images: [image('confluentinc/cp-enterprise-control-center')],
  },
];

/** The bootstrap environment variable of a component, e.g. `SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS`. */
export function bootstrapEnv(c: Component): string {
  return c.bootstrapVar ?? confluentEnvName(c.envPrefix, c.bootstrap);
}

const byImage = (c: Component, service: ServiceFacts): boolean =>
  service.image !== undefined && c.images.some((re) => re.test(service.image ?? ''));

/** Finds the component a service runs: an image whose entrypoint has its own bootstrap variable, then by a bootstrap variable, then by image. */
export function findComponent(service: ServiceFacts): Component | undefined {
  const hasBootstrap = (c: Component): boolean =>
    !c.bootstrapVar && [c.bootstrap, ...c.extraBootstrap].some((p) => service.env.has(confluentEnvName(c.envPrefix, p)));
  return (
    COMPONENTS.find((c) => c.bootstrapVar !== undefined && byImage(c, service)) ??
    COMPONENTS.find((c) => !c.bootstrapVar && service.env.has(bootstrapEnv(c))) ??
    COMPONENTS.find(hasBootstrap) ??
    COMPONENTS.find((c) => !c.bootstrapVar && byImage(c, service))
  );
}
