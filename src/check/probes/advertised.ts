import { apiVersionsV3 } from '@platformatic/kafka';
import { usesTls } from '../../spec/types.js';
import { CheckTimeout, errorText, type BrokerAddress, type CheckContext, type StepResult, type StepScope } from '../context.js';
import { openConnection, send } from '../kafka.js';
import { probeDns } from './dns.js';
import { probeTcp } from './tcp.js';
import { probeTls } from './tls.js';

/** Reaches one broker the cluster advertises in Metadata, as clients will after bootstrapping: DNS, TCP, TLS, ApiVersions. */
export async function probeAdvertised(
  ctx: CheckContext,
  s: StepScope,
  broker: BrokerAddress & { nodeId: number },
): Promise<StepResult<true>> {
  let failed = false;
  const scope: StepScope = {
    error: (...a) => {
      failed = true;
      s.error(...a);
    },
    warn: (...a) => s.warn(...a),
  };
  const dns = await probeDns(ctx, scope, broker, true);
  if (failed) return { detail: dns.detail };
  const tcp = await probeTcp(ctx, scope, broker, true);
  if (failed) return { detail: tcp.detail };
  if (usesTls(ctx.spec.securityProtocol)) {
    const tls = await probeTls(ctx, scope, broker);
    if (failed) return { detail: tls.detail };
  }
  try {
    const conn = await openConnection(ctx, broker);
    await send(ctx, conn, 'ApiVersions', apiVersionsV3.api, 'graft-check', '0');
  } catch (e) {
    if (e instanceof CheckTimeout) throw e;
    s.error(
      'CHECK_ADVERTISED_FAILED',
      `broker ${broker.nodeId} advertised at ${broker.label} accepts TCP but not a ${ctx.spec.securityProtocol} Kafka connection: ${errorText(e)}`,
      "the advertised address points at a different listener than the one bootstrapped through: fix the broker's advertised.listeners",
    );
    return { detail: 'Kafka connection failed' };
  }
  return { detail: `reachable (${tcp.value ?? '?'} ms)`, value: true };
}
