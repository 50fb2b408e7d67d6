/** Diagnostic codes of the configure stage, shared by every format, each with what it means. */
export const CONFIGURE_CODES = {
  CLIENT_UNKNOWN_FAMILY: "a workload uses Kafka but graft cannot tell how it reads the customer's security settings",
  CLIENT_FAMILY_UNKNOWN_IN_BINDING: 'graft.yaml gives a client a family graft does not know',
  CLIENT_DEPENDS_ONLY:
    'a workload depended on the dropped Kafka (a Compose `depends_on`/`links` edge) but names no Kafka address graft can see (an error: an address built into its image or code would reach nothing). When what it depended on was only the ZooKeeper (or registry) that goes with the Kafka, the message names that service (`the dropped ZooKeeper "zoo1"`) and the help says how to keep it (`kafka.infrastructure: [{ service: zoo1, role: none }]`). Declare the client in `graft.yaml` (`kafka.clients.<service>`), or, when the edge was start order only, `kafka.infrastructure: [{ service: <service>, role: none }]`. When it names the dropped Kafka only in a file it mounts that graft does not rewrite (Filebeat\'s `filebeat.yml`), the error is at that address and says which file and line. Not reported for an HTTP-only tool, whose edge goes with a plan note: every address it names is an `http(s)://` URL of a kept service, or it names none, runs a known HTTP-only image (the ksqlDB CLI) and depends on a kept service',
  CLIENT_MTLS_UNSUPPORTED: 'a client family cannot present a client certificate from configuration alone',
  CLIENT_REGISTRY_AUTH_UNKNOWN:
    "a client now uses the customer's schema registry, which needs basic auth, but graft does not know how it reads registry credentials (warning)",
  CLIENT_SECRET_FILE_UNSUPPORTED: 'a client family reads a secret from a file, which the platform cannot mount (ECS, Lambda)',
  CLIENT_COMPOSITE_SECRET_UNSUPPORTED:
    'a client needs a secret inside a larger value, which the platform can inject only as a whole variable',
  CLIENT_SECRET_ENV_UNSUPPORTED:
    "a client needs a secret in its environment, which the platform's environment cannot reference (a Lambda function; warning)",
  CLIENT_GENERATED_FILE_UNSUPPORTED: 'a client family needs a generated file, which graft does not write on this platform',
  CLIENT_PROPERTIES_FILE_UNSUPPORTED:
    'a client reads its settings from a properties file graft cannot edit on this platform (inside the image)',
  CLIENT_STALE_SETTING_UNSEEN:
    "a client reads every key of a Secret outside the stack through `envFrom`: an origin security setting there, which graft cannot see, would stay beside the customer's; the warning names the Secret, the family's security keys and the ones graft sets (warning)",
  CLIENT_TOPIC_NOT_ALLOWED:
    "a client uses a topic outside the customer's `topics.allow` list: a setting that names topics, an event source's topics, or the topics its `graft.yaml` binding declares (every format; it replaces `COMPOSE_`, `K8S_`, `CFN_` and `TF_TOPIC_NOT_ALLOWED`)",
  CLIENT_STALE_SETTING_SHARED:
    'an origin security setting a client reads comes from a place other workloads read too (a ConfigMap or Secret of the stack through `envFrom`), so graft cannot remove it for this client alone; a ConfigMap or Secret only that workload reads loses the key',
  CLIENT_PROPERTIES_IMAGE_NO_SHELL:
    "a client reads a properties file inside an image known to have no shell (distroless), so the container that rewrites it when an ECS task starts (the image's own `sh`, `cp`, `sed`) cannot run there",
} as const;

/** A configure stage diagnostic code. */
export type ConfigureCode = keyof typeof CONFIGURE_CODES;
