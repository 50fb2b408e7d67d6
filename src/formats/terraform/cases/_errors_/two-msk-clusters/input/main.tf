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

resource "aws_msk_cluster" "target" {
  cluster_name           = "events-target"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = var.target_subnet_ids
    security_groups = [var.target_security_group_id]
  }

  client_authentication {
    sasl {
      iam = true
    }
  }
}

resource "aws_msk_replicator" "events" {
  replicator_name            = "events"
  description                = "moves the events to the new cluster"
  service_execution_role_arn = var.replicator_role_arn

  kafka_cluster {
    amazon_msk_cluster {
      msk_cluster_arn = aws_msk_cluster.source.arn
    }

    vpc_config {
      subnet_ids          = var.source_subnet_ids
      security_groups_ids = [var.source_security_group_id]
    }
  }

  kafka_cluster {
    amazon_msk_cluster {
      msk_cluster_arn = aws_msk_cluster.target.arn
    }

    vpc_config {
      subnet_ids          = var.target_subnet_ids
      security_groups_ids = [var.target_security_group_id]
    }
  }

  replication_info_list {
    source_kafka_cluster_arn = aws_msk_cluster.source.arn
    target_kafka_cluster_arn = aws_msk_cluster.target.arn
    target_compression_type  = "NONE"

    topic_replication {
      topics_to_replicate = [".*"]
    }

    consumer_group_replication {
      consumer_groups_to_replicate = [".*"]
    }
  }
}

output "source_bootstrap_brokers" {
  value = aws_msk_cluster.source.bootstrap_brokers_sasl_iam
}

output "target_bootstrap_brokers" {
  value = aws_msk_cluster.target.bootstrap_brokers_sasl_iam
}
