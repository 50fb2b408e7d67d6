variable "name" {
  type = string
}

# the audit service's task role is managed by the platform team
variable "audit_task_role_arn" {
  type = string
}
