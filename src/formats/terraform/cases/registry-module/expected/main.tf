resource "kubernetes_deployment_v1" "collector" {
  metadata {
    name = "collector"
  }
  spec {
    selector {
      match_labels = { app = "collector" }
    }
    template {
      metadata {
        labels = { app = "collector" }
      }
      spec {
        container {
          name  = "collector"
          image = "registry.example.com/collector:3.0.2"
          env {
            name  = "KAFKA_BROKERS"
            value = var.graft_kafka_bootstrap_servers
          }
          env {
            name  = "KAFKA_TOPIC"
            value = "acme.telemetry-raw"
          }
        }
      }
    }
  }
}

output "kafka_bootstrap" {
  value = var.graft_kafka_bootstrap_servers
}
