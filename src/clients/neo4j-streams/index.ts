import { usesSasl, usesTls, type Value } from '../../spec/types.js';
import { jaasQuote } from '../java-common/index.js';
import { bootstrapValue, checkAwsMskIam, prefixGroup, problem } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission, type ValuePart } from '../types.js';

/**
 * The Neo4j image writes every `NEO4J_<name>` variable into neo4j.conf, `_` read as `.` and `__` as `_`
 * (`NEO4J_kafka_bootstrap_servers` → `kafka.bootstrap.servers`); the Streams plugin hands each `kafka.*` setting it has
 * no field for to its Kafka producer (source) and consumer (sink) as it is, with the `kafka.` prefix cut.
 */
export const PREFIX = 'NEO4J_kafka_';
const BOOTSTRAP = `${PREFIX}bootstrap_servers`;
const GROUP_ID = `${PREFIX}group_id`;
const REGISTRY_URL = `${PREFIX}schema_registry_url`;

/** The environment variable of a Kafka client property, as the Neo4j image maps it back. */
export function neo4jKafkaEnv(property: string): string {
  return PREFIX + property.replace(/_/g, '__').replace(/\./g, '_');
}

/** Whether the Streams sink runs: `streams.sink.enabled` is false unless set. */
function sinkEnabled(env: ReadonlyMap<string, string>): boolean {
  return /^true$/i.test((env.get('NEO4J_streams_sink_enabled') ?? '').trim());
}

/** Whether the Streams source runs: `streams.source.enabled` is true unless set. */
function sourceEnabled(env: ReadonlyMap<string, string>): boolean {
  return !/^false$/i.test((env.get('NEO4J_streams_source_enabled') ?? '').trim());
}

/**
 * Neo4j Streams (the `neo4j-streams` plugin of Neo4j 3.5 and 4.x), configured through the Neo4j image's environment
 * mapping of neo4j.conf: `kafka.*` settings (`KafkaConfiguration` / `KafkaSinkConfiguration` pass what they do not
 * know to the client as `extraProperties`).
 */
export const neo4jStreams = {
  family: 'neo4j-streams',
  // kafka-clients 2.3/2.4 in the plugins for Neo4j 4.0 (2.6 up to 4.1.3): JAAS logins only, no OAuth login handler;
  // AWS_MSK_IAM needs the vendor's word that the plugin directory holds aws-msk-iam-auth (supports.awsMskIam)
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'],
  // kafka-clients before 2.7 read no PEM key store, and graft never builds a JKS one
  mtls: false,
  detect: (s) => ([...s.env.keys()].some((k) => k.startsWith(PREFIX)) ? 'certain' : undefined),
  groupEnv: [/^NEO4J_kafka_group_id$/],
  emit: emitNeo4jStreams,
} satisfies ClientFamily;

/** Computes the `NEO4J_kafka_*` variables; the JAAS line is a template the platform fills in from the secret. */
export function emitNeo4jStreams(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const env = ctx.service.env;
  const spec = ctx.spec;
  const name = ctx.service.name;
  const part = (v: Value): ValuePart[] => (typeof v === 'string' ? [jaasQuote(v)] : [{ secret: v }]);
  out.env[BOOTSTRAP] = bootstrapValue(ctx, env.get(BOOTSTRAP));
  if (!checkAwsMskIam(ctx, out.problems)) return out;
  out.env[neo4jKafkaEnv('security.protocol')] = spec.securityProtocol;
  const sasl = spec.sasl;
  if (sasl && usesSasl(spec.securityProtocol)) {
    out.env[neo4jKafkaEnv('sasl.mechanism')] = sasl.mechanism;
    if (sasl.mechanism === 'AWS_MSK_IAM') {
      const role = sasl.aws?.roleArn ? ` awsRoleArn="${jaasQuote(sasl.aws.roleArn)}" awsStsRegion="${jaasQuote(sasl.aws.region)}"` : '';
      out.env[neo4jKafkaEnv('sasl.jaas.config')] = `software.amazon.msk.auth.iam.IAMLoginModule required${role};`;
      out.env[neo4jKafkaEnv('sasl.client.callback.handler.class')] = 'software.amazon.msk.auth.iam.IAMClientCallbackHandler';
    } else if (sasl.mechanism === 'OAUTHBEARER') {
      out.problems.push(
        problem(
          'CLIENT_MECHANISM_UNSUPPORTED',
          `service "${name}" (neo4j-streams) cannot use OAUTHBEARER client credentials: the plugins' kafka-clients (before 3.1) have no OAuth login callback handler`,
          'the customer must offer PLAIN or SCRAM for this service',
        ),
      );
    } else if (sasl.password) {
      const module =
        sasl.mechanism === 'PLAIN'
          ? 'org.apache.kafka.common.security.plain.PlainLoginModule'
          : 'org.apache.kafka.common.security.scram.ScramLoginModule';
      out.env[neo4jKafkaEnv('sasl.jaas.config')] = {
        parts: [`${module} required username="`, ...part(sasl.username ?? ''), '" password="', { secret: sasl.password }, '";'],
      };
    }
  }
  if (usesTls(spec.securityProtocol)) {
    if (spec.tls?.ca) {
      out.problems.push(
        problem(
          'CLIENT_NO_DECLARED_PATH',
          `service "${name}" (neo4j-streams) must trust the customer's private CA, but the Streams plugin's kafka-clients (2.3/2.4 for Neo4j 4.0, at most 2.6 before neo4j-streams 4.1.4) reads no PEM trust store, and graft gives the CA only as a PEM file`,
          `ship the customer's CA in a JKS trust store with the plugin and set ${neo4jKafkaEnv('ssl.truststore.location')} and ${neo4jKafkaEnv('ssl.truststore.password')} in the stack, then declare the service in graft.yaml (kafka.clients.${name}); or the customer's brokers must present a certificate the JVM's default trust store accepts`,
        ),
      );
    } else out.notes.push('TLS trusts the JVM default CA store (no tls.ca in the spec)');
  }
  const sr = spec.schemaRegistry;
  if (sr && env.has(REGISTRY_URL)) {
    // the sink's Avro deserializer reads kafka.schema.registry.url and the Confluent basic auth settings the same way
    out.env[REGISTRY_URL] = sr.url;
    if (sr.basicAuth) {
      out.env[neo4jKafkaEnv('basic.auth.credentials.source')] = 'USER_INFO';
      out.env[neo4jKafkaEnv('basic.auth.user.info')] = {
        parts: [...userInfo(sr.basicAuth.username), ':', ...userInfo(sr.basicAuth.password)],
      };
    }
  }
  naming(ctx, out);
  return out;
}

/** A registry credential part: literal text as it is, a secret as the platform fills it in. */
function userInfo(v: Value): ValuePart[] {
  return typeof v === 'string' ? [v] : [{ secret: v }];
}

/**
 * The customer's naming. The sink's consumer group defaults to `neo4j` (`kafka.group.id`), which graft can set with the
 * prefix; the topics, though, sit in setting names (`streams.source.topic.nodes.<topic>`,
 * `streams.sink.topic.cypher.<topic>`) or default to the database's name, where no value edit reaches them.
 */
function naming(ctx: EmitContext, out: Emission): void {
  const env = ctx.service.env;
  const spec = ctx.spec;
  const sink = sinkEnabled(env);
  if (sink && spec.groups?.prefix && !env.has(GROUP_ID)) {
    out.env[GROUP_ID] = prefixGroup(ctx, 'neo4j');
    out.notes.push(`the sink's consumer group, neo4j unless set, is ${out.env[GROUP_ID]} with the customer's prefix`);
  }
  if (!spec.topics?.prefix && !spec.topics?.allow) return;
  // the vendor declared the topics the plugin uses, named as the customer's naming wants them
  if (ctx.binding?.produces || ctx.binding?.consumes) return;
  const roles = [...(sourceEnabled(env) ? ['source'] : []), ...(sink ? ['sink'] : [])];
  if (roles.length === 0) return;
  const what = spec.topics.prefix ? `prefix "${spec.topics.prefix}"` : 'allow-list';
  const where = [
    ...(roles.includes('source')
      ? [
          "the source publishes to the topics named in NEO4J_streams_source_topic_nodes_<topic> / _relationships_<topic>, or to the database's name (neo4j) when none is",
        ]
      : []),
    ...(roles.includes('sink')
      ? ['the sink reads the topics named in NEO4J_streams_sink_topic_cypher_<topic> and the other sink strategies']
      : []),
  ];
  out.problems.push(
    problem(
      'CLIENT_IMPLICIT_NAME',
      `service "${ctx.service.name}" (neo4j-streams ${roles.join(' and ')}): ${where.join('; ')}. The customer's topic ${what} must reach these names, but they sit in setting names or defaults that graft cannot rename`,
      `name every topic of the plugin explicitly in the stack, already as the customer's naming wants it, then list them in graft.yaml (kafka.clients.${ctx.service.name}.produces / consumes)`,
    ),
  );
}
