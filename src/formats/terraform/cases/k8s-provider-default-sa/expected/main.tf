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
        service_account_name = kubernetes_service_account_v1.graft_kafka_audit.metadata[0].name
        container {
          name  = "audit"
          image = "registry.example.com/audit:2.0"
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

resource "kubernetes_service_account_v1" "graft_kafka_audit" {
  metadata {
    name      = "audit-kafka"
    namespace = kubernetes_namespace_v1.shop.metadata[0].name
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::123456789012:role/orders-kafka"
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
        service_account_name = kubernetes_service_account.graft_kafka_billing.metadata[0].name
        container {
          name  = "billing"
          image = "registry.example.com/billing:2.0"
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

resource "kubernetes_service_account" "graft_kafka_billing" {
  metadata {
    name      = "billing-kafka"
    namespace = "finance"
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::123456789012:role/orders-kafka"
    }
  }
}
