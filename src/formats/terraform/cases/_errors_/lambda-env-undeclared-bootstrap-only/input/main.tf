terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
  }
}

data "aws_msk_cluster" "events" {
  cluster_name = var.msk_cluster_name
}

data "aws_msk_bootstrap_brokers" "events" {
  cluster_arn = data.aws_msk_cluster.events.arn
}

resource "aws_lambda_function" "audit" {
  function_name = "audit-consumer"
  role          = aws_iam_role.audit.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "audit.zip"

  environment {
    variables = {
      KAFKA_BROKERS = data.aws_msk_bootstrap_brokers.events.bootstrap_brokers_sasl_scram
      LOG_LEVEL     = "info"
    }
  }

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [aws_security_group.audit.id]
  }
}

# Lambda polls the MSK topic and invokes the function with batches
resource "aws_lambda_event_source_mapping" "audit" {
  event_source_arn  = data.aws_msk_cluster.events.arn
  function_name     = aws_lambda_function.audit.arn
  topics            = ["audit-events"]
  starting_position = "TRIM_HORIZON"
  batch_size        = 100

  amazon_managed_kafka_event_source_config {
    consumer_group_id = "audit-consumer"
  }

  source_access_configuration {
    type = "SASL_SCRAM_512_AUTH"
    uri  = var.msk_scram_secret_arn
  }
}

resource "aws_security_group" "audit" {
  name   = "audit-consumer"
  vpc_id = var.vpc_id
}

resource "aws_iam_role" "audit" {
  name = "audit-consumer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

data "aws_iam_policy_document" "audit" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["*"]
  }

  statement {
    sid = "Msk"
    actions = [
      "kafka:DescribeClusterV2",
      "kafka:GetBootstrapBrokers",
    ]
    resources = [data.aws_msk_cluster.events.arn]
  }
}

resource "aws_iam_role_policy" "audit" {
  role   = aws_iam_role.audit.id
  policy = data.aws_iam_policy_document.audit.json
}
