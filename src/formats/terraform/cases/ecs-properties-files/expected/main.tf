# The Terraform twin of examples/conformance-ecs: an MSK cluster (dropped by graft) and one Fargate task definition
# per client family (the properties families, which graft refuses on ECS, included), with the task execution role
# they share. The containers, their variables and runners (dockerLabels) are those of the CloudFormation example.

resource "aws_iam_role" "task_execution" {
  name = "conformance-task-execution"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "graft_kafka_secrets_task_execution" {
  name = "GraftKafkaSecrets"
  role = aws_iam_role.task_execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "secretsmanager:GetSecretValue"
        Resource = [var.graft_kafka_sasl_secret_arn]
      },
    ]
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
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = var.graft_kafka_bootstrap_servers },
        { name = "SPRING_KAFKA_CONSUMER_GROUP_ID", value = "acme.orders" },
        { name = "SPRING_KAFKA_CONSUMER_PROPERTIES_SESSION_TIMEOUT_MS", value = "6000" },
        { name = "TOPIC", value = "acme.orders" },
        { name = "SPRING_KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"acme-clients\" password=\"$${GRAFT_KAFKA_SASL_PASSWORD}\";" },
        { name = "SPRING_KAFKA_SSL_TRUST_STORE_TYPE", value = "PEM" },
        { name = "SPRING_KAFKA_SSL_TRUST_STORE_CERTIFICATES", value = "$${GRAFT_KAFKA_CA}" },
      ]
      secrets = [
        { name = "GRAFT_KAFKA_SASL_PASSWORD", valueFrom = "${var.graft_kafka_sasl_secret_arn}:password::" },
        { name = "GRAFT_KAFKA_CA", valueFrom = "${var.graft_kafka_sasl_secret_arn}:ca::" },
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
        { name = "KAFKA_BOOTSTRAP_SERVERS", value = var.graft_kafka_bootstrap_servers },
        { name = "KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "TOPIC", value = "acme.payments" },
        { name = "GROUP_ID", value = "acme.payments" },
        { name = "KAFKA_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "KAFKA_SASL_USERNAME", value = "acme-clients" },
      ]
      secrets = [
        { name = "KAFKA_SASL_PASSWORD", valueFrom = "${var.graft_kafka_sasl_secret_arn}:password::" },
        { name = "KAFKA_SSL_CA_PEM", valueFrom = "${var.graft_kafka_sasl_secret_arn}:ca::" },
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
        { name = "KAFKA_BOOTSTRAP_SERVERS", value = var.graft_kafka_bootstrap_servers },
        { name = "TOPIC", value = "acme.notifications" },
        { name = "GROUP_ID", value = "acme.notifier" },
        { name = "KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "KAFKA_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "KAFKA_SASL_USERNAME", value = "acme-clients" },
      ]
      secrets = [
        { name = "KAFKA_SASL_PASSWORD", valueFrom = "${var.graft_kafka_sasl_secret_arn}:password::" },
        { name = "KAFKA_SSL_CA_PEM", valueFrom = "${var.graft_kafka_sasl_secret_arn}:ca::" },
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
        { name = "KAFKA_BOOTSTRAP_SERVERS", value = var.graft_kafka_bootstrap_servers },
        { name = "TOPIC", value = "acme.shipments" },
        { name = "GROUP_ID", value = "acme.shipping" },
        { name = "KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "KAFKA_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "KAFKA_SASL_USERNAME", value = "acme-clients" },
      ]
      secrets = [
        { name = "KAFKA_SASL_PASSWORD", valueFrom = "${var.graft_kafka_sasl_secret_arn}:password::" },
        { name = "KAFKA_SSL_CA_PEM", valueFrom = "${var.graft_kafka_sasl_secret_arn}:ca::" },
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
        { name = "TOPIC", value = "acme.ledger" },
        { name = "GROUP_ID", value = "acme.ledger" },
      ]
      dependsOn   = [{ containerName = "ledger-kafka-config", condition = "SUCCESS" }]
      mountPoints = [{ sourceVolume = "ledger-kafka-config", containerPath = "/etc/app", readOnly = true }]
      secrets = [
        { name = "GRAFT_KAFKA_SASL_PASSWORD", valueFrom = "${var.graft_kafka_sasl_secret_arn}:password::" },
        { name = "GRAFT_KAFKA_CA", valueFrom = "${var.graft_kafka_sasl_secret_arn}:ca::" },
      ]
    },
    {
      name        = "ledger-kafka-config"
      image       = "registry.example.com/acme/ledger:5.1.0"
      essential   = false
      user        = "0"
      entryPoint  = ["sh", "-c"]
      command     = ["set -eu\nif [ ! -f '/etc/app/client.properties' ]; then echo 'ledger-kafka-config: /etc/app/client.properties is not in the image' >&2; exit 1; fi\ncp -R '/etc/app/.' '/graft-kafka-config/'\nsed -e '/^[[:space:]]*bootstrap\\.servers\\([[:space:]=:].*\\)\\{0,1\\}$/b drop\n/^[[:space:]]*config\\.providers\\([[:space:]=:].*\\)\\{0,1\\}$/b drop\n/^[[:space:]]*config\\.providers\\.secrets\\.class\\([[:space:]=:].*\\)\\{0,1\\}$/b drop\n/^[[:space:]]*security\\.protocol\\([[:space:]=:].*\\)\\{0,1\\}$/b drop\n/^[[:space:]]*security\\.providers\\([[:space:]=:].*\\)\\{0,1\\}$/b drop\n/^[[:space:]]*ssl\\.[a-z0-9.-]*\\([[:space:]=:].*\\)\\{0,1\\}$/b drop\n/^[[:space:]]*sasl\\.[a-z0-9.-]*\\([[:space:]=:].*\\)\\{0,1\\}$/b drop\nb\n:drop\n/[^\\\\]\\(\\\\\\\\\\)*\\\\$/{\nN\nb drop\n}\n/^\\(\\\\\\\\\\)*\\\\$/{\nN\nb drop\n}\nd' '/etc/app/client.properties' >'/graft-kafka-config/client.properties.tmp'\necho >>'/graft-kafka-config/client.properties.tmp'\ncat >>'/graft-kafka-config/client.properties.tmp' <<'GRAFT_KAFKA_SETTINGS'\nbootstrap.servers=b-1.customer.example.com:9096,b-2.customer.example.com:9096\nsecurity.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"acme-clients\" password=\"$${secrets:GRAFT_KAFKA_SASL_PASSWORD}\";\nssl.truststore.type=PEM\nssl.truststore.certificates=$${secrets:GRAFT_KAFKA_CA}\nconfig.providers=secrets\nconfig.providers.secrets.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider\nGRAFT_KAFKA_SETTINGS\nmv -f '/graft-kafka-config/client.properties.tmp' '/graft-kafka-config/client.properties'"]
      mountPoints = [{ sourceVolume = "ledger-kafka-config", containerPath = "/graft-kafka-config" }]
    },
  ])

  volume {
    name = "ledger-kafka-config"
  }
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
        { name = "TOPIC", value = "acme.audit" },
        { name = "GROUP_ID", value = "acme.audit" },
      ]
      dependsOn   = [{ containerName = "audit-kafka-config", condition = "SUCCESS" }]
      mountPoints = [{ sourceVolume = "audit-kafka-config", containerPath = "/etc/audit", readOnly = true }]
    },
    {
      name        = "audit-kafka-config"
      image       = "registry.example.com/acme/audit:1.2.0"
      essential   = false
      user        = "0"
      entryPoint  = ["sh", "-c"]
      command     = ["set -eu\nif [ ! -f '/etc/audit/librdkafka.properties' ]; then echo 'audit-kafka-config: /etc/audit/librdkafka.properties is not in the image' >&2; exit 1; fi\ncp -R '/etc/audit/.' '/graft-kafka-config/'\nsed -e '/^[[:space:]]*bootstrap\\.servers\\([[:space:]=:].*\\)\\{0,1\\}$/b drop\n/^[[:space:]]*enable\\.ssl\\.certificate\\.verification\\([[:space:]=:].*\\)\\{0,1\\}$/b drop\n/^[[:space:]]*security\\.protocol\\([[:space:]=:].*\\)\\{0,1\\}$/b drop\n/^[[:space:]]*ssl\\.[a-z0-9.-]*\\([[:space:]=:].*\\)\\{0,1\\}$/b drop\n/^[[:space:]]*sasl\\.[a-z0-9.-]*\\([[:space:]=:].*\\)\\{0,1\\}$/b drop\nb\n:drop\n/[^\\\\]\\(\\\\\\\\\\)*\\\\$/{\nN\nb drop\n}\n/^\\(\\\\\\\\\\)*\\\\$/{\nN\nb drop\n}\nd' '/etc/audit/librdkafka.properties' >'/graft-kafka-config/librdkafka.properties.tmp'\necho >>'/graft-kafka-config/librdkafka.properties.tmp'\ncat >>'/graft-kafka-config/librdkafka.properties.tmp' <<'GRAFT_KAFKA_SETTINGS'\nbootstrap.servers=b-1.customer.example.com:9096,b-2.customer.example.com:9096\nsecurity.protocol=SASL_SSL\nsasl.mechanisms=SCRAM-SHA-512\nsasl.username=acme-clients\nGRAFT_KAFKA_SETTINGS\nnl='\n'\nv=$${GRAFT_KAFKA_SASL_PASSWORD%\"$nl\"}\ncase $v in *\"$nl\"*) echo 'audit-kafka-config: a line break inside the value of sasl.password, which a properties line cannot hold' >&2; exit 1;; esac\nprintf '%s=%s\\n' 'sasl.password' \"$v\" >>'/graft-kafka-config/librdkafka.properties.tmp'\nprintf '%s\\n' \"$GRAFT_KAFKA_CA\" >'/graft-kafka-config/graft-kafka-ca.pem'\nprintf '%s=%s\\n' 'ssl.ca.location' '/etc/audit/graft-kafka-ca.pem' >>'/graft-kafka-config/librdkafka.properties.tmp'\nmv -f '/graft-kafka-config/librdkafka.properties.tmp' '/graft-kafka-config/librdkafka.properties'"]
      mountPoints = [{ sourceVolume = "audit-kafka-config", containerPath = "/graft-kafka-config" }]
      secrets = [
        { name = "GRAFT_KAFKA_SASL_PASSWORD", valueFrom = "${var.graft_kafka_sasl_secret_arn}:password::" },
        { name = "GRAFT_KAFKA_CA", valueFrom = "${var.graft_kafka_sasl_secret_arn}:ca::" },
      ]
    },
  ])

  volume {
    name = "audit-kafka-config"
  }
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
        { name = "KAFKA_BOOTSTRAP_SERVERS", value = var.graft_kafka_bootstrap_servers },
        { name = "STRIMZI_TOPIC", value = "acme.events" },
        { name = "KAFKA_GROUP_ID", value = "acme.events" },
        { name = "KAFKA_SESSION_TIMEOUT_MS", value = "6000" },
        { name = "KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "KAFKA_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "KAFKA_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"acme-clients\" password=\"$${secrets:GRAFT_KAFKA_SASL_PASSWORD}\";" },
        { name = "KAFKA_SSL_TRUSTSTORE_TYPE", value = "PEM" },
        { name = "KAFKA_CONFIG_PROVIDERS", value = "secrets" },
        { name = "KAFKA_CONFIG_PROVIDERS_SECRETS_CLASS", value = "org.apache.kafka.common.config.provider.EnvVarConfigProvider" },
      ]
      secrets = [
        { name = "GRAFT_KAFKA_SASL_PASSWORD", valueFrom = "${var.graft_kafka_sasl_secret_arn}:password::" },
        { name = "KAFKA_SSL_TRUSTSTORE_CERTIFICATES", valueFrom = "${var.graft_kafka_sasl_secret_arn}:ca::" },
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
        { name = "CONNECT_BOOTSTRAP_SERVERS", value = var.graft_kafka_bootstrap_servers },
        { name = "CONNECT_GROUP_ID", value = "acme.connect" },
        { name = "CONNECT_CONFIG_STORAGE_TOPIC", value = "acme.connect-configs" },
        { name = "CONNECT_OFFSET_STORAGE_TOPIC", value = "acme.connect-offsets" },
        { name = "CONNECT_STATUS_STORAGE_TOPIC", value = "acme.connect-status" },
        { name = "CONNECT_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "CONNECT_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "CONNECT_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"acme-clients\" password=\"$${secrets:GRAFT_KAFKA_SASL_PASSWORD}\";" },
        { name = "CONNECT_SSL_TRUSTSTORE_TYPE", value = "PEM" },
        { name = "CONNECT_SSL_TRUSTSTORE_CERTIFICATES", value = "$${secrets:GRAFT_KAFKA_CA}" },
        { name = "CONNECT_PRODUCER_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "CONNECT_PRODUCER_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "CONNECT_PRODUCER_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"acme-clients\" password=\"$${secrets:GRAFT_KAFKA_SASL_PASSWORD}\";" },
        { name = "CONNECT_PRODUCER_SSL_TRUSTSTORE_TYPE", value = "PEM" },
        { name = "CONNECT_PRODUCER_SSL_TRUSTSTORE_CERTIFICATES", value = "$${secrets:GRAFT_KAFKA_CA}" },
        { name = "CONNECT_CONSUMER_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "CONNECT_CONSUMER_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "CONNECT_CONSUMER_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"acme-clients\" password=\"$${secrets:GRAFT_KAFKA_SASL_PASSWORD}\";" },
        { name = "CONNECT_CONSUMER_SSL_TRUSTSTORE_TYPE", value = "PEM" },
        { name = "CONNECT_CONSUMER_SSL_TRUSTSTORE_CERTIFICATES", value = "$${secrets:GRAFT_KAFKA_CA}" },
        { name = "CONNECT_ADMIN_SECURITY_PROTOCOL", value = "SASL_SSL" },
        { name = "CONNECT_ADMIN_SASL_MECHANISM", value = "SCRAM-SHA-512" },
        { name = "CONNECT_ADMIN_SASL_JAAS_CONFIG", value = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"acme-clients\" password=\"$${secrets:GRAFT_KAFKA_SASL_PASSWORD}\";" },
        { name = "CONNECT_ADMIN_SSL_TRUSTSTORE_TYPE", value = "PEM" },
        { name = "CONNECT_ADMIN_SSL_TRUSTSTORE_CERTIFICATES", value = "$${secrets:GRAFT_KAFKA_CA}" },
        { name = "CONNECT_CONFIG_PROVIDERS", value = "secrets" },
        { name = "CONNECT_CONFIG_PROVIDERS_SECRETS_CLASS", value = "org.apache.kafka.common.config.provider.EnvVarConfigProvider" },
      ]
      secrets = [
        { name = "GRAFT_KAFKA_SASL_PASSWORD", valueFrom = "${var.graft_kafka_sasl_secret_arn}:password::" },
        { name = "GRAFT_KAFKA_CA", valueFrom = "${var.graft_kafka_sasl_secret_arn}:ca::" },
      ]
    },
  ])
}
