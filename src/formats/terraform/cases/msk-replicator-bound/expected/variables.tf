variable "source_subnet_ids" {
  type = list(string)
}

variable "source_security_group_id" {
  type = string
}

variable "target_subnet_ids" {
  type = list(string)
}

variable "target_security_group_id" {
  type = string
}

variable "replicator_role_arn" {
  type = string
}
