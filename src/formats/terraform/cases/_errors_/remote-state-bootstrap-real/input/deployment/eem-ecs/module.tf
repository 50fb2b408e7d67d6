data "terraform_remote_state" "eem-vpc" {
  backend = "s3"
  config = {
    bucket  = "${var.terraform_deployment_bucket}"
    key     = "eem-vpc/terraform.tfstate"
    region  = "${var.aws_region}"
    profile = "${var.aws_profile}"
  }
}

data "terraform_remote_state" "eem-msk" {
  backend = "s3"
  config = {
    bucket  = "${var.terraform_deployment_bucket}"
    key     = "eem-msk/terraform.tfstate"
    region  = "${var.aws_region}"
    profile = "${var.aws_profile}"
  }
}

module "eem-ecs" {
  source                    = "../../modules/eem-ecs"
  msk_bootstrap_brokers     = "${data.terraform_remote_state.eem-msk.outputs.msk-bootstrap-brokers}"
  vpc_id                    = "${data.terraform_remote_state.eem-vpc.outputs.eem-vpc}"
  ecs_container_kafka_connect_port = "${var.ecs_container_kafka_connect_port}"
  image_kafka_connect            = "${var.image_kafka_connect}"
}
