import { bootstrapValue, problem } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission } from '../types.js';

/** The OAP's kafka-fetcher brokers (`kafka-fetcher.default.bootstrapServers` in application.yml). */
const SERVERS = 'SW_KAFKA_FETCHER_SERVERS';
/** Where the fetcher's Kafka consumer settings live: a map in the OAP's application.yml, with no variable of its own. */
const CONSUMER_CONFIG = 'kafka-fetcher.default.kafkaConsumerConfig';
const CONFIG_FILE = '/skywalking/config/application.yml';

/**
 * Apache SkyWalking's OAP server reading agents' data from Kafka (the `kafka-fetcher` module). application.yml gives
 * `bootstrapServers` an environment placeholder (`SW_KAFKA_FETCHER_SERVERS`), but the consumer's security settings only
 * a map, `kafkaConsumerConfig`, with no placeholders in the image's file and out of reach of the OAP's system property
 * override (it replaces only settings application.yml already holds as scalars).
 */
export const skywalkingOap = {
  family: 'skywalking-oap',
  // the fetcher's Java consumer could use any of these, but only from a customised application.yml (refused in emit)
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'],
  mtls: true,
  detect: (s) => (s.env.has(SERVERS) ? 'certain' : undefined),
  emit: emitSkywalkingOap,
} satisfies ClientFamily;

/** Rewires the fetcher's brokers; any security the customer's cluster needs is refused with the file and key to set. */
export function emitSkywalkingOap(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const spec = ctx.spec;
  const name = ctx.service.name;
  out.env[SERVERS] = bootstrapValue(ctx, ctx.service.env.get(SERVERS));
  if (spec.securityProtocol !== 'PLAINTEXT') {
    const keys = [
      'security.protocol',
      ...(spec.sasl ? ['sasl.mechanism', 'sasl.jaas.config'] : []),
      ...(spec.tls ? ['ssl.truststore.*'] : []),
    ];
    out.problems.push(
      problem(
        'CLIENT_NO_DECLARED_PATH',
        `service "${name}" (skywalking-oap) needs ${spec.securityProtocol} settings for its kafka-fetcher consumer, which the OAP reads only from the ${CONSUMER_CONFIG} map of application.yml: no environment variable or system property reaches it`,
        `mount an application.yml of the vendor's own at ${CONFIG_FILE} whose ${CONSUMER_CONFIG} sets ${keys.join(', ')} from variables (the map takes \${VAR:default} placeholders), then bind those variables in graft.yaml (kafka.clients.${name}: family env, env: bootstrapServers: ${SERVERS}, securityProtocol, saslMechanism, saslJaasConfig, caFile, ...)`,
      ),
    );
  }
  const declared = ctx.binding?.consumes !== undefined && ctx.binding.groups !== undefined;
  if (!declared && (spec.groups?.prefix || spec.topics?.prefix || spec.topics?.allow)) {
    out.problems.push(
      problem(
        'CLIENT_IMPLICIT_NAME',
        `service "${name}" (skywalking-oap) consumes the fetcher's topics (skywalking-segments, skywalking-metrics, skywalking-logs, …) in the group skywalking-consumer, names application.yml sets without environment placeholders, which the customer's topic and group naming must reach`,
        `set kafka-fetcher.default.groupId and the topicNameOf… settings to the customer's naming in an application.yml mounted at ${CONFIG_FILE}, then declare the service's topics and group in graft.yaml (kafka.clients.${name}.consumes / groups)`,
      ),
    );
  }
  return out;
}
