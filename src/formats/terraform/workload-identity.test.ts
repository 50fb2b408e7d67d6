import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../compile/pipeline.js';
import { prepareFormats } from '../index.js';

await prepareFormats();

const CASE = join(import.meta.dirname, 'cases', 'k8s-provider-default-sa');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Compiles the default-ServiceAccount case, its main.tf edited by `edit`, for `identity`; returns main.tf and the facts. */
function compile(identity: 'irsa' | 'eksPodIdentity', edit: (tf: string) => string = (tf) => tf) {
  const dir = mkdtempSync(join(tmpdir(), 'graft-tf-sa-'));
  dirs.push(dir);
  cpSync(join(CASE, 'input'), join(dir, 'input'), { recursive: true });
  writeFileSync(join(dir, 'input', 'main.tf'), edit(readFileSync(join(dir, 'input', 'main.tf'), 'utf8')));
  const spec = readFileSync(join(CASE, 'kafka.yaml'), 'utf8').replace(
    'region: us-east-1,',
    `region: us-east-1, workloadIdentity: ${identity},`,
  );
  writeFileSync(join(dir, 'kafka.yaml'), spec);
  const result = compileStack({ stack: join(dir, 'input'), spec: join(dir, 'kafka.yaml') });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const main = result.files.find((f) => f.path === 'main.tf')?.content.toString('utf8') ?? '';
  return { main, accounts: result.facts?.().workloadAccounts ?? [] };
}

describe('Terraform Kubernetes-provider workloads that ran as default, on MSK IAM', () => {
  it('EKS Pod Identity: each gets a ServiceAccount of its own, without the IRSA annotation, for its association', () => {
    const { main, accounts } = compile('eksPodIdentity');
    expect(main).toContain('resource "kubernetes_service_account_v1" "graft_kafka_audit" {');
    expect(main).toContain('resource "kubernetes_service_account" "graft_kafka_billing" {');
    expect(main).not.toContain('eks.amazonaws.com/role-arn');
    expect(main).toContain('service_account_name = kubernetes_service_account.graft_kafka_billing.metadata[0].name');
    expect(main).not.toContain('service_account_name = "default"');
    // the namespace `kubernetes_namespace_v1.shop.metadata[0].name` is the module's namespace resource's name
    expect(accounts).toEqual([
      { workload: 'kubernetes_deployment_v1.audit', namespace: 'shop', serviceAccount: 'audit-kafka', state: 'created' },
      { workload: 'kubernetes_stateful_set.billing', namespace: 'finance', serviceAccount: 'billing-kafka', state: 'created' },
    ]);
  });

  it('a label the module already uses is not taken again', () => {
    const taken = 'resource "kubernetes_service_account_v1" "graft_kafka_audit" {\n  metadata {\n    name = "audit-ops"\n  }\n}\n';
    const { main } = compile('irsa', (tf) => tf + '\n' + taken);
    expect(main.match(/"graft_kafka_audit"/g)).toHaveLength(1);
    expect(main).toContain('resource "kubernetes_service_account_v1" "graft_kafka_deployment_audit" {');
    expect(main).toContain('service_account_name = kubernetes_service_account_v1.graft_kafka_deployment_audit.metadata[0].name');
  });

  it('an attribute first in the pod spec stays apart from the one graft adds', () => {
    const { main } = compile('irsa', (tf) =>
      tf.replace(
        '      spec {\n        container {\n          name  = "audit"',
        '      spec {\n        restart_policy = "Always"\n        container {\n          name  = "audit"',
      ),
    );
    expect(main).toContain(
      '        service_account_name = kubernetes_service_account_v1.graft_kafka_audit.metadata[0].name\n\n        restart_policy = "Always"\n',
    );
  });
});
