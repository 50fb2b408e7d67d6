variable "msk_bootstrap_brokers" {
  description = "msk brokers"
}
variable "vpc_id" {
  description = "AWS VPC for deployment"
}
variable "ecs_container_kafka_connect_port" {
  description = "kafka connect port (ECS Container)"
}
variable "image_kafka_connect" {
  description = "Docker image for Kafka Connect"
}
