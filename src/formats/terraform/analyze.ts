import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { attribute, attrValue, stringValue, type TfEntity } from './parse.js';

/** Resources that are the Kafka cluster itself or exist only for it. */
const KAFKA_RESOURCES = new Set([
  'aws_msk_cluster',
  'aws_msk_serverless_cluster',
  'aws_msk_configuration',
  'aws_msk_scram_secret_association',
  'aws_msk_single_scram_secret_association',
  'aws_msk_cluster_policy',
  'aws_msk_vpc_connection',
  'aws_msk_replicator',
  'aws_msk_topic',
  'confluent_kafka_cluster',
  'confluent_kafka_cluster_config',
  'confluent_kafka_topic',
  'confluent_kafka_acl',
  'confluent_kafka_mirror_topic',
  'confluent_cluster_link',
  'kafka_topic',
  'kafka_acl',
  'kafka_quota',
  'kafka_user_scram_credential',
  'redpanda_cluster',
  'redpanda_topic',
  'redpanda_acl',
  'redpanda_user',
]);

/** Data sources that read the dropped cluster. */
const KAFKA_DATA = new Set([
  'aws_msk_cluster',
  'aws_msk_bootstrap_brokers',
  'aws_msk_broker_nodes',
  'aws_msk_configuration',
  'aws_msk_kafka_version',
  'confluent_kafka_cluster',
  'confluent_kafka_topic',
]);

/** Topic resources: they move to the customer handoff. */
export const TOPIC_RESOURCES = new Set(['aws_msk_topic', 'confluent_kafka_topic', 'kafka_topic', 'redpanda_topic']);

/** Kinds that exist to support something else: dropped when everything that used them is dropped. */
const SUPPORT =
  /^(aws_security_group|aws_security_group_rule|aws_vpc_security_group_(ingress|egress)_rule|aws_kms_(key|alias|grant)|aws_cloudwatch_log_group|aws_secretsmanager_secret(_version|_policy|_rotation)?|random_[a-z_]+|aws_s3_bucket(_[a-z_]+)?|aws_iam_role|aws_iam_role_policy(_attachment)?|aws_iam_(user|group)_policy(_attachment)?|aws_iam_policy(_attachment)?|aws_glue_(registry|schema)|aws_appautoscaling_(target|policy)|aws_mskconnect_(custom_plugin|worker_configuration)|confluent_(?!connector$)[a-z_]+|tls_[a-z_]+|kubernetes_(namespace|secret|config_map|service|service_account)(_v1)?)$/;

/** Registry modules that create support resources (security groups, keys, buckets...). */
const SUPPORT_MODULE = /(security-group|kms|s3-bucket|cloudwatch|secrets-manager|iam)/;

const KAFKA_MODULE = /(^|[/_-])(msk|kafka|confluent|redpanda|strimzi)([/_-]|$)/i;
export const KAFKA_CHART =
  /(^|\/)(kafka|strimzi-kafka-operator|redpanda|redpanda-operator|zookeeper|cp-helm-charts|confluent-for-kubernetes)$/i;
const KAFKA_API = /(kafka\.strimzi\.io|platform\.confluent\.io|cluster\.redpanda\.com)/;
const MSK_IN_MODULE = /resource\s+"(aws_msk_cluster|aws_msk_serverless_cluster|confluent_kafka_cluster)"/;

/** Why an entity is the Kafka to drop, or undefined. */
export function kafkaRole(e: TfEntity, moduleDir: string): string | undefined {
  if (e.kind === 'resource' && KAFKA_RESOURCES.has(e.type)) return TOPIC_RESOURCES.has(e.type) ? 'topic' : e.type;
  if (e.kind === 'data' && KAFKA_DATA.has(e.type)) return `data ${e.type}`;
  if (e.kind === 'module') {
    const src = stringValue(attrValue(attribute(e.body, 'source'))) ?? '';
    if (src.startsWith('./') || src.startsWith('../'))
      return localModuleDeclaresKafka(resolve(moduleDir, src)) ? `module ${src}` : undefined;
    return KAFKA_MODULE.test(src.replace(/\/\/.*$/, '')) ? `module ${src}` : undefined;
  }
  if (e.kind === 'resource' && e.type === 'helm_release') {
    const chart = stringValue(attrValue(attribute(e.body, 'chart'))) ?? '';
    return KAFKA_CHART.test(chart) ? `Helm chart ${chart}` : undefined;
  }
  if (e.kind === 'resource' && /^kubernetes_manifest$/.test(e.type)) {
    const m = attribute(e.body, 'manifest');
    return m && KAFKA_API.test(m.text) ? 'Kafka custom resource' : undefined;
  }
  return undefined;
}

/** Tells whether an entity only supports others (security group, key, secret, log group...). */
export function isSupport(e: TfEntity): boolean {
  if (e.kind === 'resource') return SUPPORT.test(e.type);
  if (e.kind === 'module') {
    const src = stringValue(attrValue(attribute(e.body, 'source'))) ?? '';
    return SUPPORT_MODULE.test(src) && !src.startsWith('.');
  }
  return e.kind === 'provider' || e.kind === 'local';
}

/** Whether a local module directory declares an MSK or Confluent cluster. */
export function localModuleDeclaresKafka(dir: string): boolean {
  if (!existsSync(dir)) return false;
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.tf'))
      .some((f) => MSK_IN_MODULE.test(readFileSync(join(dir, f), 'utf8')));
  } catch {
    return false;
  }
}

/** What a module's output carries, judged from its name: the bootstrap list, the cluster ARN, or something else. */
export function outputMeaning(name: string): 'bootstrap' | 'arn' | 'zookeeper' | undefined {
  if (/zookeeper/.test(name)) return 'zookeeper';
  if (/bootstrap/.test(name)) return 'bootstrap';
  if (/^(cluster_)?arn$/.test(name)) return 'arn';
  return undefined;
}

/** What an attribute of a dropped resource carries. */
export function attrMeaning(type: string, attr: string | undefined): 'bootstrap' | 'arn' | 'zookeeper' | undefined {
  if (!attr) return undefined;
  if (/^bootstrap_brokers/.test(attr) || (type === 'confluent_kafka_cluster' && attr === 'bootstrap_endpoint')) return 'bootstrap';
  if (/^zookeeper_connect_string/.test(attr)) return 'zookeeper';
  if (attr === 'arn' && /^aws_msk_(serverless_)?cluster$/.test(type)) return 'arn';
  return undefined;
}
