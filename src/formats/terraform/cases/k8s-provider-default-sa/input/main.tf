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

# names no ServiceAccount: runs as the namespace's default
resource "kubernetes_deployment_v1" "audit" {
  metadata {
    name      = "audit"
    namespace = kubernetes_namespace_v1.shop.metadata[0].name
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
          image = "registry.example.com/audit:2.0"
          env {
            name  = "KAFKA_BOOTSTRAP_SERVERS"
            value = data.aws_msk_bootstrap_brokers.events.bootstrap_brokers_sasl_iam
          }
        }
      }
    }
  }
}

# names the default ServiceAccount outright
resource "kubernetes_stateful_set" "billing" {
  metadata {
    name      = "billing"
    namespace = "finance"
  }
  spec {
    service_name = "billing"
    selector {
      match_labels = { app = "billing" }
    }
    template {
      metadata {
        labels = { app = "billing" }
      }
      spec {
        service_account_name = "default"
        container {
          name  = "billing"
          image = "registry.example.com/billing:2.0"
          env {
            name  = "KAFKA_BOOTSTRAP_SERVERS"
            value = data.aws_msk_bootstrap_brokers.events.bootstrap_brokers_sasl_iam
          }
        }
      }
    }
  }
}
