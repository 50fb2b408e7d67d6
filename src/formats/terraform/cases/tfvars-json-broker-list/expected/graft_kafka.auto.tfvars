# Written by graft: values from the customer's Kafka spec. Secret ARNs are references, not secrets.
graft_kafka_bootstrap_servers = "b-1.customer.kafka.example.com:9096,b-2.customer.kafka.example.com:9096"
graft_kafka_security_protocol = "SASL_SSL"
graft_kafka_sasl_mechanism    = "SCRAM-SHA-512"
graft_kafka_topic_prefix      = "appliance."
graft_kafka_group_prefix      = "appliance."
graft_kafka_sasl_secret_arn   = "arn:aws:secretsmanager:us-east-1:111122223333:secret:AmazonMSK_appliance-AbCdEf"
