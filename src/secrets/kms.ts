import type { RefProblem } from './types.js';

// a key (not an alias): IAM grants kms:Decrypt on key ARNs; multi-Region keys have mrk- ids
const KMS_KEY_ARN =
  /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/(?:mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The optional customer-managed KMS key of an AWS Secrets Manager secret or SSM parameter. */
export const kmsKeyArnSchema = {
  type: 'string',
  minLength: 1,
  description:
    'The customer-managed KMS key the secret is encrypted with (arn:aws:kms:<region>:<account>:key/<id>); readers are granted kms:Decrypt on it. Omit for the AWS-managed key.',
} as const;

/** A `kmsKeyArn` that is not a KMS key's ARN (an alias, a malformed value) is SPEC_BAD_ARN. */
export function checkKmsKeyArn(kms: unknown, store: 'awsSecretsManager' | 'awsSsm'): RefProblem[] {
  if (typeof kms !== 'string' || KMS_KEY_ARN.test(kms)) return [];
  return [
    {
      code: 'SPEC_BAD_ARN' as const,
      at: [store, 'kmsKeyArn'],
      message: `"${kms}" is not a KMS key ARN`,
      help: 'expected arn:aws:kms:<region>:<account>:key/<key-id> (the key itself, not an alias)',
    },
  ];
}
