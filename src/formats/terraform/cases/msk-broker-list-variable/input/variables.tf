variable "name" {
  type    = string
  default = "stocks"
}

# Brokers of the cluster the msk/ stack created (aws kafka get-bootstrap-brokers)
variable "kafka_connection_string" {
  type    = string
  default = "b-3.stocks-kafka.sg6u26.c3.kafka.eu-central-1.amazonaws.com:9094,b-2.stocks-kafka.sg6u26.c3.kafka.eu-central-1.amazonaws.com:9094,b-1.stocks-kafka.sg6u26.c3.kafka.eu-central-1.amazonaws.com:9094"
}

variable "replica_brokers" {
  type        = list(string)
  description = "The same brokers, one per entry"
  default = [
    "b-1.stocks-kafka.sg6u26.c3.kafka.eu-central-1.amazonaws.com:9094",
    "b-2.stocks-kafka.sg6u26.c3.kafka.eu-central-1.amazonaws.com:9094",
  ]
}

variable "execution_role_arn" {
  type = string
}
