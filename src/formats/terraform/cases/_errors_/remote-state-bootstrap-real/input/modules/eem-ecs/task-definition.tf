resource "aws_ecs_task_definition" "eem-kafka-connect" {
  family                   = "eem-kafka-connect"
  network_mode             = "awsvpc"
  requires_compatibilities = []
  tags                     = {}
  container_definitions = jsonencode(
    [
      {
        name : "eem-kafka-connect"
        container_name : "eem-kafka-connect"
        cpu = 0
        image : var.image_kafka_connect
        essential   = true
        mountPoints = []
        volumesFrom = []
        memoryReservation : 1024
        portMappings : [
          {
            containerPort = var.ecs_container_kafka_connect_port,
            hostPort      = var.ecs_host_kafka_connect_port
            protocol : "tcp"
          }
        ],
        environment = [
          {
            name = "BOOTSTRAP_SERVERS"
            value = var.msk_bootstrap_brokers
          },
          {
            name  = "GROUP_ID"
            value = "kafka-connect-group"
          },
          {
            name  = "CONFIG_STORAGE_TOPIC"
            value = "kafka-connect-config"
          },
          {
            name  = "OFFSET_STORAGE_TOPIC"
            value = "kafka-connect-offset"
          },
          {
            name  = "STATUS_STORAGE_TOPIC"
            value = "kafka-connect-status"
          },
          {
            name  = "KEY_CONVERTER"
            value = "io.confluent.connect.avro.AvroConverter"
          },
          {
            name  = "VALUE_CONVERTER"
            value = "io.confluent.connect.avro.AvroConverter"
          },
          {
            name  = "INTERNAL_KEY_CONVERTER"
            value = "org.apache.kafka.connect.json.JsonConverter"
          },
          {
            name  = "INTERNAL_VALUE_CONVERTER"
            value = "org.apache.kafka.connect.json.JsonConverter"
          },
          {
            name  = "CONNECT_KEY_CONVERTER_SCHEMA_REGISTRY_URL"
            value = "http://eem-kafka-schema-registry.ecs.local:${var.ecs_container_kafka_schema_registry_port}"
          },
          {
            name  = "CONNECT_VALUE_CONVERTER_SCHEMA_REGISTRY_URL"
            value = "http://eem-kafka-schema-registry.ecs.local:${var.ecs_container_kafka_schema_registry_port}"
          }
        ]
      }
  ])
}
