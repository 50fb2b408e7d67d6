# IAM resources for the MSK Client

resource "aws_iam_instance_profile" "msk_client_profile" {
  name = "msk_client-${random_id.rando.hex}_profile"
  role = aws_iam_role.msk_client.name
}

resource "aws_iam_role" "msk_client" {
  name = "msk_client-${random_id.rando.hex}_role"
  path = "/"

  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Action": "sts:AssumeRole",
      "Principal": {
        "Service": "ec2.amazonaws.com"
      },
      "Effect": "Allow",
      "Sid": ""
    }
  ]
}
EOF
}

