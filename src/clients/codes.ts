/** Diagnostic codes of the client families, each with what it means. */
export const CLIENT_CODES = {
  CLIENT_NO_DECLARED_PATH: 'the client needs a setting it declares no way to receive',
  CLIENT_MECHANISM_UNSUPPORTED: "the client cannot use the cluster's SASL mechanism from configuration alone",
  CLIENT_SECRET_NEEDS_VALUE:
    'the client reads this secret only as a value inside its config file, which graft assembles at start only on Kubernetes (init container) and Compose (render service)',
  CLIENT_NO_CONFIG_FILE: 'a properties-file client whose binding names no configFile',
  CLIENT_CONFIG_PROVIDER_CONFLICT: 'the config provider alias graft uses is already bound to another class',
  CLIENT_CONFIG_PROVIDER_BLOCKED: 'a JVM flag forbids the directory config provider that graft reads secrets with',
  CLIENT_SCHEMA_REGISTRY_CA_UNSUPPORTED: 'the client cannot trust a custom schema registry CA given as a PEM file',
  CLIENT_EMBEDDED_CONFIG_INVALID: 'configuration embedded in an environment variable cannot be read or edited',
  CLIENT_UNSAFE_LITERAL: 'a literal value would be altered on its way into the client',
  CLIENT_UNKNOWN_COMPONENT: 'an image family member whose component graft cannot tell',
  CLIENT_IMAGE_TOO_OLD:
    "the client's image predates the Kafka features graft configures it with: a `confluentinc/cp-*` tag before Confluent Platform 6.1 ships Apache Kafka before 2.7, without DirectoryConfigProvider (how graft hands over secrets) or PEM key and trust stores; the tag decides, an unreadable tag (`latest`, `${VERSION}`) counts as recent",
  CLIENT_IMPLICIT_NAME:
    "the client uses names the customer's topic or group naming must reach but the stack does not set (a default Kafka Streams application id, names chosen in code)",
} as const;

/** A client family diagnostic code. */
export type ClientCode = keyof typeof CLIENT_CODES;
