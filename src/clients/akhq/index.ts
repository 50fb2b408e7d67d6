import { usesTls, type SecretValue, type Value } from '../../spec/types.js';
import { secretVariableName } from '../../configure/secret-variables.js';
import { checkProvidersAllowed, directoryProviderStyle, providerSettings } from '../java-common/config-providers.js';
import { javaClientConfig, withSystemProps } from '../java-common/index.js';
import { checkAwsMskIam, problem } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission } from '../types.js';
import { editAkhqYaml, type ConnectionSettings } from './yaml.js';

/** The official image, which ships aws-msk-iam-auth. */
const IMAGE = /(^|\/)tchiotludo\/akhq(:|@|$)/;
/** The variable the AKHQ image writes to /app/application.yml at start. */
export const AKHQ_CONFIGURATION = 'AKHQ_CONFIGURATION';

/** AKHQ (tchiotludo/akhq), configured by Micronaut YAML embedded in `AKHQ_CONFIGURATION`. */
export const akhq = {
  family: 'akhq',
  clusterUse: 'browse',
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER', 'AWS_MSK_IAM'],
  mtls: true,
  detect: (s) => ((s.image !== undefined && IMAGE.test(s.image)) || s.env.has(AKHQ_CONFIGURATION) ? 'certain' : undefined),
  emit: emitAkhq,
} satisfies ClientFamily;

/**
 * Hides `${` from Micronaut, which resolves placeholders in every YAML value: `${:$}` is a
 * placeholder with an empty name and the default `$`, so `${:$}{secrets:…}` reaches Kafka as `${secrets:…}`.
 */
export function escapeMicronaut(value: string): string {
  return value.replace(/\$\{/g, '${:$}{');
}

/** Computes AKHQ's embedded configuration for the customer's cluster. */
export function emitAkhq(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const yamlText = ctx.service.env.get(AKHQ_CONFIGURATION);
  if (yamlText === undefined) {
    out.problems.push(
      problem(
        'CLIENT_NO_DECLARED_PATH',
        `service "${ctx.service.name}" configures AKHQ without ${AKHQ_CONFIGURATION}, the only configuration graft can edit`,
        `move the AKHQ configuration (akhq.connections…) into the ${AKHQ_CONFIGURATION} environment variable`,
      ),
    );
    return out;
  }
  if (!checkAwsMskIam(ctx, out.problems, IMAGE)) return out;
  checkProvidersAllowed(ctx, out.problems);

  const style = directoryProviderStyle(ctx);
  const cfg = javaClientConfig(ctx.spec, style);
  const properties: Record<string, string> = { ...cfg.props };
  for (const [k, v] of Object.entries(properties)) {
    if (v.includes('\\')) {
      out.problems.push(
        problem(
          'CLIENT_UNSAFE_LITERAL',
          `service "${ctx.service.name}" would get a backslash in ${k}, which the AKHQ image's sh echo of ${AKHQ_CONFIGURATION} rewrites`,
          'use a value without backslashes or double quotes in the spec (e.g. the SASL username)',
        ),
      );
    }
    properties[k] = escapeMicronaut(v);
  }
  const settings: ConnectionSettings = {
    properties,
    providers: style.used() ? (now) => providerSettings(ctx, now, out.problems) : undefined,
  };

  const sr = ctx.spec.schemaRegistry;
  if (sr) {
    // AKHQ's schema registry client reads no config provider: Micronaut fills these from the environment.
    const fromEnv = (secret: SecretValue): string => {
      const name = secretVariableName(secret);
      out.env[name] = { parts: [{ secret }] };
      out.notes.push(
        `AKHQ reads the schema registry ${secret.path.split('.').pop() ?? 'secret'} from ${name}, set from the secret at run time`,
      );
      return `\${${name}}`;
    };
    const text = (v: Value): string => (typeof v === 'string' ? escapeMicronaut(v) : fromEnv(v));
    settings.schemaRegistry = {
      url: sr.url,
      ...(sr.basicAuth ? { username: text(sr.basicAuth.username), password: fromEnv(sr.basicAuth.password) } : {}),
      properties: sr.ca
        ? { 'schema.registry.ssl.truststore.type': 'PEM', 'schema.registry.ssl.truststore.location': style.path(sr.ca) }
        : {},
    };
  }

  const edited = editAkhqYaml(ctx, yamlText, settings);
  if ('error' in edited) {
    out.problems.push(
      problem(
        'CLIENT_EMBEDDED_CONFIG_INVALID',
        `service "${ctx.service.name}" has an ${AKHQ_CONFIGURATION} graft cannot edit: ${edited.error}`,
        `make ${AKHQ_CONFIGURATION} valid YAML with an akhq.connections map`,
      ),
    );
    return out;
  }
  out.env[AKHQ_CONFIGURATION] = edited.text;
  out.notes.push(`AKHQ connections configured for the customer's Kafka: ${edited.connections.join(', ')}`);
  if (edited.removed.length) {
    out.notes.push(`removed from ${AKHQ_CONFIGURATION}: ${edited.removed.join(', ')} (origin security settings for the bundled Kafka)`);
  }
  if (style.used())
    out.notes.push("secrets reach AKHQ's Kafka clients through Kafka's DirectoryConfigProvider (per-connection config.providers)");
  const jvm = withSystemProps(ctx.service.env.get('JAVA_TOOL_OPTIONS'), cfg.systemProps);
  if (jvm !== undefined && jvm !== ctx.service.env.get('JAVA_TOOL_OPTIONS')) out.env.JAVA_TOOL_OPTIONS = jvm;
  if (usesTls(ctx.spec.securityProtocol) && !ctx.spec.tls?.ca) {
    out.notes.push('TLS trusts the JVM default CA store (no tls.ca in the spec)');
  }
  return out;
}
