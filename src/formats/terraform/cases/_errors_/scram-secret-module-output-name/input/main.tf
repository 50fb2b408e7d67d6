resource "aws_msk_cluster" "main" {
  cluster_name           = "orders"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type  = "kafka.m7g.large"
    client_subnets = ["subnet-a", "subnet-b", "subnet-c"]
  }

  client_authentication {
    sasl { scram = true }
  }
}

module "scram_secret" {
  source  = "terraform-aws-modules/secrets-manager/aws"
  version = "~> 1.0"

  name_prefix   = "AmazonMSK_orders-"
  secret_string = jsonencode({ username = "orders", password = "change-me" })
}

resource "aws_msk_scram_secret_association" "main" {
  cluster_arn     = aws_msk_cluster.main.arn
  secret_arn_list = [module.scram_secret.secret_arn]
}

resource "aws_ssm_parameter" "kafka_secret_name" {
  name  = "/orders/kafka/secret-name"
  type  = "String"
  value = module.scram_secret.secret_name
}
