# A Spring Boot app on Fargate that also passes the brokers in a Java system property.

locals {
  brokers = var.graft_kafka_bootstrap_servers
}

resource "aws_ecs_task_definition" "producer" {
  family                   = "twitter-stream-producer"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 2048
  memory                   = 4096
  execution_role_arn       = aws_iam_role.task_execution.arn

  container_definitions = jsonencode([
    {
      name  = "twitter-stream-producer"
      image = "registry.example.com/twitter-stream-producer:1.0.0"
      environment = [
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = local.brokers },
        { name = "JAVA_TOOL_OPTIONS", value = "-Xmx512m -Dkafka.broker=${var.graft_kafka_bootstrap_servers} -Dlog.level=INFO -Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=https://login.example.com/oauth2/token" },
        { name = "SPRING_KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", value = "OAUTHBEARER" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId=\"billing\" clientSecret=\"$${GRAFT_KAFKA_OAUTH_CLIENT_SECRET}\" scope=\"kafka\";" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_LOGIN_CALLBACK_HANDLER_CLASS", value = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL", value = "https://login.example.com/oauth2/token" },
      ]
      secrets = [
        { name = "GRAFT_KAFKA_OAUTH_CLIENT_SECRET", valueFrom = "${var.graft_kafka_oauth_secret_arn}:secret::" },
      ]
    },
  ])
}

resource "aws_iam_role" "task_execution" {
  name = "twitter-stream-producer-execution"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "graft_kafka_secrets_task_execution" {
  name = "GraftKafkaSecrets"
  role = aws_iam_role.task_execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "secretsmanager:GetSecretValue"
        Resource = [var.graft_kafka_oauth_secret_arn]
      },
    ]
  })
}
