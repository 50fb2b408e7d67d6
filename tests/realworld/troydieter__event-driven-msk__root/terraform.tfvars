# Supply values for your environment-specific variables here
environment = "dev"
aws_region  = "us-east-1"
aws-profile = "default"