################################################################################
# Kafka (MSK, provisioned)
################################################################################

resource "aws_security_group" "msk" {
  name_prefix = "${var.name}-msk-"
  vpc_id      = var.vpc_id
  description = "Brokers of the orders platform"
}

resource "aws_security_group_rule" "msk_from_app" {
  type                     = "ingress"
  from_port                = 9096
  to_port                  = 9096
  protocol                 = "tcp"
  security_group_id        = aws_security_group.msk.id
  source_security_group_id = aws_security_group.app.id
}

resource "aws_kms_key" "msk" {
  description = "MSK at-rest encryption"
}

resource "aws_cloudwatch_log_group" "msk" {
  name              = "/msk/${var.name}"
  retention_in_days = 7
}

resource "aws_msk_configuration" "this" {
  name              = "${var.name}-config"
  kafka_versions    = ["3.6.0"]
  server_properties = <<-PROPERTIES
    auto.create.topics.enable = false
    default.replication.factor = 3
  PROPERTIES
}

resource "aws_msk_cluster" "this" {
  cluster_name           = var.name
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = var.private_subnet_ids
    security_groups = [aws_security_group.msk.id]
  }

  client_authentication {
    sasl {
      scram = true
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.this.arn
    revision = aws_msk_configuration.this.latest_revision
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = aws_kms_key.msk.arn
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.msk.name
      }
    }
  }
}

# SCRAM users live in secrets whose names start with AmazonMSK_
resource "aws_secretsmanager_secret" "msk_app" {
  name       = "AmazonMSK_${var.name}_app"
  kms_key_id = aws_kms_key.msk.key_id
}

resource "aws_secretsmanager_secret_version" "msk_app" {
  secret_id     = aws_secretsmanager_secret.msk_app.id
  secret_string = jsonencode({ username = "app", password = var.app_kafka_password })
}

resource "aws_msk_scram_secret_association" "this" {
  cluster_arn     = aws_msk_cluster.this.arn
  secret_arn_list = [aws_secretsmanager_secret.msk_app.arn]

  depends_on = [aws_secretsmanager_secret_version.msk_app]
}
