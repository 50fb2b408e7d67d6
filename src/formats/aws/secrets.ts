import type { SecretRef, SecretValue } from '../../spec/types.js';

/** A customer secret as AWS services address it: a Secrets Manager secret (optionally one JSON key) or an SSM parameter. */
export type AwsSecret =
  { store: 'secretsManager'; arn: string; key?: string; kmsKeyArn?: string } | { store: 'ssm'; name: string; kmsKeyArn?: string };

/** The AWS store a secret reference points at, or undefined for stores AWS services cannot read (env, file, kubernetes). */
export function awsSecretOf(ref: SecretRef): AwsSecret | undefined {
  if ('awsSecretsManager' in ref) {
    const { arn, key, kmsKeyArn } = ref.awsSecretsManager;
    return { store: 'secretsManager', arn, ...(key !== undefined ? { key } : {}), ...(kmsKeyArn ? { kmsKeyArn } : {}) };
  }
  if ('awsSsm' in ref) {
    const { name, kmsKeyArn } = ref.awsSsm;
    return { store: 'ssm', name, ...(kmsKeyArn ? { kmsKeyArn } : {}) };
  }
  return undefined;
}

/**
 * The `valueFrom` of an ECS container secret: the secret's ARN, `<arn>:<json-key>::` for one key of a JSON secret
 * (version stage and id left to AWSCURRENT), or the SSM parameter's name or ARN. `arn` may be a placeholder such as
 * `${Param}` that the template fills in.
 */
export function ecsValueFrom(secret: AwsSecret, arn = secret.store === 'secretsManager' ? secret.arn : secret.name): string {
  if (secret.store === 'ssm') return arn;
  return secret.key === undefined ? arn : `${arn}:${secret.key}::`;
}

/** The store-level identity of a secret (its ARN or parameter name), shared by every key read from it. */
export function awsSecretId(secret: AwsSecret): string {
  return secret.store === 'secretsManager' ? secret.arn : secret.name;
}

/** Tells whether every one of the secrets can be read by an AWS service (Secrets Manager or SSM). */
export function allInAws(secrets: readonly SecretValue[]): boolean {
  return secrets.every((s) => awsSecretOf(s.secretRef) !== undefined);
}
