import { describe, expect, it } from 'vitest';
import { DIRECTORY_PROVIDER, OAUTH_LOGIN_HANDLER } from '../java-common/index.js';
import { iamSpec, makeContext, mtlsSpec, oauthSpec, plaintextSpec, scramSpec } from '../testing.js';
import { javaProperties } from './index.js';

const SERVERS = 'b1.kafka.example.com:9094,b2.kafka.example.com:9094';
const FILE = '/app/config/kafka.properties';
const PROVIDERS = { 'config.providers': 'secrets', 'config.providers.secrets.class': DIRECTORY_PROVIDER };

const emit = (spec = scramSpec(), configFile: string | null = FILE, env: Record<string, string> = {}) =>
  javaProperties.emit(
    makeContext({
      spec,
      name: 'billing',
      env,
      binding: { service: 'billing', family: 'java-properties', ...(configFile === null ? {} : { configFile }) },
    }),
  );

describe('java-properties', () => {
  it('is chosen by binding only', () => {
    expect(javaProperties.detect()).toBeUndefined();
  });

  it('PLAINTEXT', () => {
    const out = emit(plaintextSpec());
    expect(out.properties).toEqual({ file: FILE, format: 'java', set: { 'bootstrap.servers': SERVERS, 'security.protocol': 'PLAINTEXT' } });
    expect(out.env).toEqual({});
    expect(out.problems).toEqual([]);
  });

  it('SASL_SSL + SCRAM-SHA-512 with a CA', () => {
    const out = emit();
    expect(out.properties?.set).toEqual({
      'bootstrap.servers': SERVERS,
      'security.protocol': 'SASL_SSL',
      'sasl.mechanism': 'SCRAM-SHA-512',
      'sasl.jaas.config':
        'org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="${secrets:/run/secrets:kafka_sasl_password}";',
      'ssl.truststore.type': 'PEM',
      'ssl.truststore.location': '/run/secrets/kafka_ca',
      ...PROVIDERS,
    });
    expect(out.env).toEqual({});
  });

  it('SASL_SSL + OAUTHBEARER, the allowed URL appended to JAVA_TOOL_OPTIONS', () => {
    const out = emit(oauthSpec(), FILE, { JAVA_TOOL_OPTIONS: '-XX:MaxRAMPercentage=75' });
    expect(out.properties?.set).toEqual({
      'bootstrap.servers': SERVERS,
      'security.protocol': 'SASL_SSL',
      'sasl.mechanism': 'OAUTHBEARER',
      'sasl.jaas.config':
        'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="graft-client" clientSecret="${secrets:/run/secrets:kafka_oauth_client_secret}" scope="kafka";',
      'sasl.login.callback.handler.class': OAUTH_LOGIN_HANDLER,
      'sasl.oauthbearer.token.endpoint.url': 'https://idp.example.com/oauth2/token',
      ...PROVIDERS,
    });
    expect(out.env).toEqual({
      JAVA_TOOL_OPTIONS: '-XX:MaxRAMPercentage=75 -Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=https://idp.example.com/oauth2/token',
    });
  });

  it('SSL mTLS', () => {
    expect(emit(mtlsSpec()).properties?.set).toEqual({
      'bootstrap.servers': SERVERS,
      'security.protocol': 'SSL',
      'ssl.truststore.type': 'PEM',
      'ssl.truststore.location': '/run/secrets/kafka_ca',
      'ssl.keystore.type': 'PEM',
      'ssl.keystore.certificate.chain': '${secrets:/run/secrets:kafka_client_cert}',
      'ssl.keystore.key': '${secrets:/run/secrets:kafka_client_key}',
      ...PROVIDERS,
    });
  });

  it('needs binding.configFile', () => {
    const out = emit(scramSpec(), null);
    expect(out.problems.map((p) => p.code)).toEqual(['CLIENT_NO_CONFIG_FILE']);
    expect(out.problems[0]?.message).toContain('service "billing"');
    expect(out.properties).toBeUndefined();
  });

  it('refuses AWS_MSK_IAM unless vouched for, then writes the IAM module', () => {
    expect(emit(iamSpec()).problems.map((p) => p.code)).toEqual(['CLIENT_MECHANISM_UNSUPPORTED']);
    const ctx = makeContext({
      spec: iamSpec(),
      name: 'billing',
      binding: { service: 'billing', configFile: FILE, supports: { awsMskIam: true } },
    });
    expect(javaProperties.emit(ctx).properties?.set['sasl.client.callback.handler.class']).toBe(
      'software.amazon.msk.auth.iam.IAMClientCallbackHandler',
    );
  });
});
