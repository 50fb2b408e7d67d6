terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
    confluent = {
      source  = "confluentinc/confluent"
      version = "2.12.0"
    }
  }
}

provider "confluent" {
  cloud_api_key    = var.confluent_cloud_api_key
  cloud_api_secret = var.confluent_cloud_api_secret
}

resource "confluent_environment" "shop" {
  display_name = "shop"
}

resource "confluent_kafka_cluster" "main" {
  display_name = "shop-events"
  availability = "SINGLE_ZONE"
  cloud        = "AWS"
  region       = "us-west-2"
  basic {}

  environment {
    id = confluent_environment.shop.id
  }
}

resource "confluent_service_account" "manager" {
  display_name = "shop-manager"
  description  = "Creates the shop's topics"
}

resource "confluent_role_binding" "manager_admin" {
  principal   = "User:${confluent_service_account.manager.id}"
  role_name   = "CloudClusterAdmin"
  crn_pattern = confluent_kafka_cluster.main.rbac_crn
}

resource "confluent_api_key" "manager" {
  display_name = "shop-manager-kafka"
  owner {
    id          = confluent_service_account.manager.id
    api_version = confluent_service_account.manager.api_version
    kind        = confluent_service_account.manager.kind
  }
  managed_resource {
    id          = confluent_kafka_cluster.main.id
    api_version = confluent_kafka_cluster.main.api_version
    kind        = confluent_kafka_cluster.main.kind
    environment {
      id = confluent_environment.shop.id
    }
  }
  depends_on = [confluent_role_binding.manager_admin]
}

resource "confluent_kafka_topic" "orders" {
  kafka_cluster {
    id = confluent_kafka_cluster.main.id
  }
  topic_name       = "orders"
  partitions_count = 6
  rest_endpoint    = confluent_kafka_cluster.main.rest_endpoint
  config = {
    "cleanup.policy" = "delete"
    "retention.ms"   = "604800000"
  }
  credentials {
    key    = confluent_api_key.manager.id
    secret = confluent_api_key.manager.secret
  }
}

resource "confluent_kafka_topic" "shipments" {
  kafka_cluster {
    id = confluent_kafka_cluster.main.id
  }
  topic_name       = "shipments"
  partitions_count = 3
  rest_endpoint    = confluent_kafka_cluster.main.rest_endpoint
  credentials {
    key    = confluent_api_key.manager.id
    secret = confluent_api_key.manager.secret
  }
}
