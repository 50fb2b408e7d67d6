# the orders service, deployed on ECS
module "orders" {
  source = "./modules/orders"

  name            = "orders"
  image           = "registry.example.com/orders:3.1.0"
  kafka_bootstrap = var.graft_kafka_bootstrap_servers

  graft_kafka_sasl_secret_arn = var.graft_kafka_sasl_secret_arn
}
