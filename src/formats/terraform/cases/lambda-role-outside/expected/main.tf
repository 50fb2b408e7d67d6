# An audit consumer triggered by the vendor's MSK topic; its function runs with a role the platform team manages.

resource "aws_lambda_function" "audit" {
  function_name = "audit-consumer"
  role          = var.lambda_role_arn
  runtime       = "python3.12"
  handler       = "audit.handler"
  filename      = "audit.zip"
}

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
}

variable "msk_scram_secret_arn" {
  type = string
}

variable "lambda_role_arn" {
  description = "Execution role of the audit function"
  type        = string
}
