output "ecs-security-group" {
  value = "${module.eem-ecs.ecs-security-group}"
}