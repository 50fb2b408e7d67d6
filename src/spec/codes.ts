/** Diagnostic codes of the customer spec, each with what it means. */
export const SPEC_CODES = {
  SPEC_YAML_SYNTAX: 'the spec is not valid YAML or JSON (also: an alias without its anchor, aliases that expand without bound)',
  SPEC_UNKNOWN_FIELD: 'a field the spec does not define',
  SPEC_MISSING_FIELD: 'a required field is absent',
  SPEC_WRONG_TYPE: 'a field has the wrong type',
  SPEC_INVALID_VALUE: 'a field has a value outside what it allows',
  SPEC_INLINE_SECRET: 'a secret is written as a value instead of a secretRef',
  SPEC_URL_CREDENTIALS: 'a URL or bootstrap server carries credentials (user:password@, a secret query parameter) instead of a secretRef',
  SPEC_BAD_HOST_PORT: 'a bootstrap server is not host:port',
  SPEC_SASL_NEEDS_MECHANISM: 'a SASL protocol without sasl.mechanism',
  SPEC_SASL_WITHOUT_SASL_PROTOCOL: 'sasl settings with a protocol that does not use SASL',
  SPEC_SASL_MISSING_CREDENTIALS: 'the mechanism needs credentials the spec does not give',
  SPEC_SASL_UNUSED_SETTINGS: 'settings that belong to another mechanism',
  SPEC_IAM_NEEDS_SASL_SSL: 'AWS_MSK_IAM with a protocol other than SASL_SSL',
  SPEC_IAM_NEEDS_ROLE: 'AWS_MSK_IAM without sasl.aws.roleArn',
  SPEC_PLAIN_OVER_PLAINTEXT: 'PLAIN over SASL_PLAINTEXT without acknowledging it is insecure',
  SPEC_MTLS_NEEDS_TLS: 'a client certificate with a protocol that does not use TLS',
  SPEC_MTLS_INCOMPLETE: 'a client certificate without its key, or a key without its certificate',
  SPEC_TLS_WITHOUT_TLS_PROTOCOL: 'a CA certificate with a protocol that does not use TLS',
  SPEC_TOPICS_PREFIX_AND_ALLOW: 'topics.prefix and topics.allow are both set',
  SPEC_BAD_URL: 'a URL that does not parse or uses an unsupported scheme',
  SPEC_INSECURE_URL: 'an http URL where credentials or tokens are sent',
  SPEC_BAD_ARN: 'an AWS ARN that is not well formed',
  SPEC_FILE_NOT_ABSOLUTE: 'a file secret reference with a relative path',
  SPEC_DUPLICATE_BOOTSTRAP: 'the same bootstrap server listed twice',
} as const;

/** A customer spec diagnostic code. */
export type SpecCode = keyof typeof SPEC_CODES;
