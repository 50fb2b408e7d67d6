resource "aws_ssm_parameter" "bootstrap" {
  name  = "/${var.name}/kafka/bootstrap"
  type  = "String"
  value = var.graft_kafka_bootstrap_servers
}

resource "aws_ecs_task_definition" "orders" {
  family                   = "${var.name}-orders"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = aws_iam_role.task_execution.arn

  container_definitions = jsonencode([
    {
      name      = "orders-api"
      image     = "registry.example.com/orders-api:2.4.1"
      essential = true
      environment = [
        { name = "SPRING_PROFILES_ACTIVE", value = "prod" },
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = var.graft_kafka_bootstrap_servers },
        { name = "SPRING_KAFKA_CONSUMER_GROUP_ID", value = "appliance.orders-api" },
        { name = "SPRING_KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$${GRAFT_KAFKA_SASL_USERNAME}\" password=\"$${GRAFT_KAFKA_SASL_PASSWORD}\";" },
      ]
      secrets = [
        { name = "DB_PASSWORD", valueFrom = var.db_password_secret_arn },
        { name = "GRAFT_KAFKA_SASL_USERNAME", valueFrom = "${var.graft_kafka_sasl_secret_arn}:username::" },
        { name = "GRAFT_KAFKA_SASL_PASSWORD", valueFrom = "${var.graft_kafka_sasl_secret_arn}:password::" },
      ]
      portMappings = [{ containerPort = 8080 }]
    },
  ])
}

resource "aws_iam_role" "task_execution" {
  name = "${var.name}-task-execution"
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
        Resource = [var.graft_kafka_sasl_secret_arn]
      },
    ]
  })
}

resource "aws_iam_role_policy" "task_secrets" {
  name = "read-secrets"
  role = aws_iam_role.task_execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = [var.db_password_secret_arn]
      },
    ]
  })
}
