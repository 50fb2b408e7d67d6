# Provisions the S3 bucket for MSK broker logs

