import type { CheckCode } from '../check/codes.js';
import type { SpecData } from './form.js';
import type { FieldDiagnostic } from './wire.js';

/**
 * The spec field a `graft check` finding concerns, by its code: what the customer changes to fix it (a rejected
 * password at the password reference, an untrusted broker certificate at the CA, an unreachable address at the
 * bootstrap servers). A function picks among fields by what the spec uses. Codes not listed keep the field their
 * diagnostic points at (a secret reference that has no value, a broker certificate that expires: the bootstrap
 * server) or none (a topic the requirements name).
 */
const CHECK_FIELDS: Partial<Record<CheckCode, string | ((spec: SpecData) => string)>> = {
  CHECK_DNS_FAILED: 'bootstrapServers',
  CHECK_TCP_REFUSED: 'bootstrapServers',
  CHECK_TCP_UNREACHABLE: 'bootstrapServers',
  CHECK_TIMEOUT: 'bootstrapServers',
  CHECK_ADVERTISED_UNRESOLVABLE: 'bootstrapServers',
  CHECK_ADVERTISED_UNREACHABLE: 'bootstrapServers',
  CHECK_ADVERTISED_FAILED: 'bootstrapServers',
  CHECK_PROTOCOL_MISMATCH: 'securityProtocol',
  CHECK_TLS_NOT_TLS_LISTENER: 'securityProtocol',
  CHECK_SASL_NOT_SASL_LISTENER: 'securityProtocol',
  CHECK_TLS_UNTRUSTED: 'tls.ca',
  CHECK_TLS_HOSTNAME_MISMATCH: 'bootstrapServers',
  CHECK_TLS_CLIENT_CERT_EXPIRED: 'tls.clientCert',
  CHECK_TLS_CLIENT_CERT_INVALID: 'tls.clientCert',
  CHECK_TLS_CLIENT_CERT_REJECTED: 'tls.clientCert',
  CHECK_SASL_MECHANISM_NOT_OFFERED: 'sasl.mechanism',
  CHECK_SASL_AUTH_FAILED: (spec) => {
    const mechanism = (spec['sasl'] as { mechanism?: unknown } | undefined)?.mechanism;
    if (mechanism === 'OAUTHBEARER') return 'sasl.oauth.clientSecret';
    if (mechanism === 'AWS_MSK_IAM') return 'sasl.aws.roleArn';
    return 'sasl.password';
  },
  CHECK_OAUTH_UNREACHABLE: 'sasl.oauth.tokenEndpoint',
  CHECK_OAUTH_CLIENT_REJECTED: 'sasl.oauth.clientSecret',
  CHECK_OAUTH_BAD_RESPONSE: 'sasl.oauth.tokenEndpoint',
  CHECK_OAUTH_TOKEN_SHORT_LIVED: 'sasl.oauth.tokenEndpoint',
  CHECK_MSK_IAM_SKIPPED: 'sasl.aws',
  CHECK_MSK_IAM_TOKEN_FAILED: 'sasl.aws.roleArn',
  CHECK_SR_UNREACHABLE: 'schemaRegistry.url',
  CHECK_SR_TLS: 'schemaRegistry.ca',
  CHECK_SR_AUTH: 'schemaRegistry.basicAuth.password',
  CHECK_SR_ERROR: 'schemaRegistry.url',
  CHECK_TOPIC_NOT_ALLOWED: 'topics.allow',
};

/** The check's findings with the spec field each concerns (see {@link CHECK_FIELDS}); the page shows them there too. */
export function atCheckFields(diagnostics: readonly FieldDiagnostic[], spec: SpecData): FieldDiagnostic[] {
  return diagnostics.map((d) => {
    const field = CHECK_FIELDS[d.code as CheckCode];
    return field === undefined ? d : { ...d, path: typeof field === 'function' ? field(spec) : field };
  });
}
