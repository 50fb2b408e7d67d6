import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DIRECTORY_PROVIDER, OAUTH_LOGIN_HANDLER } from '../java-common/index.js';
import { iamSpec, makeContext, mtlsSpec, oauthSpec, plaintextSpec, scramSpec, showEnv, showValue, withSchemaRegistry } from '../testing.js';
import { akhq, escapeMicronaut } from './index.js';

const SERVERS = 'b1.kafka.example.com:9094,b2.kafka.example.com:9094';
const INPUT = `akhq:
  connections:
    local:
      properties:
        bootstrap.servers: "kafka:9092"
`;

const emit = (spec = scramSpec(), yaml: string | null = INPUT, env: Record<string, string> = {}) =>
  akhq.emit(
    makeContext({
      spec,
      name: 'akhq',
      image: 'tchiotludo/akhq:0.25.1',
      env: { ...(yaml === null ? {} : { AKHQ_CONFIGURATION: yaml }), ...env },
    }),
  );

/** Micronaut's placeholder resolution (DefaultPropertyPlaceholderResolver), for the cases graft writes. */
function resolveMicronaut(value: string, env: Record<string, string> = {}): string {
  return value.replace(/\$\{([^}]*)\}/g, (_m, expr: string) => {
    const colon = expr.indexOf(':');
    const name = colon < 0 ? expr : expr.slice(0, colon);
    const fallback = colon < 0 ? undefined : expr.slice(colon + 1);
    const found = env[name];
    if (found) return found;
    if (fallback === undefined) throw new Error(`unresolved \${${expr}}`);
    return fallback;
  });
}

describe('detect', () => {
  it('recognizes the image and the configuration variable', () => {
    expect(akhq.detect({ name: 'a', image: 'tchiotludo/akhq:0.25.1', env: new Map() })).toBe('certain');
    expect(akhq.detect({ name: 'a', image: 'ghcr.io/tchiotludo/akhq', env: new Map() })).toBe('certain');
    expect(akhq.detect({ name: 'a', env: new Map([['AKHQ_CONFIGURATION', 'akhq: {}']]) })).toBe('certain');
    expect(akhq.detect({ name: 'a', image: 'acme/akhq-fork:1', env: new Map() })).toBeUndefined();
  });
});

describe('emit', () => {
  it('PLAINTEXT', () => {
    const out = emit(plaintextSpec());
    expect(showEnv(out.env)).toEqual({
      AKHQ_CONFIGURATION: `akhq:
  connections:
    local:
      properties:
        bootstrap.servers: "${SERVERS}"
        security.protocol: PLAINTEXT
`,
    });
    expect(out.problems).toEqual([]);
  });

  it('SASL_SSL + SCRAM-SHA-512 with a CA hides the config provider reference from Micronaut', () => {
    const out = emit();
    expect(showEnv(out.env)).toEqual({
      AKHQ_CONFIGURATION: `akhq:
  connections:
    local:
      properties:
        bootstrap.servers: "${SERVERS}"
        security.protocol: SASL_SSL
        sasl.mechanism: SCRAM-SHA-512
        sasl.jaas.config: org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="\${:$}{secrets:/run/secrets:kafka_sasl_password}";
        ssl.truststore.type: PEM
        ssl.truststore.location: /run/secrets/kafka_ca
        config.providers: secrets
        config.providers.secrets.class: ${DIRECTORY_PROVIDER}
`,
    });
    const props = (
      parse(showValue(out.env.AKHQ_CONFIGURATION ?? '')) as { akhq: { connections: { local: { properties: Record<string, string> } } } }
    ).akhq.connections.local.properties;
    expect(resolveMicronaut(props['sasl.jaas.config'] ?? '')).toBe(
      'org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="${secrets:/run/secrets:kafka_sasl_password}";',
    );
  });

  it('SASL_SSL + OAUTHBEARER', () => {
    const out = emit(oauthSpec());
    expect(showEnv(out.env)).toEqual({
      AKHQ_CONFIGURATION: `akhq:
  connections:
    local:
      properties:
        bootstrap.servers: "${SERVERS}"
        security.protocol: SASL_SSL
        sasl.mechanism: OAUTHBEARER
        sasl.jaas.config: org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="graft-client" clientSecret="\${:$}{secrets:/run/secrets:kafka_oauth_client_secret}" scope="kafka";
        sasl.login.callback.handler.class: ${OAUTH_LOGIN_HANDLER}
        sasl.oauthbearer.token.endpoint.url: https://idp.example.com/oauth2/token
        config.providers: secrets
        config.providers.secrets.class: ${DIRECTORY_PROVIDER}
`,
      JAVA_TOOL_OPTIONS: '-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=https://idp.example.com/oauth2/token',
    });
  });

  it('SSL mTLS, dropping the old cluster’s security settings', () => {
    const input = `micronaut:
  server:
    port: 8080 # UI port
akhq:
  connections:
    local: # the bundled broker
      properties:
        bootstrap.servers: "kafka:9092"
        sasl.mechanism: PLAIN
        ssl.keystore.location: /etc/kafka.jks
        client.id: akhq
`;
    const out = emit(mtlsSpec(), input);
    expect(showEnv(out.env)).toEqual({
      AKHQ_CONFIGURATION: `micronaut:
  server:
    port: 8080 # UI port
akhq:
  connections:
    local:
      # the bundled broker
      properties:
        bootstrap.servers: "${SERVERS}"
        client.id: akhq
        security.protocol: SSL
        ssl.truststore.type: PEM
        ssl.truststore.location: /run/secrets/kafka_ca
        ssl.keystore.type: PEM
        ssl.keystore.certificate.chain: \${:$}{secrets:/run/secrets:kafka_client_cert}
        ssl.keystore.key: \${:$}{secrets:/run/secrets:kafka_client_key}
        config.providers: secrets
        config.providers.secrets.class: ${DIRECTORY_PROVIDER}
`,
    });
  });

  it('edits only connections already rewired, else all, and merges existing providers', () => {
    const input = `akhq:
  connections:
    customer:
      properties:
        bootstrap.servers: "${SERVERS}"
        config.providers: env
    audit:
      properties:
        bootstrap.servers: "audit-kafka:9092"
`;
    const out = emit(scramSpec(), input);
    const doc = parse(showValue(out.env.AKHQ_CONFIGURATION ?? '')) as {
      akhq: { connections: Record<string, { properties: Record<string, string> }> };
    };
    expect(doc.akhq.connections.customer?.properties['config.providers']).toBe('env,secrets');
    expect(doc.akhq.connections.audit?.properties).toEqual({ 'bootstrap.servers': 'audit-kafka:9092' });
    expect(out.notes).toContain("AKHQ connections configured for the customer's Kafka: customer");
  });

  it('points the connection at the customer schema registry, the password through an env placeholder', () => {
    const out = emit(withSchemaRegistry(plaintextSpec()));
    expect(showEnv(out.env)).toEqual({
      GRAFT_SCHEMA_REGISTRY_PASSWORD: '<secret:schemaRegistry.basicAuth.password>',
      AKHQ_CONFIGURATION: `akhq:
  connections:
    local:
      properties:
        bootstrap.servers: "${SERVERS}"
        security.protocol: PLAINTEXT
      schema-registry:
        url: https://sr.example.com
        basic-auth-username: sr-user
        basic-auth-password: \${GRAFT_SCHEMA_REGISTRY_PASSWORD}
        properties:
          schema.registry.ssl.truststore.type: PEM
          schema.registry.ssl.truststore.location: /run/secrets/schema_registry_ca
`,
    });
    expect(resolveMicronaut('${GRAFT_SCHEMA_REGISTRY_PASSWORD}', { GRAFT_SCHEMA_REGISTRY_PASSWORD: 'pw' })).toBe('pw');
  });

  it('escapes every ${ for Micronaut', () => {
    expect(escapeMicronaut('a ${x:y} ${z}')).toBe('a ${:$}{x:y} ${:$}{z}');
    expect(resolveMicronaut(escapeMicronaut('p="${secrets:/run/secrets:k}"'))).toBe('p="${secrets:/run/secrets:k}"');
  });
});

describe('refusals', () => {
  it('needs AKHQ_CONFIGURATION', () => {
    const out = emit(scramSpec(), null);
    expect(out.problems.map((p) => p.code)).toEqual(['CLIENT_NO_DECLARED_PATH']);
    expect(out.problems[0]?.message).toContain('service "akhq"');
  });

  it('reports YAML it cannot edit', () => {
    expect(emit(scramSpec(), 'akhq: [unclosed').problems.map((p) => p.code)).toEqual(['CLIENT_EMBEDDED_CONFIG_INVALID']);
    expect(emit(scramSpec(), 'micronaut: {}\n').problems.map((p) => p.code)).toEqual(['CLIENT_EMBEDDED_CONFIG_INVALID']);
  });

  it('refuses a literal with a backslash, which the image’s echo would rewrite', () => {
    const spec = scramSpec();
    spec.sasl = { mechanism: 'SCRAM-SHA-512', username: 'a"b', password: scramSpec().sasl?.password };
    expect(emit(spec).problems.map((p) => p.code)).toEqual(['CLIENT_UNSAFE_LITERAL']);
  });

  it('refuses AWS_MSK_IAM on an image not known to ship the jar', () => {
    const ctx = makeContext({ spec: iamSpec(), name: 'akhq', image: 'acme/akhq-custom:1', env: { AKHQ_CONFIGURATION: INPUT } });
    expect(akhq.emit(ctx).problems.map((p) => p.code)).toEqual(['CLIENT_MECHANISM_UNSUPPORTED']);
  });

  it('configures AWS_MSK_IAM on the official image, which ships aws-msk-iam-auth', () => {
    const out = emit(iamSpec());
    expect(out.problems).toEqual([]);
    const yaml = out.env.AKHQ_CONFIGURATION as string;
    expect(yaml).toContain('sasl.mechanism: AWS_MSK_IAM');
    expect(yaml).toContain('software.amazon.msk.auth.iam.IAMClientCallbackHandler');
  });
});
