resource "aws_ecs_task_definition" "producer" {
  family                   = "${var.name}-producer"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = var.execution_role_arn

  container_definitions = jsonencode([
    {
      name      = "producer"
      image     = "registry.example.com/stocks-producer:1.0.0"
      essential = true
      environment = [
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = var.graft_kafka_bootstrap_servers },
        { name = "SPRING_KAFKA_CONSUMER_GROUP_ID", value = "appliance.stocks-producer" },
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

resource "aws_lambda_function" "mirror" {
  function_name = "${var.name}-mirror"
  role          = var.execution_role_arn
  handler       = "org.example.Mirror::handleRequest"
  runtime       = "java21"
  filename      = "mirror.zip"

  environment {
    variables = {
      SPRING_KAFKA_BOOTSTRAP_SERVERS           = join(",", split(",", var.graft_kafka_bootstrap_servers))
      JAVA_TOOL_OPTIONS                        = "-Dstocks.brokers=${var.graft_kafka_bootstrap_servers} -Xmx512m"
      SPRING_KAFKA_SECURITY_PROTOCOL           = "SASL_SSL"
      SPRING_KAFKA_PROPERTIES_SASL_MECHANISM   = "SCRAM-SHA-512"
      SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$${GRAFT_KAFKA_SASL_USERNAME}\" password=\"$${GRAFT_KAFKA_SASL_PASSWORD}\";"
    }
  }
}

output "brokers" {
  value = var.graft_kafka_bootstrap_servers
}
