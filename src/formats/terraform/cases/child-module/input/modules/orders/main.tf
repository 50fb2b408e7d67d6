variable "name" {
  type = string
}

variable "image" {
  type = string
}

variable "kafka_bootstrap" {
  description = "Brokers the service connects to"
  type        = string
}

resource "aws_ecs_task_definition" "this" {
  family = var.name
  container_definitions = jsonencode([
    {
      name  = "orders"
      image = var.image
      environment = [
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = var.kafka_bootstrap },
        { name = "SPRING_KAFKA_CONSUMER_GROUP_ID", value = "orders" },
      ]
    },
  ])
}
