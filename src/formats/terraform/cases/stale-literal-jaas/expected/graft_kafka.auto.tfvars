# Written by graft: values from the customer's Kafka spec. Secret ARNs are references, not secrets.
graft_kafka_bootstrap_servers = "pkc-12345.us-east-1.aws.confluent.cloud:9092"
graft_kafka_security_protocol = "SASL_SSL"
graft_kafka_sasl_mechanism    = "PLAIN"
graft_kafka_sasl_secret_arn   = "arn:aws:secretsmanager:us-east-1:111122223333:secret:confluent-api-key-AbCdEf"
