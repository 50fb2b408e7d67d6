import type { Span } from '../core/span.js';
import type { SecretRef } from '../secrets/refs.js';

/** Where a customer secret lives, discriminated by `store`; one folder per store in `src/secrets/`. */
export type { SecretRef } from '../secrets/refs.js';

/** A reference to a customer secret, with the spec location it was declared at. */
export interface SecretValue {
  secretRef: SecretRef;
  /** Dotted spec path, e.g. `sasl.password`. */
  path: string;
  span: Span;
}

/** A setting given either as a plain string or as a secret reference. */
export type Value = string | SecretValue;

/** The security protocols a Kafka client can speak. */
export const SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
/** A Kafka client security protocol. */
export type SecurityProtocol = (typeof SECURITY_PROTOCOLS)[number];

/** The SASL mechanisms graft can configure. */
export const SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER', 'AWS_MSK_IAM'] as const;
/** A SASL mechanism. */
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** OAuth 2 client-credentials settings for OAUTHBEARER. */
export interface OAuthSettings {
  tokenEndpoint: string;
  clientId: Value;
  clientSecret: SecretValue;
  scope?: string;
  audience?: string;
}

/** SASL settings of the customer's cluster. */
export interface SaslSettings {
  mechanism: SaslMechanism;
  username?: Value;
  password?: SecretValue;
  oauth?: OAuthSettings;
  aws?: AwsIamSettings;
  allowInsecurePlain?: boolean;
}

/** How the workloads come to act as the MSK IAM role (see `src/spec/aws-identity.ts`). */
export const WORKLOAD_IDENTITIES = ['irsa', 'eksPodIdentity', 'assumeRole'] as const;
/** How the workloads come to act as the MSK IAM role. */
export type WorkloadIdentity = (typeof WORKLOAD_IDENTITIES)[number];

/** AWS_MSK_IAM settings. */
export interface AwsIamSettings {
  /** The IAM role the workloads act as. */
  roleArn?: string;
  region: string;
  /** How they act as it; unset: the platform's own way (see `awsIdentityOn`). */
  workloadIdentity?: WorkloadIdentity;
}

/** The customer's Kafka cluster as graft's compilers consume it. */
export interface CustomerKafka {
  bootstrapServers: string[];
  securityProtocol: SecurityProtocol;
  sasl?: SaslSettings;
  tls?: { ca?: SecretValue; clientCert?: SecretValue; clientKey?: SecretValue };
  schemaRegistry?: {
    url: string;
    basicAuth?: { username: Value; password: SecretValue };
    ca?: SecretValue;
  };
  topics?: { prefix?: string; allow?: string[] };
  groups?: { prefix?: string };
  /** Where the spec came from, for diagnostics that point back at it. */
  file: string;
}

/** Tells whether a value is a secret reference. */
export function isSecret(v: Value | undefined): v is SecretValue {
  return typeof v === 'object' && v !== null && 'secretRef' in v;
}

/** Tells whether the protocol runs over TLS. */
export function usesTls(p: SecurityProtocol): boolean {
  return p === 'SSL' || p === 'SASL_SSL';
}

/** Tells whether the protocol authenticates with SASL. */
export function usesSasl(p: SecurityProtocol): boolean {
  return p === 'SASL_PLAINTEXT' || p === 'SASL_SSL';
}
