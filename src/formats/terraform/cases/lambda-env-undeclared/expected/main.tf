terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
  }
}

resource "aws_lambda_function" "audit" {
  function_name = "audit-consumer"
  role          = aws_iam_role.audit.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "audit.zip"

  environment {
    variables = {
      KAFKA_BROKERS = var.graft_kafka_bootstrap_servers
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
  self_managed_event_source {
    endpoints = {
      KAFKA_BOOTSTRAP_SERVERS = var.graft_kafka_bootstrap_servers
    }
  }

  source_access_configuration {
    type = "SASL_SCRAM_512_AUTH"
    uri  = var.graft_kafka_sasl_secret_arn
  }

  dynamic "source_access_configuration" {
    for_each = var.graft_kafka_subnet_ids
    content {
      type = "VPC_SUBNET"
      uri  = "subnet:${source_access_configuration.value}"
    }
  }

  dynamic "source_access_configuration" {
    for_each = var.graft_kafka_security_group_ids
    content {
      type = "VPC_SECURITY_GROUP"
      uri  = "security_group:${source_access_configuration.value}"
    }
  }

  function_name     = aws_lambda_function.audit.arn
  topics            = ["appliance.audit-events"]
  starting_position = "TRIM_HORIZON"
  batch_size        = 100

  self_managed_kafka_event_source_config {
    consumer_group_id = "appliance.audit-consumer"
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

resource "aws_iam_role_policy" "graft_kafka_secrets_audit" {
  name = "GraftKafkaSecrets"
  role = aws_iam_role.audit.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "secretsmanager:GetSecretValue"
        Resource = [var.graft_kafka_sasl_secret_arn]
      },
    ]
  })
}

data "aws_iam_policy_document" "audit" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "audit" {
  role   = aws_iam_role.audit.id
  policy = data.aws_iam_policy_document.audit.json
}
