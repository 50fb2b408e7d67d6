# Written by graft: values from the customer's Kafka spec. Secret ARNs are references, not secrets.
graft_kafka_bootstrap_servers = "kafka.prod.example.com:9093"
graft_kafka_security_protocol = "SASL_SSL"
graft_kafka_sasl_mechanism    = "OAUTHBEARER"
graft_kafka_topic_prefix      = "billing."
graft_kafka_group_prefix      = "billing."
graft_kafka_oauth_secret_arn  = "arn:aws:secretsmanager:us-west-2:444455556666:secret:oauth-AbCdEf"
