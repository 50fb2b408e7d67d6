import { describe, expect, it } from 'vitest';
import type { CustomerKafka, SecretValue } from '../../spec/types.js';
import { kafkaActionFate, kafkaActionKinds, kafkaClientGrants, MSK_CLUSTER_ACTIONS } from './iam.js';
import { clientNeed } from '../../naming/uses.js';
import { isPrivateBootstrap, lambdaBootstrapServers, lambdaSourceAccess } from './lambda-kafka.js';
import { isMskBrokerList, mskNamePatterns, mskResourceArn, parseMskClusterArn } from './msk-arn.js';
import { awsSecretOf, ecsValueFrom } from './secrets.js';

const span = { file: 'kafka.yaml', start: 0, end: 0 };
const sm = (path: string, arn: string, key?: string): SecretValue => ({
  path,
  span,
  secretRef: { store: 'awsSecretsManager', awsSecretsManager: key ? { arn, key } : { arn } },
});
const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:kafka-AbC';
const base: CustomerKafka = { bootstrapServers: ['b.example.com:9093'], securityProtocol: 'SASL_SSL', file: 'kafka.yaml' };

describe('ECS secret valueFrom', () => {
  it('adds the JSON key with empty version stage and id', () => {
    expect(ecsValueFrom({ store: 'secretsManager', arn: ARN, key: 'password' })).toBe(`${ARN}:password::`);
    expect(ecsValueFrom({ store: 'secretsManager', arn: ARN })).toBe(ARN);
    expect(ecsValueFrom({ store: 'ssm', name: '/kafka/pw' })).toBe('/kafka/pw');
  });
  it('knows which stores AWS services read', () => {
    expect(awsSecretOf({ store: 'env', env: 'X' })).toBeUndefined();
    expect(awsSecretOf({ store: 'kubernetes', kubernetes: { name: 'a', key: 'b' } })).toBeUndefined();
    expect(awsSecretOf({ store: 'awsSsm', awsSsm: { name: '/a' } })).toEqual({ store: 'ssm', name: '/a' });
  });
});

describe('Lambda self-managed Kafka source access', () => {
  it('maps SCRAM to one secret with username and password keys', () => {
    const spec: CustomerKafka = {
      ...base,
      sasl: { mechanism: 'SCRAM-SHA-512', username: sm('sasl.username', ARN, 'username'), password: sm('sasl.password', ARN, 'password') },
    };
    expect(lambdaSourceAccess(spec).access.map((a) => [a.type, a.secretArn])).toEqual([['SASL_SCRAM_512_AUTH', ARN]]);
  });
  it('refuses credentials split over two secrets or with other keys', () => {
    const spec: CustomerKafka = {
      ...base,
      sasl: { mechanism: 'PLAIN', username: sm('sasl.username', ARN, 'user'), password: sm('sasl.password', ARN, 'password') },
    };
    const r = lambdaSourceAccess(spec);
    expect(r.access).toEqual([]);
    expect(r.problems[0]?.message).toContain('"username"');
    const split: CustomerKafka = {
      ...base,
      sasl: { mechanism: 'PLAIN', username: sm('sasl.username', ARN, 'username'), password: sm('sasl.password', ARN + 'x', 'password') },
    };
    expect(lambdaSourceAccess(split).problems[0]?.message).toContain('same secret ARN');
  });
  it('refuses OAUTHBEARER and AWS_MSK_IAM', () => {
    expect(lambdaSourceAccess({ ...base, sasl: { mechanism: 'AWS_MSK_IAM', aws: { region: 'eu-west-1' } } }).problems[0]?.reason).toBe(
      'mechanism',
    );
  });
  it('adds mTLS and root CA configurations', () => {
    const spec: CustomerKafka = {
      ...base,
      securityProtocol: 'SSL',
      tls: {
        ca: sm('tls.ca', ARN + 'ca', 'certificate'),
        clientCert: sm('tls.clientCert', ARN, 'certificate'),
        clientKey: sm('tls.clientKey', ARN, 'privateKey'),
      },
    };
    expect(lambdaSourceAccess(spec).access.map((a) => a.type)).toEqual(['CLIENT_CERTIFICATE_TLS_AUTH', 'SERVER_ROOT_CA_CERTIFICATE']);
  });
  it('limits bootstrap servers to ten and tells private brokers', () => {
    const many = { ...base, bootstrapServers: Array.from({ length: 11 }, (_, i) => `b${i}.example.com:9092`) };
    expect(lambdaBootstrapServers(many).problem?.reason).toBe('too-many-servers');
    expect(isPrivateBootstrap({ ...base, bootstrapServers: ['kafka-1.corp.internal:9093', '10.0.1.5:9092'] })).toBe(true);
    expect(isPrivateBootstrap({ ...base, bootstrapServers: ['b-1.c.x1.c2.kafka.us-east-1.amazonaws.com:9096'] })).toBe(true);
    expect(isPrivateBootstrap({ ...base, bootstrapServers: ['b-1.c.x1.c2.kafka.us-east-1.amazonaws.com:9196'] })).toBe(false);
    expect(isPrivateBootstrap(base)).toBe(false);
  });
});

describe('MSK ARNs and IAM actions', () => {
  it('derives topic and group ARNs from a cluster ARN', () => {
    const c = parseMskClusterArn('arn:aws:kafka:us-east-1:123456789012:cluster/orders/6a1b-2c3d');
    expect(c && mskResourceArn(c, 'topic', 'acme.*')).toBe('arn:aws:kafka:us-east-1:123456789012:topic/orders/6a1b-2c3d/acme.*');
    expect(parseMskClusterArn('arn:aws:kafka:us-east-1:123:cluster/x')).toBeUndefined();
    expect(mskNamePatterns({ allow: ['b', 'a'] })).toEqual(['a', 'b']);
    expect(mskNamePatterns(undefined)).toEqual(['*']);
  });
  it('classifies actions', () => {
    expect(kafkaActionFate('kafka:GetBootstrapBrokers')).toBe('control-plane');
    expect(kafkaActionFate('kafka-cluster:ReadData')).toBe('data-plane');
    expect(kafkaActionFate('s3:GetObject')).toBe('keep');
    expect(kafkaActionKinds(['kafka-cluster:Connect', 'kafka-cluster:ReadData', 'kafka-cluster:DescribeGroup'])).toEqual([
      'cluster',
      'topic',
      'group',
    ]);
    expect(kafkaActionKinds(['kafka-cluster:*'])).toEqual(['cluster', 'topic', 'group', 'transactional-id']);
  });
});

describe('kafka-cluster statements of what clients do on the cluster', () => {
  const none = { produces: [], consumes: [], groups: [], streams: [], transactionalIds: [], transactionalIdPrefixes: [] };
  const sid = (grants: ReturnType<typeof kafkaClientGrants>, s: string) => grants.find((g) => g.sid === s);

  it('a consumer only connects and describes; a producer also writes idempotently', () => {
    expect(sid(kafkaClientGrants({ ...none, consumes: ['a'] }), 'Connect')?.actions).toEqual([
      'kafka-cluster:Connect',
      'kafka-cluster:DescribeCluster',
    ]);
    expect(sid(kafkaClientGrants({ ...none, transactionalIds: ['tx'] }), 'Connect')?.actions).toContain(
      'kafka-cluster:WriteDataIdempotently',
    );
  });

  it('a Kafka Connect worker may create its storage topics; a cluster CREATE is every topic, under the prefix', () => {
    const worker = clientNeed({}, [
      ['CONNECT_CONFIG_STORAGE_TOPIC', 'connect-configs'],
      ['CONNECT_OFFSET_STORAGE_TOPIC', 'connect-offsets'],
    ]);
    expect(worker.creates).toEqual(['connect-configs', 'connect-offsets']);
    expect(sid(kafkaClientGrants(worker), 'CreateTopics')).toEqual({
      sid: 'CreateTopics',
      kind: 'topic',
      names: ['connect-configs', 'connect-offsets'],
      actions: ['kafka-cluster:CreateTopic'],
    });
    expect(sid(kafkaClientGrants({ ...none, cluster: ['Create'] }, { topicPrefix: 'acme.' }), 'CreateTopics')?.names).toEqual(['acme.*']);
    expect(MSK_CLUSTER_ACTIONS.Create.cluster).toEqual([]);
  });

  it('a family that browses the cluster describes the brokers, their configs, every topic and group', () => {
    const ui = clientNeed({}, [], { clusterUse: 'browse' });
    const grants = kafkaClientGrants(ui, { groupPrefix: 'acme.' });
    expect(sid(grants, 'Connect')?.actions).toEqual([
      'kafka-cluster:Connect',
      'kafka-cluster:DescribeCluster',
      'kafka-cluster:DescribeClusterDynamicConfiguration',
    ]);
    expect(sid(grants, 'DescribeTopics')?.names).toEqual(['*']);
    expect(sid(grants, 'DescribeGroups')).toMatchObject({ names: ['acme.*'], actions: ['kafka-cluster:DescribeGroup'] });
    expect(sid(grants, 'Produce')).toBeUndefined();
  });
});

describe('MSK bootstrap lists', () => {
  it('recognises provisioned, public and serverless brokers, placeholders included', () => {
    expect(
      isMskBrokerList('b-1.demo.abc123.c2.kafka.us-east-1.amazonaws.com:9094,b-2.demo.abc123.c2.kafka.us-east-1.amazonaws.com:9094'),
    ).toBe(true);
    expect(isMskBrokerList('b-1.mskcluster.abc123.a1.kafka.<<region>>.amazonaws.com:9098')).toBe(true);
    expect(isMskBrokerList('b-1-public.shared.jz67gw.c2.kafka.me-central-1.amazonaws.com:9198')).toBe(true);
    expect(isMskBrokerList('boot-pd2cdyql.c1.kafka-serverless.us-east-1.amazonaws.com:9098')).toBe(true);
    expect(
      isMskBrokerList('b-1.cluster.x.kafka.cn-north-1.amazonaws.com.cn:9092 , b-2.cluster.x.kafka.cn-north-1.amazonaws.com.cn:9092'),
    ).toBe(true);
  });

  it('refuses anything else: other hosts, a missing port, a list with one foreign broker', () => {
    expect(isMskBrokerList('kafka.internal.example.com:9092')).toBe(false);
    expect(isMskBrokerList('b-1.demo.abc123.c2.kafka.us-east-1.amazonaws.com')).toBe(false);
    expect(isMskBrokerList('b-1.demo.abc123.c2.kafka.us-east-1.amazonaws.com:9094,kafka:9092')).toBe(false);
    expect(isMskBrokerList('b-1.reliability.dev:9098')).toBe(false);
    expect(isMskBrokerList('')).toBe(false);
  });
});
