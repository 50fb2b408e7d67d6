variable "subnets" {
  type = list(string)
}

variable "security_group_id" {
  type = string
}
