import type { AwsSecretsManagerRef } from './awsSecretsManager/ref.js';
import type { AwsSsmRef } from './awsSsm/ref.js';
import type { EnvRef } from './env/ref.js';
import type { FileRef } from './file/ref.js';
import type { KubernetesRef } from './kubernetes/ref.js';

/**
 * Where a customer secret lives; graft only ever handles the reference, never the value. The customer writes
 * `{ <store>: ... }`; the spec loader adds `store`, the discriminant every switch over references uses.
 */
export type SecretRef = EnvRef | FileRef | KubernetesRef | AwsSecretsManagerRef | AwsSsmRef;
