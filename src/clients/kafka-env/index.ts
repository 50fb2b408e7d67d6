import { usesSasl, usesTls, type SecretValue, type Value } from '../../spec/types.js';
import { jaasQuote, OAUTH_ALLOWED_URLS, OAUTH_LOGIN_HANDLER, withSystemProps } from '../java-common/index.js';
import { bootstrapValue, checkAwsMskIam } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission, type SettingValue, type ValuePart } from '../types.js';

// Images whose entrypoint turns every KAFKA_<PROPERTY> variable into a Java client property
const IMAGES = /(^|\/)strimzi-examples\/|(^|\/)strimzi\/(hello-world|java-kafka)/;

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
  const unset = new Set<string>();
  const part = (v: Value): ValuePart[] => (typeof v === 'string' ? [jaasQuote(v)] : [{ secret: v }]);
  const secret = (s: SecretValue): SettingValue => ({ parts: [{ secret: s }] });
  if (!checkAwsMskIam(ctx, out.problems)) return out;
  out.env.KAFKA_BOOTSTRAP_SERVERS = bootstrapValue(ctx, env.get('KAFKA_BOOTSTRAP_SERVERS'));
  out.env.KAFKA_SECURITY_PROTOCOL = spec.securityProtocol;
  const sasl = spec.sasl;
  const saslKeys = [
    'KAFKA_SASL_MECHANISM',
    'KAFKA_SASL_JAAS_CONFIG',
    'KAFKA_SASL_LOGIN_CALLBACK_HANDLER_CLASS',
    'KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL',
  ];
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
        // the vendor's identity provider certificate does not apply to the customer's; the default store does
        for (const k of [...env.keys()].filter((k) => k.startsWith('OAUTH_SSL_'))) unset.add(k);
      } else {
        const scope = o.scope ? ` scope="${jaasQuote(o.scope)}"` : '';
        out.env.KAFKA_SASL_JAAS_CONFIG = {
          parts: [
            'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="',
            ...part(o.clientId),
            '" clientSecret="',
            { secret: o.clientSecret },
            `"${scope};`,
          ],
        };
        out.env.KAFKA_SASL_LOGIN_CALLBACK_HANDLER_CLASS = OAUTH_LOGIN_HANDLER;
        out.env.KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL = o.tokenEndpoint;
        const jvm = withSystemProps(env.get('JAVA_TOOL_OPTIONS'), { [OAUTH_ALLOWED_URLS]: o.tokenEndpoint });
        if (jvm && jvm !== env.get('JAVA_TOOL_OPTIONS')) out.env.JAVA_TOOL_OPTIONS = jvm;
      }
    } else if (sasl.mechanism === 'AWS_MSK_IAM') {
      const role = sasl.aws?.roleArn ? ` awsRoleArn="${jaasQuote(sasl.aws.roleArn)}"` : '';
      out.env.KAFKA_SASL_JAAS_CONFIG = `software.amazon.msk.auth.iam.IAMLoginModule required${role};`;
      out.env.KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS = 'software.amazon.msk.auth.iam.IAMClientCallbackHandler';
    } else if (sasl.password) {
      const module =
        sasl.mechanism === 'PLAIN'
          ? 'org.apache.kafka.common.security.plain.PlainLoginModule'
          : 'org.apache.kafka.common.security.scram.ScramLoginModule';
      out.env.KAFKA_SASL_JAAS_CONFIG = {
        parts: [`${module} required username="`, ...part(sasl.username ?? ''), '" password="', { secret: sasl.password }, '";'],
      };
      for (const k of ['KAFKA_SASL_LOGIN_CALLBACK_HANDLER_CLASS', 'KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL'])
        if (env.has(k)) unset.add(k);
    }
  } else {
    for (const k of saslKeys) if (env.has(k)) unset.add(k);
  }
  // the vendor's OAuth client settings point at an identity provider that no longer applies
  if (sasl?.mechanism !== 'OAUTHBEARER') for (const k of [...env.keys()].filter((k) => k.startsWith('OAUTH_'))) unset.add(k);
  const tlsOn = usesTls(spec.securityProtocol);
  if (tlsOn && spec.tls?.ca) {
    out.env.KAFKA_SSL_TRUSTSTORE_TYPE = 'PEM';
    out.env.KAFKA_SSL_TRUSTSTORE_CERTIFICATES = secret(spec.tls.ca);
  } else {
    // the dropped cluster's CA: the customer's brokers are trusted through the default store
    for (const k of [
      'KAFKA_SSL_TRUSTSTORE_TYPE',
      'KAFKA_SSL_TRUSTSTORE_CERTIFICATES',
      'KAFKA_SSL_TRUSTSTORE_LOCATION',
      'KAFKA_SSL_TRUSTSTORE_PASSWORD',
    ])
      if (env.has(k)) unset.add(k);
  }
  if (tlsOn && spec.tls?.clientCert && spec.tls.clientKey) {
    out.env.KAFKA_SSL_KEYSTORE_TYPE = 'PEM';
    out.env.KAFKA_SSL_KEYSTORE_CERTIFICATE_CHAIN = secret(spec.tls.clientCert);
    out.env.KAFKA_SSL_KEYSTORE_KEY = secret(spec.tls.clientKey);
  } else {
    for (const k of [
      'KAFKA_SSL_KEYSTORE_TYPE',
      'KAFKA_SSL_KEYSTORE_CERTIFICATE_CHAIN',
      'KAFKA_SSL_KEYSTORE_KEY',
      'KAFKA_SSL_KEYSTORE_LOCATION',
      'KAFKA_SSL_KEYSTORE_PASSWORD',
      'KAFKA_SSL_KEY_PASSWORD',
    ]) {
      if (env.has(k)) unset.add(k);
    }
  }
  if (unset.size) out.unset = [...unset];
  return out;
}
