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
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = aws_msk_cluster.events.bootstrap_brokers_sasl_scram },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"payments\" password=\"hunter2\";" },
        { name = "SPRING_KAFKA_PRODUCER_PROPERTIES_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"payments\" password=\"hunter2\";" },
      ]
    },
    {
      name  = "audit"
      image = "registry.example.com/audit:1.0"
      environment = [
        { name = "KAFKA_BOOTSTRAP", value = aws_msk_cluster.events.bootstrap_brokers_sasl_scram },
        { name = "KAFKA_SASL_USERNAME", value = "audit" },
        { name = "KAFKA_SASL_PASSWORD", value = "hunter2" },
        { name = "KAFKA_SSL_CA_LOCATION", value = "/etc/ssl/dev-broker-ca.pem" },
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
      KAFKA_BOOTSTRAP     = aws_msk_cluster.events.bootstrap_brokers_sasl_scram
      KAFKA_SASL_USERNAME = "audit"
      KAFKA_SASL_PASSWORD = "hunter2"
      EXPORT_BUCKET       = "audit-exports"
    }
  }
}

variable "lambda_role_arn" {
  type = string
}
