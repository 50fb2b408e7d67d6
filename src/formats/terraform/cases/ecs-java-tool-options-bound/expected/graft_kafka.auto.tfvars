# Written by graft: values from the customer's Kafka spec. Secret ARNs are references, not secrets.
graft_kafka_bootstrap_servers = "kafka-1.internal.example.com:9092,kafka-2.internal.example.com:9092"
graft_kafka_security_protocol = "PLAINTEXT"
