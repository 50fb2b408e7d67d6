# Written by graft: values from the customer's Kafka spec. Secret ARNs are references, not secrets.
graft_kafka_bootstrap_servers = "kafka-0.corp.internal:9092,kafka-1.corp.internal:9092,kafka-2.corp.internal:9092"
graft_kafka_security_protocol = "PLAINTEXT"
graft_kafka_topic_prefix      = "acme."
graft_kafka_group_prefix      = "acme."
