# An audit consumer triggered by the vendor's MSK topic; its function runs with a role the platform team manages.

data "aws_msk_cluster" "events" {
  cluster_name = var.msk_cluster_name
}

resource "aws_lambda_function" "audit" {
  function_name = "audit-consumer"
  role          = var.lambda_role_arn
  runtime       = "python3.12"
  handler       = "audit.handler"
  filename      = "audit.zip"
}

resource "aws_lambda_event_source_mapping" "audit" {
  event_source_arn  = data.aws_msk_cluster.events.arn
  function_name     = aws_lambda_function.audit.arn
  topics            = ["audit-events"]
  starting_position = "TRIM_HORIZON"

  source_access_configuration {
    type = "SASL_SCRAM_512_AUTH"
    uri  = var.msk_scram_secret_arn
  }
}

variable "msk_cluster_name" {
  type = string
}

variable "msk_scram_secret_arn" {
  type = string
}

variable "lambda_role_arn" {
  description = "Execution role of the audit function"
  type        = string
}
