terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

resource "aws_iam_role" "worker" {
  name = "events-worker"

  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Service": "ecs-tasks.amazonaws.com" },
      "Action": "sts:AssumeRole"
    }
  ]
}
EOF
}

# the worker reads its bucket and talks to the cluster
resource "aws_iam_role_policy" "worker" {
  name = "events-worker"
  role = aws_iam_role.worker.id

  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": ["s3:GetObject"],
          "Resource": "arn:aws:s3:::${var.bucket}/*"
        }
      ]
    }
  EOT
}

resource "aws_ecs_task_definition" "worker" {
  family                   = "events-worker"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  task_role_arn            = aws_iam_role.worker.arn

  container_definitions = jsonencode([
    {
      name  = "worker"
      image = "registry.example.com/events-worker:1.4.0"
    }
  ])
}

output "bootstrap_brokers" {
  value = var.graft_kafka_bootstrap_servers
}
