# Written by graft: values from the customer's Kafka spec. Secret ARNs are references, not secrets.
graft_kafka_bootstrap_servers     = "kafka.customer.example.com:9094"
graft_kafka_security_protocol     = "SSL"
graft_kafka_client_tls_secret_arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:kafka-client-AbCdEf"
