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
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = var.kafka_connection_string },
        { name = "SPRING_KAFKA_CONSUMER_GROUP_ID", value = "stocks-producer" },
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
      SPRING_KAFKA_BOOTSTRAP_SERVERS = join(",", var.replica_brokers)
      JAVA_TOOL_OPTIONS              = "-Dstocks.brokers=${var.kafka_connection_string} -Xmx512m"
    }
  }
}

output "brokers" {
  value = var.kafka_connection_string
}
