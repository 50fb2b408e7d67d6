import { connect } from 'node:net';
import { CheckTimeout, type BrokerAddress, type CheckContext, type StepResult, type StepScope } from '../context.js';
import { ms } from './dns.js';

/** Opens (and closes) a TCP connection to a broker address, measuring the connect latency. */
export async function probeTcp(ctx: CheckContext, s: StepScope, broker: BrokerAddress, advertised = false): Promise<StepResult<number>> {
  const t0 = performance.now();
  ctx.stats.connections++;
  try {
    await ctx.timed(
      new Promise<void>((resolve, reject) => {
        const sock = connect({ host: broker.host, port: broker.port });
        ctx.track(() => sock.destroy());
        sock.once('connect', () => {
          sock.destroy();
          resolve();
        });
        sock.once('error', reject);
      }),
      `TCP connect to ${broker.label}`,
    );
    const latency = Math.round(performance.now() - t0);
    return { detail: `connected in ${ms(t0)}`, value: latency };
  } catch (e) {
    const code = e instanceof CheckTimeout ? 'timeout' : ((e as { code?: string }).code ?? String(e));
    if (advertised) {
      s.error(
        'CHECK_ADVERTISED_UNREACHABLE',
        `the cluster advertises a broker at ${broker.label}, which cannot be reached from here (${code}); clients bootstrap, then fail on this address`,
        "fix the broker's advertised.listeners for this listener so it names an address clients can reach (not an " +
          'internal host name, container IP or localhost), or open the network path from here to it',
      );
    } else if (code === 'ECONNREFUSED') {
      s.error(
        'CHECK_TCP_REFUSED',
        `nothing listens on ${broker.label} (connection refused)`,
        'check the port in bootstrapServers against the listener the cluster exposes for this security protocol, and that the broker runs',
        broker.span,
      );
    } else {
      s.error(
        'CHECK_TCP_UNREACHABLE',
        `${broker.label} cannot be reached (${code})`,
        'a firewall, security group or missing route drops the connection: open the path from here to the broker, or run the check where the deployment runs',
        broker.span,
      );
    }
    return { detail: `failed: ${code}` };
  }
}
