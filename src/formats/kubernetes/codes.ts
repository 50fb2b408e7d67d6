/** Diagnostic codes of the Kubernetes format, each with what it means. */
export const K8S_CODES = {
  K8S_YAML_SYNTAX:
    'a manifest is not valid YAML as kubectl reads it (go-yaml): a flow collection or quoted scalar continued on a less indented line, which helm renders and kubectl accepts, is read, not refused',
  K8S_YAML_DUPLICATE_KEY:
    'a mapping of a manifest gives the same key twice: kubectl reads the YAML as JSON, where the last one wins, so graft reads only the last one too (and edits only it); remove the earlier one',
  K8S_SECRET_STORE_UNSUPPORTED: 'a secret lives in a store workloads cannot read directly (not a Kubernetes Secret)',
  K8S_DROPPED_SECRET_REF: 'a kept container still reads a Secret that the dropped Kafka operator generated',
  K8S_SECRET_DATA_NAMES_KAFKA:
    "a Secret of the stack holds settings naming the dropped Kafka, and the customer's cluster needs credentials graft does not write into Secrets",
  K8S_INFRA_KEPT: 'a resource that served the dropped Kafka stays because something kept still uses it',
  K8S_UNSEEN_CLIENTS:
    "kept workloads reach the dropped Kafka by an address graft cannot see: a dropped broker advertises itself and no kept workload names it, or a kept Kafka tool (kcat, a Kafka image running no broker, a pod mounting the dropped operator's Secrets) names none. An error when graft rewired and refused nothing else for that workload: it reaches the Kafka by an address its image or the commands run in it carry. Declare each kept workload in `graft.yaml`: the clients under `kafka.clients` (kcat: `family: librdkafka-properties` with its `configFile`), the others as `kafka.infrastructure` with `role: none`",
  K8S_CONFIGMAP_NO_SECURITY:
    "ConfigMap data names the Kafka bootstrap, but graft cannot add security settings to it (not a client properties file, a librdkafka password, a file no workload mounts). An error for a configuration file (a librdkafka file, `*.yaml`, `*.properties`, `*.toml`, `*.conf`…: whatever reads it would reach the customer's cluster without security), and for a key that is itself a client setting (`bootstrap.servers`, read key by key by a resource such as a Knative Broker of class Kafka, whose SASL and TLS come only from the Secret named in `auth.secret.ref.name`), a warning for other data (scripts, env-style keys). For LinkedIn Burrow's `burrow.toml` the message names its `[cluster.*]` / `[consumer.*]` sections of class `kafka` with their lines and any ZooKeeper it uses (`[zookeeper]`, `kafka_zk` consumers), and the help the `[client-profile.*]`, `[tls.*]` and `[sasl.*]` sections to write (Burrow takes a SASL password only written in the file, or from `BURROW_SASL_<NAME>_PASSWORD` in releases with `general.env-var-prefix`)",
  K8S_CONFIG_FILE_NOT_IN_STACK: 'a container bound to a properties file reads a path where no ConfigMap of the stack is mounted',
  K8S_STRIMZI_AUTH_UNSUPPORTED:
    "a Strimzi operand cannot express the customer's authentication in its authentication block: AWS_MSK_IAM; OAUTHBEARER on `kafka.strimzi.io/v1`; a SASL username kept in a Secret on a KafkaMirrorMaker2 or KafkaBridge (a KafkaConnect gets `type: custom` with `${strimzisecrets:<namespace>/<secret>:<key>}` and a Role and RoleBinding for its `<name>-connect` ServiceAccount), or on a KafkaConnect without `metadata.namespace`",
  K8S_CLUSTERS_COLLAPSE:
    "a resource connects two different bundled Kafka clusters that would both become the customer's one cluster (MirrorMaker 2)",
  K8S_CR_SECURITY_UNKNOWN:
    "a kept custom resource was pointed at the customer's Kafka, but graft cannot set its security settings (an error: the address alone would reach a cluster that needs security; configure its authentication and TLS as its operator documents)",
  K8S_KNATIVE_AUTH_UNSUPPORTED:
    "a Knative KafkaSink or KafkaSource cannot take the customer's security: a KafkaSink reads it from one Secret under Knative's key names, and MSK IAM, OAuth client credentials or SSL without a client certificate have no per-resource form",
  K8S_NUMAFLOW_AUTH_UNSUPPORTED:
    "a Numaflow Pipeline's or MonoVertex's Kafka source or sink cannot take the customer's SASL mechanism: Numaflow's Kafka blocks take PLAIN, SCRAM-SHA-256/512, GSSAPI and OAUTHBEARER with a client id and secret, not AWS_MSK_IAM",
  K8S_CFK_MECHANISM_UNSUPPORTED:
    'a Confluent for Kubernetes component cannot use the customer mechanism (CFK supports SASL/PLAIN and mTLS)',
  K8S_JAEGER_AUTH_UNSUPPORTED:
    "a streaming Jaeger CR (collector `kafka.producer.*`, ingester `kafka.consumer.*` options) cannot use the customer's authentication: Jaeger reads a SASL PLAIN/SCRAM password only as a literal option, never from a Secret, and has no AWS_MSK_IAM or OAUTHBEARER; mTLS and TLS work (the customer's certificate files are mounted through `spec.volumes`)",
  K8S_CONNECTOR_CLIENT_SECURITY:
    "a Strimzi `KafkaConnector` whose config runs Kafka clients of its own — Debezium's schema history (`schema.history.internal.kafka.bootstrap.servers`, `database.history.kafka.bootstrap.servers`) — now reaches the customer's cluster, which needs security settings: those clients do not inherit the Connect worker's, and their secrets would have to come through the worker's config provider from a namespace the spec does not give (an error naming the `<prefix>.producer.*` / `<prefix>.consumer.*` keys to add)",
  K8S_CR_DROPPED_KAFKA_REF:
    "a kept custom resource refers to the dropped Strimzi `Kafka` by name — an object reference such as Kroxylicious' `KafkaService` `spec.strimziKafkaRef: { kind: Kafka, name, listenerName }` — and so reaches it through the operator, not by an address graft could rewire (an error; help: replace the reference with the customer's bootstrap servers and TLS/authentication fields of that resource)",
  K8S_AKKA_DISCOVERY_KAFKA:
    "a kept ConfigMap gives Akka's static discovery the endpoints of a Kafka service (`discovery.config.services.kafka.endpoints` with `host` and `port` in keys of their own, as Alpakka Kafka's bootstrap look-up reads them) in a stack whose Kafka graft drops: graft rewires neither such an endpoint list nor the Alpakka client's security settings (an error at the data key, unless every endpoint is already the customer's PLAINTEXT cluster). Set the endpoints and the `akka.kafka.*.kafka-clients` security settings yourself, or read the bootstrap servers from an environment variable graft can configure",
  K8S_KAFKA_OUTSIDE_STACK:
    "a kept resource (a Jaeger CR's brokers) names a Kafka that no resource of the stack defines; graft leaves it as it is (a warning). If it is the vendor's Kafka, add its manifests to the stack so graft drops it and rewires the resource",
  K8S_KAFKA_TOOL_UNCONFIGURED:
    "a kept workload runs Kafka's tools against the dropped Kafka, but graft found nothing in it to configure: its address and settings are where graft cannot see them",
  K8S_KAFKA_OPERATOR_UNSUPPORTED:
    "a Kafka cluster custom resource of an operator graft does not migrate (not Strimzi, Confluent for Kubernetes or Redpanda's): graft can neither drop it nor hand over the resources that name it",
} as const;
