import { usesSasl, usesTls, type SecretValue, type Value } from '../../spec/types.js';
import { requireConfigFile, problem } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission } from '../types.js';

/** An app built on librdkafka that reads its settings from a properties file (`binding.configFile`). */
export const librdkafkaProperties = {
  family: 'librdkafka-properties',
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'],
  mtls: true,
  detect: () => undefined,
  emit: emitLibrdkafkaProperties,
} satisfies ClientFamily;

/** Computes the librdkafka properties the service's file must hold for the customer's cluster. */
export function emitLibrdkafkaProperties(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const file = requireConfigFile(ctx, out, 'librdkafka-properties');
  if (!file) return out;
  const { spec } = ctx;
  const set: Record<string, string> = { 'bootstrap.servers': ctx.bootstrap, 'security.protocol': spec.securityProtocol };
  // librdkafka has no config provider and no file or environment form of sasl.password or
  // sasl.oauthbearer.client.secret (its settings that name files are ssl.*.location, ssl.*.pem content,
  // sasl.kerberos.keytab): the value must be in the file itself, so those settings go to `secrets`, which the
  // platform appends to the file when the container starts (or the configure stage refuses)
  const secrets: Record<string, SecretValue> = {};
  const literal = (key: string, v: Value): void => {
    if (typeof v === 'string') set[key] = v;
    else secrets[key] = v;
  };
  const sasl = spec.sasl && usesSasl(spec.securityProtocol) ? spec.sasl : undefined;
  if (sasl?.mechanism === 'AWS_MSK_IAM') {
    out.problems.push(
      problem(
        'CLIENT_MECHANISM_UNSUPPORTED',
        `service "${ctx.service.name}" cannot use AWS_MSK_IAM: librdkafka has no IAM signer (it needs a token callback in code)`,
        'give the service SCRAM credentials or a client certificate on the customer cluster',
      ),
    );
    return out;
  }
  if (sasl) {
    set['sasl.mechanisms'] = sasl.mechanism;
    if (sasl.mechanism === 'OAUTHBEARER' && sasl.oauth) {
      set['sasl.oauthbearer.method'] = 'oidc';
      literal('sasl.oauthbearer.client.id', sasl.oauth.clientId);
      secrets['sasl.oauthbearer.client.secret'] = sasl.oauth.clientSecret;
      set['sasl.oauthbearer.token.endpoint.url'] = sasl.oauth.tokenEndpoint;
      if (sasl.oauth.scope !== undefined) set['sasl.oauthbearer.scope'] = sasl.oauth.scope;
    } else {
      if (sasl.username !== undefined) literal('sasl.username', sasl.username);
      if (sasl.password) secrets['sasl.password'] = sasl.password;
    }
  }
  if (usesTls(spec.securityProtocol) && spec.tls) {
    if (spec.tls.ca) set['ssl.ca.location'] = ctx.mountSecret(spec.tls.ca).path;
    if (spec.tls.clientCert && spec.tls.clientKey) {
      set['ssl.certificate.location'] = ctx.mountSecret(spec.tls.clientCert).path;
      set['ssl.key.location'] = ctx.mountSecret(spec.tls.clientKey).path;
    }
  }
  if (usesTls(spec.securityProtocol) && !spec.tls?.ca) out.notes.push('TLS trusts the system CA store (no tls.ca in the spec)');
  out.properties = { file, format: 'librdkafka', set, ...(Object.keys(secrets).length > 0 ? { secrets } : {}) };
  return out;
}
