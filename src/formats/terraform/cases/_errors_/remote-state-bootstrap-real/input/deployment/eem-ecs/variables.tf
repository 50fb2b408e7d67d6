variable "aws_region" {
  description = "AWS Region for deployment"
}

variable "aws_profile" {
  description = "AWS Profile for deployment"
}

variable "terraform_deployment_bucket" {
  description = "Bucket for MSK's state file. Needed to import msk list of brokers"
}

variable "ecs_container_kafka_connect_port" {
  description = "kafka connect port (ECS Container)"
}

variable "image_kafka_connect" {
  description = "Docker image for Kafka Connect"
}
