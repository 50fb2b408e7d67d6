import type { AwsSecret } from './secrets.js';

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
