import type { RunnerName } from '../../testbed/runners/index.js';

// The runners of the example stack's services: which variables carry the topic and group each runner
// uses, and how each client library words the failures the negative setups provoke.

/** The label on a service of examples/conformance naming the runner that plays it. */
export const RUNNER_LABEL = 'graft.conformance.runner';

/** What the matrix needs to know of one runner. */
export interface RunnerFacts {
  /** The client library, for the matrix header. */
  library: string;
  /** The variable holding the topic the runner produces to and consumes from. */
  topicEnv: string;
  /** The variable holding its consumer group id. */
  groupEnv: string;
}

/** Facts per runner (versions as testbed/runners/README.md pins them). */
export const RUNNER_FACTS: Record<RunnerName, RunnerFacts> = {
  spring: { library: 'Spring Boot 3.5, kafka-clients 3.9', topicEnv: 'TOPIC', groupEnv: 'SPRING_KAFKA_CONSUMER_GROUP_ID' },
  python: { library: 'confluent-kafka 2.16', topicEnv: 'TOPIC', groupEnv: 'GROUP_ID' },
  node: { library: 'kafkajs 2.2', topicEnv: 'TOPIC', groupEnv: 'GROUP_ID' },
  go: { library: 'franz-go 1.22', topicEnv: 'TOPIC', groupEnv: 'GROUP_ID' },
  java: { library: 'kafka-clients 4.4', topicEnv: 'TOPIC', groupEnv: 'GROUP_ID' },
  'python-librdkafka': { library: 'librdkafka 2.16', topicEnv: 'TOPIC', groupEnv: 'GROUP_ID' },
};

/** A failure the negative setups provoke, recognized in the runner's error text. */
export type FailureKind = 'auth' | 'tls' | 'acl' | 'jaas';

// The broker's own words, as each library passes them on (observed with Kafka 4.4): the SCRAM
// failure text; the TLS verification failure of JSSE, OpenSSL, Node and Go; the authorization error
// codes (an idempotent producer without WRITE gets CLUSTER_AUTHORIZATION_FAILED from InitProducerId,
// a plain one TOPIC_AUTHORIZATION_FAILED from Produce).
const FAILURES: Record<FailureKind, RegExp> = {
  auth: /Authentication failed during authentication due to invalid credentials with SASL mechanism/,
  tls: /PKIX path building failed|certificate verify failed|self-signed certificate in certificate chain|x509: certificate signed by unknown authority/,
  // kafka-clients' JaasConfig parser refusing the sasl.jaas.config line
  jaas: /in JAAS config|JAAS config entry/,
  acl: /ClusterAuthorizationException|TopicAuthorizationException|CLUSTER_AUTHORIZATION_FAILED|TOPIC_AUTHORIZATION_FAILED|Not authorized to access topics: \[Topic authorization failed\]/,
};

/** Names the kind of a runner's failure from its error text and output, or undefined when it is none of them. */
export function classifyFailure(text: string): FailureKind | undefined {
  return (Object.keys(FAILURES) as FailureKind[]).find((k) => FAILURES[k].test(text));
}
