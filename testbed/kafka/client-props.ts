import type { TestbedState } from './state.js';

const PLAIN = 'org.apache.kafka.common.security.plain.PlainLoginModule';
const SCRAM = 'org.apache.kafka.common.security.scram.ScramLoginModule';
const OAUTH = 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule';
const OAUTH_LOGIN = 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler';

/** How a Java client connects to the test bed. */
export type JavaClientAuth =
  | { kind: 'plaintext' }
  | {
      kind: 'sasl';
      tls: boolean;
      mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
      user: 'alice' | 'reader' | 'admin';
      /** Override the user's password (negative tests). */
      password?: string;
    }
  | { kind: 'oauth'; clientSecret?: string }
  | { kind: 'mtls' };

/** Options for {@link javaClientProperties}. */
export interface JavaClientOptions {
  /** Truststore PEM (default: the test bed CA; pass `state.tls.otherCaPem` for a mismatch). */
  caPem?: string;
}

/** Builds Java client properties (PEM truststore/keystore, JAAS) for one listener and auth mode of the test bed. */
export function javaClientProperties(state: TestbedState, auth: JavaClientAuth, opts: JavaClientOptions = {}): Record<string, string> {
  const trust = {
    'ssl.truststore.type': 'PEM',
    'ssl.truststore.location': opts.caPem ?? state.tls.caPem,
  };
  switch (auth.kind) {
    case 'plaintext':
      return { 'bootstrap.servers': state.listeners.plaintext };
    case 'sasl': {
      const password = auth.password ?? state.users[auth.user].password;
      const module = auth.mechanism === 'PLAIN' ? PLAIN : SCRAM;
      return {
        'bootstrap.servers': auth.tls ? state.listeners.saslSsl : state.listeners.saslPlaintext,
        'security.protocol': auth.tls ? 'SASL_SSL' : 'SASL_PLAINTEXT',
        ...(auth.tls ? trust : {}),
        'sasl.mechanism': auth.mechanism,
        'sasl.jaas.config': `${module} required username="${auth.user}" password="${password}";`,
      };
    }
    case 'oauth': {
      const o = state.oidc;
      const secret = auth.clientSecret ?? o.clientSecret;
      return {
        'bootstrap.servers': state.listeners.saslSsl,
        'security.protocol': 'SASL_SSL',
        ...trust,
        'sasl.mechanism': 'OAUTHBEARER',
        'sasl.login.callback.handler.class': OAUTH_LOGIN,
        'sasl.oauthbearer.token.endpoint.url': o.tokenEndpoint,
        'sasl.jaas.config': `${OAUTH} required clientId="${o.clientId}" clientSecret="${secret}" scope="${o.scope}";`,
      };
    }
    case 'mtls':
      return {
        'bootstrap.servers': state.listeners.ssl,
        'security.protocol': 'SSL',
        ...trust,
        'ssl.keystore.type': 'PEM',
        'ssl.keystore.location': state.tls.clientKeystorePem,
      };
  }
}
