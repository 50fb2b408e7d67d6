resource "aws_security_group" "worker" {
  name   = "${var.name}-worker"
  vpc_id = var.vpc_id
}

locals {
  kafka_bootstrap = var.graft_kafka_bootstrap_servers
}

resource "aws_ecs_task_definition" "worker" {
  family = "${var.name}-worker"
  container_definitions = jsonencode([{
    name  = "worker"
    image = "registry.example.com/worker:1.9.0"
    environment = [
      { name = "KAFKA_BOOTSTRAP_SERVERS", value = local.kafka_bootstrap },
      { name = "KAFKA_TOPIC", value = "vendor-jobs" },
      { name = "KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
      { name = "KAFKA_SASL_MECHANISM", value = "AWS_MSK_IAM" },
      { name = "KAFKA_SASL_JAAS_CONFIG", value = "software.amazon.msk.auth.iam.IAMLoginModule required;" },
      { name = "KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS", value = "software.amazon.msk.auth.iam.IAMClientCallbackHandler" },
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
        Resource = [var.graft_kafka_cluster_arn, "${replace(var.graft_kafka_cluster_arn, ":cluster/", ":topic/")}/vendor-*", "${replace(var.graft_kafka_cluster_arn, ":cluster/", ":group/")}/vendor-*", "${replace(var.graft_kafka_cluster_arn, ":cluster/", ":transactional-id/")}/*"]
      },
      {
        Effect = "Allow"
        Action = ["kafka-cluster:ReadData", "kafka-cluster:WriteData", "kafka-cluster:DescribeTopic", "kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"]
        Resource = [
          var.graft_kafka_cluster_arn,
          "${replace(var.graft_kafka_cluster_arn, ":cluster/", ":topic/")}/vendor-*",
          "${replace(var.graft_kafka_cluster_arn, ":cluster/", ":group/")}/vendor-*",
          "${replace(var.graft_kafka_cluster_arn, ":cluster/", ":transactional-id/")}/*",
        ]
      },
    ]
  })
}

output "bootstrap" {
  value = local.kafka_bootstrap
}

output "cluster_arn" {
  value = var.graft_kafka_cluster_arn
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
      bootstrap_servers = var.graft_kafka_bootstrap_servers

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
