# Written by graft: values from the customer's Kafka spec. Secret ARNs are references, not secrets.
graft_kafka_bootstrap_servers = "b-1.events.a1b2c3.c2.kafka.us-east-1.amazonaws.com:9098,b-2.events.a1b2c3.c2.kafka.us-east-1.amazonaws.com:9098"
graft_kafka_security_protocol = "SASL_SSL"
graft_kafka_sasl_mechanism    = "AWS_MSK_IAM"
graft_kafka_topic_prefix      = "appliance."
graft_kafka_group_prefix      = "appliance."
# graft_kafka_cluster_arn = ... (required: the customer sets it)
