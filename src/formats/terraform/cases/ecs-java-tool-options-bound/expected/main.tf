# Kafka Streams apps on Fargate that read the brokers from a Java system property.

locals {
  brokers = var.graft_kafka_bootstrap_servers
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
        { name = "JAVA_TOOL_OPTIONS", value = "-Xmx512m -Dkafka.broker=${var.graft_kafka_bootstrap_servers} -Dlog.level=INFO" },
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
