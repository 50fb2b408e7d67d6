resource "aws_ecs_task_definition" "orders" {
  family                   = "orders"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024

  container_definitions = jsonencode([
    {
      name  = "orders"
      image = "registry.example.com/orders:2.3"
      environment = [
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = var.graft_kafka_bootstrap_servers },
        { name = "SPRING_KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"events-app\" password=\"$${GRAFT_KAFKA_SASL_PASSWORD}\";" },
        { name = "SPRING_KAFKA_CONSUMER_GROUP_ID", value = "orders" },
      ]
      secrets = [
        { name = "GRAFT_KAFKA_SASL_PASSWORD", valueFrom = "${var.graft_kafka_sasl_secret_arn}:password::" },
      ]
    },
    {
      name  = "connect"
      image = "confluentinc/cp-kafka-connect:7.6.1"
      environment = [
        { name = "CONNECT_BOOTSTRAP_SERVERS", value = var.graft_kafka_bootstrap_servers },
        { name = "CONNECT_GROUP_ID", value = "connect-cluster" },
        { name = "CONNECT_CONFIG_STORAGE_TOPIC", value = "connect-configs" },
        { name = "CONNECT_OFFSET_STORAGE_TOPIC", value = "connect-offsets" },
        { name = "CONNECT_STATUS_STORAGE_TOPIC", value = "connect-status" },
        { name = "CONNECT_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "CONNECT_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "CONNECT_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"events-app\" password=\"$${secrets:GRAFT_KAFKA_SASL_PASSWORD}\";" },
        { name = "CONNECT_PRODUCER_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "CONNECT_PRODUCER_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "CONNECT_PRODUCER_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"events-app\" password=\"$${secrets:GRAFT_KAFKA_SASL_PASSWORD}\";" },
        { name = "CONNECT_CONSUMER_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "CONNECT_CONSUMER_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "CONNECT_CONSUMER_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"events-app\" password=\"$${secrets:GRAFT_KAFKA_SASL_PASSWORD}\";" },
        { name = "CONNECT_ADMIN_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "CONNECT_ADMIN_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "CONNECT_ADMIN_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"events-app\" password=\"$${secrets:GRAFT_KAFKA_SASL_PASSWORD}\";" },
        { name = "CONNECT_CONFIG_PROVIDERS", value = "secrets" },
        { name = "CONNECT_CONFIG_PROVIDERS_SECRETS_CLASS", value = "org.apache.kafka.common.config.provider.EnvVarConfigProvider" },
      ]
      secrets = [
        { name = "GRAFT_KAFKA_SASL_PASSWORD", valueFrom = "${var.graft_kafka_sasl_secret_arn}:password::" },
      ]
    },
  ])
}
