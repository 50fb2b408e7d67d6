# Written by graft: the customer's Kafka cluster. Values are in graft_kafka.auto.tfvars;
# secrets stay in the customer's store and are referenced by ARN, never read into state.

variable "graft_kafka_sasl_secret_arn" {
  description = "ARN of the Secrets Manager secret holding sasl.username, sasl.password (graft never reads its value)"
  type        = string
}
