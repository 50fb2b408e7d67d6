# Written by graft: values from the customer's Kafka spec. Secret ARNs are references, not secrets.
graft_kafka_bootstrap_servers = "b-1.corp.k4x9zq.c3.kafka.eu-west-1.amazonaws.com:9098,b-2.corp.k4x9zq.c3.kafka.eu-west-1.amazonaws.com:9098,b-3.corp.k4x9zq.c3.kafka.eu-west-1.amazonaws.com:9098"
graft_kafka_security_protocol = "SASL_SSL"
graft_kafka_sasl_mechanism    = "AWS_MSK_IAM"
graft_kafka_topic_prefix      = "vendor."
graft_kafka_group_prefix      = "vendor."
# graft_kafka_cluster_arn = ... (required: the customer sets it)
