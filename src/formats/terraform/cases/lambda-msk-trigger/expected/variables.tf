variable "msk_scram_secret_arn" {
  description = "AmazonMSK_ secret the trigger authenticates with"
  type        = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}
