output "kafka_bootstrap" {
  description = "Where the apps connect"
  value       = var.graft_kafka_bootstrap_servers
}
