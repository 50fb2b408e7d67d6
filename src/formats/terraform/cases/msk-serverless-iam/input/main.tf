resource "aws_msk_serverless_cluster" "events" {
  cluster_name = "${var.name}-events"

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [aws_security_group.msk.id]
  }

  client_authentication {
    sasl {
      iam {
        enabled = true
      }
    }
  }
}

resource "aws_security_group" "msk" {
  name   = "${var.name}-msk"
  vpc_id = var.vpc_id

  ingress {
    from_port       = 9098
    to_port         = 9098
    protocol        = "tcp"
    security_groups = [aws_security_group.worker.id]
  }
}

resource "aws_security_group" "worker" {
  name   = "${var.name}-worker"
  vpc_id = var.vpc_id
}

data "aws_msk_bootstrap_brokers" "events" {
  cluster_arn = aws_msk_serverless_cluster.events.arn
}

locals {
  kafka_bootstrap = data.aws_msk_bootstrap_brokers.events.bootstrap_brokers_sasl_iam
}

resource "aws_ecs_task_definition" "worker" {
  family = "${var.name}-worker"
  container_definitions = jsonencode([{
    name  = "worker"
    image = "registry.example.com/worker:1.9.0"
    environment = [
      { name = "KAFKA_BOOTSTRAP_SERVERS", value = local.kafka_bootstrap },
      { name = "KAFKA_TOPIC", value = "jobs" },
    ]
  }])
}

resource "aws_iam_policy" "worker_kafka" {
  name = "${var.name}-worker-kafka"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"]
        Resource = [aws_msk_serverless_cluster.events.arn]
      },
      {
        Effect = "Allow"
        Action = ["kafka-cluster:ReadData", "kafka-cluster:WriteData", "kafka-cluster:DescribeTopic", "kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"]
        Resource = [
          "arn:aws:kafka:${var.region}:${var.account_id}:topic/${aws_msk_serverless_cluster.events.cluster_name}/*",
          "arn:aws:kafka:${var.region}:${var.account_id}:group/${aws_msk_serverless_cluster.events.cluster_name}/*",
        ]
      },
    ]
  })
}

output "bootstrap" {
  value = local.kafka_bootstrap
}

output "cluster_arn" {
  value = aws_msk_serverless_cluster.events.arn
}

resource "aws_mskconnect_connector" "sink" {
  name                 = "${var.name}-s3-sink"
  kafkaconnect_version = "2.7.1"

  capacity {
    provisioned_capacity {
      mcu_count    = 1
      worker_count = 1
    }
  }

  connector_configuration = {
    "connector.class" = "io.confluent.connect.s3.S3SinkConnector"
    "topics"          = "jobs"
    "tasks.max"       = "1"
  }

  kafka_cluster {
    apache_kafka_cluster {
      bootstrap_servers = data.aws_msk_bootstrap_brokers.events.bootstrap_brokers_sasl_iam

      vpc {
        security_groups = [aws_security_group.worker.id]
        subnets         = var.subnet_ids
      }
    }
  }

  kafka_cluster_client_authentication {
    authentication_type = "IAM"
  }

  kafka_cluster_encryption_in_transit {
    encryption_type = "TLS"
  }

  plugin {
    custom_plugin {
      arn      = var.s3_sink_plugin_arn
      revision = 1
    }
  }

  service_execution_role_arn = var.connect_role_arn
}
