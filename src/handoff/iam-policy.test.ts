import { describe, expect, it } from 'vitest';
import { compileCase, HANDOFF_CASES } from '../../tests/support/handoff.js';
import { globMatches } from '../formats/aws/iam-policy.js';
import { grantsOf, type AclGrant } from './acls.js';
import { iamPolicyOf, mskClusterOf } from './iam-policy.js';
import { inferHandoff } from './model.js';
import type { HandoffModel } from './types.js';

// What the workloads do on the cluster is what the handoff's ACLs grant (acls.sh, the grants the live conformance
// matrix runs every family against): `iam-policy.json` must allow each of those operations under MSK IAM, as Amazon
// MSK maps Kafka operations to kafka-cluster actions ("Semantics of IAM authorization policy actions and resources",
// written out here, not read from graft's table), and allow nothing those operations do not need.

type Kind = AclGrant['resourceType'];

/** The kafka-cluster actions MSK checks for one Kafka operation on a resource of this kind, and the kind they name. */
const MSK: Record<Kind, Record<string, { actions: string[]; on?: Kind }>> = {
  topic: {
    Describe: { actions: ['kafka-cluster:DescribeTopic'] },
    DescribeConfigs: { actions: ['kafka-cluster:DescribeTopicDynamicConfiguration'] },
    Read: { actions: ['kafka-cluster:ReadData', 'kafka-cluster:DescribeTopic'] },
    Write: { actions: ['kafka-cluster:WriteData', 'kafka-cluster:DescribeTopic'] },
    Create: { actions: ['kafka-cluster:CreateTopic'] },
    Delete: { actions: ['kafka-cluster:DeleteTopic'] },
    Alter: { actions: ['kafka-cluster:AlterTopic'] },
    AlterConfigs: { actions: ['kafka-cluster:AlterTopicDynamicConfiguration'] },
  },
  group: {
    Read: { actions: ['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup'] },
    Describe: { actions: ['kafka-cluster:DescribeGroup'] },
    Delete: { actions: ['kafka-cluster:DeleteGroup'] },
  },
  'transactional-id': {
    Write: { actions: ['kafka-cluster:AlterTransactionalId', 'kafka-cluster:DescribeTransactionalId'] },
    Describe: { actions: ['kafka-cluster:DescribeTransactionalId'] },
  },
  cluster: {
    Describe: { actions: ['kafka-cluster:DescribeCluster'] },
    DescribeConfigs: { actions: ['kafka-cluster:DescribeClusterDynamicConfiguration'] },
    Alter: { actions: ['kafka-cluster:AlterCluster', 'kafka-cluster:DescribeCluster'] },
    AlterConfigs: { actions: ['kafka-cluster:AlterClusterDynamicConfiguration', 'kafka-cluster:DescribeClusterDynamicConfiguration'] },
    // creating topics is authorized on each topic, not on the cluster
    Create: { actions: ['kafka-cluster:CreateTopic'], on: 'topic' },
  },
};

interface Statement {
  Effect: string;
  Action: string[];
  Resource: string[];
}

/** One ARN of a resource an ACL covers: the name itself, a name under its prefix, any name for the wildcard `*`. */
function arnOf(model: HandoffModel, kind: Kind, g: AclGrant): string {
  const c = mskClusterOf(model.spec);
  const base = `arn:aws:kafka:${c.region}:${c.account}`;
  if (kind === 'cluster') return `${base}:cluster/${c.name}/0f1e2d3c-uuid`;
  const name = g.resourceType === 'cluster' || g.name === '*' ? 'any-name-at-all' : g.pattern === 'prefixed' ? `${g.name}any-name` : g.name;
  return `${base}:${kind}/${c.name}/0f1e2d3c-uuid/${name}`;
}

const allows = (statements: readonly Statement[], action: string, arn: string): boolean =>
  statements.some(
    (s) => s.Effect === 'Allow' && s.Action.some((a) => globMatches(a, action, true)) && s.Resource.some((r) => globMatches(r, arn)),
  );

/** The handoff model of a case, its customer on MSK IAM (the ACLs and the policy come from the same model). */
function iamModel(from: string): HandoffModel {
  const model = inferHandoff(compileCase(from));
  if (!model) throw new Error(`${from} does not compile`);
  if (model.spec.sasl?.mechanism === 'AWS_MSK_IAM') return model;
  return {
    ...model,
    spec: {
      ...model.spec,
      bootstrapServers: ['b-1.prod.abc123.c2.kafka.us-east-1.amazonaws.com:9098'],
      sasl: { mechanism: 'AWS_MSK_IAM', aws: { region: 'us-east-1', roleArn: 'arn:aws:iam::123456789012:role/appliance' } },
    },
  };
}

describe("iam-policy.json allows what the workloads do, as the handoff's ACLs grant it, and nothing more", () => {
  // every MSK IAM case, and the cases whose workloads do more than produce and consume (Kafka Streams and transactions;
  // a Connect worker creating its topics), their customer moved to MSK IAM
  const cases = Object.entries(HANDOFF_CASES).filter(
    ([name]) => /iam/.test(name) || name === 'compose-streams-transactions' || name === 'k8s-strimzi-kraft',
  );
  it('covers the MSK IAM cases', () => expect(cases.length).toBeGreaterThanOrEqual(9));
  for (const [name, from] of cases)
    it(name, () => {
      const model = iamModel(from);
      const statements = (iamPolicyOf(model) as { Statement: Statement[] }).Statement;
      const acls = grantsOf(model);
      const needed = new Set(['kafka-cluster:Connect']);
      const missing: string[] = [];
      const need = (action: string, arn: string, why: string): void => {
        needed.add(action);
        if (!allows(statements, action, arn)) missing.push(`${action} on ${arn} (${why})`);
      };
      need('kafka-cluster:Connect', arnOf(model, 'cluster', acls[0] ?? ({} as AclGrant)), 'every request');
      for (const g of acls) {
        const m = MSK[g.resourceType][g.operation];
        if (!m) {
          missing.push(`no MSK mapping for ${g.operation} on ${g.resourceType}`);
          continue;
        }
        for (const action of m.actions) need(action, arnOf(model, m.on ?? g.resourceType, g), `${g.operation} ${g.resourceType} ${g.name}`);
        // WRITE allows the idempotent producer in Kafka (KIP-679); MSK asks for WriteDataIdempotently on the cluster
        if (g.operation === 'Write' && g.resourceType !== 'group')
          need('kafka-cluster:WriteDataIdempotently', arnOf(model, 'cluster', g), `idempotent ${g.resourceType} ${g.name}`);
      }
      expect(missing).toEqual([]);
      // nothing beyond: every kafka-cluster action the policy allows is one those operations need (DescribeCluster,
      // which the policy gives every client, aside)
      const allowed = new Set(statements.flatMap((s) => s.Action).filter((a) => a.startsWith('kafka-cluster:')));
      expect([...allowed].filter((a) => !needed.has(a) && a !== 'kafka-cluster:DescribeCluster').sort()).toEqual([]);
      expect([...allowed].some((a) => a.includes('*'))).toBe(false);
    });
});
