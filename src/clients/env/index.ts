import type { EnvBindings } from '../../bindings/types.js';
import { usesSasl, usesTls, type SecretValue, type Value } from '../../spec/types.js';
import { javaClientConfig } from '../java-common/index.js';
import { bootstrapValue } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission, type SettingValue } from '../types.js';

/** Services whose vendor declared, in graft.yaml, which environment variable carries which setting. */
export const envFamily = {
  family: 'env',
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'],
  mtls: true,
  detect: () => undefined,
  emit: emitEnv,
} satisfies ClientFamily;

/** Computes the environment of a service bound variable by variable. */
export function emitEnv(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const b: EnvBindings = ctx.binding?.env ?? {};
  const spec = ctx.spec;
  const missing = (setting: string, example: string): void => {
    out.problems.push({
      code: 'CLIENT_NO_DECLARED_PATH',
      severity: 'error',
      message: `service "${ctx.service.name}" needs ${setting} but declares no variable for it`,
      help: `declare it in graft.yaml under kafka.clients.${ctx.service.name}.env, e.g. ${example}`,
    });
  };
  const valueOf = (v: Value): SettingValue => (typeof v === 'string' ? v : { parts: [{ secret: v }] });
  const put = (name: string | undefined, value: SettingValue): void => {
    if (name) out.env[name] = value;
  };
  const secretTo = (
    valueVar: string | undefined,
    fileVar: string | undefined,
    secret: SecretValue,
    what: string,
    example: string,
  ): void => {
    if (fileVar) put(fileVar, ctx.mountSecret(secret).path);
    else if (valueVar) put(valueVar, { parts: [{ secret }] });
    else missing(what, example);
  };
  // a PEM file binding, or the PEM content in a variable: the file where the platform mounts one, else the content
  const pemTo = (fileVar: string | undefined, pemVar: string | undefined, secret: SecretValue, what: string, example: string): void => {
    const file = fileVar ? ctx.mountSecret(secret) : undefined;
    if (pemVar && (!file || file.standIn)) put(pemVar, { parts: [{ secret }] });
    else if (file) put(fileVar, file.path);
    else missing(what, example);
  };

  if (b.bootstrapServers) put(b.bootstrapServers, bootstrapValue(ctx, ctx.service.env.get(b.bootstrapServers)));
  if (b.securityProtocol) put(b.securityProtocol, spec.securityProtocol);
  else if (spec.securityProtocol !== 'PLAINTEXT')
    missing(`security protocol ${spec.securityProtocol}`, 'securityProtocol: KAFKA_SECURITY_PROTOCOL');

  const sasl = spec.sasl;
  if (sasl && usesSasl(spec.securityProtocol)) {
    if (b.saslMechanism) put(b.saslMechanism, sasl.mechanism);
    if (b.saslJaasConfig) {
      // a Java-style JAAS line whose secret parts the platform fills in
      const cfg = javaClientConfig(spec, { inline: (s) => `\u0000${s.path}\u0000`, path: (s) => ctx.mountSecret(s).path });
      const jaas = cfg.props['sasl.jaas.config'] ?? '';
      const secrets = new Map<string, SecretValue>();
      for (const s of [sasl.username, sasl.password, sasl.oauth?.clientId, sasl.oauth?.clientSecret]) {
        if (typeof s === 'object') secrets.set(s.path, s);
      }
      put(b.saslJaasConfig, {
        parts: jaas.split('\u0000').map((p, i) => (i % 2 === 1 ? { secret: secrets.get(p) as SecretValue } : p)),
      });
    } else if (sasl.mechanism === 'OAUTHBEARER' && sasl.oauth) {
      if (!b.saslMechanism) missing('the SASL mechanism', 'saslMechanism: KAFKA_SASL_MECHANISM');
      if (b.oauthTokenEndpoint) put(b.oauthTokenEndpoint, sasl.oauth.tokenEndpoint);
      else missing('the OAuth token endpoint', 'oauthTokenEndpoint: KAFKA_OAUTH_TOKEN_ENDPOINT');
      if (b.oauthClientId) put(b.oauthClientId, valueOf(sasl.oauth.clientId));
      else missing('the OAuth client id', 'oauthClientId: KAFKA_OAUTH_CLIENT_ID');
      secretTo(
        b.oauthClientSecret,
        b.oauthClientSecretFile,
        sasl.oauth.clientSecret,
        'the OAuth client secret',
        'oauthClientSecretFile: KAFKA_OAUTH_CLIENT_SECRET_FILE',
      );
      if (sasl.oauth.scope !== undefined && b.oauthScope) put(b.oauthScope, sasl.oauth.scope);
    } else if (sasl.mechanism !== 'AWS_MSK_IAM') {
      if (!b.saslMechanism) missing('the SASL mechanism', 'saslMechanism: KAFKA_SASL_MECHANISM');
      if (sasl.username !== undefined) {
        if (typeof sasl.username === 'object' && b.saslUsernameFile) put(b.saslUsernameFile, ctx.mountSecret(sasl.username).path);
        else if (b.saslUsername) put(b.saslUsername, valueOf(sasl.username));
        else missing('the SASL username', 'saslUsername: KAFKA_SASL_USERNAME');
      }
      if (sasl.password)
        secretTo(b.saslPassword, b.saslPasswordFile, sasl.password, 'the SASL password', 'saslPasswordFile: KAFKA_SASL_PASSWORD_FILE');
    } else if (!b.saslMechanism) {
      missing('the SASL mechanism', 'saslMechanism: KAFKA_SASL_MECHANISM');
    }
  }
  if (usesTls(spec.securityProtocol) && spec.tls) {
    if (spec.tls.ca) pemTo(b.caFile, b.caPem, spec.tls.ca, 'the CA certificate file', 'caFile: KAFKA_SSL_CA_FILE');
    if (spec.tls.clientCert && spec.tls.clientKey) {
      pemTo(b.certFile, b.certPem, spec.tls.clientCert, 'the client certificate file', 'certFile: KAFKA_SSL_CERT_FILE');
      pemTo(b.keyFile, b.keyPem, spec.tls.clientKey, 'the client key file', 'keyFile: KAFKA_SSL_KEY_FILE');
    }
  }
  const sr = spec.schemaRegistry;
  if (sr && b.schemaRegistryUrl) put(b.schemaRegistryUrl, sr.url);
  if (sr?.basicAuth && b.schemaRegistryUrl) {
    if (b.schemaRegistryUsername) put(b.schemaRegistryUsername, valueOf(sr.basicAuth.username));
    secretTo(
      b.schemaRegistryPassword,
      b.schemaRegistryPasswordFile,
      sr.basicAuth.password,
      'the schema registry password',
      'schemaRegistryPasswordFile: SCHEMA_REGISTRY_PASSWORD_FILE',
    );
  }
  return out;
}
