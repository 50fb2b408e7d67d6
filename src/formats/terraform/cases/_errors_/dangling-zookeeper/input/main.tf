resource "aws_msk_cluster" "this" {
  cluster_name           = "legacy"
  kafka_version          = "2.8.1"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = var.subnet_ids
    security_groups = [var.security_group_id]
  }
}

locals {
  # the admin tool still talks to ZooKeeper
  zk = aws_msk_cluster.this.zookeeper_connect_string
}

resource "aws_ssm_parameter" "zk" {
  name  = "/legacy/zookeeper"
  type  = "String"
  value = local.zk
}

resource "aws_ssm_parameter" "current_version" {
  name  = "/legacy/kafka-version"
  type  = "String"
  value = aws_msk_cluster.this.current_version
}
