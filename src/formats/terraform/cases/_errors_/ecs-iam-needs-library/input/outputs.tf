output "kafka_bootstrap" {
  description = "Where the apps connect"
  value       = aws_msk_cluster.this.bootstrap_brokers_sasl_scram
}

output "kafka_zookeeper" {
  value = aws_msk_cluster.this.zookeeper_connect_string
}
