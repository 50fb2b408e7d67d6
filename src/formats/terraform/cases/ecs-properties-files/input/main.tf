# The Terraform twin of examples/conformance-ecs: an MSK cluster (dropped by graft) and one Fargate task definition
# per client family (the properties families, which graft refuses on ECS, included), with the task execution role
# they share. The containers, their variables and runners (dockerLabels) are those of the CloudFormation example.

resource "aws_msk_cluster" "this" {
  cluster_name           = "conformance"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 2

  broker_node_group_info {
    instance_type  = "kafka.m5.large"
    client_subnets = var.subnet_ids
  }

  client_authentication {
    sasl {
      scram = true
    }
  }
}

resource "aws_iam_role" "task_execution" {
  name = "conformance-task-execution"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "task_execution" {
  role       = aws_iam_role.task_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_ecs_task_definition" "orders" {
  family                   = "orders"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = aws_iam_role.task_execution.arn

  container_definitions = jsonencode([
    {
      name         = "orders"
      image        = "registry.example.com/acme/orders:1.0.0"
      essential    = true
      dockerLabels = { "graft.conformance.runner" = "spring" }
      environment = [
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = aws_msk_cluster.this.bootstrap_brokers_sasl_scram },
        { name = "SPRING_KAFKA_CONSUMER_GROUP_ID", value = "orders" },
        { name = "SPRING_KAFKA_CONSUMER_PROPERTIES_SESSION_TIMEOUT_MS", value = "6000" },
        { name = "TOPIC", value = "orders" },
      ]
    },
  ])
}

resource "aws_ecs_task_definition" "payments" {
  family                   = "payments"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = aws_iam_role.task_execution.arn

  container_definitions = jsonencode([
    {
      name         = "payments"
      image        = "registry.example.com/acme/payments:1.0.0"
      essential    = true
      dockerLabels = { "graft.conformance.runner" = "python" }
      environment = [
        { name = "KAFKA_BOOTSTRAP_SERVERS", value = aws_msk_cluster.this.bootstrap_brokers_sasl_scram },
        { name = "KAFKA_SECURITY_PROTOCOL", value = "PLAINTEXT" },
        { name = "TOPIC", value = "payments" },
        { name = "GROUP_ID", value = "payments" },
      ]
    },
  ])
}

resource "aws_ecs_task_definition" "notifier" {
  family                   = "notifier"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = aws_iam_role.task_execution.arn

  container_definitions = jsonencode([
    {
      name         = "notifier"
      image        = "registry.example.com/acme/notifier:1.0.0"
      essential    = true
      dockerLabels = { "graft.conformance.runner" = "node" }
      environment = [
        { name = "KAFKA_BOOTSTRAP_SERVERS", value = aws_msk_cluster.this.bootstrap_brokers_sasl_scram },
        { name = "TOPIC", value = "notifications" },
        { name = "GROUP_ID", value = "notifier" },
      ]
    },
  ])
}

resource "aws_ecs_task_definition" "shipping" {
  family                   = "shipping"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = aws_iam_role.task_execution.arn

  container_definitions = jsonencode([
    {
      name         = "shipping"
      image        = "registry.example.com/acme/shipping:1.0.0"
      essential    = true
      dockerLabels = { "graft.conformance.runner" = "go" }
      environment = [
        { name = "KAFKA_BOOTSTRAP_SERVERS", value = aws_msk_cluster.this.bootstrap_brokers_sasl_scram },
        { name = "TOPIC", value = "shipments" },
        { name = "GROUP_ID", value = "shipping" },
      ]
    },
  ])
}

# reads a Java properties file baked into its image (ECS has no bind mount of a stack file)
resource "aws_ecs_task_definition" "ledger" {
  family                   = "ledger"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = aws_iam_role.task_execution.arn

  container_definitions = jsonencode([
    {
      name         = "ledger"
      image        = "registry.example.com/acme/ledger:5.1.0"
      essential    = true
      dockerLabels = { "graft.conformance.runner" = "java" }
      environment = [
        { name = "KAFKA_CONFIG_FILE", value = "/etc/app/client.properties" },
        { name = "TOPIC", value = "ledger" },
        { name = "GROUP_ID", value = "ledger" },
      ]
    },
  ])
}

# reads a librdkafka properties file baked into its image
resource "aws_ecs_task_definition" "audit" {
  family                   = "audit"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = aws_iam_role.task_execution.arn

  container_definitions = jsonencode([
    {
      name         = "audit"
      image        = "registry.example.com/acme/audit:1.2.0"
      essential    = true
      dockerLabels = { "graft.conformance.runner" = "python-librdkafka" }
      environment = [
        { name = "KAFKA_CONFIG_FILE", value = "/etc/audit/librdkafka.properties" },
        { name = "TOPIC", value = "audit" },
        { name = "GROUP_ID", value = "audit" },
      ]
    },
  ])
}

# Strimzi client example image: its entrypoint turns every KAFKA_<PROPERTY> variable into a client property
resource "aws_ecs_task_definition" "events" {
  family                   = "events"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = aws_iam_role.task_execution.arn

  container_definitions = jsonencode([
    {
      name         = "events"
      image        = "quay.io/strimzi-examples/java-kafka-consumer:latest"
      essential    = true
      dockerLabels = { "graft.conformance.runner" = "java" }
      environment = [
        { name = "KAFKA_BOOTSTRAP_SERVERS", value = aws_msk_cluster.this.bootstrap_brokers_sasl_scram },
        { name = "STRIMZI_TOPIC", value = "events" },
        { name = "KAFKA_GROUP_ID", value = "events" },
        { name = "KAFKA_SESSION_TIMEOUT_MS", value = "6000" },
      ]
    },
  ])
}

resource "aws_ecs_task_definition" "connect" {
  family                   = "connect"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 1024
  memory                   = 2048
  execution_role_arn       = aws_iam_role.task_execution.arn

  container_definitions = jsonencode([
    {
      name         = "connect"
      image        = "confluentinc/cp-kafka-connect:7.6.1"
      essential    = true
      dockerLabels = { "graft.conformance.runner" = "java" }
      environment = [
        { name = "CONNECT_BOOTSTRAP_SERVERS", value = aws_msk_cluster.this.bootstrap_brokers_sasl_scram },
        { name = "CONNECT_GROUP_ID", value = "connect" },
        { name = "CONNECT_CONFIG_STORAGE_TOPIC", value = "connect-configs" },
        { name = "CONNECT_OFFSET_STORAGE_TOPIC", value = "connect-offsets" },
        { name = "CONNECT_STATUS_STORAGE_TOPIC", value = "connect-status" },
      ]
    },
  ])
}

variable "subnet_ids" {
  type = list(string)
}
