variable "aws-profile" {
  description = "AWS profile for provisioning the resources"
  type        = string
}

variable "aws_region" {
  description = "AWS Region- Defaulted to us-east-1"
  default     = "us-east-1"
  type        = string
}

variable "environment" {
  description = "Environment"
  type        = string
  default     = "dev"
}

# MSK Platform variables 

variable "platform_topic" {
  description = "Topics to subscribe to"
  type        = list(any)
  default     = ["test"]
}

# Vars
variable "cluster_name" {
  description = "Name of the MSK cluster."
  type        = string
  default     = "data-platform"
}

variable "cloudwatch_logs_group" {
  description = "Name of the Cloudwatch Log Group to deliver logs to."
  type        = string
  default     = ""
}

variable "firehose_logs_delivery_stream" {
  description = "Name of the Kinesis Data Firehose delivery stream to deliver logs to."
  type        = string
  default     = ""
}

variable "cidr_blocks" {
  description = "Allowed CIDR block for ingress MSK traffic"
  type        = list(any)
  default     = ["0.0.0.0/0"]
}