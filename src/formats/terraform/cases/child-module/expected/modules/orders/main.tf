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
        { name = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$${kafka_sasl_username}\" password=\"$${kafka_sasl_password}\";" },
      ]
      secrets = [
        { name = "kafka_sasl_username", valueFrom = "${var.graft_kafka_sasl_secret_arn}:username::" },
        { name = "kafka_sasl_password", valueFrom = "${var.graft_kafka_sasl_secret_arn}:password::" },
      ]
    },
  ])
}
