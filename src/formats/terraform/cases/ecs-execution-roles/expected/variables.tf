variable "name" {
  type    = string
  default = "shop"
}

variable "billing_execution_role_arn" {
  description = "Task execution role of the billing service, managed by the platform team"
  type        = string
}
