resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = var.subnet_ids
    security_groups = [var.security_group_id]
  }

  client_authentication {
    sasl {
      iam = true
    }
  }
}

# the module attaches policy_json to the role it creates; its one statement grants Kafka actions on the cluster
module "reporter" {
  source = "terraform-aws-modules/lambda/aws"

  function_name = "events-reporter"
  handler       = "index.handler"
  runtime       = "python3.12"
  source_path   = "./src/reporter"

  attach_policy_json = true
  policy_json        = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"],
      "Resource": "${aws_msk_cluster.events.arn}"
    }
  ]
}
EOF
}
