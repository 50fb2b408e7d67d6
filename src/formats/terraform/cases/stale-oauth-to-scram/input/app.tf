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
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = aws_msk_cluster.events.bootstrap_brokers_sasl_scram },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", value = "OAUTHBEARER" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_LOGIN_CALLBACK_HANDLER_CLASS", value = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL", value = "https://idp.vendor.example.com/oauth2/token" },
        { name = "SPRING_KAFKA_CONSUMER_GROUP_ID", value = "billing" },
      ]
      secrets = [
        { name = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", valueFrom = var.vendor_oauth_jaas_secret_arn },
        { name = "DB_PASSWORD", valueFrom = var.db_password_secret_arn },
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
