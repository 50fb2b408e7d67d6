variable "source_subnet_ids" {
  type = list(string)
}

variable "source_security_group_id" {
  type = string
}

