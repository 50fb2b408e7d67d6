#!/bin/sh
kafka-avro-console-producer --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --topic orders < /dev/null
