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
    'a dropped broker advertises itself to clients on the Compose network, but no kept service names it: they reach it by a built-in address',
  COMPOSE_NETWORK_MODE_DROPPED: 'a service shares the network namespace of a dropped service',
  COMPOSE_COMMAND_NO_SECURITY: 'a command line runs a Kafka tool that gets no security settings',
  COMPOSE_BARE_KAFKA_HOST: 'a variable names a dropped Kafka host without a port (an error in a host setting whose port graft cannot see)',
  COMPOSE_DROPPED_HTTP_API:
    "a setting holds an http(s) URL of an API the dropped broker served (admin, metadata service) that the customer's cluster has no counterpart for",
  COMPOSE_CONFIG_FILE_NOT_IN_STACK: "a client's properties file is not a stack file graft can edit, or would need a secret value",
  COMPOSE_EXTENDS_UNRESOLVED: 'a service extends a file outside the stack, so graft cannot see all its settings',
  COMPOSE_INFRA_UNDECLARED: 'a service looks like the embedded Kafka or ZooKeeper but shows no settings or command graft can go by',
  COMPOSE_SHARED_VALUE_CONFLICT:
    'a value several services share (an anchor, an env file line, a shared environment) would be right for some and wrong for others',
  COMPOSE_FILE_NOT_SELECTED:
    "a Compose file beside the project's is not compiled (an overlay run with -f): list the project's files in COMPOSE_FILE in .env",
  COMPOSE_CLIENTS_ELSEWHERE:
    'a Compose file compiled alone keeps no service while Compose files beside it may run its clients (a Kafka layer run with -f)',
  COMPOSE_INCLUDE_UNRESOLVED: 'a Compose file includes a file that is not in the stack',
  COMPOSE_ENV_FILE_UNRESOLVED: 'a service reads an env file that is not in the stack, so graft cannot see all its settings',
  COMPOSE_ENV_FILE_CREDENTIALS:
    'an env file (env_file of a rewired service, or the project .env) holds Kafka credentials or security settings graft cannot rewrite (warning)',
  COMPOSE_CLICKHOUSE_TABLE_SECURITY:
    "a ClickHouse Kafka-engine table sets its own security settings, which override the customer's graft gives the server's <kafka> section",
} as const;
