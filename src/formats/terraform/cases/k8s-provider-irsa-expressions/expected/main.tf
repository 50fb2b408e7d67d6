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
        service_account_name = kubernetes_service_account_v1.graft_kafka_audit.metadata[0].name
        container {
          name  = "audit"
          image = "registry.example.com/audit:3.1"
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
    namespace = terraform.workspace
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::123456789012:role/orders-kafka"
    }
  }
}
