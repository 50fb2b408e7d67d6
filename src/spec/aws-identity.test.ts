import { describe, expect, it } from 'vitest';
import { iamSpec, scramSpec } from '../clients/testing.js';
import { awsIdentityOn, specForClientOn } from './aws-identity.js';
import type { CustomerKafka, WorkloadIdentity } from './types.js';

const withIdentity = (workloadIdentity: WorkloadIdentity): CustomerKafka => {
  const spec = iamSpec();
  return {
    ...spec,
    sasl: { mechanism: 'AWS_MSK_IAM', aws: { region: 'eu-west-1', roleArn: 'arn:aws:iam::123456789012:role/app', workloadIdentity } },
  };
};

describe('MSK IAM workload identity per platform', () => {
  it('defaults to the platform: IRSA on Kubernetes, the task or execution role on ECS and Lambda, assumeRole on Compose', () => {
    expect(awsIdentityOn(iamSpec(), 'Kubernetes')).toBe('irsa');
    expect(awsIdentityOn(iamSpec(), 'ECS')).toBe('platformRole');
    expect(awsIdentityOn(iamSpec(), 'Lambda')).toBe('platformRole');
    expect(awsIdentityOn(iamSpec(), 'Compose')).toBe('assumeRole');
    expect(awsIdentityOn(scramSpec(), 'Kubernetes')).toBeUndefined();
  });

  it('follows the spec: EKS Pod Identity on Kubernetes, assumeRole anywhere', () => {
    expect(awsIdentityOn(withIdentity('eksPodIdentity'), 'Kubernetes')).toBe('eksPodIdentity');
    expect(awsIdentityOn(withIdentity('assumeRole'), 'Kubernetes')).toBe('assumeRole');
    expect(awsIdentityOn(withIdentity('assumeRole'), 'ECS')).toBe('assumeRole');
  });

  it('gives clients the role to assume only where they must assume it themselves', () => {
    expect(specForClientOn(iamSpec(), 'Kubernetes').sasl?.aws).toEqual({ region: 'eu-west-1' });
    expect(specForClientOn(iamSpec(), 'ECS').sasl?.aws?.roleArn).toBeUndefined();
    expect(specForClientOn(iamSpec(), 'Compose').sasl?.aws?.roleArn).toBe('arn:aws:iam::123456789012:role/app');
    expect(specForClientOn(withIdentity('assumeRole'), 'Kubernetes').sasl?.aws?.roleArn).toBe('arn:aws:iam::123456789012:role/app');
    const scram = scramSpec();
    expect(specForClientOn(scram, 'Kubernetes')).toBe(scram);
  });
});
