import { usesTls, type SecretValue, type Value } from '../../spec/types.js';
import { directoryProviderStyle, checkProvidersAllowed, providerSettings, type ProviderStyle } from '../java-common/config-providers.js';
import { javaClientConfig, withSystemProps } from '../java-common/index.js';
import { bootstrapValue, checkAwsMskIam, pointsAtCustomer, problem } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission, type SettingValue } from '../types.js';
import { bootstrapEnv, findComponent, type Component } from './components.js';
import { applyImplicitNames } from './implicit.js';
import { confluentEnvName, escapeTemplateValue } from './mangle.js';
import { checkRelease } from './release.js';

/** Confluent Platform images (Connect, Schema Registry, ksqlDB, REST Proxy, Control Center) configured through their environment. */
export const confluentImages = {
  family: 'confluent-images',
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'],
  mtls: true,
  detect: (s) => (findComponent(s) ? 'certain' : undefined),
  topicEnv: [/^KSQL_KSQL_LOGGING_PROCESSING_TOPIC_NAME$/],
  emit: emitConfluentImages,
} satisfies ClientFamily;

/** Schema registry client settings for the customer's registry: URL, basic auth and a private CA. */
function registrySettings(ctx: EmitContext, c: Component, style: ProviderStyle, out: Emission): Record<string, SettingValue> {
  const sr = ctx.spec.schemaRegistry;
  const settings: Record<string, SettingValue> = {};
  if (!sr) return settings;
  // a registry client that resolves no config provider gets its credentials filled in by the platform at run time
  const part = (v: Value | SecretValue): string | { secret: SecretValue } => (typeof v === 'string' ? v : { secret: v });
  const text = (v: Value): string => (typeof v === 'string' ? v : style.inline(v));
  for (const client of c.registryClients) {
    settings[client.url] = sr.url;
    if (sr.basicAuth) {
      settings[`${client.auth}basic.auth.credentials.source`] = 'USER_INFO';
      settings[`${client.auth}basic.auth.user.info`] = c.registryWithoutProviders
        ? { parts: [part(sr.basicAuth.username), ':', part(sr.basicAuth.password)] }
        : `${text(sr.basicAuth.username)}:${style.inline(sr.basicAuth.password)}`;
    }
    if (sr.ca && !c.registryWithoutProviders) {
      settings[`${client.ssl}ssl.truststore.type`] = 'PEM';
      settings[`${client.ssl}ssl.truststore.location`] = style.path(sr.ca);
    }
  }
  if (sr.ca && c.registryWithoutProviders) {
    out.problems.push(
      problem(
        'CLIENT_SCHEMA_REGISTRY_CA_UNSUPPORTED',
        `service "${ctx.service.name}" (${c.title}) has no documented setting to trust the schema registry CA from a PEM file`,
        `give the schema registry a certificate from a public CA, or add the CA to the image's JVM trust store yourself and declare the service in graft.yaml`,
      ),
    );
  }
  return settings;
}

/**
 * The client property prefixes whose Confluent monitoring interceptor sends to the cluster: its own client settings.
 * A component whose clients take one prefix (ksqlDB's Kafka Streams) sets its producer's and consumer's interceptors
 * under `producer.` / `consumer.` below it, and they read their settings there.
 */
function monitoringInterceptors(c: Component, has: (p: string) => boolean, value: (p: string) => string | undefined): string[] {
  const prefixes = [...new Set(c.clients.flatMap((p) => [p, `${p}producer.`, `${p}consumer.`]))];
  return prefixes.filter(
    (prefix) =>
      has(`${prefix}interceptor.classes`) &&
      /io\.confluent\.monitoring\.clients\.interceptor\./.test(value(`${prefix}interceptor.classes`) ?? ''),
  );
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
  const put = (property: string, value: SettingValue): void => {
    out.env[name(property)] =
      typeof value === 'string'
        ? escapeTemplateValue(value)
        : { parts: value.parts.map((p) => (typeof p === 'string' ? escapeTemplateValue(p) : p)) };
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
  // Confluent's monitoring interceptors produce to the cluster with their own confluent.monitoring.interceptor.* client settings
  for (const prefix of monitoringInterceptors(c, has, (p) => env.get(name(p)))) {
    for (const [prop, value] of Object.entries(cfg.props)) put(`${prefix}confluent.monitoring.interceptor.${prop}`, value);
  }
  // further clusters of the component (Control Center's CONTROL_CENTER_KAFKA_<name>_*) now on the customer's Kafka
  const clusters: string[] = [];
  for (const key of [...env.keys()].sort()) {
    const cluster = c.clusters?.exec(key)?.[1];
    if (cluster === undefined || !pointsAtCustomer(ctx, env.get(key))) continue;
    clusters.push(`${c.envPrefix}KAFKA_${cluster}_`);
  }
  // the component's embedded Connect worker (ksqlDB's KSQL_CONNECT_*), when the service runs one, has its own clients
  const worker = c.embedded && [...env.keys()].some((k) => k.startsWith(c.embedded?.envPrefix ?? '')) ? c.embedded : undefined;
  if (worker) {
    const workerBootstrap = confluentEnvName(worker.envPrefix, 'bootstrap.servers');
    out.env[workerBootstrap] = bootstrapValue(ctx, env.get(workerBootstrap));
    clusters.push(...worker.clients.map((p) => confluentEnvName(worker.envPrefix, p)));
  }
  for (const prefix of clusters)
    for (const [prop, value] of Object.entries(cfg.props)) out.env[confluentEnvName(prefix, prop)] = escapeTemplateValue(value);
  for (const [prop, value] of Object.entries(registrySettings(ctx, c, style, out))) put(prop, value);
  if (style.used()) {
    const at = c.providersAt ?? '';
    const now = { list: env.get(name(`${at}config.providers`)), secretsClass: env.get(name(`${at}config.providers.secrets.class`)) };
    for (const [prop, value] of Object.entries(providerSettings(ctx, now, out.problems))) put(at + prop, value);
    // config providers are resolved once per worker or cluster client, at the top of its prefix
    for (const prefix of clusters.filter((p) => !worker || !p.startsWith(worker.envPrefix) || p === worker.envPrefix)) {
      const there = {
        list: env.get(confluentEnvName(prefix, 'config.providers')),
        secretsClass: env.get(confluentEnvName(prefix, 'config.providers.secrets.class')),
      };
      for (const [prop, value] of Object.entries(providerSettings(ctx, there, out.problems)))
        out.env[confluentEnvName(prefix, prop)] = value;
    }
    out.notes.push(`secrets reach ${c.title} through Kafka's DirectoryConfigProvider (${name(`${at}config.providers`)})`);
  }
  const jvm = withSystemProps(env.get('JAVA_TOOL_OPTIONS'), cfg.systemProps);
  if (jvm !== undefined && jvm !== env.get('JAVA_TOOL_OPTIONS')) out.env.JAVA_TOOL_OPTIONS = jvm;
  if (usesTls(ctx.spec.securityProtocol) && !ctx.spec.tls?.ca) {
    out.notes.push('TLS trusts the JVM default CA store (no tls.ca in the spec)');
  }
  applyImplicitNames(c.name, ctx, out, has, put);
  checkRelease(ctx, c.title, style.used(), Object.values(out.env).includes('PEM'), out.problems);
  return out;
}
