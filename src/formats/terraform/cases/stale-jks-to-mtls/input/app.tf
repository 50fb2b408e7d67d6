resource "aws_ecs_task_definition" "inventory" {
  family                   = "inventory"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024

  container_definitions = jsonencode([
    {
      name  = "inventory"
      image = "registry.example.com/inventory:1.4"
      environment = [
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = aws_msk_cluster.events.bootstrap_brokers_tls },
        { name = "SPRING_KAFKA_SECURITY_PROTOCOL", value = "SSL" },
        { name = "SPRING_KAFKA_SSL_TRUST_STORE_LOCATION", value = "file:/certs/kafka.truststore.jks" },
        { name = "SPRING_KAFKA_SSL_KEY_STORE_LOCATION", value = "file:/certs/inventory.keystore.jks" },
        { name = "SPRING_KAFKA_PROPERTIES_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", value = "" },
      ]
      secrets = [
        { name = "SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD", valueFrom = var.jks_password_secret_arn },
        { name = "SPRING_KAFKA_SSL_KEY_STORE_PASSWORD", valueFrom = var.jks_password_secret_arn },
        { name = "SPRING_KAFKA_SSL_KEY_PASSWORD", valueFrom = var.jks_password_secret_arn },
      ]
    },
  ])
}

variable "jks_password_secret_arn" {
  type = string
}
