name = "stocks"

# aws kafka get-bootstrap-brokers --cluster-arn ... (the msk/ stack's cluster)
kafka_connection_string = "b-3.stocks-kafka.sg6u26.c3.kafka.eu-central-1.amazonaws.com:9094,b-2.stocks-kafka.sg6u26.c3.kafka.eu-central-1.amazonaws.com:9094,b-1.stocks-kafka.sg6u26.c3.kafka.eu-central-1.amazonaws.com:9094"

replica_brokers = [
  "b-1.stocks-kafka.sg6u26.c3.kafka.eu-central-1.amazonaws.com:9094",
  "b-2.stocks-kafka.sg6u26.c3.kafka.eu-central-1.amazonaws.com:9094",
]

execution_role_arn = "arn:aws:iam::111122223333:role/stocks-ecs-execution"
