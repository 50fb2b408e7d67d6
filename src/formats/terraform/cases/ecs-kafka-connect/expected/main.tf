# Kafka Connect workers on Fargate
resource "aws_ecs_task_definition" "connect" {
  family                   = "connect"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 1024
  memory                   = 2048

  container_definitions = jsonencode([
    {
      name  = "connect"
      image = "confluentinc/cp-kafka-connect:7.6.1"
      environment = [
        { name = "CONNECT_BOOTSTRAP_SERVERS", value = var.graft_kafka_bootstrap_servers },
        { name = "CONNECT_GROUP_ID", value = "appliance.connect-cluster" },
        { name = "CONNECT_CONFIG_STORAGE_TOPIC", value = "appliance.connect-configs" },
        { name = "CONNECT_OFFSET_STORAGE_TOPIC", value = "appliance.connect-offsets" },
        { name = "CONNECT_STATUS_STORAGE_TOPIC", value = "appliance.connect-status" },
        { name = "CONNECT_KEY_CONVERTER", value = "org.apache.kafka.connect.storage.StringConverter" },
        { name = "CONNECT_VALUE_CONVERTER", value = "org.apache.kafka.connect.json.JsonConverter" },
        { name = "CONNECT_REST_ADVERTISED_HOST_NAME", value = "connect" },
        { name = "CONNECT_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "CONNECT_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "CONNECT_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$${secrets:GRAFT_KAFKA_SASL_USERNAME}\" password=\"$${secrets:GRAFT_KAFKA_SASL_PASSWORD}\";" },
        { name = "CONNECT_PRODUCER_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "CONNECT_PRODUCER_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "CONNECT_PRODUCER_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$${secrets:GRAFT_KAFKA_SASL_USERNAME}\" password=\"$${secrets:GRAFT_KAFKA_SASL_PASSWORD}\";" },
        { name = "CONNECT_CONSUMER_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "CONNECT_CONSUMER_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "CONNECT_CONSUMER_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$${secrets:GRAFT_KAFKA_SASL_USERNAME}\" password=\"$${secrets:GRAFT_KAFKA_SASL_PASSWORD}\";" },
        { name = "CONNECT_ADMIN_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "CONNECT_ADMIN_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "CONNECT_ADMIN_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$${secrets:GRAFT_KAFKA_SASL_USERNAME}\" password=\"$${secrets:GRAFT_KAFKA_SASL_PASSWORD}\";" },
        { name = "CONNECT_CONFIG_PROVIDERS", value = "secrets" },
        { name = "CONNECT_CONFIG_PROVIDERS_SECRETS_CLASS", value = "org.apache.kafka.common.config.provider.EnvVarConfigProvider" },
      ]
      secrets = [
        { name = "GRAFT_KAFKA_SASL_USERNAME", valueFrom = "${var.graft_kafka_sasl_secret_arn}:username::" },
        { name = "GRAFT_KAFKA_SASL_PASSWORD", valueFrom = "${var.graft_kafka_sasl_secret_arn}:password::" },
      ]
    },
  ])
}
