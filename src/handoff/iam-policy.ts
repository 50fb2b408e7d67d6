import type { HandoffModel } from './types.js';
import { clusterNeedOf } from './cluster.js';
import { kmsDecryptStatements } from '../formats/aws/kms.js';
import { awsSecretId, awsSecretOf, type AwsSecret } from '../formats/aws/secrets.js';
import { collectSecrets } from '../spec/rules.js';
import { kafkaClientGrants, type KafkaGrant } from '../formats/aws/iam.js';
import type { CustomerKafka } from '../spec/types.js';

/** The MSK cluster's ARN parts a policy needs. */
export interface MskCluster {
  region: string;
  account: string;
  name: string;
}

/** The MSK cluster's ARN parts the policy needs; the cluster UUID is not in the bootstrap host, so it is a wildcard. */
export function mskClusterOf(spec: Pick<CustomerKafka, 'sasl' | 'bootstrapServers'>): MskCluster {
  const aws = spec.sasl?.aws;
  const account = /^arn:aws[\w-]*:iam::(\d{12}):/.exec(aws?.roleArn ?? '')?.[1] ?? '<account-id>';
  // b-1.<cluster>.<id>.c2.kafka.<region>.amazonaws.com
  const host = spec.bootstrapServers[0]?.split(':')[0] ?? '';
  const name = /^b-\d+\.([^.]+)\./.exec(host)?.[1] ?? '<cluster-name>';
  return { region: aws?.region ?? '<region>', account, name };
}

/** One statement of the policy: a grant's actions on its cluster, topic, group or transactional-id ARNs. */
export function mskStatement(g: KafkaGrant, c: MskCluster): object {
  const base = `arn:aws:kafka:${c.region}:${c.account}`;
  return {
    Sid: g.sid,
    Effect: 'Allow',
    Action: g.actions,
    Resource: g.kind === 'cluster' ? [`${base}:cluster/${c.name}/*`] : g.names.map((n) => `${base}:${g.kind}/${c.name}/*/${n}`),
  };
}

/**
 * An IAM policy for MSK IAM auth with the least privilege the services need: connect to the cluster, the cluster
 * operations and topic creation their families do (`clusterNeedOf`), describe/read/write the topics (one ARN pattern with the prefix, literal ARNs otherwise), the
 * consumer groups, idempotent writes when anything produces, Kafka Streams internal topics under
 * `<application.id>-`, and transactional ids (literal, or a prefix as a wildcard).
 */
export function iamPolicyOf(model: HandoffModel): object {
  const cluster = mskClusterOf(model.spec);
  const { region, account } = cluster;
  const need = {
    produces: model.topics.filter((t) => t.producers.length).map((t) => t.name),
    consumes: model.topics.filter((t) => t.consumers.length).map((t) => t.name),
    groups: model.groups,
    streams: model.streams.map((a) => a.applicationId),
    transactionalIds: model.transactionalIds,
    transactionalIdPrefixes: model.transactionalIdPrefixes,
    ...clusterNeedOf(model),
  };
  const naming = {
    ...(model.spec.topics?.prefix ? { topicPrefix: model.spec.topics.prefix } : {}),
    ...(model.spec.groups?.prefix ? { groupPrefix: model.spec.groups.prefix } : {}),
  };
  // a topic the stack names but neither produces nor consumes (created by a helper) is still described
  const grants = kafkaClientGrants(need, naming);
  const described = grants.find((g) => g.sid === 'DescribeTopics');
  const all = model.topics.map((t) => t.name);
  if (all.length && !described && !need.describesAll)
    grants.splice(1, 0, {
      sid: 'DescribeTopics',
      kind: 'topic',
      names: naming.topicPrefix ? [`${naming.topicPrefix}*`] : all,
      actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:DescribeTopicDynamicConfiguration'],
    });
  else if (described && !naming.topicPrefix && !need.describesAll) described.names = all;
  const statements: object[] = grants.map((g) => mskStatement(g, cluster));
  statements.push(...secretStatements(model, region, account));
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * What reading the spec's AWS secrets takes (a schema registry password, a CA, ...): GetSecretValue / GetParameters on
 * exactly those, kms:Decrypt on the customer-managed keys they are encrypted with, through those services only.
 */
function secretStatements(model: HandoffModel, region: string, account: string): object[] {
  const aws = collectSecrets(model.spec)
    .map((s) => awsSecretOf(s.secretRef))
    .filter((s): s is AwsSecret => s !== undefined);
  const sm = [...new Set(aws.filter((s) => s.store === 'secretsManager').map(awsSecretId))];
  const ssm = [...new Set(aws.filter((s) => s.store === 'ssm').map(awsSecretId))].map((n) =>
    n.startsWith('arn:') ? n : `arn:aws:ssm:${region}:${account}:parameter/${n.replace(/^\//, '')}`,
  );
  const out: object[] = [];
  if (sm.length) out.push({ Sid: 'ReadKafkaSecrets', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: sm });
  if (ssm.length) out.push({ Sid: 'ReadKafkaParameters', Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: ssm });
  kmsDecryptStatements(aws).forEach((k, i) =>
    out.push({ Sid: `DecryptKafkaSecrets${i ? i + 1 : ''}`, ...k, Action: [k.Action], Resource: [k.Resource].flat() }),
  );
  return out;
}

/** `iam-policy.json`, attached to the role the appliance assumes. */
export function renderIamPolicy(model: HandoffModel): string {
  return JSON.stringify(iamPolicyOf(model), null, 2) + '\n';
}
