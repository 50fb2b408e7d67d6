variable "name" {
  type = string
}

variable "region" {
  type = string
}

variable "account_id" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "s3_sink_plugin_arn" {
  type = string
}

variable "connect_role_arn" {
  type = string
}
