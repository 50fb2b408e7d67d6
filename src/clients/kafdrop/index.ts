import { formatProperties } from '../../formats/properties/escape.js';
import { usesTls } from '../../spec/types.js';
import { checkProvidersAllowed, directoryProviderStyle, providerSettings } from '../java-common/config-providers.js';
import { javaClientConfig, withSystemProps } from '../java-common/index.js';
import { bootstrapValue, checkAwsMskIam, problem } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission, type ValuePart } from '../types.js';

const IMAGE = /(^|\/)obsidiandynamics\/kafdrop(:|@|$)/;
/** Where graft puts kafdrop's Kafka client properties inside the container. */
export const KAFDROP_PROPERTIES = '/etc/graft/kafdrop.properties';

/** Kafdrop (obsidiandynamics/kafdrop): brokers from `KAFKA_BROKERCONNECT`, security from a properties file. */
export const kafdrop = {
  family: 'kafdrop',
  clusterUse: 'browse',
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'],
  mtls: true,
  detect: (s) => ((s.image !== undefined && IMAGE.test(s.image)) || s.env.has('KAFKA_BROKERCONNECT') ? 'certain' : undefined),
  emit: emitKafdrop,
} satisfies ClientFamily;

/** Computes kafdrop's environment and properties file for the customer's cluster. */
export function emitKafdrop(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const env = ctx.service.env;
  out.env.KAFKA_BROKERCONNECT = bootstrapValue(ctx, env.get('KAFKA_BROKERCONNECT'));
  if (!checkAwsMskIam(ctx, out.problems)) return out;
  checkProvidersAllowed(ctx, out.problems);
  const style = directoryProviderStyle(ctx);
  const cfg = javaClientConfig(ctx.spec, style);
  const props = {
    ...cfg.props,
    ...(style.used() ? providerSettings(ctx, { list: undefined, secretsClass: undefined }, out.problems) : {}),
  };
  out.files = { [KAFDROP_PROPERTIES]: `# Written by graft: security settings of the customer's Kafka.\n${formatProperties(props)}` };
  out.env.KAFKA_PROPERTIES_FILE = KAFDROP_PROPERTIES;
  if (env.get('KAFKA_PROPERTIES')) {
    // kafdrop.sh would decode KAFKA_PROPERTIES over the file; empty, it leaves ours in place.
    out.env.KAFKA_PROPERTIES = '';
    out.notes.push(`kafdrop's KAFKA_PROPERTIES (settings for the dropped cluster) is replaced by ${KAFDROP_PROPERTIES}`);
  }
  if (style.used())
    out.notes.push(`secrets reach kafdrop through Kafka's DirectoryConfigProvider (config.providers in ${KAFDROP_PROPERTIES})`);

  const sr = ctx.spec.schemaRegistry;
  if (sr) {
    out.env.SCHEMAREGISTRY_CONNECT = sr.url;
    if (sr.basicAuth) {
      // SCHEMAREGISTRY_AUTH is username:password in one value; kafdrop reads it from nowhere else.
      const user: ValuePart = typeof sr.basicAuth.username === 'string' ? sr.basicAuth.username : { secret: sr.basicAuth.username };
      out.env.SCHEMAREGISTRY_AUTH = { parts: [user, ':', { secret: sr.basicAuth.password }] };
      out.notes.push('kafdrop takes the schema registry credentials as SCHEMAREGISTRY_AUTH, filled from the secret at run time');
    }
    if (sr.ca) {
      out.problems.push(
        problem(
          'CLIENT_SCHEMA_REGISTRY_CA_UNSUPPORTED',
          `service "${ctx.service.name}" (kafdrop) has no setting for a schema registry CA`,
          'give the schema registry a certificate from a public CA, or add the CA to the image’s Java trust store',
        ),
      );
    }
  }
  const jvm = withSystemProps(env.get('JAVA_TOOL_OPTIONS'), cfg.systemProps);
  if (jvm !== undefined && jvm !== env.get('JAVA_TOOL_OPTIONS')) out.env.JAVA_TOOL_OPTIONS = jvm;
  if (usesTls(ctx.spec.securityProtocol) && !ctx.spec.tls?.ca) {
    out.notes.push('TLS trusts the JVM default CA store (no tls.ca in the spec)');
  }
  return out;
}
