output "msk-bootstrap-brokers" {
  value = "${module.eem-msk.msk-bootstrap-brokers}"
}