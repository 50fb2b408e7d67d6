variable "name" {
  type    = string
  default = "intake"
}

variable "private_subnet_ids" {
  type = list(string)
}

variable "execution_role_arn" {
  type = string
}

resource "aws_msk_cluster" "main" {
  cluster_name           = var.name
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type  = "kafka.m7g.large"
    client_subnets = var.private_subnet_ids
  }

  client_authentication {
    sasl { scram = true }
    unauthenticated = false
  }
}

resource "aws_msk_scram_secret_association" "main" {
  cluster_arn     = aws_msk_cluster.main.arn
  secret_arn_list = [module.shared.kafka_secret_arn, module.ops_secret.secret_arn]
}

# the API's secrets and the Kafka user's secret
module "shared" {
  source = "./modules/shared"
  name   = var.name
}

module "ops_secret" {
  source  = "terraform-aws-modules/secrets-manager/aws"
  version = "~> 1.0"

  name_prefix   = "AmazonMSK_${var.name}-ops-"
  secret_string = jsonencode({ username = "ops", password = "change-me" })
}

data "aws_iam_policy_document" "workload" {
  statement {
    sid       = "ReadRuntimeSecrets"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [module.shared.api_secret_arn, module.shared.kafka_secret_arn]
  }
}

resource "aws_iam_policy" "workload" {
  name   = "${var.name}-workload"
  policy = data.aws_iam_policy_document.workload.json
}

resource "aws_ecs_task_definition" "intake" {
  family             = var.name
  execution_role_arn = var.execution_role_arn

  container_definitions = jsonencode([
    {
      name  = "intake"
      image = "registry.example.com/intake:1.4.0"
      environment = [
        { name = "KAFKA_BROKERS", value = aws_msk_cluster.main.bootstrap_brokers_sasl_scram },
        { name = "AWS_SECRET_ID", value = module.shared.api_secret_name },
      ]
      secrets = [
        { name = "KAFKA_USERNAME", valueFrom = "${module.shared.kafka_secret_arn}:username::" },
        { name = "KAFKA_PASSWORD", valueFrom = "${module.shared.kafka_secret_arn}:password::" },
      ]
    },
  ])
}

resource "aws_ecs_task_definition" "ops" {
  family             = "${var.name}-ops"
  execution_role_arn = var.execution_role_arn

  container_definitions = jsonencode([
    {
      name  = "ops"
      image = "registry.example.com/ops:1.4.0"
      secrets = [
        { name = "OPS_KAFKA_CREDENTIALS", valueFrom = module.ops_secret.secret_arn },
      ]
    },
  ])
}
