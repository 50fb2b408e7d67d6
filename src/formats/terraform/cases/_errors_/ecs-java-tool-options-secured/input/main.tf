# Kafka Streams apps on Fargate that read the brokers from a Java system property.

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

  container_definitions = jsonencode([
    {
      name  = "twitter-stream-producer"
      image = "registry.example.com/twitter-stream-producer:1.0.0"
      environment = [
        { name = "JAVA_TOOL_OPTIONS", value = "-Xmx512m -Dkafka.broker=${aws_msk_cluster.this.bootstrap_brokers} -Dlog.level=INFO" },
      ]
    },
  ])
}

resource "aws_ecs_task_definition" "streams" {
  family                   = "kafka-streams-msk"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 2048
  memory                   = 4096

  container_definitions = jsonencode([
    {
      name  = "kafka-streams-msk"
      image = "registry.example.com/kafka-streams-msk:1.0.0"
      environment = [
        { name = "JAVA_TOOL_OPTIONS", value = "-Dkafka.broker=${local.brokers}" },
      ]
    },
  ])
}
