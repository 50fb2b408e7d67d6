import { checkKmsKeyArn, kmsKeyArnSchema } from '../kms.js';
import type { AwsGrant, SecretStore } from '../types.js';
export type { AwsSsmRef } from './ref.js';

/**
 * What an ECS task execution role needs to read a parameter: GetParameters on its ARN, built from the deployment's
 * partition, region and account and the parameter's name (which may or may not start with `/`).
 */
export function ssmGrant(name: string): AwsGrant {
  return {
    action: 'ssm:GetParameters',
    resource: ({ id, partition, region, account }) =>
      `arn:${partition}:ssm:${region}:${account}:parameter${name.startsWith('/') ? '' : '/'}${id}`,
  };
}

/** An AWS SSM SecureString parameter: ECS reads it by name, External Secrets syncs it into Kubernetes. */
export const awsSsmStore: SecretStore<'awsSsm'> = {
  kind: 'awsSsm',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: { name: { type: 'string', minLength: 1 }, kmsKeyArn: kmsKeyArnSchema },
    description: 'An AWS SSM Parameter Store SecureString parameter.',
  },
  check: (ref) => checkKmsKeyArn(ref.awsSsm?.kmsKeyArn, 'awsSsm'),
  describe: (ref) => `aws ssm ${ref.awsSsm.name}`,
  source: (ref) => JSON.stringify({ awsSsm: ref.awsSsm }),
  compose: () => undefined,
  kubernetes: (ref) => ({ kind: 'sync', remoteRef: { key: ref.awsSsm.name } }),
  aws: ({ awsSsm: { name, kmsKeyArn } }) => ({ store: 'ssm', name, ...(kmsKeyArn ? { kmsKeyArn } : {}) }),
  local: () => undefined,
  handoff: {
    phase: 1,
    group: (ref) => ref.awsSsm.name,
    // file:// reads the file's bytes: nothing adds a newline, no character of a value is the shell's
    commands: (group, ctx) =>
      group.map(
        (s) =>
          `aws ssm put-parameter --name ${s.secretRef.awsSsm.name} --type SecureString${s.secretRef.awsSsm.kmsKeyArn ? ` --key-id ${s.secretRef.awsSsm.kmsKeyArn}` : ''} --value file://${ctx.file(s)}`,
      ),
    // --overwrite replaces the value; the key is named again, or SSM encrypts the new version with the account's default
    updates: (group, ctx) =>
      group.map(
        (s) =>
          `aws ssm put-parameter --name ${s.secretRef.awsSsm.name} --type SecureString${s.secretRef.awsSsm.kmsKeyArn ? ` --key-id ${s.secretRef.awsSsm.kmsKeyArn}` : ''} --overwrite --value file://${ctx.file(s)}`,
      ),
  },
};
