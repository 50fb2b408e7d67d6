/** The `env` binding keys that carry the connection's security settings. */
export const ENV_SECURITY_KEYS = [
  'securityProtocol',
  'saslMechanism',
  'saslUsername',
  'saslUsernameFile',
  'saslPassword',
  'saslPasswordFile',
  'saslJaasConfig',
  'oauthTokenEndpoint',
  'oauthClientId',
  'oauthClientSecret',
  'oauthClientSecretFile',
  'oauthScope',
  'caFile',
  'certFile',
  'keyFile',
  'caPem',
  'certPem',
  'keyPem',
] as const;

/** Every `env` binding key, in the order the published schema lists them. */
export const ENV_BINDING_KEYS = [
  'bootstrapServers',
  ...ENV_SECURITY_KEYS,
  'schemaRegistryUrl',
  'schemaRegistryUsername',
  'schemaRegistryPassword',
  'schemaRegistryPasswordFile',
] as const;

/** Environment variables a vendor service reads its Kafka connection from (family `env`). */
export type EnvBindings = Partial<Record<(typeof ENV_BINDING_KEYS)[number], string>>;

/** A Kafka Streams application's identity, as the vendor's stack names it. */
export interface KafkaStreamsBinding {
  /** `application.id`, before the customer's group prefix. */
  applicationId: string;
  /** `processing.guarantee` is `exactly_once_v2`: transactional ids start with the application id. */
  exactlyOnce?: boolean;
}

/** Subject name strategies of the Confluent serializers. */
export const SUBJECT_NAME_STRATEGIES = ['TopicNameStrategy', 'RecordNameStrategy', 'TopicRecordNameStrategy'] as const;

/** How a service names its schema registry subjects. */
export interface SchemaRegistryBinding {
  /** Subjects it uses, by name. */
  subjects?: string[];
  /** With `TopicNameStrategy`, its subjects are `<topic>-key` and `<topic>-value` of the topics it uses. */
  subjectNameStrategy?: (typeof SUBJECT_NAME_STRATEGIES)[number];
  /** Keys are schema-serialized too (default true): `<topic>-key` subjects are listed. */
  keys?: boolean;
  /** The service registers its schemas itself (`auto.register.schemas`): the subjects need not exist beforehand. */
  autoRegister?: boolean;
}

/** The vendor's declaration of one client service in `graft.yaml`. */
export interface ClientBinding {
  service: string;
  family?: string;
  env?: EnvBindings;
  /** For properties-file families: the file's path inside the container. */
  configFile?: string;
  produces?: string[];
  consumes?: string[];
  groups?: string[];
  topicEnv?: string[];
  groupEnv?: string[];
  /** `transactional.id` values its producers use, as the stack sets them. */
  transactionalIds?: string[];
  /** Prefixes of the transactional ids its producers generate (e.g. Spring's `transaction-id-prefix`). */
  transactionalIdPrefixes?: string[];
  /** A Kafka Streams application: its `application.id` is its group and the prefix of its internal topics. */
  kafkaStreams?: KafkaStreamsBinding;
  /** The schema registry subjects it uses. */
  schemaRegistry?: SchemaRegistryBinding;
  /** Capabilities the vendor vouches for, e.g. the aws-msk-iam-auth jar is on the classpath. */
  supports?: { awsMskIam?: boolean; oauthbearer?: boolean };
}

/** Roles a vendor may declare for a service in `kafka.infrastructure`; `none` keeps the service. */
export const INFRA_DECLARATIONS = ['broker', 'controller', 'zookeeper', 'kafka-init', 'schema-registry', 'none'] as const;

/** The vendor's declaration of what a service of the stack is. */
export interface InfraDeclaration {
  service: string;
  role: (typeof INFRA_DECLARATIONS)[number];
}

/** The vendor's `graft.yaml`: how each client reads its Kafka configuration. */
export interface Bindings {
  file: string;
  clients: Map<string, ClientBinding>;
  /** Services declared as (or as not) the stack's embedded Kafka, by name. */
  infrastructure: Map<string, InfraDeclaration>;
  /** The origin cluster the customer's cluster replaces, when the stack declares several (a Terraform address). */
  replaces?: string;
  /** The vendor vouches that the stack's Kafka has no client among its services (they run on the host or elsewhere). */
  noClients?: boolean;
}
