# Written by graft: values from the customer's Kafka spec. Secret ARNs are references, not secrets.
graft_kafka_bootstrap_servers = "pkc-4r087.us-west2.gcp.confluent.cloud:9092"
graft_kafka_security_protocol = "SASL_SSL"
graft_kafka_sasl_mechanism    = "PLAIN"
graft_kafka_sasl_secret_arn   = "arn:aws:secretsmanager:us-west-2:777788889999:secret:kafka/appliance-9XyZ12"
