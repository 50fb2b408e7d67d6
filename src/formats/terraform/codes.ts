/** Diagnostic codes of the Terraform format, each with what it means. */
export const TF_CODES = {
  TF_SYNTAX: 'a .tf file is not valid HCL',
  TF_JSON_UNSUPPORTED: 'a .tf.json file declares or uses the Kafka graft drops; graft rewrites .tf files only',
  TF_NO_KAFKA: 'the module declares no Kafka graft knows (MSK, Confluent Cloud, Kafka modules or Helm releases)',
  TF_KAFKA_SERVICE_UNSUPPORTED:
    "the module provisions a managed Kafka service graft has no replacement for (`aiven_kafka`, `google_managed_kafka_cluster`, `upstash_kafka_cluster`): an error on the resource, never a compile that reports no Kafka and keeps the vendor's service. Remove it and what uses it, giving those users the customer's bootstrap servers",
  TF_MANIFEST_KAFKA:
    'the module applies a Kafka cluster (Strimzi, Confluent for Kubernetes, Redpanda resources, or an Argo CD Application of a Kafka chart) as Kubernetes YAML (kubectl_manifest, kubernetes_manifest with yamldecode, file() / templatefile()), which graft does not rewrite',
  TF_MANIFEST_KAFKA_CLIENT:
    'a file the module reads (Helm values, an application source) names the bootstrap Service of a Kafka the module applies as Kubernetes YAML',
  TF_DANGLING_REFERENCE: "a kept expression refers to something graft drops that has no counterpart on the customer's cluster",
  TF_USERDATA_CLIENT:
    "an EC2 instance's (`aws_instance`) or launch template's `user_data` passes the dropped cluster's bootstrap servers to a boot script — one that writes them into Kafka clients' properties files or runs Kafka tools — and the customer's cluster needs security settings graft cannot give that script (an error at the reference; a PLAINTEXT customer's address is rewired). Help: remove the instance or its script's use of the cluster, and configure those clients with the settings the handoff lists",
  TF_EVENT_SOURCE_UNSUPPORTED: "a Lambda event source mapping cannot reach the customer's cluster with its mechanism or secret layout",
  TF_CONNECTOR_AUTH_UNSUPPORTED: "an MSK Connect connector cannot authenticate to the customer's cluster (MSK Connect offers IAM or none)",
  TF_CONNECTOR_ENVIRONMENT_SPLIT:
    "a fully managed Confluent Cloud connector on the dropped cluster would move to the customer's Confluent Cloud cluster and environment, but its config uses a resource the stack creates in the vendor's environment it leaves (a `confluent_provider_integration` named by `provider.integration.id`), which Confluent Cloud resolves only in that environment (an error; help: create it in the customer's environment)",
  TF_MANAGED_CONNECTOR_UNSUPPORTED:
    "a fully managed Confluent Cloud connector on the dropped cluster cannot run against the customer's cluster, which is not on Confluent Cloud",
  TF_MANAGED_KSQL_UNSUPPORTED:
    "a Confluent Cloud ksqlDB cluster runs on the dropped Kafka cluster, in the vendor's environment: graft cannot move it to the customer's cluster, and dropping it would drop the stack's stream processing",
  TF_REMOTE_STATE_KAFKA:
    "the module's Kafka clients read their bootstrap servers from another root module's state (terraform_remote_state), a Kafka graft cannot see or replace from this module",
  TF_MULTIPLE_CLUSTERS:
    "the module declares several Kafka clusters (migration, replication) and graft.yaml does not say which one the customer's cluster replaces",
  TF_SECRET_STORE_UNSUPPORTED: 'a secret lives outside AWS, where ECS cannot read it',
  TF_ROLE_GRANT_NEEDED:
    "an ECS task's execution role or a Lambda event source's function role must read customer secrets, and the module does not declare that role (or names none): grant the reads the message lists",
  TF_TASK_ROLE_MISSING:
    "an ECS task definition whose containers connect to the customer's MSK cluster with IAM sets no task_role_arn: an error on Fargate (the task has no AWS identity), a warning otherwise (it signs as the container instance's role)",
} as const;

/** A Terraform diagnostic code. */
export type TfCode = keyof typeof TF_CODES;
