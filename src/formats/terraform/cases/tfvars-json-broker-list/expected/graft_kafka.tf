# Written by graft: the customer's Kafka cluster. Values are in graft_kafka.auto.tfvars;
# secrets stay in the customer's store and are referenced by ARN, never read into state.

variable "graft_kafka_bootstrap_servers" {
  description = "Bootstrap servers of the customer's Kafka cluster, comma-separated"
  type        = string
}

variable "graft_kafka_security_protocol" {
  description = "Kafka security protocol the clients use"
  type        = string
}

variable "graft_kafka_sasl_mechanism" {
  description = "SASL mechanism the clients use"
  type        = string
}

variable "graft_kafka_topic_prefix" {
  description = "Prefix of every topic name on the customer cluster"
  type        = string
}

variable "graft_kafka_group_prefix" {
  description = "Prefix of every consumer group id"
  type        = string
}

variable "graft_kafka_subnet_ids" {
  description = "Subnets from which Lambda event sources reach the customer cluster (empty: it is reachable publicly)"
  type        = list(string)
  default     = []
}

variable "graft_kafka_security_group_ids" {
  description = "Security groups for Lambda event sources in those subnets"
  type        = list(string)
  default     = []
}

variable "graft_kafka_sasl_secret_arn" {
  description = "ARN of the Secrets Manager secret holding sasl.username, sasl.password (graft never reads its value)"
  type        = string
}

# fails at plan time if sasl credentials are missing; reads metadata only, never the value
data "aws_secretsmanager_secret" "graft_kafka_sasl" {
  arn = var.graft_kafka_sasl_secret_arn
}
