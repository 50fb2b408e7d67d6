import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CheckTimeout, errorText, type CheckContext, type StepResult, type StepScope } from '../context.js';

const CREDENTIAL_VARS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
];

/** Whether AWS credentials are visible here without asking any endpoint (env, profile files, IRSA, Pod Identity). */
export function hasAwsCredentials(env: Readonly<Record<string, string | undefined>>): boolean {
  if (CREDENTIAL_VARS.some((v) => env[v])) return true;
  const home = env['HOME'];
  return home !== undefined && (existsSync(join(home, '.aws', 'credentials')) || existsSync(join(home, '.aws', 'config')));
}

/** Signs an MSK IAM token (aws-msk-iam-sasl-signer-js) with the spec's role and region; skipped without AWS credentials. */
export async function probeMskIam(ctx: CheckContext, s: StepScope): Promise<StepResult<string>> {
  const aws = ctx.spec.sasl?.aws;
  const span = ctx.specSpan(['sasl', 'aws']);
  if (!aws) return { detail: 'no aws settings', skipped: true };
  // without credentials the SDK would probe the EC2 instance metadata endpoint: ask nothing, say so
  if (!hasAwsCredentials(ctx.env)) {
    s.warn(
      'CHECK_MSK_IAM_SKIPPED',
      `no AWS credentials here, so no MSK IAM token was signed for ${aws.roleArn ?? 'the default identity'}; authentication was not checked`,
      'run graft check where the deployment runs (its IAM role), or with AWS_PROFILE / AWS_ACCESS_KEY_ID set for a principal that may assume the role',
      span,
    );
    return { detail: 'skipped: no AWS credentials', skipped: true };
  }
  const signer = await import('aws-msk-iam-sasl-signer-js');
  try {
    const res = await ctx.timed(
      aws.roleArn
        ? signer.generateAuthTokenFromRole({ region: aws.region, awsRoleArn: aws.roleArn, awsRoleSessionName: 'graft-check' })
        : signer.generateAuthToken({ region: aws.region }),
      `signing an MSK IAM token in ${aws.region}`,
    );
    ctx.stats.http += aws.roleArn ? 1 : 0;
    const lifetime = Math.round((res.expiryTime - Date.now()) / 1000);
    return { detail: `signed for ${aws.roleArn ?? 'the default identity'} in ${aws.region}, valid ${lifetime} s`, value: res.token };
  } catch (e) {
    if (e instanceof CheckTimeout) throw e;
    s.error(
      'CHECK_MSK_IAM_TOKEN_FAILED',
      `no MSK IAM token could be signed${aws.roleArn ? ` as ${aws.roleArn}` : ''} in ${aws.region}: ${errorText(e)}`,
      aws.roleArn
        ? "the identity here must be allowed sts:AssumeRole on the role (check the role's trust policy)"
        : 'check the AWS credentials available here',
      span,
    );
    return { detail: 'signing failed' };
  }
}
