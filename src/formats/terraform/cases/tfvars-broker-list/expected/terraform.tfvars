name = "stocks"

execution_role_arn = "arn:aws:iam::111122223333:role/stocks-ecs-execution"
