# Written by graft: values from the customer's Kafka spec. Secret ARNs are references, not secrets.
graft_kafka_bootstrap_servers = "b-1.corp.k4x9zq.c3.kafka.eu-west-1.amazonaws.com:9096,b-2.corp.k4x9zq.c3.kafka.eu-west-1.amazonaws.com:9096,b-3.corp.k4x9zq.c3.kafka.eu-west-1.amazonaws.com:9096"
graft_kafka_security_protocol = "SASL_SSL"
graft_kafka_sasl_mechanism    = "SCRAM-SHA-512"
graft_kafka_sasl_secret_arn   = "arn:aws:secretsmanager:eu-west-1:444455556666:secret:AmazonMSK_vendor-app-Ab12Cd"
