region             = "us-west-1"
account-id         = "012345678910"
app-shorthand-name = "migrationsample"
partition          = "aws"
tags = {
  "service"     = "migrationsample"
  "environment" = "dev"
}
vpc-id = "vpc-abcdefg1234"
