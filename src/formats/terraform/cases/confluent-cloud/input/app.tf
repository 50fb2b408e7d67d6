resource "aws_ecs_task_definition" "shipping" {
  family = "shipping"
  container_definitions = jsonencode([
    {
      name  = "shipping"
      image = "registry.example.com/shipping:5.2.0"
      environment = [
        { name = "KAFKA_BOOTSTRAP", value = replace(confluent_kafka_cluster.main.bootstrap_endpoint, "SASL_SSL://", "") },
        { name = "ORDERS_TOPIC", value = "orders" },
        { name = "SHIPMENTS_TOPIC", value = "shipments" },
      ]
    }
  ])
}
