variable "name" {
  type    = string
  default = "orders"
}

variable "db_password_secret_arn" {
  type = string
}
