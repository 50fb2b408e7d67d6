variable "reports_role_arn" {
  description = "Execution role of the reports function, managed by the platform team"
  type        = string
}
