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
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = var.graft_kafka_bootstrap_servers },
        { name = "SPRING_KAFKA_SECURITY_PROTOCOL", value = "SSL" },
        { name = "SPRING_KAFKA_SSL_KEY_STORE_TYPE", value = "PEM" },
        { name = "SPRING_KAFKA_SSL_KEY_STORE_CERTIFICATE_CHAIN", value = "$${GRAFT_KAFKA_CLIENT_CERT}" },
        { name = "SPRING_KAFKA_SSL_KEY_STORE_KEY", value = "$${GRAFT_KAFKA_CLIENT_KEY}" },
      ]
      secrets = [
        { name = "GRAFT_KAFKA_CLIENT_CERT", valueFrom = "${var.graft_kafka_client_tls_secret_arn}:certificate::" },
        { name = "GRAFT_KAFKA_CLIENT_KEY", valueFrom = "${var.graft_kafka_client_tls_secret_arn}:privateKey::" },
      ]
    },
  ])
}

variable "jks_password_secret_arn" {
  type = string
}
