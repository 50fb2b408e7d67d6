terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = var.subnet_ids
    security_groups = [var.security_group_id]
  }

  client_authentication {
    sasl {
      iam = true
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
        },
        {
          "Effect": "Allow",
          "Action": [
            "kafka-cluster:Connect",
            "kafka-cluster:DescribeTopic",
            "kafka-cluster:ReadData"
          ],
          "Resource": [
            "${aws_msk_cluster.events.arn}",
            "${replace(aws_msk_cluster.events.arn, ":cluster/", ":topic/")}/*"
          ]
        }
      ]
    }
  EOT
}

# an admin policy that only grants Kafka actions
resource "aws_iam_policy" "kafka_admin" {
  name   = "events-kafka-admin"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["kafka-cluster:*"],
      "Resource": "${aws_msk_cluster.events.arn}"
    },
    {
      "Effect": "Allow",
      "Action": ["kafka:DescribeCluster", "kafka:GetBootstrapBrokers"],
      "Resource": "${aws_msk_cluster.events.arn}"
    }
  ]
}
EOF
}

resource "aws_iam_role_policy_attachment" "kafka_admin" {
  role       = aws_iam_role.worker.name
  policy_arn = aws_iam_policy.kafka_admin.arn
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
  value = aws_msk_cluster.events.bootstrap_brokers_sasl_iam
}
