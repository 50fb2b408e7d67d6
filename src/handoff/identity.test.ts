import { describe, expect, it } from 'vitest';
import { compileCase } from '../../tests/support/handoff.js';
import { identitySection, identitySummary } from './identity.js';
import { inferHandoff } from './model.js';

/** The identity section's line about one task, and its attach commands. */
function ecsIdentity(from: string): { line: (task: string) => string; attach: string[] } {
  const model = inferHandoff(compileCase(from));
  if (!model) throw new Error(`${from} does not compile`);
  const lines = identitySection(model);
  return {
    line: (task) => lines.find((l) => l.startsWith(`  - ${task}: `)) ?? '',
    attach: lines.filter((l) => l.includes('aws iam put-role-policy')),
  };
}

describe('MSK IAM on ECS: the handoff says per task what graft granted and what is left', () => {
  it('CloudFormation: the role graft granted needs nothing; a role from outside, or none, gets the attach command', () => {
    const { line, attach } = ecsIdentity('formats/cloudformation/cases/ecs-task-role-iam');
    expect(line('OrdersTask')).toContain('graft granted its task role `OrdersTaskRole`');
    expect(line('OrdersTask')).toContain('policy `GraftKafkaClusterAccessOrdersTask`');
    expect(line('OrdersTask')).toContain('nothing to attach');
    expect(line('AuditTask')).toContain('comes from outside the stack');
    expect(line('ReportsTask')).toContain("container instance's role");
    expect(attach).toHaveLength(2);
    expect(attach.some((l) => l.includes('OrdersTask'))).toBe(false);
    expect(attach.some((l) => l.includes("'<task role of AuditTask>'"))).toBe(true);
    expect(attach.some((l) => l.includes("'<container instance role of ReportsTask>'"))).toBe(true);
  });

  it('Terraform: the aws_iam_role_policy graft wrote is named; only the role from a variable is attached to', () => {
    const { line, attach } = ecsIdentity('formats/terraform/cases/ecs-task-role-iam');
    expect(line('aws_ecs_task_definition.orders')).toContain(
      'graft granted its task role `aws_iam_role.orders_task` exactly the Kafka access the task needs (policy `aws_iam_role_policy.graft_kafka_cluster_orders`',
    );
    expect(line('aws_ecs_task_definition.audit')).toContain('(`var.audit_task_role_arn`) comes from outside the stack');
    expect(attach).toEqual([
      "  aws iam put-role-policy --role-name '<task role of aws_ecs_task_definition.audit>' --policy-name GraftKafkaClusterAccess --policy-document file://iam-policy.json",
    ]);
  });
});

describe('MSK IAM: what is left to do says exactly what graft did not', () => {
  const modelOf = (from: string): NonNullable<ReturnType<typeof inferHandoff>> => {
    const model = inferHandoff(compileCase(from));
    if (!model) throw new Error(`${from} does not compile`);
    return model;
  };

  it('ECS: only the roles graft could not grant are named, never the spec role nor a granted task role', () => {
    const summary = identitySummary(modelOf('formats/cloudformation/cases/ecs-task-role-iam'));
    expect(summary).toBe(
      'What is left to do: attach `iam-policy.json` to the task role of AuditTask and the container instance role of ReportsTask',
    );
    expect(identitySummary(modelOf('formats/terraform/cases/ecs-task-role-iam'))).toBe(
      'What is left to do: attach `iam-policy.json` to the task role of aws_ecs_task_definition.audit',
    );
  });

  it('Lambda: a role graft granted leaves nothing; statements graft repointed but short of an action name it', () => {
    const granted = modelOf('formats/cloudformation/cases/esm-iam');
    expect(granted.sourceRoles.map((g) => g.state)).toEqual(['granted']);
    expect(identitySummary(granted)).toMatch(/^Nothing is left to do: graft granted the role of every workload/);
    expect(identitySection(granted).join('\n')).not.toContain('put-role-policy');
    const allowed = modelOf('formats/cloudformation/cases/sam-msk-event-iam');
    expect(allowed.sourceRoles).toEqual([
      expect.objectContaining({ state: 'allowed', missing: ['kafka-cluster:DescribeClusterDynamicConfiguration'] }),
    ]);
    expect(identitySummary(allowed)).toBe(
      'What is left to do: extend the policies of the execution role of Handler event Orders in the stack',
    );
    expect(identitySection(allowed).join('\n')).toContain('do not name `kafka-cluster:DescribeClusterDynamicConfiguration`');
  });

  it('Kubernetes and Compose: the spec role gets the policy and the workloads act as it', () => {
    expect(identitySummary(modelOf('formats/kubernetes/cases/msk-iam-irsa'))).toBe(
      'What is left to do: attach `iam-policy.json` to `arn:aws:iam::123456789012:role/shop-kafka`; let the Kubernetes workloads act as `arn:aws:iam::123456789012:role/shop-kafka`',
    );
  });
});

describe('Terraform: ServiceAccount and namespace expressions', () => {
  it('resolves locals, variable defaults and a namespace resource, and says why the rest is unknown', () => {
    const model = inferHandoff(compileCase('formats/terraform/cases/k8s-provider-irsa-expressions'));
    if (!model) throw new Error('no model');
    const by = (w: string) => model.workloadAccounts.find((a) => a.workload === w);
    expect(by('kubernetes_deployment_v1.orders')).toEqual({
      workload: 'kubernetes_deployment_v1.orders',
      namespace: 'shop',
      serviceAccount: 'orders-app',
      state: 'external',
    });
    expect(by('kubernetes_deployment_v1.reporting')).toMatchObject({
      namespace: 'analytics',
      unresolved: { serviceAccount: expect.stringContaining('`var.reporting_service_account` has no default') as unknown },
    });
    expect(by('kubernetes_deployment_v1.audit')?.unresolved).toEqual({
      namespace: '`terraform.workspace` is only known when Terraform evaluates it',
    });
    const text = identitySection(model).join('\n');
    expect(text).toContain('kubectl annotate serviceaccount/orders-app -n shop ');
    expect(text).not.toContain('serviceaccount/var.');
    expect(text).toContain('Not known before `terraform apply`:');
  });
});

describe('MSK IAM with Lambda on Terraform: the handoff says per event source what graft granted and what is left', () => {
  it('the role graft granted needs nothing; a role already reading Kafka data is extended; a role from a variable is attached to', () => {
    const model = inferHandoff(compileCase('formats/terraform/cases/lambda-msk-iam'));
    if (!model) throw new Error('lambda-msk-iam does not compile');
    const states = model.sourceRoles.map((g) => [g.source.name, g.state, g.role, g.policy ?? g.missing?.join(' ')]);
    expect(states).toEqual([
      ['aws_lambda_event_source_mapping.audit', 'granted', 'aws_iam_role.audit', 'aws_iam_role_policy.graft_kafka_poller_audit'],
      [
        'aws_lambda_event_source_mapping.billing',
        'allowed',
        'aws_iam_role.billing',
        'kafka-cluster:DescribeGroup kafka-cluster:AlterGroup',
      ],
      ['aws_lambda_event_source_mapping.reports', 'ungranted', 'var.reports_role_arn', undefined],
    ]);
    const lines = identitySection(model);
    const line = (source: string): string => lines.find((l) => l.startsWith(`  - ${source}: `)) ?? '';
    expect(line('aws_lambda_event_source_mapping.audit')).toContain('nothing to attach');
    expect(line('aws_lambda_event_source_mapping.billing')).toContain('`kafka-cluster:DescribeGroup`, `kafka-cluster:AlterGroup`');
    expect(lines.filter((l) => l.includes('aws iam put-role-policy'))).toEqual([
      "  aws iam put-role-policy --role-name '<execution role of aws_lambda_event_source_mapping.reports>' --policy-name GraftKafkaClusterAccess --policy-document file://iam-policy.json",
    ]);
    expect(identitySummary(model)).not.toContain('aws_lambda_event_source_mapping.audit');
  });
});
