/** Diagnostic codes of the Compose format, each with what it means. */
export const COMPOSE_CODES = {
  COMPOSE_YAML_SYNTAX: 'a Compose file is not valid YAML',
  COMPOSE_NOT_A_MAPPING: 'a Compose file, or its services, is not a mapping',
  COMPOSE_BINDING_UNKNOWN_SERVICE: 'graft.yaml binds a service the stack does not have',
  COMPOSE_SECRET_STORE_UNSUPPORTED: 'a secret lives in a store Docker Compose cannot read (Kubernetes, AWS)',
  COMPOSE_SECRET_NEEDS_ENV_REF: "a client reads a secret's value from a variable, which Compose can fill only from a host variable",
  COMPOSE_ZOOKEEPER_CLIENT: 'a kept service talks to the dropped ZooKeeper',
  COMPOSE_INFRA_KEPT: 'ZooKeeper stays because a kept service still uses it',
  COMPOSE_UNSEEN_CLIENTS:
    "a dropped broker advertises itself to clients on the Compose network, but no kept service names it: they reach it by a built-in address. An error when the broker advertises a listener on its own name (with other brokers beside it, not its inter-broker listener) and no kept service names it, depends on it or is rewired — an application's built-in default (`kafka:9092`) would point at nothing. Declare the kept services in `graft.yaml`: the clients under `kafka.clients`, the others as `kafka.infrastructure` with `role: none`",
  COMPOSE_NETWORK_MODE_DROPPED: 'a service shares the network namespace of a dropped service',
  COMPOSE_CLUSTERS_COLLAPSE:
    "the stack runs several separate Kafka clusters (each its own ZooKeeper or KRaft quorum) and its services use more than one of them (a replicator, MirrorMaker, a UI or Control Center of several clusters): all would become the customer's one cluster. Keep the clusters the customer's cluster does not replace as `kafka.infrastructure` with `role: none` in graft.yaml, or remove what uses them",
  COMPOSE_COMMAND_NO_SECURITY: 'a command line runs a Kafka tool that gets no security settings',
  COMPOSE_BARE_KAFKA_HOST:
    "a variable names a dropped Kafka host without a port, and the client's family did not set it. An error in a host setting (`KAFKA_SEEDS`, `*_HOST`, `*_SERVERS`, `*_BROKERS`, `*_ADDR`…) whose port is the image's default: the host alone cannot be rewired. A host with its port in a sibling variable (`KAFKA_SEEDS=kafka` + `KAFKA_PORT=9092`) is rewired in that shape instead (first bootstrap host, its port). A warning elsewhere (the value may be no address: `TB_QUEUE_TYPE=kafka`); nothing is reported for a client whose family already refused it",
  COMPOSE_DROPPED_HTTP_API:
    "a setting holds an `http(s)://` URL of an API the dropped broker served — Redpanda's admin API, Confluent's metadata service (MDS) — that the customer's cluster has no counterpart for (an error naming the setting). A URL on the broker's schema registry port (8081, as Redpanda serves it) becomes the customer's `schemaRegistry.url`; `http(s)://` URLs are never rewritten to the Kafka bootstrap",
  COMPOSE_CONFIG_FILE_NOT_IN_STACK: "a client's properties file is not a stack file graft can edit, or would need a secret value",
  COMPOSE_EXTENDS_UNRESOLVED:
    "a service extends a file outside the stack, so graft cannot see all its settings (an error: the extended file may run the Kafka, as a monorepo's shared `docker/docker-compose.yml` does, and the compile would otherwise silently keep it). Copy the file into the stack and point `extends: file:` at the copy, or inline the service",
  COMPOSE_INFRA_UNDECLARED:
    'a service looks like the embedded Kafka or ZooKeeper (built from a local Dockerfile or an unknown image, and the service or its image is named like a broker or ZooKeeper) but shows no broker or ZooKeeper settings, command or health check graft can go by, and names no Kafka address as a client would; declare it in `graft.yaml` (`kafka.infrastructure: [{ service: kafka, role: broker }]`, `role: none` to keep it). Every such service is named, with one declaration covering all',
  COMPOSE_SHARED_VALUE_CONFLICT:
    'a value several kept services read from one place — an anchor (`<<: *defaults`, `environment: *env`), a line of an `env_file`, a shared `environment:` mapping — would need different edits for different services (e.g. security settings for a client, none for a service that is no client); or an anchor defined inside a dropped service is still used by a kept one',
  COMPOSE_FILE_NOT_SELECTED:
    "a YAML file with top-level `services:` sits beside the Compose files graft compiles (a layered project run as `docker compose -f docker-compose.yml -f async-addon.yml`) but is not one of them, so its Kafka or clients would be missed (an error). List the project's files in the stack's `.env` as Docker Compose reads them: `COMPOSE_FILE=docker-compose.yml:async-addon.yml` (`COMPOSE_PATH_SEPARATOR` changes the `:`); or compile one file by giving its path",
  COMPOSE_CLIENTS_ELSEWHERE:
    "one Compose file compiled by its path keeps no service — graft drops every service in it and none is a client of its Kafka — while other Compose files (YAML with top-level `services:`) sit beside it: a Kafka layer the project runs as `docker compose -f docker-compose-cli.yaml -f docker-compose-kafka.yaml`, whose clients, compiled apart, would keep the dropped broker's address (an error). Compile the folder with the files the project runs together listed in its `.env` (`COMPOSE_FILE=docker-compose-cli.yaml:docker-compose-kafka.yaml`); if the Kafka really has no client in the stack, declare it in `graft.yaml` (`kafka.noClients: true`, given with `--bindings`). A file compiled alone with no Compose file beside it is not affected",
  COMPOSE_INCLUDE_UNRESOLVED:
    'a Compose file `include:`s a file that is not in the stack, so graft cannot see whether it runs or uses Kafka (an error: the compile would otherwise silently miss it)',
  COMPOSE_ENV_FILE_UNRESOLVED:
    'a service reads an `env_file` that is not in the stack (a warning; optional files, `required: false`, are not reported)',
  COMPOSE_ENV_FILE_CREDENTIALS:
    'an env file (env_file of a rewired service, or the project .env) holds Kafka credentials or security settings graft cannot rewrite (warning)',
  COMPOSE_CLICKHOUSE_TABLE_SECURITY:
    "a ClickHouse Kafka-engine table whose broker list graft rewired (`kafka_broker_list` in a SQL file or init script the server runs, or a named collection in its mounted configuration) sets its own `kafka_security_protocol` / `kafka_sasl_*` / `kafka_ssl_*`: a table's settings override the server's `<kafka>` section, where graft gives the customer's (`config.d/graft-kafka.xml`, secrets by `from_env` or as mounted files); remove them from the table",
} as const;
