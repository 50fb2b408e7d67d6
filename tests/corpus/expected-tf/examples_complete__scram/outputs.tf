################################################################################
# Cluster
################################################################################

output "bootstrap_brokers" {
  description = "Comma separated list of one or more hostname:port pairs of kafka brokers suitable to bootstrap connectivity to the kafka cluster"
  value       = var.graft_kafka_bootstrap_servers
}

output "bootstrap_brokers_plaintext" {
  description = "Comma separated list of one or more hostname:port pairs of kafka brokers suitable to bootstrap connectivity to the kafka cluster. Contains a value if `encryption_in_transit_client_broker` is set to `PLAINTEXT` or `TLS_PLAINTEXT`"
  value       = var.graft_kafka_bootstrap_servers
}

output "bootstrap_brokers_sasl_iam" {
  description = "One or more DNS names (or IP addresses) and SASL IAM port pairs. This attribute will have a value if `encryption_in_transit_client_broker` is set to `TLS_PLAINTEXT` or `TLS` and `client_authentication_sasl_iam` is set to `true`"
  value       = var.graft_kafka_bootstrap_servers
}

output "bootstrap_brokers_sasl_scram" {
  description = "One or more DNS names (or IP addresses) and SASL SCRAM port pairs. This attribute will have a value if `encryption_in_transit_client_broker` is set to `TLS_PLAINTEXT` or `TLS` and `client_authentication_sasl_scram` is set to `true`"
  value       = var.graft_kafka_bootstrap_servers
}

output "bootstrap_brokers_tls" {
  description = "One or more DNS names (or IP addresses) and TLS port pairs. This attribute will have a value if `encryption_in_transit_client_broker` is set to `TLS_PLAINTEXT` or `TLS`"
  value       = var.graft_kafka_bootstrap_servers
}

output "bootstrap_brokers_public" {
  description = "Comma separated list of one or more hostname:port pairs of Kafka brokers suitable to bootstrap connectivity to the Kafka cluster"
  value       = var.graft_kafka_bootstrap_servers
}

output "bootstrap_brokers_public_sasl_iam" {
  description = "One or more DNS names (or IP addresses) and SASL IAM port pairs"
  value       = var.graft_kafka_bootstrap_servers
}

output "bootstrap_brokers_public_sasl_scram" {
  description = "One or more DNS names (or IP addresses) and SASL SCRAM port pairs"
  value       = var.graft_kafka_bootstrap_servers
}

output "bootstrap_brokers_public_tls" {
  description = "One or more DNS names (or IP addresses) and TLS port pairs"
  value       = var.graft_kafka_bootstrap_servers
}

output "bootstrap_brokers_vpc_connectivity" {
  description = "Comma separated list of one or more hostname:port pairs of Kafka brokers suitable to bootstrap connectivity to the Kafka cluster"
  value       = var.graft_kafka_bootstrap_servers
}

output "bootstrap_brokers_vpc_connectivity_sasl_iam" {
  description = "One or more DNS names (or IP addresses) and SASL IAM port pairs for VPC connectivity"
  value       = var.graft_kafka_bootstrap_servers
}

output "bootstrap_brokers_vpc_connectivity_sasl_scram" {
  description = "One or more DNS names (or IP addresses) and SASL SCRAM port pairs for VPC connectivity"
  value       = var.graft_kafka_bootstrap_servers
}

output "bootstrap_brokers_vpc_connectivity_tls" {
  description = "One or more DNS names (or IP addresses) and TLS port pairs for VPC connectivity"
  value       = var.graft_kafka_bootstrap_servers
}

