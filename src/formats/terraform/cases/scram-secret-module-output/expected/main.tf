variable "name" {
  type    = string
  default = "intake"
}

variable "execution_role_arn" {
  type = string
}

# the API's secrets and the Kafka user's secret
module "shared" {
  source = "./modules/shared"
  name   = var.name
}

data "aws_iam_policy_document" "workload" {
  statement {
    sid       = "ReadRuntimeSecrets"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [module.shared.api_secret_arn, var.graft_kafka_sasl_secret_arn]
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
        { name = "KAFKA_BROKERS", value = var.graft_kafka_bootstrap_servers },
        { name = "AWS_SECRET_ID", value = module.shared.api_secret_name },
        { name = "KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "KAFKA_SASL_MECHANISM", value = "SCRAM-SHA-512" },
      ]
      secrets = [
        { name = "KAFKA_USERNAME", valueFrom = "${var.graft_kafka_sasl_secret_arn}:username::" },
        { name = "KAFKA_PASSWORD", valueFrom = "${var.graft_kafka_sasl_secret_arn}:password::" },
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
        { name = "OPS_KAFKA_CREDENTIALS", valueFrom = var.graft_kafka_sasl_secret_arn },
      ]
    },
  ])
}
