/** Environment variables a vendor service reads its Kafka connection from (family `env`). */
export interface EnvBindings {
  bootstrapServers?: string;
  securityProtocol?: string;
  saslMechanism?: string;
  saslUsername?: string;
  saslUsernameFile?: string;
  saslPassword?: string;
  saslPasswordFile?: string;
  saslJaasConfig?: string;
  oauthTokenEndpoint?: string;
  oauthClientId?: string;
  oauthClientSecret?: string;
  oauthClientSecretFile?: string;
  oauthScope?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  schemaRegistryUrl?: string;
  schemaRegistryUsername?: string;
  schemaRegistryPassword?: string;
  schemaRegistryPasswordFile?: string;
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
  /** Capabilities the vendor vouches for, e.g. the aws-msk-iam-auth jar is on the classpath. */
  supports?: { awsMskIam?: boolean; oauthbearer?: boolean };
}

/** The vendor's `graft.yaml`: how each client reads its Kafka configuration. */
export interface Bindings {
  file: string;
  clients: Map<string, ClientBinding>;
}
