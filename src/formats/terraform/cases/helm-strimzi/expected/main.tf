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
            value = var.graft_kafka_bootstrap_servers
          }
          env {
            name  = "SPRING_KAFKA_CONSUMER_GROUP_ID"
            value = "acme.indexer"
          }
          env {
            name  = "SPRING_KAFKA_SECURITY_PROTOCOL"
            value = "SASL_SSL"
          }
          env {
            name  = "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM"
            value = "SCRAM-SHA-512"
          }
          env {
            name  = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"
            value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$${kafka_sasl_username}\" password=\"$${kafka_sasl_password}\";"
          }
          env {
            name  = "SPRING_KAFKA_SSL_TRUST_STORE_TYPE"
            value = "PEM"
          }
          env {
            name  = "SPRING_KAFKA_SSL_TRUST_STORE_LOCATION"
            value = "file:/etc/graft/secrets/kafka_ca"
          }
          env {
            name  = "SPRING_CONFIG_IMPORT"
            value = "optional:configtree:/etc/graft/secrets/"
          }
          volume_mount {
            name       = "graft-secrets"
            mount_path = "/etc/graft/secrets"
            read_only  = true
          }
        }
        volume {
          name = "graft-secrets"
          projected {
            sources {
              secret {
                name = "msk-credentials"
                items {
                  key  = "username"
                  path = "kafka_sasl_username"
                }
              }
            }
            sources {
              secret {
                name = "msk-credentials"
                items {
                  key  = "password"
                  path = "kafka_sasl_password"
                }
              }
            }
            sources {
              secret {
                name = "msk-ca"
                items {
                  key  = "ca.crt"
                  path = "kafka_ca"
                }
              }
            }
          }
        }
      }
    }
  }
}
