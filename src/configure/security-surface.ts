import { ENV_SECURITY_KEYS, type ClientBinding } from '../bindings/types.js';

// The security surface of a client: every setting it reads that concerns how it connects to Kafka (protocol, SASL,
// TLS), in every spelling it reads it. A client graft configures gets the customer's settings; whatever else of that
// surface the origin set served the bundled Kafka and goes, or it would sit beside the new settings (an MSK IAM
// callback handler under a SCRAM login, a JKS truststore password beside a PEM truststore, host-name verification
// switched off).

/** Kafka Java client properties that concern the connection's security, named exactly. */
export const JAVA_SECURITY_PROPERTIES = [
  'security.protocol',
  'security.providers',
  'sasl.mechanism',
  'sasl.jaas.config',
  'sasl.client.callback.handler.class',
  'sasl.login.callback.handler.class',
  'sasl.login.class',
  'sasl.kerberos.service.name',
  'sasl.oauthbearer.token.endpoint.url',
  'sasl.oauthbearer.jwks.endpoint.url',
  'sasl.oauthbearer.scope.claim.name',
  'sasl.oauthbearer.sub.claim.name',
  'ssl.protocol',
  'ssl.enabled.protocols',
  'ssl.cipher.suites',
  'ssl.endpoint.identification.algorithm',
  'ssl.truststore.type',
  'ssl.truststore.location',
  'ssl.truststore.password',
  'ssl.truststore.certificates',
  'ssl.keystore.type',
  'ssl.keystore.location',
  'ssl.keystore.password',
  'ssl.keystore.certificate.chain',
  'ssl.keystore.key',
  'ssl.key.password',
] as const;

/** librdkafka properties that concern the connection's security, named exactly. */
export const LIBRDKAFKA_SECURITY_PROPERTIES = [
  'security.protocol',
  'sasl.mechanisms',
  'sasl.mechanism',
  'sasl.username',
  'sasl.password',
  'sasl.oauthbearer.method',
  'sasl.oauthbearer.client.id',
  'sasl.oauthbearer.client.secret',
  'sasl.oauthbearer.token.endpoint.url',
  'sasl.oauthbearer.scope',
  'sasl.oauthbearer.config',
  'ssl.ca.location',
  'ssl.ca.pem',
  'ssl.certificate.location',
  'ssl.certificate.pem',
  'ssl.key.location',
  'ssl.key.pem',
  'ssl.key.password',
  'ssl.keystore.location',
  'ssl.keystore.password',
  'ssl.endpoint.identification.algorithm',
  'enable.ssl.certificate.verification',
] as const;

/**
 * Whether a property name, in the dotted form, belongs to the surface. Beyond the names listed, every `sasl.*` and
 * `ssl.*` property counts (login refresh, Kerberos, cipher and engine settings all served the bundled Kafka).
 */
function isSecurityProperty(property: string, listed: readonly string[]): boolean {
  return listed.includes(property) || /^(sasl|ssl)\.[a-z0-9.-]+$/.test(property);
}

/** Whether a dotted property name is on the Java client's security surface. */
export function isJavaSecurityProperty(property: string): boolean {
  return isSecurityProperty(property, JAVA_SECURITY_PROPERTIES);
}

/** Whether a dotted property name is on librdkafka's security surface. */
export function isLibrdkafkaSecurityProperty(property: string): boolean {
  return isSecurityProperty(property, LIBRDKAFKA_SECURITY_PROPERTIES);
}

/**
 * A setting name in the one spelling relaxed binding, Confluent's `ub` and environment variables reduce to:
 * upper case, `.`, `-` and `[`…`]` as `_` (`spring.kafka.ssl.trust-store-location` → `SPRING_KAFKA_SSL_TRUST_STORE_LOCATION`).
 */
export function envSpelling(name: string): string {
  return name
    .replace(/\[([^\]]*)\]/g, '.$1')
    .replace(/[.\-[\]]/g, '_')
    .toUpperCase();
}

/** The rest of a name after `prefix`, in the environment spelling, when it is a Java security property there. */
function javaAfter(spelled: string, prefix: string): boolean {
  if (!spelled.startsWith(prefix)) return false;
  const rest = spelled.slice(prefix.length);
  return /^(SECURITY_PROTOCOL|SECURITY_PROVIDERS|SASL_[A-Z0-9_]+|SSL_[A-Z0-9_]+)$/.test(rest);
}

const SPRING_CLIENTS = ['', 'PRODUCER_', 'CONSUMER_', 'ADMIN_', 'STREAMS_'];

/** Spring Boot (`spring.kafka.*`) and Spring Cloud Stream binder settings, relaxed binding in any form. */
function springSecurity(spelled: string): boolean {
  for (const client of SPRING_CLIENTS) {
    const base = `SPRING_KAFKA_${client}`;
    if (spelled.startsWith(`${base}SSL_`) || spelled === `${base}SECURITY_PROTOCOL`) return true;
    if (javaAfter(spelled, `${base}PROPERTIES_`)) return true;
  }
  if (spelled.startsWith('SPRING_KAFKA_JAAS_')) return true;
  for (const binder of ['SPRING_CLOUD_STREAM_KAFKA_BINDER_', 'SPRING_CLOUD_STREAM_KAFKA_STREAMS_BINDER_']) {
    if (spelled.startsWith(`${binder}JAAS_`)) return true;
    if (['CONFIGURATION_', 'CONSUMER_PROPERTIES_', 'PRODUCER_PROPERTIES_'].some((p) => javaAfter(spelled, binder + p))) return true;
  }
  return false;
}

// Confluent Platform images: the component prefix, then the client's property prefix (Connect's producer./consumer./admin.)
const CONFLUENT_CLIENTS = [
  'CONNECT_',
  'CONNECT_PRODUCER_',
  'CONNECT_CONSUMER_',
  'CONNECT_ADMIN_',
  'SCHEMA_REGISTRY_KAFKASTORE_',
  'KSQL_KSQL_STREAMS_',
  'KAFKA_REST_CLIENT_',
  'CONTROL_CENTER_STREAMS_',
];

// a client's Confluent monitoring interceptor produces with its own copy of the client settings
const INTERCEPTOR_COPIES = CONFLUENT_CLIENTS.map((p) => `${p}CONFLUENT_MONITORING_INTERCEPTOR_`);

const STREAMS_COPIES = ['KSQL_KSQL_STREAMS_', 'KAFKA_REST_', 'CONTROL_CENTER_STREAMS_'].flatMap((p) =>
  ['PRODUCER_', 'CONSUMER_', 'ADMIN_', 'MAIN_CONSUMER_', 'RESTORE_CONSUMER_', 'GLOBAL_CONSUMER_'].map((c) => p + c),
);

/** A setting's current literal value, where the caller knows it. */
export type SettingLookup = (name: string) => string | undefined;

/**
 * The Confluent images' client settings. ksqlDB's top-level `ssl.*` (`KSQL_SSL_*`) configure its Kafka clients, and
 * its own HTTPS listener when it has one: they are client settings unless `KSQL_LISTENERS` serves https (or is unknown).
 */
function confluentSecurity(spelled: string, emitted: ReadonlySet<string>, literal?: SettingLookup): boolean {
  if (CONFLUENT_CLIENTS.some((p) => javaAfter(spelled, p))) return true;
  // Kafka Streams (ksqlDB) and REST Proxy also read per-client copies: producer., consumer., admin. and the Streams consumers
  if (STREAMS_COPIES.some((p) => javaAfter(spelled, p))) return true;
  if (INTERCEPTOR_COPIES.some((p) => javaAfter(spelled, p))) return true;
  // Control Center's further clusters graft pointed at the customer's Kafka: CONTROL_CENTER_KAFKA_<name>_SASL_*, ...
  const cluster = /^(CONTROL_CENTER_KAFKA_.+?_)(SECURITY_PROTOCOL|SASL_[A-Z0-9_]+|SSL_[A-Z0-9_]+)$/.exec(spelled)?.[1];
  if (cluster !== undefined) return [...emitted].some((e) => e === `${cluster}SECURITY_PROTOCOL`);
  if (!javaAfter(spelled, 'KSQL_')) return false;
  if (!spelled.startsWith('KSQL_SSL_')) return true;
  const listeners = literal?.('KSQL_LISTENERS');
  return listeners !== undefined && !/https:/i.test(listeners);
}

const KAFKA_UI_CLUSTER = /^KAFKA_CLUSTERS_(\d+)_(.*)$/;

/** kafka-ui: each configured cluster's Kafka properties and its truststore (`KAFKA_CLUSTERS_<n>_SSL_*`). */
function kafkaUiSecurity(spelled: string, emitted: ReadonlySet<string>): boolean {
  const m = KAFKA_UI_CLUSTER.exec(spelled);
  if (!m) return false;
  // only clusters graft pointed at the customer's Kafka; another cluster of the UI keeps its settings
  const cluster = `KAFKA_CLUSTERS_${m[1] ?? ''}_`;
  if (![...emitted].some((e) => envSpelling(e).startsWith(cluster))) return false;
  const rest = m[2] ?? '';
  return rest.startsWith('SSL_') || javaAfter(rest, 'PROPERTIES_');
}

const CONDUKTOR_CLUSTER = /^CDK_CLUSTERS_(\d+)_(.*)$/;

/** Conduktor Console: each configured cluster's client properties, registry credentials and AWS settings. */
function conduktorSecurity(spelled: string, emitted: ReadonlySet<string>): boolean {
  const m = CONDUKTOR_CLUSTER.exec(spelled);
  if (!m) return false;
  const cluster = `CDK_CLUSTERS_${m[1] ?? ''}_`;
  if (![...emitted].some((e) => envSpelling(e).startsWith(cluster))) return false;
  const rest = m[2] ?? '';
  return (
    rest === 'PROPERTIES' || rest === 'SCHEMAREGISTRY_PROPERTIES' || rest.startsWith('SCHEMAREGISTRY_SECURITY_') || rest.startsWith('AWS_')
  );
}

/**
 * The variables a vendor bound, in graft.yaml, to the connection's security settings, with their value / `_FILE`
 * siblings: a client that reads `X_FILE` usually reads `X` too, and the origin may have set either.
 */
function boundSecurityVariables(binding: ClientBinding | undefined): Set<string> {
  const env = binding?.env ?? {};
  const bound = ENV_SECURITY_KEYS.flatMap((k) => (env[k] ? [env[k]] : []));
  return new Set(bound.flatMap((v) => [v, v.endsWith('_FILE') ? v.slice(0, -'_FILE'.length) : `${v}_FILE`]));
}

/**
 * Tells whether a setting name of a client of `family` is on its security surface. `emitted` are the names graft
 * writes for it (kafka-ui's surface covers only the clusters graft configured); `binding` gives the variables an
 * `env` client was bound to.
 */
export function onSecuritySurface(
  family: string,
  name: string,
  emitted: ReadonlySet<string> = new Set(),
  binding?: ClientBinding,
  literal?: SettingLookup,
): boolean {
  const spelled = envSpelling(name);
  switch (family) {
    case 'spring-boot':
      return springSecurity(spelled);
    case 'datahub':
      // Spring components read spring.kafka.* (any spelling); the frontend and actions KAFKA_PROPERTIES_<PROPERTY>
      return springSecurity(spelled) || javaAfter(spelled, 'KAFKA_PROPERTIES_');
    case 'confluent-images':
      return confluentSecurity(spelled, emitted, literal);
    case 'kafka-ui':
      return kafkaUiSecurity(spelled, emitted);
    case 'conduktor':
      return conduktorSecurity(spelled, emitted);
    case 'eventuate':
      // eventuate.local.kafka.{consumer,producer}.properties.* in the environment spelling
      return ['EVENTUATE_LOCAL_KAFKA_CONSUMER_PROPERTIES_', 'EVENTUATE_LOCAL_KAFKA_PRODUCER_PROPERTIES_'].some((p) =>
        javaAfter(spelled, p),
      );
    case 'quarkus-kafka-streams':
      // quarkus.kafka-streams.{security.protocol,sasl.*,ssl.*}, and the kafka-streams.* pass-through of the same
      return javaAfter(spelled, 'QUARKUS_KAFKA_STREAMS_') || javaAfter(spelled, 'KAFKA_STREAMS_');
    case 'neo4j-streams':
      // kafka.{security.protocol,sasl.*,ssl.*} of neo4j.conf in the Neo4j image's environment form (NEO4J_kafka_sasl_jaas_config)
      return javaAfter(spelled, 'NEO4J_KAFKA_');
    case 'skywalking-oap':
      // no variable of the OAP's own carries security; a vendor's application.yml may have given its map placeholders
      return javaAfter(spelled, 'SW_KAFKA_FETCHER_');
    case 'jitsu':
      // kafkabase.KafkaConfig under bulker's and ingest's prefixes, and rotor's KAFKA_SSL / KAFKA_SASL
      return /^(BULKER_|INGEST_)?KAFKA_(SSL(_SKIP_VERIFY|_CA|_CA_FILE)?|SASL|SECURITY_PROTOCOL)$/.test(spelled);
    case 'kafka-env':
      // every KAFKA_<PROPERTY> is a client property; OAUTH_* configure Strimzi's OAuth client
      return javaAfter(spelled, 'KAFKA_') || spelled.startsWith('OAUTH_');
    case 'akhq':
    case 'java-properties':
      // a properties file (or AKHQ connection properties); a Connect worker file repeats them per client
      return isJavaSecurityProperty(name.replace(/^(producer|consumer|admin)\./, ''));
    case 'librdkafka-properties':
      return isLibrdkafkaSecurityProperty(name);
    case 'kafdrop':
      // kafdrop.sh writes these (base64 JKS stores, a properties file) to files the app loads over graft's file
      return /^KAFKA_(TRUSTSTORE|KEYSTORE)(_FILE)?$/.test(spelled);
    case 'clickhouse':
      // the server's <kafka> section lives in configuration files; in the environment only the variables its from_env reads
      return spelled.startsWith('GRAFT_KAFKA_SASL_');
    case 'redpanda-console':
    case 'kminion':
      return spelled.startsWith('KAFKA_TLS_') || spelled.startsWith('KAFKA_SASL_');
    case 'owl-shop':
      return /^(SHOP_)?KAFKA_(TLS|SASL)_/.test(spelled);
    case 'env':
      // the bound variables, and the KAFKA_<PROPERTY> spellings of Java and librdkafka settings env clients use
      return (
        boundSecurityVariables(binding).has(name) || javaAfter(spelled, 'KAFKA_') || spelled === 'KAFKA_ENABLE_SSL_CERTIFICATE_VERIFICATION'
      );
    default:
      return false;
  }
}

/**
 * The origin settings to remove from a client graft configures: the names among `current` on the family's security
 * surface that graft does not write itself (`literal` gives current values where the surface depends on them).
 * Returned in the order of `current`.
 */
export function staleSecuritySettings(
  family: string,
  current: Iterable<string>,
  emitted: Iterable<string>,
  binding?: ClientBinding,
  literal?: SettingLookup,
): string[] {
  const written = new Set(emitted);
  return [...new Set(current)].filter((n) => !written.has(n) && onSecuritySurface(family, n, written, binding, literal));
}

/** Why a setting was removed, for the plan; never the value, which may be a secret. */
export function staleReason(name: string): string {
  return /PASSWORD|SECRET|JAAS|_TOKEN$|ACCESS_TOKEN|REFRESH_TOKEN|_KEY$|CREDENTIAL|USERNAME|USER_INFO/.test(envSpelling(name))
    ? "origin credential for the bundled Kafka; the customer's settings replace it"
    : "origin security setting for the bundled Kafka; the customer's settings replace it";
}
