terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
  }
}

# audit: its role may only look the cluster up; graft grants it the poller's Kafka access
resource "aws_lambda_function" "audit" {
  function_name = "audit-consumer"
  role          = aws_iam_role.audit.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "audit.zip"
}

resource "aws_lambda_event_source_mapping" "audit" {
  event_source_arn  = var.graft_kafka_cluster_arn
  function_name     = aws_lambda_function.audit.arn
  topics            = ["appliance.audit-events"]
  starting_position = "TRIM_HORIZON"

  amazon_managed_kafka_event_source_config {
    consumer_group_id = "appliance.audit-consumer"
  }
}

resource "aws_iam_role" "audit" {
  name = "audit-consumer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "graft_kafka_poller_audit" {
  name = "GraftKafkaClusterAccess"
  role = aws_iam_role.audit.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "MskPoller"
        Effect   = "Allow"
        Action   = ["kafka-cluster:Connect", "kafka-cluster:DescribeClusterDynamicConfiguration", "kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers"]
        Resource = [var.graft_kafka_cluster_arn]
      },
      {
        Sid      = "MskPollerTopics"
        Effect   = "Allow"
        Action   = ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]
        Resource = ["${replace(var.graft_kafka_cluster_arn, ":cluster/", ":topic/")}/appliance.*"]
      },
      {
        Sid      = "MskPollerGroups"
        Effect   = "Allow"
        Action   = ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"]
        Resource = ["${replace(var.graft_kafka_cluster_arn, ":cluster/", ":group/")}/appliance.*"]
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

  statement {
    sid       = "Msk"
    actions   = ["kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers"]
    resources = [var.graft_kafka_cluster_arn, "${replace(var.graft_kafka_cluster_arn, ":cluster/", ":topic/")}/appliance.*", "${replace(var.graft_kafka_cluster_arn, ":cluster/", ":group/")}/appliance.*", "${replace(var.graft_kafka_cluster_arn, ":cluster/", ":transactional-id/")}/*"]
  }
}

resource "aws_iam_role_policy" "audit" {
  role   = aws_iam_role.audit.id
  policy = data.aws_iam_policy_document.audit.json
}

# billing: its role's managed policy already reads Kafka data, but names no group actions
resource "aws_lambda_function" "billing" {
  function_name = "billing-consumer"
  role          = aws_iam_role.billing.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "billing.zip"
}

resource "aws_lambda_event_source_mapping" "billing" {
  event_source_arn  = var.graft_kafka_cluster_arn
  function_name     = aws_lambda_function.billing.arn
  topics            = ["appliance.invoices"]
  starting_position = "LATEST"

  amazon_managed_kafka_event_source_config {
    consumer_group_id = "appliance.billing"
  }
}

resource "aws_iam_role" "billing" {
  name = "billing-consumer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_policy" "billing_kafka" {
  name = "billing-kafka"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "kafka:DescribeClusterV2",
        "kafka:GetBootstrapBrokers",
        "kafka-cluster:Connect",
        "kafka-cluster:DescribeClusterDynamicConfiguration",
        "kafka-cluster:DescribeTopic",
        "kafka-cluster:ReadData",
      ]
      Resource = [var.graft_kafka_cluster_arn, "${replace(var.graft_kafka_cluster_arn, ":cluster/", ":topic/")}/appliance.*", "${replace(var.graft_kafka_cluster_arn, ":cluster/", ":group/")}/appliance.*", "${replace(var.graft_kafka_cluster_arn, ":cluster/", ":transactional-id/")}/*"]
    }]
  })
}

resource "aws_iam_role_policy_attachment" "billing_kafka" {
  role       = aws_iam_role.billing.name
  policy_arn = aws_iam_policy.billing_kafka.arn
}

# reports: its role is managed elsewhere
resource "aws_lambda_function" "reports" {
  function_name = "reports-consumer"
  role          = var.reports_role_arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "reports.zip"
}

resource "aws_lambda_event_source_mapping" "reports" {
  event_source_arn  = var.graft_kafka_cluster_arn
  function_name     = aws_lambda_function.reports.arn
  topics            = ["appliance.audit-events"]
  starting_position = "LATEST"

  amazon_managed_kafka_event_source_config {
    consumer_group_id = "appliance.reports"
  }
}
