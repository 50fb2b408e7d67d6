# A Spring Boot app on Fargate that also passes the brokers in a Java system property.

resource "aws_msk_cluster" "this" {
  cluster_name           = "streams"
  kafka_version          = "3.5.1"
  number_of_broker_nodes = 2

  broker_node_group_info {
    instance_type   = "kafka.t3.small"
    client_subnets  = var.subnets
    security_groups = [var.security_group_id]
  }
}

locals {
  brokers = aws_msk_cluster.this.bootstrap_brokers
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
        { name = "JAVA_TOOL_OPTIONS", value = "-Xmx512m -Dkafka.broker=${aws_msk_cluster.this.bootstrap_brokers} -Dlog.level=INFO" },
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
