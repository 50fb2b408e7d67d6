import { connect } from 'node:tls';
import { apiVersionsV3, type Connection } from '@platformatic/kafka';
import { usesTls } from '../../spec/types.js';
import { CheckTimeout, errorText, type BrokerAddress, type CheckContext, type StepResult, type StepScope } from '../context.js';
import { isClosedByPeer, openConnection, send } from '../kafka.js';
import { NotKafkaError, watchFirstFrame } from '../raw.js';
import { GRAFT_VERSION } from '../../plan/report.js';

/** An open Kafka connection and the API versions its broker supports. */
export interface BrokerSession {
  conn: Connection;
  broker: BrokerAddress;
  apis: Map<number, { name: string; min: number; max: number }>;
}

/** Requests graft check itself sends, with the version it sends: [api key, name, version]. */
const USED: [number, string, number][] = [
  [3, 'Metadata', 12],
  [32, 'DescribeConfigs', 4],
  [8, 'OffsetCommit', 9],
  [10, 'FindCoordinator', 4],
  [19, 'CreateTopics', 7],
  [60, 'DescribeCluster', 1],
];
const FEATURES: Record<string, [number, string][]> = {
  'the idempotent producer': [[22, 'InitProducerId']],
  transactions: [
    [22, 'InitProducerId'],
    [24, 'AddPartitionsToTxn'],
    [25, 'AddOffsetsToTxn'],
    [26, 'EndTxn'],
    [28, 'TxnOffsetCommit'],
  ],
  'the classic consumer group protocol': [[11, 'JoinGroup']],
  'the consumer group protocol (KIP-848)': [[68, 'ConsumerGroupHeartbeat']],
};

/** Connects (TCP/TLS) and asks the broker which API versions it supports; checks the versions the requirements need. */
export async function probeApiVersions(ctx: CheckContext, s: StepScope, broker: BrokerAddress): Promise<StepResult<BrokerSession>> {
  let conn: Connection;
  try {
    conn = await openConnection(ctx, broker);
  } catch (e) {
    if (e instanceof CheckTimeout) throw e;
    s.error(
      'CHECK_PROTOCOL_MISMATCH',
      `cannot open a ${ctx.spec.securityProtocol} connection to ${broker.label}: ${errorText(e)}`,
      'check the port and the security protocol of this listener',
      broker.span,
    );
    return { detail: 'connection failed' };
  }
  let reply;
  const first = watchFirstFrame(conn.socket);
  try {
    reply = await Promise.race([send(ctx, conn, 'ApiVersions', apiVersionsV3.api, 'graft-check', GRAFT_VERSION), first.verdict]);
  } catch (e) {
    if (e instanceof CheckTimeout) throw e;
    if (
      (e instanceof NotKafkaError ? e.looksLikeTls : isClosedByPeer(e)) &&
      !usesTls(ctx.spec.securityProtocol) &&
      (await speaksTls(ctx, broker))
    ) {
      s.error(
        'CHECK_PROTOCOL_MISMATCH',
        `${broker.label} expects TLS, but the spec says ${ctx.spec.securityProtocol}`,
        'this is an SSL or SASL_SSL listener: set securityProtocol to SSL or SASL_SSL (and tls.ca if the CA is private), or use the plaintext port',
        ctx.specSpan(['securityProtocol']),
      );
      return { detail: 'listener expects TLS' };
    }
    s.error(
      'CHECK_PROTOCOL_MISMATCH',
      `${broker.label} does not answer Kafka ApiVersions: ${errorText(e)}`,
      'check that the port is a Kafka listener',
      broker.span,
    );
    return { detail: 'no Kafka answer' };
  } finally {
    first.stop();
  }
  if (reply.errors.length > 0) {
    s.error(
      'CHECK_BROKER_API_UNSUPPORTED',
      `${broker.label} refused ApiVersions v3 (${reply.errors[0]?.id}); the broker predates Kafka 2.4`,
      'graft check needs a Kafka 3.1 or later broker',
      broker.span,
    );
    return { detail: 'too old' };
  }
  const apis = new Map(reply.response.apiKeys.map((a) => [a.apiKey, { name: a.name, min: a.minVersion, max: a.maxVersion }]));
  let usable = true;
  for (const [key, name, version] of USED) {
    const a = apis.get(key);
    if (!a || a.max < version || a.min > version) {
      usable = false;
      s.error(
        'CHECK_BROKER_API_UNSUPPORTED',
        `${broker.label} does not support ${name} v${version} (${a ? `v${a.min}–v${a.max}` : 'absent'}), which graft check sends`,
        'graft check needs a Kafka 3.1 or later broker',
        broker.span,
      );
    }
  }
  const f = ctx.requirements.features ?? {};
  const wanted: string[] = [];
  if (f.idempotentProducer) wanted.push('the idempotent producer');
  if (f.transactions) wanted.push('transactions');
  if (f.groupProtocol)
    wanted.push(f.groupProtocol === 'consumer' ? 'the consumer group protocol (KIP-848)' : 'the classic consumer group protocol');
  for (const feature of wanted) {
    const missing = (FEATURES[feature] ?? []).filter(([k]) => !apis.has(k)).map(([, n]) => n);
    if (missing.length > 0) {
      s.error(
        'CHECK_BROKER_FEATURE_MISSING',
        `${broker.label} does not offer ${feature} (no ${missing.join(', ')}), which the requirements need`,
        feature.includes('KIP-848')
          ? 'use group.protocol=classic, or a Kafka 4.0+ cluster with the consumer protocol enabled'
          : 'the cluster must be upgraded or the feature enabled by its operator',
        broker.span,
      );
    }
  }
  const detail = `${estimateVersion(apis)}, ${apis.size} APIs`;
  // a missing feature fails the check but does not stop the probes that follow
  return usable ? { detail, value: { conn, broker, apis } } : { detail };
}

/** A lower bound of the broker's Kafka version from APIs that releases added. */
export function estimateVersion(apis: Map<number, { min: number; max: number }>): string {
  // Kafka 4.0 removed Fetch v0-v3 (KIP-896)
  const fetch = apis.get(1);
  if (fetch && fetch.min >= 4) return 'Kafka ≥ 4.0';
  if (apis.has(80)) return 'Kafka ≥ 3.9';
  if (apis.has(75)) return 'Kafka ≥ 3.8';
  if (apis.has(68)) return 'Kafka ≥ 3.7';
  if (apis.has(60)) return 'Kafka ≥ 2.8';
  return 'Kafka < 2.8';
}

/** Whether the address completes a TLS handshake (certificate not verified: only the protocol matters here). */
async function speaksTls(ctx: CheckContext, broker: BrokerAddress): Promise<boolean> {
  ctx.stats.connections++;
  const sock = connect({ host: broker.host, port: broker.port, rejectUnauthorized: false });
  ctx.track(() => sock.destroy());
  try {
    await ctx.timed(
      new Promise<void>((resolve, reject) => sock.once('secureConnect', resolve).once('error', reject)),
      `TLS handshake with ${broker.label}`,
    );
    return true;
  } catch {
    return false;
  } finally {
    sock.destroy();
  }
}
