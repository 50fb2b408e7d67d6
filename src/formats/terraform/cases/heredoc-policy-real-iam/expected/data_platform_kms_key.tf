# Provisions the KMS key for MSK CloudWatch data
