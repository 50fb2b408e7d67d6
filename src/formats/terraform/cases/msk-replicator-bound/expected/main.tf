resource "aws_msk_cluster" "source" {
  cluster_name           = "events-source"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = var.source_subnet_ids
    security_groups = [var.source_security_group_id]
  }

  client_authentication {
    sasl {
      iam = true
    }
  }
}

output "source_bootstrap_brokers" {
  value = aws_msk_cluster.source.bootstrap_brokers_sasl_iam
}

output "target_bootstrap_brokers" {
  value = var.graft_kafka_bootstrap_servers
}
