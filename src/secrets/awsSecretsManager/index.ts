import { checkKmsKeyArn, kmsKeyArnSchema } from '../kms.js';
import type { AwsGrant, RefProblem, SecretStore } from '../types.js';
export type { AwsSecretsManagerRef } from './ref.js';

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+$/;

/** What an ECS task execution role needs to read a Secrets Manager secret: GetSecretValue on its ARN. */
export const secretsManagerGrant: AwsGrant = { action: 'secretsmanager:GetSecretValue', resource: ({ id }) => id };

/**
 * The `valueFrom` of an ECS container secret: the secret's ARN, or `<arn>:<json-key>::` for one key of a JSON secret
 * (version stage and id left to AWSCURRENT); `arn` may be a placeholder the template fills in.
 */
export function secretsManagerValueFrom(arn: string, key: string | undefined): string {
  return key === undefined ? arn : `${arn}:${key}::`;
}

/** The secret's name, from its ARN without the six characters Secrets Manager appends. */
function secretNameOf(arn: string): string {
  return (arn.split(':')[6] ?? arn).replace(/-[A-Za-z0-9]{6}$/, '');
}

/** An AWS Secrets Manager secret: ECS and Lambda read it by ARN, External Secrets syncs it into Kubernetes. */
export const awsSecretsManagerStore: SecretStore<'awsSecretsManager'> = {
  kind: 'awsSecretsManager',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['arn'],
    properties: { arn: { type: 'string', minLength: 1 }, key: { type: 'string', minLength: 1 }, kmsKeyArn: kmsKeyArnSchema },
    description: 'An AWS Secrets Manager secret, optionally one JSON key of it.',
  },
  check: (ref): RefProblem[] => [
    ...(typeof ref.awsSecretsManager?.arn === 'string' && !SECRET_ARN.test(ref.awsSecretsManager.arn)
      ? [
          {
            code: 'SPEC_BAD_ARN' as const,
            at: ['awsSecretsManager', 'arn'],
            message: `"${ref.awsSecretsManager.arn}" is not a Secrets Manager secret ARN`,
            help: 'expected arn:aws:secretsmanager:<region>:<account>:secret:<name>',
          },
        ]
      : []),
    ...checkKmsKeyArn(ref.awsSecretsManager?.kmsKeyArn, 'awsSecretsManager'),
  ],
  describe: ({ awsSecretsManager: { arn, key } }) => `aws secrets manager ${arn}${key ? `#${key}` : ''}`,
  source: (ref) => JSON.stringify({ awsSecretsManager: ref.awsSecretsManager }),
  compose: () => undefined,
  kubernetes: ({ awsSecretsManager: { arn, key } }) => ({ kind: 'sync', remoteRef: key ? { key: arn, property: key } : { key: arn } }),
  aws: ({ awsSecretsManager: { arn, key, kmsKeyArn } }) => ({
    store: 'secretsManager',
    arn,
    ...(key !== undefined ? { key } : {}),
    ...(kmsKeyArn ? { kmsKeyArn } : {}),
  }),
  local: () => undefined,
  handoff: {
    phase: 1,
    group: (ref) => ref.awsSecretsManager.arn,
    // one secret, one command: every key the spec reads from it goes into the same JSON document
    commands: (group, ctx) => {
      const first = group[0];
      if (!first) return [];
      const arn = first.secretRef.awsSecretsManager.arn;
      const keys = [
        ...new Map(
          group.flatMap((s) => (s.secretRef.awsSecretsManager.key ? [[s.secretRef.awsSecretsManager.key, s] as const] : [])),
        ).entries(),
      ];
      const parts = arn.split(':');
      const name = secretNameOf(arn);
      // a JSON secret's document is built by jq into a file, without a final newline (-j), from the value files' bytes,
      // each escaped as JSON (a " or \ or a PEM's line breaks typed between JSON quotes would break it); file:// reads
      // a file's bytes: nothing adds a newline, no character of a value is the shell's
      const json = `${name.replace(/[^\w.-]/g, '_')}.json`;
      const string = `file://${keys.length ? json : ctx.file(first)}`;
      // encrypted with the customer-managed key the spec names (the readers are granted kms:Decrypt on it)
      const kms = group.find((s) => s.secretRef.awsSecretsManager.kmsKeyArn)?.secretRef.awsSecretsManager.kmsKeyArn;
      return [
        ...(keys.length
          ? [
              `jq -cjn ${keys.map(([, s], i) => `--rawfile v${i} ${ctx.file(s)}`).join(' ')} '${`{${keys.map(([k], i) => `${JSON.stringify(k)}:$v${i}`).join(',')}}`.replace(/'/g, `'\\''`)}' > ${json}`,
            ]
          : []),
        `aws secretsmanager create-secret --region ${parts[3] ?? '<region>'} --name ${name}${kms ? ` --kms-key-id ${kms}` : ''} --secret-string ${string}`,
      ];
    },
    // put-secret-value replaces the whole secret: a JSON secret gets every key in one document, which jq builds from
    // the value files (escaped as JSON, each file's bytes as they are), and the CLI reads from a file
    updates: (group, ctx) => {
      const first = group[0];
      if (!first) return [];
      const arn = first.secretRef.awsSecretsManager.arn;
      const region = arn.split(':')[3] ?? '<region>';
      const keys = [
        ...new Map(
          group.flatMap((s) => (s.secretRef.awsSecretsManager.key ? [[s.secretRef.awsSecretsManager.key, s] as const] : [])),
        ).entries(),
      ];
      const put = (file: string): string =>
        `aws secretsmanager put-secret-value --region ${region} --secret-id ${arn} --secret-string file://${file}`;
      if (keys.length === 0) return [put(ctx.file(first))];
      const json = `${secretNameOf(arn).replace(/[^\w.-]/g, '_')}.json`;
      const files = keys.map(([, s], i) => `--rawfile v${i} ${ctx.file(s)}`).join(' ');
      const object = `{${keys.map(([k], i) => `${JSON.stringify(k)}:$v${i}`).join(',')}}`;
      return [`jq -cjn ${files} '${object.replace(/'/g, `'\\''`)}' > ${json}`, put(json)];
    },
  },
};
