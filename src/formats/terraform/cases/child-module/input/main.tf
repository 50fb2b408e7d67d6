module "kafka" {
  source = "./modules/kafka"

  name       = "shop"
  subnet_ids = var.subnet_ids
}

# the orders service, deployed on ECS
module "orders" {
  source = "./modules/orders"

  name            = "orders"
  image           = "registry.example.com/orders:3.1.0"
  kafka_bootstrap = module.kafka.bootstrap_brokers_sasl_scram
}

variable "subnet_ids" {
  type = list(string)
}
