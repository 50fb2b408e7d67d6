module "kafka" {
  source  = "terraform-aws-modules/msk-kafka-cluster/aws"
  version = "~> 2.11"

  name                   = "telemetry"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_client_subnets  = var.subnet_ids
  broker_node_instance_type   = "kafka.t3.small"
  broker_node_security_groups = [module.kafka_sg.security_group_id]

  topics = {
    telemetry-raw = {
      partition_count    = 12
      replication_factor = 3
      configs            = jsonencode({ "retention.ms" = "86400000", "cleanup.policy" = "delete" })
    }
  }
}

module "kafka_sg" {
  source  = "terraform-aws-modules/security-group/aws"
  version = "~> 5.0"

  name                = "telemetry-kafka"
  vpc_id              = var.vpc_id
  ingress_cidr_blocks = ["10.0.0.0/16"]
  ingress_rules       = ["kafka-broker-tcp"]
}

resource "kubernetes_deployment_v1" "collector" {
  metadata {
    name = "collector"
  }
  spec {
    selector {
      match_labels = { app = "collector" }
    }
    template {
      metadata {
        labels = { app = "collector" }
      }
      spec {
        container {
          name  = "collector"
          image = "registry.example.com/collector:3.0.2"
          env {
            name  = "KAFKA_BROKERS"
            value = module.kafka.bootstrap_brokers
          }
          env {
            name  = "KAFKA_TOPIC"
            value = "telemetry-raw"
          }
        }
      }
    }
  }
}

output "kafka_bootstrap" {
  value = module.kafka.bootstrap_brokers
}

output "kafka_configuration_arn" {
  value = module.kafka.configuration_arn
}
