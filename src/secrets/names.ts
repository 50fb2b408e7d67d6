import type { SecretValue } from '../spec/types.js';
import { describeRef, describeSource } from './index.js';

const NAMES: Record<string, string> = {
  'sasl.username': 'kafka_sasl_username',
  'sasl.password': 'kafka_sasl_password',
  'sasl.oauth.clientId': 'kafka_oauth_client_id',
  'sasl.oauth.clientSecret': 'kafka_oauth_client_secret',
  'tls.ca': 'kafka_ca',
  'tls.clientCert': 'kafka_client_cert',
  'tls.clientKey': 'kafka_client_key',
  'schemaRegistry.basicAuth.username': 'schema_registry_username',
  'schemaRegistry.basicAuth.password': 'schema_registry_password',
  'schemaRegistry.ca': 'schema_registry_ca',
};

/** The stable name a customer secret gets on every platform (Compose secret, mounted file name). */
export function secretName(secret: SecretValue): string {
  return NAMES[secret.path] ?? secret.path.replace(/[^A-Za-z0-9]+/g, '_').toLowerCase();
}

/** Describes a secret reference for plans and reports, never its value. */
export function describeSecretRef(secret: SecretValue): string {
  return describeRef(secret.secretRef);
}

/** Describes, for the plan, where a platform reads a secret from. */
export function describeSecretSource(secret: SecretValue): string {
  return describeSource(secret.secretRef);
}
