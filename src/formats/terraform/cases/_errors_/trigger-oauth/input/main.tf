resource "aws_msk_serverless_cluster" "events" {
  cluster_name = "events"

  vpc_config {
    subnet_ids = var.subnet_ids
  }

  client_authentication {
    sasl {
      iam {
        enabled = true
      }
    }
  }
}

resource "aws_lambda_event_source_mapping" "ingest" {
  event_source_arn  = aws_msk_serverless_cluster.events.arn
  function_name     = "ingest"
  topics            = ["raw-events"]
  starting_position = "LATEST"
}

variable "subnet_ids" {
  type = list(string)
}
