resource "aws_msk_serverless_cluster" "events" {
  cluster_name = "ingest-events"

  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d"]
  }

  client_authentication {
    sasl {
      iam {
        enabled = true
      }
    }
  }
}

data "aws_msk_bootstrap_brokers" "events" {
  cluster_arn = aws_msk_serverless_cluster.events.arn
}

resource "aws_ecs_task_definition" "ingest" {
  family                   = "ingest"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  container_definitions = jsonencode([{
    name  = "ingest"
    image = "registry.example.com/ingest:2.0"
    environment = [
      { name = "KAFKA_BOOTSTRAP_SERVERS", value = data.aws_msk_bootstrap_brokers.events.bootstrap_brokers_sasl_iam },
    ]
  }])
}
