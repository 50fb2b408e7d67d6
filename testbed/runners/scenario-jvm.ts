import type { Conn } from './scenario-types.js';

const LOGIN_HANDLER = 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler';
const jaas = {
  scram: (user: string, password: string): string =>
    `org.apache.kafka.common.security.scram.ScramLoginModule required username="${user}" password="${password}";`,
  oauth: (id: string, secret: string, scope: string): string =>
    `org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="${id}" clientSecret="${secret}" scope="${scope}";`,
};

/** Java client properties; secrets come through DirectoryConfigProvider from the mounted directory. */
export function javaProps({ scenario, b, secrets }: Conn): string[] {
  const trust = ['ssl.truststore.type=PEM', `ssl.truststore.location=${b.tls.caPem}`];
  const providers = ['config.providers=dir', 'config.providers.dir.class=org.apache.kafka.common.config.provider.DirectoryConfigProvider'];
  const ref = (key: string): string => `\${dir:${secrets}:${key}}`;
  switch (scenario) {
    case 'plaintext':
      return [`bootstrap.servers=${b.listeners.plaintext}`, 'security.protocol=PLAINTEXT'];
    case 'mtls':
      return [
        `bootstrap.servers=${b.listeners.ssl}`,
        'security.protocol=SSL',
        ...trust,
        'ssl.keystore.type=PEM',
        `ssl.keystore.location=${b.tls.clientKeystorePem}`,
      ];
    case 'oauthbearer':
      return [
        `bootstrap.servers=${b.listeners.saslSsl}`,
        'security.protocol=SASL_SSL',
        ...trust,
        ...providers,
        'sasl.mechanism=OAUTHBEARER',
        `sasl.login.callback.handler.class=${LOGIN_HANDLER}`,
        `sasl.oauthbearer.token.endpoint.url=${b.oidc.tokenEndpoint}`,
        `sasl.jaas.config=${jaas.oauth(b.oidc.clientId, ref('oauth_client_secret'), b.oidc.scope)}`,
      ];
    default:
      return [
        `bootstrap.servers=${b.listeners.saslSsl}`,
        'security.protocol=SASL_SSL',
        ...trust,
        ...providers,
        'sasl.mechanism=SCRAM-SHA-256',
        `sasl.jaas.config=${jaas.scram('alice', ref('kafka_password'))}`,
      ];
  }
}

/** Spring Boot: SPRING_KAFKA_* variables; secrets are config-tree properties used as ${name} placeholders. */
export function springEnv({ scenario, b, secrets }: Conn): Record<string, string> {
  const trust = { SPRING_KAFKA_SSL_TRUST_STORE_LOCATION: `file:${b.tls.caPem}`, SPRING_KAFKA_SSL_TRUST_STORE_TYPE: 'PEM' };
  const tree = { SPRING_CONFIG_IMPORT: `optional:configtree:${secrets}/` };
  switch (scenario) {
    case 'plaintext':
      return { SPRING_KAFKA_BOOTSTRAP_SERVERS: b.listeners.plaintext };
    case 'mtls':
      return {
        SPRING_KAFKA_BOOTSTRAP_SERVERS: b.listeners.ssl,
        SPRING_KAFKA_SECURITY_PROTOCOL: 'SSL',
        ...trust,
        SPRING_KAFKA_SSL_KEY_STORE_LOCATION: `file:${b.tls.clientKeystorePem}`,
        SPRING_KAFKA_SSL_KEY_STORE_TYPE: 'PEM',
      };
    case 'oauthbearer':
      return {
        SPRING_KAFKA_BOOTSTRAP_SERVERS: b.listeners.saslSsl,
        SPRING_KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        ...trust,
        ...tree,
        SPRING_KAFKA_PROPERTIES_SASL_MECHANISM: 'OAUTHBEARER',
        SPRING_KAFKA_PROPERTIES_SASL_LOGIN_CALLBACK_HANDLER_CLASS: LOGIN_HANDLER,
        SPRING_KAFKA_PROPERTIES_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL: b.oidc.tokenEndpoint,
        SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG: jaas.oauth(b.oidc.clientId, '${oauth_client_secret}', b.oidc.scope),
      };
    default:
      return {
        SPRING_KAFKA_BOOTSTRAP_SERVERS: b.listeners.saslSsl,
        SPRING_KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        ...trust,
        ...tree,
        SPRING_KAFKA_PROPERTIES_SASL_MECHANISM: 'SCRAM-SHA-256',
        SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG: jaas.scram('alice', '${kafka_password}'),
      };
  }
}
