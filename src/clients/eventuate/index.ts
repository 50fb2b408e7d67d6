import { usesTls } from '../../spec/types.js';
import { javaClientConfig, propertyToEnv, withSystemProps } from '../java-common/index.js';
import { bootstrapValue, problem } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission } from '../types.js';

const BOOTSTRAP = 'EVENTUATELOCAL_KAFKA_BOOTSTRAP_SERVERS';
const ZOOKEEPER = 'EVENTUATELOCAL_ZOOKEEPER_CONNECTION_STRING';
const CDC_IMAGE = /(^|\/)eventuateio\/eventuate-cdc-service(:|@|$)/;
/**
 * Eventuate's Spring configuration properties hold the extra Kafka client properties as maps,
 * `eventuate.local.kafka.consumer.properties` and `eventuate.local.kafka.producer.properties`; Spring Boot binds
 * `EVENTUATE_LOCAL_KAFKA_CONSUMER_PROPERTIES_SASL_JAAS_CONFIG` to the key `sasl.jaas.config` of the first.
 */
export const CLIENT_PREFIXES = ['EVENTUATE_LOCAL_KAFKA_CONSUMER_PROPERTIES_', 'EVENTUATE_LOCAL_KAFKA_PRODUCER_PROPERTIES_'];

/** Eventuate Tram / Eventuate Local services and the Eventuate CDC service (Spring Boot), by `EVENTUATELOCAL_KAFKA_BOOTSTRAP_SERVERS`. */
export const eventuate = {
  family: 'eventuate',
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'],
  mtls: true,
  detect: (s) => (s.env.has(BOOTSTRAP) ? 'certain' : undefined),
  emit: emitEventuate,
} satisfies ClientFamily;

/** Computes the Eventuate services' environment: bootstrap, and the security settings for both property maps. */
export function emitEventuate(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const env = ctx.service.env;
  out.env[BOOTSTRAP] = bootstrapValue(ctx, env.get(BOOTSTRAP));
  // secrets arrive as files of one directory imported as a Spring config tree: ${kafka_sasl_password}
  let treeDir: string | undefined;
  const cfg = javaClientConfig(ctx.spec, {
    inline: (secret) => {
      const f = ctx.mountSecret(secret);
      treeDir = f.dir;
      return `\${${f.name}}`;
    },
    path: (secret) => ctx.mountSecret(secret).path,
  });
  for (const prefix of CLIENT_PREFIXES) {
    for (const [prop, value] of Object.entries(cfg.props)) out.env[propertyToEnv(prefix, prop)] = value;
  }
  if (treeDir) {
    const current = env.get('SPRING_CONFIG_IMPORT');
    const entry = `optional:configtree:${treeDir}/`;
    out.env.SPRING_CONFIG_IMPORT = current && !current.includes(entry) ? `${current},${entry}` : (current ?? entry);
    out.notes.push(`secrets reach the Eventuate service as a Spring config tree at ${treeDir}/ (SPRING_CONFIG_IMPORT)`);
  }
  const jvm = withSystemProps(env.get('JAVA_TOOL_OPTIONS'), cfg.systemProps);
  if (jvm !== undefined && jvm !== env.get('JAVA_TOOL_OPTIONS')) out.env.JAVA_TOOL_OPTIONS = jvm;
  if (usesTls(ctx.spec.securityProtocol) && !ctx.spec.tls?.ca)
    out.notes.push('TLS trusts the JVM default CA store (no tls.ca in the spec)');
  // Eventuate names topics after aggregate types / channels and consumer groups after subscriber ids, in code
  const { topics, groups } = ctx.spec;
  if (topics?.prefix || topics?.allow || groups?.prefix) {
    out.problems.push(
      problem(
        'CLIENT_IMPLICIT_NAME',
        `service "${ctx.service.name}" (eventuate) names its topics after aggregate types and channels and its consumer groups after subscriber ids in its code, which the customer's ${groups?.prefix && !topics?.prefix && !topics?.allow ? 'group prefix' : 'topic naming'} cannot reach`,
        "grant the service's Eventuate topics and subscriber groups on the customer's cluster without the prefix, or rename them in the code, then drop the naming rule from the spec for this stack",
      ),
    );
  }
  // the Eventuate CDC service elects its leader through ZooKeeper, which the customer's Kafka does not provide: graft
  // removed the variable with the dropped ZooKeeper (or the stack never set it)
  if (ctx.service.image !== undefined && CDC_IMAGE.test(ctx.service.image) && !env.has(ZOOKEEPER)) {
    out.problems.push(
      problem(
        'CLIENT_NO_DECLARED_PATH',
        `service "${ctx.service.name}" is the Eventuate CDC service, which elects its leader through the ZooKeeper in ${ZOOKEEPER}; that ZooKeeper goes with the bundled Kafka and the customer's Kafka provides none`,
        `give the CDC service a ZooKeeper of its own that is not the bundled Kafka's (a separate ZooKeeper service, or one the customer runs) and set ${ZOOKEEPER} to it in the stack, then compile again`,
      ),
    );
  }
  return out;
}
