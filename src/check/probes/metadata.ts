import { metadataV12 } from '@platformatic/kafka';
import { CheckTimeout, errorText, type BrokerAddress, type CheckContext, type StepResult, type StepScope } from '../context.js';
import { isClosedByPeer, send } from '../kafka.js';
import { customerName } from '../requirements.js';
import type { BrokerSession } from './api-versions.js';

/** What one Metadata request told about the cluster and the required topics. */
export interface ClusterFacts {
  clusterId: string;
  brokers: (BrokerAddress & { nodeId: number })[];
  /** Required topics by customer name, as Metadata returned them. */
  topics: Map<string, metadataV12.MetadataResponseTopic>;
  /** Customer names of the required topics, in requirements order. */
  names: string[];
  /** Node id of the broker this session talks to, when its address is one the cluster advertises. */
  selfId?: number;
}

/** One Metadata request for all required topics (no auto-creation, with authorized operations) and the broker list. */
export async function probeMetadata(ctx: CheckContext, s: StepScope, session: BrokerSession): Promise<StepResult<ClusterFacts>> {
  const prefix = ctx.spec.topics?.prefix;
  const names = [...new Set((ctx.requirements.topics ?? []).map((t) => customerName(t.name, prefix)))];
  let reply;
  try {
    reply = await send(ctx, session.conn, 'Metadata', metadataV12.api, names, false, true);
  } catch (e) {
    if (e instanceof CheckTimeout) throw e;
    const closed = isClosedByPeer(e);
    s.error(
      'CHECK_METADATA_FAILED',
      `${session.broker.label} ${closed ? 'closed the connection on a Metadata request' : `refused Metadata: ${errorText(e)}`}`,
      closed && !ctx.spec.sasl
        ? 'the listener probably requires SASL: set securityProtocol to SASL_PLAINTEXT or SASL_SSL with the mechanism it offers'
        : 'check the broker logs for this connection',
      session.broker.span,
    );
    return { detail: 'failed' };
  }
  const r = reply.response;
  const brokers = r.brokers.map((b) => ({
    nodeId: b.nodeId,
    host: b.host,
    port: b.port,
    label: `${b.host}:${b.port}`,
    span: session.broker.span,
  }));
  const self = brokers.find((b) => b.host === session.broker.host && b.port === session.broker.port);
  const topics = new Map(r.topics.filter((t) => t.name !== null).map((t) => [t.name as string, t]));
  const facts: ClusterFacts = { clusterId: r.clusterId ?? '?', brokers, topics, names, ...(self ? { selfId: self.nodeId } : {}) };
  const list = brokers.map((b) => `${b.nodeId}@${b.label}`).join(', ');
  return {
    detail: `cluster ${facts.clusterId}, ${brokers.length} broker${brokers.length === 1 ? '' : 's'} (${list}), controller ${r.controllerId}`,
    value: facts,
  };
}
