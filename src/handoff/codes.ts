/** Codes of what the customer handoff could not infer from the stack, each with what it means. */
export const HANDOFF_CODES = {
  HANDOFF_TOPIC_AUTO_CREATED:
    'a service uses a topic nothing in the origin stack created: it relied on broker auto-creation, so partitions, replication and configs are unknown',
  HANDOFF_TOPIC_USE_UNKNOWN:
    'a topic name comes from a variable that does not say whether the service produces or consumes: READ and WRITE are both granted',
  HANDOFF_TOPIC_CREATE_UNPARSED:
    'a helper runs kafka-topics / rpk to create a topic graft cannot read (a variable or a loop): the topic is not listed',
  HANDOFF_TOPIC_OUTSIDE_ALLOW_LIST:
    "a topic the stack created, or a Kafka Streams application's internal topics, are not in the customer's topics.allow list",
  HANDOFF_PRINCIPAL_UNKNOWN: 'the SASL username is a secret reference or there is none, so the scripts take the principal from $PRINCIPAL',
  HANDOFF_TRANSACTIONAL_IDS_UNKNOWN:
    'no service declares transactional ids in graft.yaml; a service that uses transactions needs them declared (or granted by hand)',
  HANDOFF_SUBJECTS_UNKNOWN:
    'a service uses the schema registry but graft.yaml names neither its subjects nor TopicNameStrategy: which subjects must exist is unknown',
  HANDOFF_APPLICATION_ID_UNRENAMED:
    "a Kafka Streams application's application.id is not renamed with the group prefix (its variable is not in groupEnv): its grants use the unprefixed id",
  HANDOFF_SERVICE_UNDECLARED: 'a rewired client has neither bindings nor topic/group variables: which topics it uses is unknown',
  HANDOFF_GROUP_UNKNOWN:
    "a consumer's group is not in the stack (a Lambda event source's default group is the mapping's UUID; a Spring Boot listener's group is in its code): the grant to make is listed",
  HANDOFF_MIRRORMAKER_NAMES:
    "a MirrorMaker 2 names topics on the customer's cluster that no topic prefix renames (`<source>.<topic>`, checkpoints, heartbeats, offset syncs): the grants to make are listed",
  HANDOFF_ROLE_GRANT:
    'a role that must read the Kafka secrets (an ECS task execution role, a Lambda function role) is not in the stack: the grant to add is listed',
} as const;

/** A handoff diagnostic code. */
export type HandoffCode = keyof typeof HANDOFF_CODES;
