import { usesTls } from '../../spec/types.js';
import { javaClientConfig, propertyToEnv, withSystemProps } from '../java-common/index.js';
import { bootstrapValue } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission } from '../types.js';

// Secrets arrive as files under one directory that Spring Boot imports as a config tree, so a
// file named kafka_sasl_password is the property ${kafka_sasl_password} inside any other value.
const SPRING_PROPERTY_KEYS = new Map([
  ['ssl.truststore.type', 'SPRING_KAFKA_SSL_TRUST_STORE_TYPE'],
  ['ssl.truststore.location', 'SPRING_KAFKA_SSL_TRUST_STORE_LOCATION'],
  ['ssl.keystore.type', 'SPRING_KAFKA_SSL_KEY_STORE_TYPE'],
  ['ssl.keystore.certificate.chain', 'SPRING_KAFKA_SSL_KEY_STORE_CERTIFICATE_CHAIN'],
  ['ssl.keystore.key', 'SPRING_KAFKA_SSL_KEY_STORE_KEY'],
  ['security.protocol', 'SPRING_KAFKA_SECURITY_PROTOCOL'],
]);

/** Spring Boot services configured through `spring.kafka.*` relaxed-binding environment variables. */
export const springBoot = {
  family: 'spring-boot',
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'],
  mtls: true,
  detect: (s) =>
    [...s.env.keys()].some((k) => k.startsWith('SPRING_KAFKA_') || k.startsWith('SPRING_CLOUD_STREAM_KAFKA_')) ? 'certain' : undefined,
  groupEnv: [/^SPRING_KAFKA_CONSUMER_GROUP_ID$/, /^SPRING_CLOUD_STREAM_BINDINGS_.*_GROUP$/],
  topicEnv: [/^SPRING_CLOUD_STREAM_BINDINGS_.*_DESTINATION$/],
  emit: emitSpringBoot,
} satisfies ClientFamily;

/** Computes the Spring Boot environment for the customer's cluster. */
export function emitSpringBoot(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const env = ctx.service.env;
  let treeDir: string | undefined;
  const cfg = javaClientConfig(ctx.spec, {
    inline: (secret) => {
      const f = ctx.mountSecret(secret);
      treeDir = f.dir;
      return `\${${f.name}}`;
    },
    path: (secret) => `file:${ctx.mountSecret(secret).path}`,
  });
  out.env.SPRING_KAFKA_BOOTSTRAP_SERVERS = bootstrapValue(ctx, env.get('SPRING_KAFKA_BOOTSTRAP_SERVERS'));
  if (env.has('SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS')) {
    out.env.SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS = bootstrapValue(ctx, env.get('SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS'));
  }
  for (const [prop, value] of Object.entries(cfg.props)) {
    out.env[SPRING_PROPERTY_KEYS.get(prop) ?? propertyToEnv('SPRING_KAFKA_PROPERTIES_', prop)] = value;
  }
  const sr = ctx.spec.schemaRegistry;
  if (sr && [...env.keys()].some((k) => k.includes('SCHEMA_REGISTRY'))) {
    // Confluent serializers read their registry settings from spring.kafka.properties.*
    out.env.SPRING_KAFKA_PROPERTIES_SCHEMA_REGISTRY_URL = sr.url;
    if (sr.basicAuth) {
      const part = (v: typeof sr.basicAuth.username): string => {
        if (typeof v === 'string') return v;
        const f = ctx.mountSecret(v);
        treeDir = f.dir;
        return `\${${f.name}}`;
      };
      out.env.SPRING_KAFKA_PROPERTIES_BASIC_AUTH_CREDENTIALS_SOURCE = 'USER_INFO';
      out.env.SPRING_KAFKA_PROPERTIES_BASIC_AUTH_USER_INFO = `${part(sr.basicAuth.username)}:${part(sr.basicAuth.password)}`;
    }
  }
  if (treeDir) {
    const current = env.get('SPRING_CONFIG_IMPORT');
    const entry = `optional:configtree:${treeDir}/`;
    out.env.SPRING_CONFIG_IMPORT = current && !current.includes(entry) ? `${current},${entry}` : (current ?? entry);
    out.notes.push(`secrets reach Spring Boot as a config tree at ${treeDir}/ (SPRING_CONFIG_IMPORT)`);
  }
  const jvm = withSystemProps(env.get('JAVA_TOOL_OPTIONS'), cfg.systemProps);
  if (jvm !== undefined && jvm !== env.get('JAVA_TOOL_OPTIONS')) out.env.JAVA_TOOL_OPTIONS = jvm;
  if (usesTls(ctx.spec.securityProtocol) && !ctx.spec.tls?.ca) {
    out.notes.push('TLS trusts the JVM default CA store (no tls.ca in the spec)');
  }
  return out;
}
