resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type  = "kafka.m5.large"
    client_subnets = var.subnet_ids
  }
}

# Kafka Connect workers on Fargate
resource "aws_ecs_task_definition" "connect" {
  family                   = "connect"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 1024
  memory                   = 2048

  container_definitions = jsonencode([
    {
      name  = "connect"
      image = "confluentinc/cp-kafka-connect:7.6.1"
      environment = [
        { name = "CONNECT_BOOTSTRAP_SERVERS", value = aws_msk_cluster.events.bootstrap_brokers_sasl_scram },
        { name = "CONNECT_GROUP_ID", value = "connect-cluster" },
        { name = "CONNECT_CONFIG_STORAGE_TOPIC", value = "connect-configs" },
        { name = "CONNECT_OFFSET_STORAGE_TOPIC", value = "connect-offsets" },
        { name = "CONNECT_STATUS_STORAGE_TOPIC", value = "connect-status" },
        { name = "CONNECT_KEY_CONVERTER", value = "org.apache.kafka.connect.storage.StringConverter" },
        { name = "CONNECT_VALUE_CONVERTER", value = "org.apache.kafka.connect.json.JsonConverter" },
        { name = "CONNECT_REST_ADVERTISED_HOST_NAME", value = "connect" },
      ]
    },
  ])
}

variable "subnet_ids" {
  type = list(string)
}
