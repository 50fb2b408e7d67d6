resource "aws_msk_cluster" "this" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 2

  broker_node_group_info {
    instance_type  = "kafka.t3.small"
    client_subnets = var.subnet_ids
  }
}

resource "aws_mskconnect_connector" "sink" {
  name                 = "s3-sink"
  kafkaconnect_version = "2.7.1"

  kafka_cluster {
    apache_kafka_cluster {
      bootstrap_servers = aws_msk_cluster.this.bootstrap_brokers_tls

      vpc {
        security_groups = []
        subnets         = var.subnet_ids
      }
    }
  }

  kafka_cluster_client_authentication {
    authentication_type = "NONE"
  }

  kafka_cluster_encryption_in_transit {
    encryption_type = "TLS"
  }
}

variable "subnet_ids" {
  type = list(string)
}
