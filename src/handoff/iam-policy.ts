import type { HandoffModel } from './types.js';

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
  const tp = model.spec.topics?.prefix;
  const gp = model.spec.groups?.prefix;
  const topicArns = (ts: string[]): string[] => (tp ? [`${base}:topic/${name}/*/${tp}*`] : ts.map((t) => `${base}:topic/${name}/*/${t}`));
  const statements: object[] = [];
  const producers = model.topics.filter((t) => t.producers.length).map((t) => t.name);
  const consumers = model.topics.filter((t) => t.consumers.length).map((t) => t.name);
  statements.push({
    Sid: 'Connect',
    Effect: 'Allow',
    Action: [
      'kafka-cluster:Connect',
      'kafka-cluster:DescribeCluster',
      ...(producers.length ? ['kafka-cluster:WriteDataIdempotently'] : []),
    ],
    Resource: [`${base}:cluster/${name}/*`],
  });
  if (model.topics.length)
    statements.push({
      Sid: 'DescribeTopics',
      Effect: 'Allow',
      Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:DescribeTopicDynamicConfiguration'],
      Resource: topicArns(model.topics.map((t) => t.name)),
    });
  if (consumers.length)
    statements.push({ Sid: 'Consume', Effect: 'Allow', Action: ['kafka-cluster:ReadData'], Resource: topicArns(consumers) });
  if (producers.length)
    statements.push({ Sid: 'Produce', Effect: 'Allow', Action: ['kafka-cluster:WriteData'], Resource: topicArns(producers) });
  if (model.groups.length)
    statements.push({
      Sid: 'ConsumerGroups',
      Effect: 'Allow',
      Action: ['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup'],
      Resource: gp ? [`${base}:group/${name}/*/${gp}*`] : model.groups.map((g) => `${base}:group/${name}/*/${g}`),
    });
  if (model.streams.length)
    statements.push({
      Sid: 'StreamsInternalTopics',
      Effect: 'Allow',
      Action: [
        'kafka-cluster:CreateTopic',
        'kafka-cluster:DeleteTopic',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:DescribeTopicDynamicConfiguration',
        'kafka-cluster:ReadData',
        'kafka-cluster:WriteData',
      ],
      Resource: model.streams.map((a) => `${base}:topic/${name}/*/${a.applicationId}-*`),
    });
  if (model.transactionalIds.length || model.transactionalIdPrefixes.length)
    statements.push({
      Sid: 'Transactions',
      Effect: 'Allow',
      Action: ['kafka-cluster:AlterTransactionalId', 'kafka-cluster:DescribeTransactionalId'],
      Resource: [
        ...model.transactionalIds.map((id) => `${base}:transactional-id/${name}/*/${id}`),
        ...model.transactionalIdPrefixes.map((p) => `${base}:transactional-id/${name}/*/${p}*`),
      ],
    });
  return { Version: '2012-10-17', Statement: statements };
}

/** `iam-policy.json`, attached to the role the appliance assumes. */
export function renderIamPolicy(model: HandoffModel): string {
  return JSON.stringify(iamPolicyOf(model), null, 2) + '\n';
}
