locals {
  spark_history_server_name            = "spark-history-server"
  spark_history_server_service_account = "spark-history-server-sa"

  spark_history_server_values = yamldecode(templatefile("${path.module}/helm-values/spark-history-server.yaml",
    {
      s3_bucket_name            = module.s3_bucket.s3_bucket_id,
      event_log_prefix          = aws_s3_object.this.key,
      spark_history_server_role = module.spark_history_server_irsa.arn
    })
  )
}


#---------------------------------------------------------------
# Spark History Server Application
#---------------------------------------------------------------
resource "kubectl_manifest" "spark_history_server" {
  yaml_body = templatefile("${path.module}/argocd-applications/spark-history-server.yaml", {
    # Place under `helm.valuesObject:` at 8 spaces (adjust if your template indent differs)
    user_values_yaml = indent(8, yamlencode(local.spark_history_server_values))
  })

  depends_on = [
    helm_release.argocd,
    module.spark_history_server_irsa,
  ]
}


# we need to use IRSA because spark history server image does not support pod identity yet (java sdk 1.x)
#---------------------------------------------------------------
# IRSA for Spark History Server
#---------------------------------------------------------------

module "spark_history_server_irsa" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts"
  version = "~> 6.0"
  name    = "${module.eks.cluster_name}-shs"

  policies = {
    policy = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" # Policy needs to be defined based in what you need to give access to your notebook instances.
  }

  oidc_providers = {
    main = {
      provider_arn               = module.eks.oidc_provider_arn
      namespace_service_accounts = ["${local.spark_history_server_name}:${local.spark_history_server_service_account}"]
    }
  }
}
