# Maps Amazon MSK to a Lambda function

resource "aws_lambda_event_source_mapping" "decision_processor_event_mapping" {
  self_managed_event_source {
    endpoints = {
      KAFKA_BOOTSTRAP_SERVERS = var.graft_kafka_bootstrap_servers
    }
  }

  source_access_configuration {
    type = "BASIC_AUTH"
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

  function_name     = "data_enrichment-processor-${var.environment}-${random_id.rando.hex}"
  topics            = var.platform_topic
  starting_position = "LATEST"
}