variable "name" {
  type    = string
  default = "stocks"
}

# Brokers of the cluster the msk/ stack created: set in terraform.tfvars
variable "kafka_connection_string" {
  type = string
}

variable "replica_brokers" {
  type        = list(string)
  description = "The same brokers, one per entry"
}

variable "execution_role_arn" {
  type = string
}
