# Two services on ECS Fargate next to the vendor's MSK cluster: orders runs with a task execution role of this
# module, billing with one the platform team passes in.

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "orders_execution" {
  name               = "${var.name}-orders-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

resource "aws_iam_role_policy" "graft_kafka_secrets_orders_execution" {
  name = "GraftKafkaSecrets"
  role = aws_iam_role.orders_execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "secretsmanager:GetSecretValue"
        Resource = [var.graft_kafka_sasl_secret_arn]
      },
      {
        Effect   = "Allow"
        Action   = "ssm:GetParameters"
        Resource = ["arn:${data.aws_partition.graft_kafka.partition}:ssm:${data.aws_region.graft_kafka.name}:${data.aws_caller_identity.graft_kafka.account_id}:parameter/${trimprefix(var.graft_kafka_sasl_parameter, "/")}"]
      },
      {
        Effect    = "Allow"
        Action    = "kms:Decrypt"
        Resource  = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"
        Condition = { StringEquals = { "kms:ViaService" = ["secretsmanager.us-east-1.amazonaws.com", "ssm.us-east-1.amazonaws.com"] } }
      },
    ]
  })
}

data "aws_partition" "graft_kafka" {}
data "aws_region" "graft_kafka" {}
data "aws_caller_identity" "graft_kafka" {}

resource "aws_iam_role_policy_attachment" "orders_execution" {
  role       = aws_iam_role.orders_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_ecs_task_definition" "orders" {
  family                   = "${var.name}-orders"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = aws_iam_role.orders_execution.arn

  container_definitions = jsonencode([
    {
      name      = "orders"
      image     = "registry.example.com/orders:3.1.0"
      essential = true
      environment = [
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = var.graft_kafka_bootstrap_servers },
        { name = "SPRING_KAFKA_CONSUMER_GROUP_ID", value = "shop.orders" },
        { name = "SPRING_KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$${GRAFT_KAFKA_SASL_USERNAME}\" password=\"$${GRAFT_KAFKA_SASL_PASSWORD}\";" },
      ]
      secrets = [
        { name = "GRAFT_KAFKA_SASL_USERNAME", valueFrom = "${var.graft_kafka_sasl_secret_arn}:username::" },
        { name = "GRAFT_KAFKA_SASL_PASSWORD", valueFrom = var.graft_kafka_sasl_parameter },
      ]
    },
  ])
}

resource "aws_ecs_task_definition" "billing" {
  family                   = "${var.name}-billing"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = var.billing_execution_role_arn

  container_definitions = jsonencode([
    {
      name      = "billing"
      image     = "registry.example.com/billing:1.8.0"
      essential = true
      environment = [
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = var.graft_kafka_bootstrap_servers },
        { name = "SPRING_KAFKA_CONSUMER_GROUP_ID", value = "shop.billing" },
        { name = "SPRING_KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$${GRAFT_KAFKA_SASL_USERNAME}\" password=\"$${GRAFT_KAFKA_SASL_PASSWORD}\";" },
      ]
      secrets = [
        { name = "GRAFT_KAFKA_SASL_USERNAME", valueFrom = "${var.graft_kafka_sasl_secret_arn}:username::" },
        { name = "GRAFT_KAFKA_SASL_PASSWORD", valueFrom = var.graft_kafka_sasl_parameter },
      ]
    },
  ])
}
