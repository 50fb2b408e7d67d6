resource "aws_ecs_task_definition" "billing" {
  family                   = "billing"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024

  container_definitions = jsonencode([
    {
      name  = "billing"
      image = "registry.example.com/billing:5.1"
      environment = [
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = var.graft_kafka_bootstrap_servers },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "SPRING_KAFKA_CONSUMER_GROUP_ID", value = "billing" },
        { name = "SPRING_KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"events-app\" password=\"$${GRAFT_KAFKA_SASL_PASSWORD}\";" },
      ]
      secrets = [
        { name = "DB_PASSWORD", valueFrom = var.db_password_secret_arn },
        { name = "GRAFT_KAFKA_SASL_PASSWORD", valueFrom = "${var.graft_kafka_sasl_secret_arn}:password::" },
      ]
    },
  ])
}

variable "vendor_oauth_jaas_secret_arn" {
  type = string
}

variable "db_password_secret_arn" {
  type = string
}
