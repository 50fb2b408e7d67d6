variable "name" {
  type = string
}

variable "image" {
  type = string
}

variable "kafka_bootstrap" {
  description = "Brokers the service connects to"
  type        = string
}

resource "aws_ecs_task_definition" "this" {
  family = var.name
  container_definitions = jsonencode([
    {
      name  = "orders"
      image = var.image
      environment = [
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = var.kafka_bootstrap },
        { name = "SPRING_KAFKA_CONSUMER_GROUP_ID", value = "appliance.orders" },
        { name = "SPRING_KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$${GRAFT_KAFKA_SASL_USERNAME}\" password=\"$${GRAFT_KAFKA_SASL_PASSWORD}\";" },
      ]
      secrets = [
        { name = "GRAFT_KAFKA_SASL_USERNAME", valueFrom = "${var.graft_kafka_sasl_secret_arn}:username::" },
        { name = "GRAFT_KAFKA_SASL_PASSWORD", valueFrom = "${var.graft_kafka_sasl_secret_arn}:password::" },
      ]
    },
  ])
}
