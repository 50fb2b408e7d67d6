import type { CustomerKafka, SaslMechanism, SecretValue } from '../spec/types.js';
import type { ClientBinding } from '../bindings/types.js';

/** One piece of a setting: literal text, or the value of a customer secret filled in by the platform. */
export type ValuePart = string | { secret: SecretValue };

/** A setting value: literal text, or a template whose secret parts the platform fills in at run time. */
export type SettingValue = string | { parts: ValuePart[] };

/** Where a secret mounted as a file appears inside the container. */
export interface SecretFile {
  dir: string;
  name: string;
  path: string;
  /** The platform mounts no secret files (ECS, Lambda): `path` is a stand-in, the secret arrives in the variable `name`. */
  standIn?: true;
}

/** A problem an emitter found; the format adapter attaches the service's source location. */
export interface Problem {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  help: string;
}

/** What graft knows of one client workload before configuring it. */
export interface ServiceFacts {
  name: string;
  image?: string;
  /** Environment as the container sees it, after endpoint rewiring. */
  env: ReadonlyMap<string, string>;
}

/** What the format adapter offers an emitter while it configures one client. */
export interface EmitContext {
  spec: CustomerKafka;
  service: ServiceFacts;
  binding?: ClientBinding;
  /** The customer's bootstrap servers joined with commas. */
  bootstrap: string;
  /** Mounts a secret into the container as a file and tells where it appears. */
  mountSecret(secret: SecretValue): SecretFile;
  /**
   * False when the platform injects a secret only as a whole variable (ECS): a value built around a secret (a JAAS
   * line) must then be resolved by the client itself, through a config provider.
   */
  composites?: boolean;
}

/** What a client needs set so that it talks to the customer's cluster. */
export interface Emission {
  env: Record<string, SettingValue>;
  /** Additional Compose `configs`/files the client reads, by container path. */
  files?: Record<string, string>;
  /**
   * Settings to write into a properties file the client already reads (`binding.configFile`). `secrets`: settings
   * whose value is a secret the client can read only inside that file; the platform appends them when the container
   * starts (a Kubernetes init container), or the stage refuses them.
   */
  properties?: {
    file: string;
    format: 'java' | 'librdkafka';
    set: Record<string, SettingValue>;
    secrets?: Record<string, SecretValue>;
  };
  notes: string[];
  problems: Problem[];
}

/** A family of clients that read their Kafka configuration the same way. */
export interface ClientFamily {
  family: string;
  /** SASL mechanisms the family can use from configuration alone. */
  mechanisms: readonly SaslMechanism[];
  /** Whether it can present a client certificate (mTLS) from configuration alone. */
  mtls: boolean;
  /** Its clients are not Java: no aws-msk-iam-auth jar a vendor could vouch for (`supports.awsMskIam`) would sign for them. */
  notJava?: true;
  /** Recognizes a service of this family from its image or environment. */
  detect(service: ServiceFacts): 'certain' | 'likely' | undefined;
  /** Computes the settings the service needs for the customer's cluster. */
  emit(ctx: EmitContext): Emission;
  /** Environment variables that hold topic names (beyond TOPIC/*_TOPIC/*_TOPICS). */
  topicEnv?: readonly RegExp[];
  /** Environment variables that hold consumer group ids (beyond GROUP_ID/*_GROUP_ID). */
  groupEnv?: readonly RegExp[];
  /**
   * What it does on the cluster beyond its own topics and groups: `browse` — it lists and describes every topic,
   * consumer group and the brokers' configs (a Kafka UI, a lag exporter).
   */
  clusterUse?: 'browse';
}

/** A new empty emission. */
export function emptyEmission(): Emission {
  return { env: {}, notes: [], problems: [] };
}
