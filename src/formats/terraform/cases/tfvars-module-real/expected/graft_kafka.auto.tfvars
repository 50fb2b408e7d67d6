# Written by graft: values from the customer's Kafka spec. Secret ARNs are references, not secrets.
graft_kafka_bootstrap_servers          = "pkc-4r087.us-west-2.aws.confluent.cloud:9092"
graft_kafka_security_protocol          = "SASL_SSL"
graft_kafka_sasl_mechanism             = "PLAIN"
graft_kafka_topic_prefix               = "acme."
graft_kafka_group_prefix               = "acme."
graft_kafka_schema_registry_url        = "https://psrc-8vyvr.us-west-2.aws.confluent.cloud"
graft_kafka_sasl_secret_arn            = "arn:aws:secretsmanager:us-west-2:444455556666:secret:confluent-cloud-AbCdEf"
graft_kafka_schema_registry_secret_arn = "arn:aws:secretsmanager:us-west-2:444455556666:secret:confluent-cloud-sr-GhIjKl"
