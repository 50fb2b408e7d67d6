import { usesTls, type Value } from '../../spec/types.js';
import { directoryProviderStyle, checkProvidersAllowed, providerSettings, type ProviderStyle } from '../java-common/config-providers.js';
import { javaClientConfig, withSystemProps } from '../java-common/index.js';
import { bootstrapValue, checkAwsMskIam, problem } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission } from '../types.js';
import { bootstrapEnv, findComponent, type Component } from './components.js';
import { applyImplicitNames } from './implicit.js';
import { confluentEnvName, escapeTemplateValue } from './mangle.js';

/** Confluent Platform images (Connect, Schema Registry, ksqlDB, REST Proxy) configured through their environment. */
export const confluentImages = {
  family: 'confluent-images',
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'],
  mtls: true,
  detect: (s) => (findComponent(s) ? 'certain' : undefined),
  topicEnv: [/^KSQL_KSQL_LOGGING_PROCESSING_TOPIC_NAME$/],
  emit: emitConfluentImages,
} satisfies ClientFamily;

/** Schema registry client settings for the customer's registry: URL, basic auth and a private CA. */
function registrySettings(ctx: EmitContext, c: Component, style: ProviderStyle): Record<string, string> {
  const sr = ctx.spec.schemaRegistry;
  const out: Record<string, string> = {};
  if (!sr) return out;
  const text = (v: Value): string => (typeof v === 'string' ? v : style.inline(v));
  for (const client of c.registryClients) {
    out[client.url] = sr.url;
    if (sr.basicAuth) {
      out[`${client.auth}basic.auth.credentials.source`] = 'USER_INFO';
      out[`${client.auth}basic.auth.user.info`] = `${text(sr.basicAuth.username)}:${style.inline(sr.basicAuth.password)}`;
    }
    if (sr.ca) {
      out[`${client.ssl}ssl.truststore.type`] = 'PEM';
      out[`${client.ssl}ssl.truststore.location`] = style.path(sr.ca);
    }
  }
  return out;
}

/** Computes the environment of a Confluent Platform image for the customer's cluster. */
export function emitConfluentImages(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const env = ctx.service.env;
  const c = findComponent(ctx.service);
  if (!c) {
    out.problems.push(
      problem(
        'CLIENT_UNKNOWN_COMPONENT',
        `service "${ctx.service.name}" runs no Confluent component graft can tell (no *_BOOTSTRAP_SERVERS and an unknown image)`,
        'set the component’s bootstrap variable (CONNECT_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS, KSQL_BOOTSTRAP_SERVERS or KAFKA_REST_BOOTSTRAP_SERVERS)',
      ),
    );
    return out;
  }
  const name = (property: string): string => confluentEnvName(c.envPrefix, property);
  const put = (property: string, value: string): void => {
    out.env[name(property)] = escapeTemplateValue(value);
  };
  const has = (property: string): boolean => env.has(name(property));

  out.env[bootstrapEnv(c)] = bootstrapValue(ctx, env.get(bootstrapEnv(c)));
  for (const p of c.extraBootstrap) if (has(p)) out.env[name(p)] = bootstrapValue(ctx, env.get(name(p)));
  if (!checkAwsMskIam(ctx, out.problems)) return out;
  checkProvidersAllowed(ctx, out.problems);

  const style = directoryProviderStyle(ctx);
  const cfg = javaClientConfig(ctx.spec, style);
  for (const prefix of c.clients) {
    for (const [prop, value] of Object.entries(cfg.props)) put(prefix + prop, value);
  }
  for (const [prop, value] of Object.entries(registrySettings(ctx, c, style))) put(prop, value);
  if (style.used()) {
    const now = { list: env.get(name('config.providers')), secretsClass: env.get(name('config.providers.secrets.class')) };
    for (const [prop, value] of Object.entries(providerSettings(ctx, now, out.problems))) put(prop, value);
    out.notes.push(`secrets reach ${c.title} through Kafka's DirectoryConfigProvider (${name('config.providers')})`);
  }
  const jvm = withSystemProps(env.get('JAVA_TOOL_OPTIONS'), cfg.systemProps);
  if (jvm !== undefined && jvm !== env.get('JAVA_TOOL_OPTIONS')) out.env.JAVA_TOOL_OPTIONS = jvm;
  if (usesTls(ctx.spec.securityProtocol) && !ctx.spec.tls?.ca) {
    out.notes.push('TLS trusts the JVM default CA store (no tls.ca in the spec)');
  }
  applyImplicitNames(c.name, ctx, out, has, put);
  return out;
}
