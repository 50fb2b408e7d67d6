/** Diagnostic codes of the Kubernetes format, each with what it means. */
export const K8S_CODES = {
  K8S_YAML_SYNTAX: 'a manifest is not valid YAML',
  K8S_SECRET_STORE_UNSUPPORTED: 'a secret lives in a store workloads cannot read directly (not a Kubernetes Secret)',
  K8S_DROPPED_SECRET_REF: 'a kept container still reads a Secret that the dropped Kafka operator generated',
  K8S_SECRET_DATA_NAMES_KAFKA:
    "a Secret of the stack holds settings naming the dropped Kafka, and the customer's cluster needs credentials graft does not write into Secrets",
  K8S_INFRA_KEPT: 'a resource that served the dropped Kafka stays because something kept still uses it',
  K8S_UNSEEN_CLIENTS:
    "kept workloads reach the dropped Kafka by an address graft cannot see: a dropped broker advertises itself and no kept workload names it, or a kept Kafka tool (kcat, a Kafka image running no broker, a pod mounting the dropped operator's Secrets) names none",
  K8S_CONFIGMAP_NO_SECURITY:
    'ConfigMap data names the Kafka bootstrap, but graft cannot add security settings to it (not a client properties file, a librdkafka password, a file no workload mounts)',
  K8S_CONFIG_FILE_NOT_IN_STACK: 'a container bound to a properties file reads a path where no ConfigMap of the stack is mounted',
  K8S_STRIMZI_AUTH_UNSUPPORTED: "a Strimzi operand cannot express the customer's authentication in its authentication block",
  K8S_CLUSTERS_COLLAPSE:
    "a resource connects two different bundled Kafka clusters that would both become the customer's one cluster (MirrorMaker 2)",
  K8S_CR_SECURITY_UNKNOWN: "a kept custom resource was pointed at the customer's Kafka, but graft cannot set its security settings",
  K8S_KNATIVE_AUTH_UNSUPPORTED:
    "a Knative KafkaSink or KafkaSource cannot take the customer's security: a KafkaSink reads it from one Secret under Knative's key names, and MSK IAM, OAuth client credentials or SSL without a client certificate have no per-resource form",
  K8S_CFK_MECHANISM_UNSUPPORTED:
    'a Confluent for Kubernetes component cannot use the customer mechanism (CFK supports SASL/PLAIN and mTLS)',
  K8S_JAEGER_AUTH_UNSUPPORTED:
    "a streaming Jaeger CR cannot use the customer's authentication: its options take a SASL password only as a literal value, and Jaeger has no AWS_MSK_IAM or OAUTHBEARER",
  K8S_CONNECTOR_CLIENT_SECURITY:
    "a Strimzi KafkaConnector's own Kafka clients (Debezium schema history) now reach the customer's cluster but graft cannot give them its security settings",
  K8S_CR_DROPPED_KAFKA_REF:
    'a kept custom resource refers to the dropped Strimzi Kafka by name (an object reference such as strimziKafkaRef), not by address',
  K8S_AKKA_DISCOVERY_KAFKA:
    "a kept ConfigMap gives Akka discovery the endpoints of a Kafka service (host and port in keys of their own): graft can rewire neither them nor the Alpakka Kafka client's security settings",
  K8S_KAFKA_OUTSIDE_STACK: 'a kept resource names a Kafka that no resource of the stack defines; graft leaves it as it is (warning)',
  K8S_KAFKA_TOOL_UNCONFIGURED:
    "a kept workload runs Kafka's tools against the dropped Kafka, but graft found nothing in it to configure: its address and settings are where graft cannot see them",
  K8S_KAFKA_OPERATOR_UNSUPPORTED:
    "a Kafka cluster custom resource of an operator graft does not migrate (not Strimzi, Confluent for Kubernetes or Redpanda's): graft can neither drop it nor hand over the resources that name it",
} as const;
