variable "region" {
  type        = string
  description = "The region to create resources in."
  default     = "us-east-1"
}
variable "partition" {
  type        = string
  description = "The partition to create resources in."
  default     = "aws"
}
variable "tags" {
  type        = map(string)
  description = "Tags to apply to all resources."
  default     = {}
}
variable "account-id" {
  type        = string
  description = "The account to create resources in."
}
variable "app-shorthand-name" {
  type        = string
  description = "Unique app name prefix to prepend to resource names."
}
variable "vpc-id" {
  type        = string
  description = "The VPC to provision resources in."
}
variable "source-cluster-bootstrap-broker-string" {
  type        = string
  description = "The source Kafka cluster bootstrap broker URI string (e.g. 'broker1:9098,broker2:9098'). If not provided a new cluster will be provisioned."
  default     = null
}
variable "target-cluster-bootstrap-broker-string" {
  type        = string
  description = "The target Kafka cluster bootstrap broker URI string (e.g. 'broker1:9098,broker2:9098'). If not provided a new cluster will be provisioned."
  default     = null
}

locals {
  create_cluster = var.source-cluster-bootstrap-broker-string == null || var.target-cluster-bootstrap-broker-string == null
  clusters_to_create = {
    for key, create in { "source" : var.source-cluster-bootstrap-broker-string == null, "target" : var.target-cluster-bootstrap-broker-string == null } :
    key => create if create
  }
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.19.0"
    }
  }
}
provider "aws" {
  region = var.region
  default_tags { tags = var.tags }
}

locals {
  base-name = "${var.app-shorthand-name}.${var.region}"
}

data "aws_caller_identity" "current" {
  lifecycle {
    # Require that account ID is consistent with current credentials
    postcondition {
      condition = self.account_id == var.account-id
      error_message = join(
        "\n",
        [
          "Configured account ID does not match account ID from AWS credentials.",
          "Configured: ${var.account-id}",
          "From credentials: ${self.account_id}",
        ]
      )
    }
  }
}

data "aws_subnets" "private" {
  filter {
    name   = "vpc-id"
    values = [var.vpc-id]
  }
  filter {
    name   = "map-public-ip-on-launch"
    values = ["false"]
  }

  lifecycle {
    # Require that the user has only 2-3 private subnets for the cluster
    postcondition {
      condition = length(self.ids) >= 2 && length(self.ids) <= 3
      error_message = join(
        "\n",
        [
          "Invalid number of private subnets identified. Only 2 or 3 private subnets supported.",
          "VPC: ${var.vpc-id}",
          "Subnet Count: ${length(self.ids)}",
          "Subnets: ${jsonencode(self.ids)}",
        ]
      )
    }
  }
}

resource "aws_security_group" "msk" {
  count       = local.create_cluster ? 1 : 0
  name        = "${local.base-name}.sg.msk"
  description = "Security group for msk clusters."
  vpc_id      = var.vpc-id

  tags = {
    Name = "${local.base-name}.sg.msk"
  }
}
resource "aws_security_group_rule" "ecs-to-msk-ingress" {
  count                    = local.create_cluster ? 1 : 0
  type                     = "ingress"
  from_port                = 0
  to_port                  = 65535
  protocol                 = "tcp"
  security_group_id        = aws_security_group.msk[0].id
  description              = "Allow ECS tasks to communicate with MSK cluster"
  source_security_group_id = aws_security_group.ecs.id
}

resource "aws_kms_key" "msk" {
  count                   = local.create_cluster ? 1 : 0
  description             = "msk KMS key."
  deletion_window_in_days = 30
  enable_key_rotation     = "true"
  tags = {
    "Name" = "${local.base-name}.kms.msk"
  }
}
resource "aws_kms_alias" "alias" {
  count         = local.create_cluster ? 1 : 0
  name          = replace("alias/${local.base-name}.kms.msk", ".", "_")
  target_key_id = aws_kms_key.msk[0].key_id
}
resource "aws_cloudwatch_log_group" "main" {
  for_each          = local.clusters_to_create
  name              = "/aws/msk/broker/${local.base-name}-${each.key}"
  retention_in_days = 3
}
resource "aws_msk_configuration" "main" {
  count             = local.create_cluster ? 1 : 0
  kafka_versions    = ["3.5.1"]
  name              = replace("${local.base-name}.msk.config", ".", "-")
  server_properties = <<EOF
    auto.create.topics.enable=true
    log.retention.hours=8
    default.replication.factor=3
    min.insync.replicas=2
    num.io.threads=8
    num.network.threads=5
    num.partitions=6
    num.replica.fetchers=2
    replica.lag.time.max.ms=30000
    socket.receive.buffer.bytes=102400
    socket.request.max.bytes=104857600
    socket.send.buffer.bytes=102400
    unclean.leader.election.enable=true
    zookeeper.session.timeout.ms=18000
    allow.everyone.if.no.acl.found=false
    EOF
}
resource "aws_msk_cluster" "main" {
  for_each               = local.clusters_to_create
  cluster_name           = replace("${local.base-name}.msk.cluster.${each.key}", ".", "-")
  kafka_version          = "3.5.1"
  number_of_broker_nodes = length(data.aws_subnets.private.ids)

  configuration_info {
    arn      = aws_msk_configuration.main[0].arn
    revision = aws_msk_configuration.main[0].latest_revision
  }
  broker_node_group_info {
    instance_type  = "kafka.m5.large"
    client_subnets = data.aws_subnets.private.ids
    storage_info {
      ebs_storage_info {
        volume_size = 100
      }
    }
    security_groups = [aws_security_group.msk[0].id]
    connectivity_info {
      public_access {
        type = "DISABLED"
      }
      vpc_connectivity {
        client_authentication {
          tls = false
          sasl {
            iam   = true
            scram = true
          }
        }
      }
    }
  }

  client_authentication {
    sasl {
      iam   = true
      scram = true
    }
    unauthenticated = false
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = aws_kms_key.msk[0].arn
    encryption_in_transit {
      in_cluster    = true
      client_broker = "TLS"
    }
  }

  open_monitoring {
    prometheus {
      jmx_exporter {
        enabled_in_broker = true
      }
      node_exporter {
        enabled_in_broker = true
      }
    }
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.main[each.key].name
      }
    }
  }

}

locals {
  bootstrap_brokers = {
    "source" : var.source-cluster-bootstrap-broker-string == null ? aws_msk_cluster.main["source"].bootstrap_brokers_sasl_iam : var.source-cluster-bootstrap-broker-string,
    "target" : var.target-cluster-bootstrap-broker-string == null ? aws_msk_cluster.main["target"].bootstrap_brokers_sasl_iam : var.target-cluster-bootstrap-broker-string,
  }
}



resource "aws_s3_bucket" "configs" {
  bucket        = "${local.base-name}.configs"
  force_destroy = true
}
resource "aws_s3_object" "connector-config-cpc" {
  bucket = aws_s3_bucket.configs.bucket
  key    = "connector/mm2-cpc-iam-auth.json"
  content = jsonencode({
    "name" : "mm2-cpc",
    "connector.class" : "org.apache.kafka.connect.mirror.MirrorCheckpointConnector",
    "clusters" : "msksource,mskdest",
    "source.cluster.alias" : "msksource",
    "target.cluster.alias" : "mskdest",
    "target.cluster.bootstrap.servers" : "${local.bootstrap_brokers["target"]}",
    "source.cluster.bootstrap.servers" : "${local.bootstrap_brokers["source"]}",
    "tasks.max" : "1",
    "key.converter" : " org.apache.kafka.connect.converters.ByteArrayConverter",
    "value.converter" : "org.apache.kafka.connect.converters.ByteArrayConverter",
    "replication.policy.class" : "com.amazonaws.kafka.samples.CustomMM2ReplicationPolicy",
    "replication.factor" : "3",
    "checkpoints.topic.replication.factor" : "3",
    "emit.checkpoints.interval.seconds" : "20",
    "sync.group.offsets.enabled" : "true",
    "source.cluster.security.protocol" : "SASL_SSL",
    "source.cluster.sasl.mechanism" : "AWS_MSK_IAM",
    "source.cluster.sasl.jaas.config" : "software.amazon.msk.auth.iam.IAMLoginModule required;",
    "source.cluster.sasl.client.callback.handler.class" : "software.amazon.msk.auth.iam.IAMClientCallbackHandler",
    "target.cluster.security.protocol" : "SASL_SSL",
    "target.cluster.sasl.mechanism" : "AWS_MSK_IAM",
    "target.cluster.sasl.jaas.config" : "software.amazon.msk.auth.iam.IAMLoginModule required;",
    "target.cluster.sasl.client.callback.handler.class" : "software.amazon.msk.auth.iam.IAMClientCallbackHandler"
  })
}
