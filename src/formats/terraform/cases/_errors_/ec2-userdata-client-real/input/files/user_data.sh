#!/usr/bin/env bash

# Populate the distributed properties with the broker addresses
sed -i "s/\[KAFKA_BROKERS\]/${brokers}/g" /home/ubuntu/kafka/config/connect-distributed.properties

# Populate the ksqldb server properties with the broker addresses
sed -i "s/\[KAFKA_BROKERS\]/${brokers}/g" /home/ubuntu/ksql-server.properties

# Populate the connector JSON file with Broker and RDS details
sed -i "s/\[KAFKA_BROKERS\]/${brokers}/g" /home/ubuntu/connector.json
sed -i "s/\[DATABASE_HOST\]/${database_host}/g" /home/ubuntu/connector.json

sudo systemctl daemon-reload
sudo service debezium start
sudo service ksqldb start
