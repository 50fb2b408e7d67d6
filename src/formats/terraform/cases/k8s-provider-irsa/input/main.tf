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

resource "kubernetes_service_account_v1" "orders" {
  metadata {
    name      = "orders"
    namespace = "shop"
    labels = {
      app = "orders"
    }
  }
}

resource "kubernetes_deployment_v1" "orders" {
  metadata {
    name      = "orders"
    namespace = "shop"
  }
  spec {
    replicas = 2
    selector {
      match_labels = { app = "orders" }
    }
    template {
      metadata {
        labels = { app = "orders" }
      }
      spec {
        service_account_name = kubernetes_service_account_v1.orders.metadata[0].name
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

# the reporting ServiceAccount is created by the platform team
resource "kubernetes_deployment_v1" "reporting" {
  metadata {
    name      = "reporting"
    namespace = "shop"
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
        service_account_name = "reporting"
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
