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

variable "subnet_ids" {
  type = list(string)
}
