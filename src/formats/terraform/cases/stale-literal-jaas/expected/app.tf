resource "aws_ecs_task_definition" "payments" {
  family                   = "payments"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024

  container_definitions = jsonencode([
    {
      name  = "payments"
      image = "registry.example.com/payments:3.0"
      environment = [
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = var.graft_kafka_bootstrap_servers },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", value = "PLAIN" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"$${GRAFT_KAFKA_SASL_USERNAME}\" password=\"$${GRAFT_KAFKA_SASL_PASSWORD}\";" },
        { name = "SPRING_KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
      ]
      secrets = [
        { name = "GRAFT_KAFKA_SASL_USERNAME", valueFrom = "${var.graft_kafka_sasl_secret_arn}:key::" },
        { name = "GRAFT_KAFKA_SASL_PASSWORD", valueFrom = "${var.graft_kafka_sasl_secret_arn}:secret::" },
      ]
    },
    {
      name  = "audit"
      image = "registry.example.com/audit:1.0"
      environment = [
        { name = "KAFKA_BOOTSTRAP", value = var.graft_kafka_bootstrap_servers },
        { name = "KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "KAFKA_SASL_MECHANISM", value = "PLAIN" },
      ]
      secrets = [
        { name = "KAFKA_SASL_USERNAME", valueFrom = "${var.graft_kafka_sasl_secret_arn}:key::" },
        { name = "KAFKA_SASL_PASSWORD", valueFrom = "${var.graft_kafka_sasl_secret_arn}:secret::" },
      ]
    },
  ])
}

resource "aws_lambda_function" "audit_export" {
  function_name = "audit-export"
  role          = var.lambda_role_arn
  runtime       = "python3.12"
  handler       = "export.handler"
  filename      = "export.zip"

  environment {
    variables = {
      KAFKA_BOOTSTRAP         = var.graft_kafka_bootstrap_servers
      EXPORT_BUCKET           = "audit-exports"
      KAFKA_SECURITY_PROTOCOL = "SASL_SSL"
      KAFKA_SASL_MECHANISM    = "PLAIN"
    }
  }
}

variable "lambda_role_arn" {
  type = string
}
