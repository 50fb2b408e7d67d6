import { unhandled } from '../../core/errors.js';
import { secretsManagerGrant, secretsManagerValueFrom } from '../../secrets/awsSecretsManager/index.js';
import { ssmGrant } from '../../secrets/awsSsm/index.js';
import { storeOf, type AwsGrant, type AwsSecret } from '../../secrets/index.js';
import type { SecretRef } from '../../spec/types.js';

export type { AwsSecret } from '../../secrets/index.js';

/** The AWS store a secret reference points at, or undefined for stores AWS services cannot read (env, file, kubernetes). */
export function awsSecretOf(ref: SecretRef): AwsSecret | undefined {
  return storeOf(ref).aws(ref);
}

/**
 * The `valueFrom` of an ECS container secret: the secret's ARN, `<arn>:<json-key>::` for one key of a JSON secret
 * (version stage and id left to AWSCURRENT), or the SSM parameter's name or ARN. `arn` may be a placeholder such as
 * `${Param}` that the template fills in.
 */
export function ecsValueFrom(secret: AwsSecret, arn = awsSecretId(secret)): string {
  switch (secret.store) {
    case 'secretsManager':
      return secretsManagerValueFrom(arn, secret.key);
    case 'ssm':
      return arn;
    default:
      return unhandled(secret, 'AWS secret store');
  }
}

/** The IAM action and resource a role needs to read the secret (ECS task execution roles). */
export function awsGrantOf(secret: AwsSecret): AwsGrant {
  switch (secret.store) {
    case 'secretsManager':
      return secretsManagerGrant;
    case 'ssm':
      return ssmGrant(secret.name);
    default:
      return unhandled(secret, 'AWS secret store');
  }
}

/** The store-level identity of a secret (its ARN or parameter name), shared by every key read from it. */
export function awsSecretId(secret: AwsSecret): string {
  switch (secret.store) {
    case 'secretsManager':
      return secret.arn;
    case 'ssm':
      return secret.name;
    default:
      return unhandled(secret, 'AWS secret store');
  }
}
