resource "kubernetes_namespace_v1" "kafka" {
  metadata {
    name = "kafka"
  }
}

# the operator, then the cluster it runs
resource "helm_release" "strimzi" {
  name       = "strimzi"
  repository = "https://strimzi.io/charts/"
  chart      = "strimzi-kafka-operator"
  version    = "0.45.0"
  namespace  = kubernetes_namespace_v1.kafka.metadata[0].name
}

resource "kubernetes_manifest" "kafka" {
  manifest = {
    apiVersion = "kafka.strimzi.io/v1beta2"
    kind       = "Kafka"
    metadata = {
      name      = "events"
      namespace = "kafka"
    }
    spec = {
      kafka = {
        replicas  = 3
        listeners = [{ name = "plain", port = 9092, type = "internal", tls = false }]
      }
    }
  }

  depends_on = [helm_release.strimzi]
}

resource "kubernetes_deployment_v1" "indexer" {
  metadata {
    name      = "indexer"
    namespace = "search"
  }
  spec {
    selector {
      match_labels = { app = "indexer" }
    }
    template {
      metadata {
        labels = { app = "indexer" }
      }
      spec {
        container {
          name  = "indexer"
          image = "registry.example.com/indexer:7.1.0"
          env {
            name  = "SPRING_KAFKA_BOOTSTRAP_SERVERS"
            value = "events-kafka-bootstrap.kafka.svc:9092"
          }
          env {
            name  = "SPRING_KAFKA_CONSUMER_GROUP_ID"
            value = "indexer"
          }
        }
      }
    }
  }

  depends_on = [kubernetes_manifest.kafka]
}
