resource "aws_msk_cluster" "kafka" {
  cluster_name           = "kafka"
  kafka_version          = "2.6.2"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type  = "kafka.t3.small"
    client_subnets = var.subnet_ids

    storage_info {
      ebs_storage_info {
        volume_size = 50
      }
    }
  }

  client_authentication {
    unauthenticated = true
  }
}
