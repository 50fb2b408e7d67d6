import type { HandoffModel } from './types.js';
import { kmsDecryptStatements } from '../formats/aws/kms.js';
import { awsSecretId, awsSecretOf, type AwsSecret } from '../formats/aws/secrets.js';
import { collectSecrets } from '../spec/rules.js';
import { kafkaClientGrants } from '../formats/aws/iam.js';

/** The MSK cluster's ARN parts the policy needs; the cluster UUID is not in the bootstrap host, so it is a wildcard. */
function clusterOf(model: HandoffModel): { region: string; account: string; name: string } {
  const aws = model.spec.sasl?.aws;
  const account = /^arn:aws[\w-]*:iam::(\d{12}):/.exec(aws?.roleArn ?? '')?.[1] ?? '<account-id>';
  // b-1.<cluster>.<id>.c2.kafka.<region>.amazonaws.com
  const host = model.spec.bootstrapServers[0]?.split(':')[0] ?? '';
  const name = /^b-\d+\.([^.]+)\./.exec(host)?.[1] ?? '<cluster-name>';
  return { region: aws?.region ?? '<region>', account, name };
}

/**
 * An IAM policy for MSK IAM auth with the least privilege the services need: connect to the cluster,
 * describe/read/write the topics (one ARN pattern with the prefix, literal ARNs otherwise), the
 * consumer groups, idempotent writes when anything produces, Kafka Streams internal topics under
 * `<application.id>-`, and transactional ids (literal, or a prefix as a wildcard).
 */
export function iamPolicyOf(model: HandoffModel): object {
  const { region, account, name } = clusterOf(model);
  const base = `arn:aws:kafka:${region}:${account}`;
  const need = {
    produces: model.topics.filter((t) => t.producers.length).map((t) => t.name),
    consumes: model.topics.filter((t) => t.consumers.length).map((t) => t.name),
    groups: model.groups,
    streams: model.streams.map((a) => a.applicationId),
    transactionalIds: model.transactionalIds,
    transactionalIdPrefixes: model.transactionalIdPrefixes,
  };
  const naming = {
    ...(model.spec.topics?.prefix ? { topicPrefix: model.spec.topics.prefix } : {}),
    ...(model.spec.groups?.prefix ? { groupPrefix: model.spec.groups.prefix } : {}),
  };
  // a topic the stack names but neither produces nor consumes (created by a helper) is still described
  const grants = kafkaClientGrants(need, naming);
  const described = grants.find((g) => g.sid === 'DescribeTopics');
  const all = model.topics.map((t) => t.name);
  if (all.length && !described)
    grants.splice(1, 0, {
      sid: 'DescribeTopics',
      kind: 'topic',
      names: naming.topicPrefix ? [`${naming.topicPrefix}*`] : all,
      actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:DescribeTopicDynamicConfiguration'],
    });
  else if (described && !naming.topicPrefix) described.names = all;
  const statements: object[] = grants.map((g) => ({
    Sid: g.sid,
    Effect: 'Allow',
    Action: g.actions,
    Resource: g.kind === 'cluster' ? [`${base}:cluster/${name}/*`] : g.names.map((n) => `${base}:${g.kind}/${name}/*/${n}`),
  }));
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
