variable "name" {
  type    = string
  default = "stocks"
}

variable "execution_role_arn" {
  type = string
}
