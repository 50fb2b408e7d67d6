import { describe, expect, it } from 'vitest';
import { compileCase } from '../../tests/support/handoff.js';
import { identitySection } from './identity.js';
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
