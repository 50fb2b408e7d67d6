variable "subnet_ids" {
  type = list(string)
}

variable "database_host" {
  type = string
}

resource "aws_instance" "debezium" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"
  subnet_id     = var.subnet_ids[0]

  user_data = templatefile("files/user_data.sh", {
    brokers       = aws_msk_cluster.kafka.bootstrap_brokers
    database_host = var.database_host
  })
}

output "kafka" {
  value = aws_msk_cluster.kafka.bootstrap_brokers
}
