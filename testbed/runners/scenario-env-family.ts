import { join } from 'node:path';
import type { Conn } from './scenario-types.js';

/** Contract A: KAFKA_* variables, secrets as *_FILE paths. */
export function envFamily({ scenario, b, secrets }: Conn): Record<string, string> {
  const ca = { KAFKA_SSL_CA_FILE: b.tls.caPem };
  switch (scenario) {
    case 'plaintext':
      return { KAFKA_BOOTSTRAP_SERVERS: b.listeners.plaintext, KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT' };
    case 'mtls':
      return {
        KAFKA_BOOTSTRAP_SERVERS: b.listeners.ssl,
        KAFKA_SECURITY_PROTOCOL: 'SSL',
        ...ca,
        KAFKA_SSL_CERT_FILE: b.tls.clientCertPem,
        KAFKA_SSL_KEY_FILE: b.tls.clientKeyPem,
      };
    case 'oauthbearer':
      return {
        KAFKA_BOOTSTRAP_SERVERS: b.listeners.saslSsl,
        KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        ...ca,
        KAFKA_SASL_MECHANISM: 'OAUTHBEARER',
        KAFKA_OAUTH_TOKEN_ENDPOINT: b.oidc.tokenEndpoint,
        KAFKA_OAUTH_CLIENT_ID: b.oidc.clientId,
        KAFKA_OAUTH_CLIENT_SECRET_FILE: join(secrets, 'oauth_client_secret'),
        KAFKA_OAUTH_SCOPE: b.oidc.scope,
      };
    default:
      return {
        KAFKA_BOOTSTRAP_SERVERS: b.listeners.saslSsl,
        KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        ...ca,
        KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256',
        KAFKA_SASL_USERNAME: 'alice',
        KAFKA_SASL_PASSWORD_FILE: join(secrets, 'kafka_password'),
      };
  }
}

/** librdkafka properties; librdkafka has no file indirection, so the whole file is the mounted secret. */
export function librdkafkaProps({ scenario, b, password }: Conn): string[] {
  const tls = [`ssl.ca.location=${b.tls.caPem}`];
  switch (scenario) {
    case 'plaintext':
      return [`bootstrap.servers=${b.listeners.plaintext}`, 'security.protocol=plaintext'];
    case 'mtls':
      return [
        `bootstrap.servers=${b.listeners.ssl}`,
        'security.protocol=ssl',
        ...tls,
        `ssl.certificate.location=${b.tls.clientCertPem}`,
        `ssl.key.location=${b.tls.clientKeyPem}`,
      ];
    case 'oauthbearer':
      return [
        `bootstrap.servers=${b.listeners.saslSsl}`,
        'security.protocol=sasl_ssl',
        ...tls,
        'sasl.mechanism=OAUTHBEARER',
        'sasl.oauthbearer.method=oidc',
        `sasl.oauthbearer.token.endpoint.url=${b.oidc.tokenEndpoint}`,
        `sasl.oauthbearer.client.id=${b.oidc.clientId}`,
        `sasl.oauthbearer.client.secret=${b.oidc.clientSecret}`,
        `sasl.oauthbearer.scope=${b.oidc.scope}`,
      ];
    default:
      return [
        `bootstrap.servers=${b.listeners.saslSsl}`,
        'security.protocol=sasl_ssl',
        ...tls,
        'sasl.mechanism=SCRAM-SHA-256',
        'sasl.username=alice',
        `sasl.password=${password}`,
      ];
  }
}
