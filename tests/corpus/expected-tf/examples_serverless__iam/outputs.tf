output "serverless_arn" {
  description = "The ARN of the serverless cluster"
  value       = var.graft_kafka_cluster_arn
}
