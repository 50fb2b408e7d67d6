resource "kubernetes_service_account_v1" "orders" {
  metadata {
    name      = "orders"
    namespace = "shop"
    labels = {
      app = "orders"
    }
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::123456789012:role/orders-kafka"
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
            value = var.graft_kafka_bootstrap_servers
          }
          env {
            name  = "KAFKA_SECURITY_PROTOCOL"
            value = "SASL_SSL"
          }
          env {
            name  = "KAFKA_SASL_MECHANISM"
            value = "AWS_MSK_IAM"
          }
          env {
            name  = "KAFKA_SASL_JAAS_CONFIG"
            value = "software.amazon.msk.auth.iam.IAMLoginModule required;"
          }
          env {
            name  = "KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS"
            value = "software.amazon.msk.auth.iam.IAMClientCallbackHandler"
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
            value = var.graft_kafka_bootstrap_servers
          }
          env {
            name  = "KAFKA_SECURITY_PROTOCOL"
            value = "SASL_SSL"
          }
          env {
            name  = "KAFKA_SASL_MECHANISM"
            value = "AWS_MSK_IAM"
          }
          env {
            name  = "KAFKA_SASL_JAAS_CONFIG"
            value = "software.amazon.msk.auth.iam.IAMLoginModule required;"
          }
          env {
            name  = "KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS"
            value = "software.amazon.msk.auth.iam.IAMClientCallbackHandler"
          }
        }
      }
    }
  }
}
