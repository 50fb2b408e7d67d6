import { usesSasl, usesTls, type SecretValue, type Value } from '../../spec/types.js';
import { jaasQuote, OAUTH_ALLOWED_URLS, OAUTH_LOGIN_HANDLER, withSystemProps } from '../java-common/index.js';
import { checkProvidersAllowed, directoryProviderStyle, providerSettings } from '../java-common/config-providers.js';
import { bootstrapValue, checkAwsMskIam } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission, type SettingValue, type ValuePart } from '../types.js';

// Images whose entrypoint turns every KAFKA_<PROPERTY> variable into a Java client property
const IMAGES = /(^|\/)strimzi-examples\/|(^|\/)strimzi\/(hello-world|java-kafka)/;
// Strimzi OAuth client settings that belonged to the vendor's identity provider: its trust store and its tokens
const STRIMZI_OAUTH_VENDOR_ONLY = /^OAUTH_(SSL_|ACCESS_TOKEN|REFRESH_TOKEN|PASSWORD_GRANT_|USERNAME$|PASSWORD$)/;

/** Java services that read every `KAFKA_<PROPERTY>` variable as a client property (Strimzi client examples and alike). */
export const kafkaEnv = {
  family: 'kafka-env',
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'],
  mtls: true,
  detect: (s) => (s.image && IMAGES.test(s.image) ? 'certain' : undefined),
  topicEnv: [/^STRIMZI_(SOURCE_|TARGET_)?TOPIC$/],
  groupEnv: [/^KAFKA_GROUP_ID$/, /^KAFKA_APPLICATION_ID$/],
  emit: emitKafkaEnv,
} satisfies ClientFamily;

/** Computes the `KAFKA_*` variables: composite values (JAAS) as templates the platform fills from secrets. */
export function emitKafkaEnv(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const env = ctx.service.env;
  const spec = ctx.spec;
  // where the platform injects a secret only as a whole variable (ECS), kafka-clients resolves the JAAS line's secrets
  // itself through a config provider (the stage reads them from the variables the secrets arrive in)
  const style = ctx.composites === false ? directoryProviderStyle(ctx) : undefined;
  const inLine = (s: SecretValue): ValuePart => (style ? style.inline(s) : { secret: s });
  const part = (v: Value): ValuePart[] => (typeof v === 'string' ? [jaasQuote(v)] : [inLine(v)]);
  const template = (parts: ValuePart[]): SettingValue => (parts.every((p) => typeof p === 'string') ? parts.join('') : { parts });
  const secret = (s: SecretValue): SettingValue => ({ parts: [{ secret: s }] });
  if (!checkAwsMskIam(ctx, out.problems)) return out;
  out.env.KAFKA_BOOTSTRAP_SERVERS = bootstrapValue(ctx, env.get('KAFKA_BOOTSTRAP_SERVERS'));
  out.env.KAFKA_SECURITY_PROTOCOL = spec.securityProtocol;
  const sasl = spec.sasl;
  if (sasl && usesSasl(spec.securityProtocol)) {
    out.env.KAFKA_SASL_MECHANISM = sasl.mechanism;
    if (sasl.mechanism === 'OAUTHBEARER' && sasl.oauth) {
      const o = sasl.oauth;
      if (env.has('OAUTH_TOKEN_ENDPOINT_URI')) {
        // the service already brings Strimzi's OAuth client: give it the customer's identity provider
        out.env.OAUTH_TOKEN_ENDPOINT_URI = o.tokenEndpoint;
        out.env.OAUTH_CLIENT_ID = typeof o.clientId === 'string' ? o.clientId : secret(o.clientId);
        out.env.OAUTH_CLIENT_SECRET = secret(o.clientSecret);
        if (o.scope) out.env.OAUTH_SCOPE = o.scope;
        if (o.audience) out.env.OAUTH_AUDIENCE = o.audience;
        out.env.KAFKA_SASL_JAAS_CONFIG = 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;';
        out.notes.push("OAuth tokens come from the service's own Strimzi OAuth client (OAUTH_* variables)");
        // the client's login handler and its own options stay; the vendor's identity provider certificate and
        // tokens do not apply to the customer's (the default trust store does)
        const handler = env.get('KAFKA_SASL_LOGIN_CALLBACK_HANDLER_CLASS');
        if (handler) out.env.KAFKA_SASL_LOGIN_CALLBACK_HANDLER_CLASS = handler;
        for (const [k, v] of env) {
          if (k.startsWith('OAUTH_') && !(k in out.env) && !STRIMZI_OAUTH_VENDOR_ONLY.test(k)) out.env[k] = v;
        }
      } else {
        const scope = o.scope ? ` scope="${jaasQuote(o.scope)}"` : '';
        out.env.KAFKA_SASL_JAAS_CONFIG = template([
          'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="',
          ...part(o.clientId),
          '" clientSecret="',
          inLine(o.clientSecret),
          `"${scope};`,
        ]);
        out.env.KAFKA_SASL_LOGIN_CALLBACK_HANDLER_CLASS = OAUTH_LOGIN_HANDLER;
        out.env.KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL = o.tokenEndpoint;
        const jvm = withSystemProps(env.get('JAVA_TOOL_OPTIONS'), { [OAUTH_ALLOWED_URLS]: o.tokenEndpoint });
        if (jvm && jvm !== env.get('JAVA_TOOL_OPTIONS')) out.env.JAVA_TOOL_OPTIONS = jvm;
      }
    } else if (sasl.mechanism === 'AWS_MSK_IAM') {
      const role = sasl.aws?.roleArn ? ` awsRoleArn="${jaasQuote(sasl.aws.roleArn)}" awsStsRegion="${jaasQuote(sasl.aws.region)}"` : '';
      out.env.KAFKA_SASL_JAAS_CONFIG = `software.amazon.msk.auth.iam.IAMLoginModule required${role};`;
      out.env.KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS = 'software.amazon.msk.auth.iam.IAMClientCallbackHandler';
    } else if (sasl.password) {
      const module =
        sasl.mechanism === 'PLAIN'
          ? 'org.apache.kafka.common.security.plain.PlainLoginModule'
          : 'org.apache.kafka.common.security.scram.ScramLoginModule';
      out.env.KAFKA_SASL_JAAS_CONFIG = template([
        `${module} required username="`,
        ...part(sasl.username ?? ''),
        '" password="',
        inLine(sasl.password),
        '";',
      ]);
    }
  }
  // whatever else of the security surface the origin set (SASL of another mechanism, its stores) goes with it
  const tlsOn = usesTls(spec.securityProtocol);
  if (tlsOn && spec.tls?.ca) {
    out.env.KAFKA_SSL_TRUSTSTORE_TYPE = 'PEM';
    out.env.KAFKA_SSL_TRUSTSTORE_CERTIFICATES = secret(spec.tls.ca);
  }
  if (tlsOn && spec.tls?.clientCert && spec.tls.clientKey) {
    out.env.KAFKA_SSL_KEYSTORE_TYPE = 'PEM';
    out.env.KAFKA_SSL_KEYSTORE_CERTIFICATE_CHAIN = secret(spec.tls.clientCert);
    out.env.KAFKA_SSL_KEYSTORE_KEY = secret(spec.tls.clientKey);
  }
  if (style?.used()) {
    const now = { list: env.get('KAFKA_CONFIG_PROVIDERS'), secretsClass: env.get('KAFKA_CONFIG_PROVIDERS_SECRETS_CLASS') };
    const providers = providerSettings(ctx, now, out.problems);
    out.env.KAFKA_CONFIG_PROVIDERS = providers['config.providers'] ?? '';
    out.env.KAFKA_CONFIG_PROVIDERS_SECRETS_CLASS = providers['config.providers.secrets.class'] ?? '';
    checkProvidersAllowed(ctx, out.problems);
  }
  return out;
}
