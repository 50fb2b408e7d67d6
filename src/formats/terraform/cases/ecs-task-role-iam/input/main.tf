resource "aws_msk_cluster" "orders" {
  cluster_name           = "${var.name}-orders"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 2

  broker_node_group_info {
    instance_type  = "kafka.m5.large"
    client_subnets = var.subnet_ids
  }

  client_authentication {
    sasl {
      iam = true
    }
  }
}

# the role the orders containers sign their Kafka requests with
resource "aws_iam_role" "orders_task" {
  name = "${var.name}-orders-task"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_ecs_task_definition" "orders" {
  family                   = "${var.name}-orders"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  task_role_arn            = aws_iam_role.orders_task.arn
  container_definitions = jsonencode([{
    name  = "orders"
    image = "registry.example.com/orders:3.1"
    environment = [
      { name = "KAFKA_BOOTSTRAP_SERVERS", value = aws_msk_cluster.orders.bootstrap_brokers_sasl_iam },
      { name = "ORDERS_CONSUMER_TOPIC", value = "orders" },
      { name = "PAYMENTS_PRODUCER_TOPIC", value = "payments" },
      { name = "KAFKA_GROUP_ID", value = "orders-service" },
    ]
  }])
}

resource "aws_ecs_task_definition" "audit" {
  family                   = "${var.name}-audit"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  task_role_arn            = var.audit_task_role_arn
  container_definitions = jsonencode([{
    name  = "audit"
    image = "registry.example.com/audit:3.1"
    environment = [
      { name = "KAFKA_BOOTSTRAP_SERVERS", value = aws_msk_cluster.orders.bootstrap_brokers_sasl_iam },
    ]
  }])
}
