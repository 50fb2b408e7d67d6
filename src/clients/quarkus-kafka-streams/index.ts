import { usesSasl, usesTls, type SecretValue, type Value } from '../../spec/types.js';
import { jaasQuote } from '../java-common/index.js';
import { bootstrapValue, checkAwsMskIam, prefixGroup, problem } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission, type SettingValue, type ValuePart } from '../types.js';

/** The environment form of `quarkus.kafka-streams.*` (Quarkus maps QUARKUS_KAFKA_STREAMS_X to quarkus.kafka-streams.x). */
export const PREFIX = 'QUARKUS_KAFKA_STREAMS_';
const BOOTSTRAP = `${PREFIX}BOOTSTRAP_SERVERS`;
const APPLICATION_ID = `${PREFIX}APPLICATION_ID`;

/**
 * Quarkus Kafka Streams applications (the `quarkus-kafka-streams` extension), configured through the environment form of
 * `quarkus.kafka-streams.*`: the extension's runtime config maps `security.protocol`, `sasl.*` and `ssl.*` onto the
 * Kafka Streams properties (`KafkaStreamsProducer.getStreamsProperties`).
 */
export const quarkusKafkaStreams = {
  family: 'quarkus-kafka-streams',
  // the extension has no setting for the OAuth token endpoint, so OAUTHBEARER client credentials cannot be expressed;
  // AWS_MSK_IAM needs the vendor's word that the image ships aws-msk-iam-auth (supports.awsMskIam)
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'],
  mtls: true,
  detect: (s) => (s.env.has(BOOTSTRAP) ? 'certain' : undefined),
  topicEnv: [/^QUARKUS_KAFKA_STREAMS_TOPICS$/],
  groupEnv: [/^QUARKUS_KAFKA_STREAMS_APPLICATION_ID$/],
  emit: emitQuarkusKafkaStreams,
} satisfies ClientFamily;

/** Computes the `QUARKUS_KAFKA_STREAMS_*` variables; values holding a secret are templates the platform fills in. */
export function emitQuarkusKafkaStreams(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const env = ctx.service.env;
  const spec = ctx.spec;
  const part = (v: Value): ValuePart[] => (typeof v === 'string' ? [jaasQuote(v)] : [{ secret: v }]);
  const secret = (s: SecretValue): SettingValue => ({ parts: [{ secret: s }] });
  out.env[BOOTSTRAP] = bootstrapValue(ctx, env.get(BOOTSTRAP));
  if (!checkAwsMskIam(ctx, out.problems)) return out;
  out.env[`${PREFIX}SECURITY_PROTOCOL`] = spec.securityProtocol;
  const sasl = spec.sasl;
  if (sasl && usesSasl(spec.securityProtocol)) {
    out.env[`${PREFIX}SASL_MECHANISM`] = sasl.mechanism;
    if (sasl.mechanism === 'AWS_MSK_IAM') {
      const role = sasl.aws?.roleArn ? ` awsRoleArn="${jaasQuote(sasl.aws.roleArn)}" awsStsRegion="${jaasQuote(sasl.aws.region)}"` : '';
      out.env[`${PREFIX}SASL_JAAS_CONFIG`] = `software.amazon.msk.auth.iam.IAMLoginModule required${role};`;
      out.env[`${PREFIX}SASL_CLIENT_CALLBACK_HANDLER_CLASS`] = 'software.amazon.msk.auth.iam.IAMClientCallbackHandler';
    } else if (sasl.password) {
      const module =
        sasl.mechanism === 'PLAIN'
          ? 'org.apache.kafka.common.security.plain.PlainLoginModule'
          : 'org.apache.kafka.common.security.scram.ScramLoginModule';
      out.env[`${PREFIX}SASL_JAAS_CONFIG`] = {
        parts: [`${module} required username="`, ...part(sasl.username ?? ''), '" password="', { secret: sasl.password }, '";'],
      };
    }
  }
  if (usesTls(spec.securityProtocol)) {
    // older extensions default ssl.endpoint.identification.algorithm to "" (no host name check): ask for it
    out.env[`${PREFIX}SSL_ENDPOINT_IDENTIFICATION_ALGORITHM`] = 'https';
    if (spec.tls?.ca) {
      out.env[`${PREFIX}SSL_TRUSTSTORE_TYPE`] = 'PEM';
      out.env[`${PREFIX}SSL_TRUSTSTORE_LOCATION`] = ctx.mountSecret(spec.tls.ca).path;
    } else out.notes.push('TLS trusts the JVM default CA store (no tls.ca in the spec)');
    if (spec.tls?.clientCert && spec.tls.clientKey) {
      // PEM content: ssl.keystore.certificate-chain / ssl.keystore.key (KeyStoreConfig of the extension)
      out.env[`${PREFIX}SSL_KEYSTORE_TYPE`] = 'PEM';
      out.env[`${PREFIX}SSL_KEYSTORE_CERTIFICATE_CHAIN`] = secret(spec.tls.clientCert);
      out.env[`${PREFIX}SSL_KEYSTORE_KEY`] = secret(spec.tls.clientKey);
    }
  }
  if (spec.schemaRegistry?.basicAuth && env.has(`${PREFIX}SCHEMA_REGISTRY_URL`)) {
    out.problems.push(
      problem(
        'CLIENT_NO_DECLARED_PATH',
        `service "${ctx.service.name}" (quarkus-kafka-streams) reads the schema registry URL from ${PREFIX}SCHEMA_REGISTRY_URL, but the extension has no setting for the registry's basic auth credentials`,
        'give the application the registry credentials in its own configuration (e.g. kafka-streams.basic.auth.user.info in application.properties), then declare it in graft.yaml',
      ),
    );
  }
  // application.id is the Streams app's group and its internal topics' prefix; it defaults to quarkus.application.name
  if (spec.groups?.prefix && !env.has(APPLICATION_ID)) {
    out.problems.push(
      problem(
        'CLIENT_IMPLICIT_NAME',
        `service "${ctx.service.name}" (quarkus-kafka-streams) sets no ${APPLICATION_ID}: its Kafka Streams application id (its consumer group and the prefix of its internal topics) defaults to quarkus.application.name, built into the image, which the customer's group prefix "${spec.groups.prefix}" must reach`,
        `set ${APPLICATION_ID} to the application's id (e.g. ${prefixGroup(ctx, ctx.service.name)} after the prefix) in the stack, then compile again`,
      ),
    );
  }
  return out;
}
