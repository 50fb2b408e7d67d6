resource "aws_ecs_task_definition" "orders" {
  family                   = "orders"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024

  container_definitions = jsonencode([
    {
      name  = "orders"
      image = "registry.example.com/orders:2.3"
      environment = [
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = aws_msk_cluster.events.bootstrap_brokers_sasl_iam },
        { name = "SPRING_KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", value = "AWS_MSK_IAM" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", value = "software.amazon.msk.auth.iam.IAMLoginModule required;" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_CLIENT_CALLBACK_HANDLER_CLASS", value = "software.amazon.msk.auth.iam.IAMClientCallbackHandler" },
        { name = "SPRING_KAFKA_CONSUMER_GROUP_ID", value = "orders" },
      ]
    },
    {
      name  = "connect"
      image = "confluentinc/cp-kafka-connect:7.6.1"
      environment = [
        { name = "CONNECT_BOOTSTRAP_SERVERS", value = aws_msk_cluster.events.bootstrap_brokers_sasl_iam },
        { name = "CONNECT_GROUP_ID", value = "connect-cluster" },
        { name = "CONNECT_CONFIG_STORAGE_TOPIC", value = "connect-configs" },
        { name = "CONNECT_OFFSET_STORAGE_TOPIC", value = "connect-offsets" },
        { name = "CONNECT_STATUS_STORAGE_TOPIC", value = "connect-status" },
        { name = "CONNECT_SASL_CLIENT_CALLBACK_HANDLER_CLASS", value = "software.amazon.msk.auth.iam.IAMClientCallbackHandler" },
        { name = "CONNECT_PRODUCER_SASL_CLIENT_CALLBACK_HANDLER_CLASS", value = "software.amazon.msk.auth.iam.IAMClientCallbackHandler" },
      ]
    },
  ])
}
