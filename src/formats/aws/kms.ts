import { awsSecretId, type AwsSecret } from './secrets.js';

/** An IAM statement graft writes, as plain data (CloudFormation writes it as is, Terraform through jsonencode). */
export interface IamStatement {
  Effect: 'Allow';
  Action: string;
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/**
 * `kms:Decrypt` on each customer-managed key the secrets name, only through the service that stores them
 * (`kms:ViaService` = `secretsmanager.<region>.amazonaws.com` / `ssm.<region>.amazonaws.com`, the key's region): a
 * reader of a secret encrypted with such a key needs it besides the read itself; secrets under the AWS-managed key need
 * nothing. One statement per key, in the order the keys first appear.
 */
export function kmsDecryptStatements(secrets: readonly AwsSecret[]): IamStatement[] {
  const byKey = new Map<string, Set<string>>();
  for (const s of secrets) {
    if (!s.kmsKeyArn) continue;
    const services = byKey.get(s.kmsKeyArn) ?? new Set<string>();
    byKey.set(s.kmsKeyArn, services);
    services.add(s.store === 'secretsManager' ? 'secretsmanager' : 'ssm');
  }
  return [...byKey].map(([key, services]) => {
    const [, partition = 'aws', , region = ''] = key.split(':');
    const domain = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
    const via = [...services].sort().map((s) => `${s}.${region}.${domain}`);
    return {
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: key,
      Condition: { StringEquals: { 'kms:ViaService': via.length === 1 ? via[0] : via } },
    };
  });
}

/**
 * The reads a role needs for these secrets, as one sentence for a diagnostic or the handoff: GetSecretValue on the
 * secrets' ARNs, GetParameters on the parameters, kms:Decrypt on their customer-managed keys.
 */
export function describeSecretReads(secrets: readonly AwsSecret[]): string {
  const sm = [...new Set(secrets.filter((s) => s.store === 'secretsManager').map(awsSecretId))];
  const ssm = [...new Set(secrets.filter((s) => s.store === 'ssm').map(awsSecretId))];
  const out: string[] = [];
  if (sm.length) out.push(`secretsmanager:GetSecretValue on ${sm.join(', ')}`);
  if (ssm.length) out.push(`ssm:GetParameters on the parameter${ssm.length > 1 ? 's' : ''} ${ssm.join(', ')}`);
  for (const k of kmsDecryptStatements(secrets))
    out.push(`kms:Decrypt on ${String(k.Resource)} (via ${[k.Condition?.['StringEquals']?.['kms:ViaService'] ?? []].flat().join(', ')})`);
  return out.join('; ');
}
