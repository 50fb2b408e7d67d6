# Two services on ECS Fargate next to the vendor's MSK cluster: orders runs with a task execution role of this
# module, billing with one the platform team passes in.

resource "aws_msk_cluster" "this" {
  cluster_name           = var.name
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 2

  broker_node_group_info {
    instance_type  = "kafka.t3.small"
    client_subnets = var.private_subnet_ids
  }

  client_authentication {
    sasl {
      scram = true
    }
  }
}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "orders_execution" {
  name               = "${var.name}-orders-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

resource "aws_iam_role_policy_attachment" "orders_execution" {
  role       = aws_iam_role.orders_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_ecs_task_definition" "orders" {
  family                   = "${var.name}-orders"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = aws_iam_role.orders_execution.arn

  container_definitions = jsonencode([
    {
      name      = "orders"
      image     = "registry.example.com/orders:3.1.0"
      essential = true
      environment = [
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = aws_msk_cluster.this.bootstrap_brokers_sasl_scram },
        { name = "SPRING_KAFKA_CONSUMER_GROUP_ID", value = "orders" },
      ]
    },
  ])
}

resource "aws_ecs_task_definition" "billing" {
  family                   = "${var.name}-billing"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = var.billing_execution_role_arn

  container_definitions = jsonencode([
    {
      name      = "billing"
      image     = "registry.example.com/billing:1.8.0"
      essential = true
      environment = [
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = aws_msk_cluster.this.bootstrap_brokers_sasl_scram },
        { name = "SPRING_KAFKA_CONSUMER_GROUP_ID", value = "billing" },
      ]
    },
  ])
}
