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

resource "aws_iam_role_policy" "graft_kafka_cluster_orders" {
  name = "GraftKafkaClusterAccess-orders"
  role = aws_iam_role.orders_task.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Connect"
        Effect   = "Allow"
        Action   = ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster", "kafka-cluster:WriteDataIdempotently"]
        Resource = [var.graft_kafka_cluster_arn]
      },
      {
        Sid      = "DescribeTopics"
        Effect   = "Allow"
        Action   = ["kafka-cluster:DescribeTopic", "kafka-cluster:DescribeTopicDynamicConfiguration"]
        Resource = ["${replace(var.graft_kafka_cluster_arn, ":cluster/", ":topic/")}/orders", "${replace(var.graft_kafka_cluster_arn, ":cluster/", ":topic/")}/payments"]
      },
      {
        Sid      = "Consume"
        Effect   = "Allow"
        Action   = ["kafka-cluster:ReadData"]
        Resource = ["${replace(var.graft_kafka_cluster_arn, ":cluster/", ":topic/")}/orders"]
      },
      {
        Sid      = "Produce"
        Effect   = "Allow"
        Action   = ["kafka-cluster:WriteData"]
        Resource = ["${replace(var.graft_kafka_cluster_arn, ":cluster/", ":topic/")}/payments"]
      },
      {
        Sid      = "ConsumerGroups"
        Effect   = "Allow"
        Action   = ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"]
        Resource = ["${replace(var.graft_kafka_cluster_arn, ":cluster/", ":group/")}/shop.*"]
      },
    ]
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
      { name = "KAFKA_BOOTSTRAP_SERVERS", value = var.graft_kafka_bootstrap_servers },
      { name = "ORDERS_CONSUMER_TOPIC", value = "orders" },
      { name = "PAYMENTS_PRODUCER_TOPIC", value = "payments" },
      { name = "KAFKA_GROUP_ID", value = "shop.orders-service" },
      { name = "KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
      { name = "KAFKA_SASL_MECHANISM", value = "AWS_MSK_IAM" },
      { name = "KAFKA_SASL_JAAS_CONFIG", value = "software.amazon.msk.auth.iam.IAMLoginModule required;" },
      { name = "KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS", value = "software.amazon.msk.auth.iam.IAMClientCallbackHandler" },
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
      { name = "KAFKA_BOOTSTRAP_SERVERS", value = var.graft_kafka_bootstrap_servers },
      { name = "KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
      { name = "KAFKA_SASL_MECHANISM", value = "AWS_MSK_IAM" },
      { name = "KAFKA_SASL_JAAS_CONFIG", value = "software.amazon.msk.auth.iam.IAMLoginModule required;" },
      { name = "KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS", value = "software.amazon.msk.auth.iam.IAMClientCallbackHandler" },
    ]
  }])
}
