resource "aws_ecs_task_definition" "shipping" {
  family = "shipping"
  container_definitions = jsonencode([
    {
      name  = "shipping"
      image = "registry.example.com/shipping:5.2.0"
      environment = [
        { name = "KAFKA_BOOTSTRAP", value = replace(var.graft_kafka_bootstrap_servers, "SASL_SSL://", "") },
        { name = "ORDERS_TOPIC", value = "orders" },
        { name = "SHIPMENTS_TOPIC", value = "shipments" },
        { name = "KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "KAFKA_SASL_MECHANISM", value = "PLAIN" },
      ]
      secrets = [
        { name = "KAFKA_API_KEY", valueFrom = "${var.graft_kafka_sasl_secret_arn}:api_key::" },
        { name = "KAFKA_API_SECRET", valueFrom = "${var.graft_kafka_sasl_secret_arn}:api_secret::" },
      ]
    }
  ])
}
