/** The parts of an MSK cluster ARN: `arn:<partition>:kafka:<region>:<account>:cluster/<name>/<uuid>`. */
export interface MskClusterArn {
  partition: string;
  region: string;
  account: string;
  name: string;
  uuid: string;
}

/** The resource kinds of MSK's kafka-cluster IAM actions. */
export type MskResourceKind = 'cluster' | 'topic' | 'group' | 'transactional-id';

/** One MSK broker (`b-1.<cluster>.<id>.c2.kafka.<region>.amazonaws.com:9098`) or serverless bootstrap endpoint. */
const MSK_BROKER = String.raw`(b-\d+(-public)?|boot-[a-z0-9]+)\.[^\s,:]+\.kafka(-serverless)?\.[^\s,:]+\.amazonaws\.com(\.cn)?:\d+`;
const MSK_BROKER_LIST = new RegExp(`^\\s*${MSK_BROKER}(\\s*,\\s*${MSK_BROKER})*\\s*$`, 'i');

/** Whether a text is a bootstrap list of MSK's (comma-separated brokers or a serverless endpoint), placeholders allowed. */
export function isMskBrokerList(text: string): boolean {
  return MSK_BROKER_LIST.test(text);
}

const CLUSTER_ARN = /^arn:(aws[a-z-]*):kafka:([a-z0-9-]+):(\d{12}):cluster\/([^/]+)\/([^/]+)$/;

/** Parses an MSK cluster ARN; undefined when the text is not one. */
export function parseMskClusterArn(arn: string): MskClusterArn | undefined {
  const m = CLUSTER_ARN.exec(arn);
  if (!m) return undefined;
  const [, partition = '', region = '', account = '', name = '', uuid = ''] = m;
  return { partition, region, account, name, uuid };
}

/** The ARN of a topic, group or transactional id of a cluster; `pattern` is a name or a prefix ending in `*`. */
export function mskResourceArn(cluster: MskClusterArn, kind: MskResourceKind, pattern = '*'): string {
  const base = `arn:${cluster.partition}:kafka:${cluster.region}:${cluster.account}`;
  if (kind === 'cluster') return `${base}:cluster/${cluster.name}/${cluster.uuid}`;
  return `${base}:${kind}/${cluster.name}/${cluster.uuid}/${pattern}`;
}

/** The names IAM resources of a kind should match under the customer's naming rules: a prefix wildcard, the allow-list, or all. */
export function mskNamePatterns(naming: { prefix?: string; allow?: readonly string[] } | undefined): string[] {
  if (naming?.allow && naming.allow.length > 0) return [...naming.allow].sort();
  if (naming?.prefix) return [`${naming.prefix}*`];
  return ['*'];
}
