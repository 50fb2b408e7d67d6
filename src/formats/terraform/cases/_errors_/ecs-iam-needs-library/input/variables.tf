variable "name" {
  type    = string
  default = "orders"
}

variable "vpc_id" {
  type = string
}

variable "private_subnet_ids" {
  type = list(string)
}

variable "app_kafka_password" {
  type      = string
  sensitive = true
}

variable "db_password_secret_arn" {
  type = string
}
