variable "region" {
  type        = string
  description = "AWS region"
  nullable    = false
}

variable "availability_zones" {
  type        = list(string)
  description = "List of availability zones for VPC creation"
  nullable    = false
}


