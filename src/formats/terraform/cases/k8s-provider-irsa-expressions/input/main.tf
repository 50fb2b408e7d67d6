variable "subnet_ids" {
  type = list(string)
}

variable "analytics_namespace" {
  type    = string
  default = "analytics"
}

# the platform team passes the ServiceAccount the reporting job runs as
variable "reporting_service_account" {
  type = string
}

locals {
  orders_account = "orders-app"
}

resource "aws_msk_serverless_cluster" "events" {
  cluster_name = "orders-events"

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

data "aws_msk_bootstrap_brokers" "events" {
  cluster_arn = aws_msk_serverless_cluster.events.arn
}

resource "kubernetes_namespace_v1" "shop" {
  metadata {
    name = "shop"
  }
}

resource "kubernetes_deployment_v1" "orders" {
  metadata {
    name      = "orders"
    namespace = kubernetes_namespace_v1.shop.metadata[0].name
  }
  spec {
    selector {
      match_labels = { app = "orders" }
    }
    template {
      metadata {
        labels = { app = "orders" }
      }
      spec {
        service_account_name = local.orders_account
        container {
          name  = "orders"
          image = "registry.example.com/orders:3.1"
          env {
            name  = "KAFKA_BOOTSTRAP_SERVERS"
            value = data.aws_msk_bootstrap_brokers.events.bootstrap_brokers_sasl_iam
          }
        }
      }
    }
  }
}

resource "kubernetes_deployment_v1" "reporting" {
  metadata {
    name      = "reporting"
    namespace = var.analytics_namespace
  }
  spec {
    selector {
      match_labels = { app = "reporting" }
    }
    template {
      metadata {
        labels = { app = "reporting" }
      }
      spec {
        service_account_name = var.reporting_service_account
        container {
          name  = "reporting"
          image = "registry.example.com/reporting:3.1"
          env {
            name  = "KAFKA_BOOTSTRAP_SERVERS"
            value = data.aws_msk_bootstrap_brokers.events.bootstrap_brokers_sasl_iam
          }
        }
      }
    }
  }
}

resource "kubernetes_deployment_v1" "audit" {
  metadata {
    name      = "audit"
    namespace = terraform.workspace
  }
  spec {
    selector {
      match_labels = { app = "audit" }
    }
    template {
      metadata {
        labels = { app = "audit" }
      }
      spec {
        container {
          name  = "audit"
          image = "registry.example.com/audit:3.1"
          env {
            name  = "KAFKA_BOOTSTRAP_SERVERS"
            value = data.aws_msk_bootstrap_brokers.events.bootstrap_brokers_sasl_iam
          }
        }
      }
    }
  }
}
