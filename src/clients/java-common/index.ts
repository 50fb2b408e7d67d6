import type { CustomerKafka, SecretValue, Value } from '../../spec/types.js';
import { usesSasl, usesTls } from '../../spec/types.js';

/** How a Java-based family writes a secret's value inside a property, and where the file is. */
export interface JavaSecretStyle {
  /** Text that the client resolves to the secret's value at run time (config provider or placeholder). */
  inline(secret: SecretValue): string;
  /** Path of the mounted secret file as the client should read it. */
  path(secret: SecretValue): string;
}

/** Kafka Java client properties plus the JVM system properties they need. */
export interface JavaClientConfig {
  props: Record<string, string>;
  systemProps: Record<string, string>;
}

/** Login callback handler for OAuth client credentials in kafka-clients ≥ 3.4. */
export const OAUTH_LOGIN_HANDLER = 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler';
/** System property listing the token URLs kafka-clients ≥ 4.0 may call. */
export const OAUTH_ALLOWED_URLS = 'org.apache.kafka.sasl.oauthbearer.allowed.urls';
/** Kafka's directory config provider: one file per key. */
export const DIRECTORY_PROVIDER = 'org.apache.kafka.common.config.provider.DirectoryConfigProvider';

/** Computes the Java client security properties for the customer's cluster. */
export function javaClientConfig(spec: CustomerKafka, style: JavaSecretStyle): JavaClientConfig {
  const props: Record<string, string> = { 'security.protocol': spec.securityProtocol };
  const systemProps: Record<string, string> = {};
  const text = (v: Value): string => (typeof v === 'string' ? jaasQuote(v) : style.inline(v));
  const sasl = spec.sasl;
  if (sasl && usesSasl(spec.securityProtocol)) {
    props['sasl.mechanism'] = sasl.mechanism;
    switch (sasl.mechanism) {
      case 'PLAIN':
      case 'SCRAM-SHA-256':
      case 'SCRAM-SHA-512': {
        const module =
          sasl.mechanism === 'PLAIN'
            ? 'org.apache.kafka.common.security.plain.PlainLoginModule'
            : 'org.apache.kafka.common.security.scram.ScramLoginModule';
        const user = sasl.username ? text(sasl.username) : '';
        const pass = sasl.password ? style.inline(sasl.password) : '';
        props['sasl.jaas.config'] = `${module} required username="${user}" password="${pass}";`;
        break;
      }
      case 'OAUTHBEARER': {
        const o = sasl.oauth;
        if (!o) break;
        const scope = o.scope ? ` scope="${jaasQuote(o.scope)}"` : '';
        props['sasl.jaas.config'] =
          `org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="${text(o.clientId)}" clientSecret="${style.inline(o.clientSecret)}"${scope};`;
        props['sasl.login.callback.handler.class'] = OAUTH_LOGIN_HANDLER;
        props['sasl.oauthbearer.token.endpoint.url'] = o.tokenEndpoint;
        systemProps[OAUTH_ALLOWED_URLS] = o.tokenEndpoint;
        break;
      }
      case 'AWS_MSK_IAM': {
        const role = sasl.aws?.roleArn ? ` awsRoleArn="${jaasQuote(sasl.aws.roleArn)}" awsStsRegion="${jaasQuote(sasl.aws.region)}"` : '';
        props['sasl.jaas.config'] = `software.amazon.msk.auth.iam.IAMLoginModule required${role};`;
        props['sasl.client.callback.handler.class'] = 'software.amazon.msk.auth.iam.IAMClientCallbackHandler';
        break;
      }
    }
  }
  if (usesTls(spec.securityProtocol) && spec.tls) {
    if (spec.tls.ca) {
      props['ssl.truststore.type'] = 'PEM';
      props['ssl.truststore.location'] = style.path(spec.tls.ca);
    }
    if (spec.tls.clientCert && spec.tls.clientKey) {
      props['ssl.keystore.type'] = 'PEM';
      props['ssl.keystore.certificate.chain'] = style.inline(spec.tls.clientCert);
      props['ssl.keystore.key'] = style.inline(spec.tls.clientKey);
    }
  }
  return { props, systemProps };
}

/** Escapes a literal for a double-quoted JAAS option value. */
export function jaasQuote(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** Appends `-Dkey=value` flags to a JVM options string, leaving flags already present alone. */
export function withSystemProps(current: string | undefined, systemProps: Record<string, string>): string | undefined {
  const entries = Object.entries(systemProps);
  if (entries.length === 0) return current;
  let out = current?.trim() ?? '';
  for (const [k, v] of entries) {
    const flag = `-D${k}=${v}`;
    if (out.includes(`-D${k}=`)) {
      out = out.replace(new RegExp(`-D${k.replace(/\./g, '\\.')}=\\S*`), flag);
    } else {
      out = out ? `${out} ${flag}` : flag;
    }
  }
  return out;
}

/** Turns a Java property name into the environment variable form used by Spring and Confluent images. */
export function propertyToEnv(prefix: string, property: string): string {
  return prefix + property.toUpperCase().replace(/\./g, '_');
}
