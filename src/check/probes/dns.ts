import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { BrokerAddress, CheckContext, StepResult, StepScope } from '../context.js';

/** Resolves a broker host name; an IP address passes as is. */
export async function probeDns(ctx: CheckContext, s: StepScope, broker: BrokerAddress, advertised = false): Promise<StepResult<string[]>> {
  if (isIP(broker.host) !== 0) return { detail: 'IP address, no lookup', value: [broker.host] };
  const t0 = performance.now();
  try {
    const addrs = await ctx.timed(lookup(broker.host, { all: true }), `DNS lookup of ${broker.host}`);
    const list = addrs.map((a) => a.address);
    return { detail: `${broker.host} → ${list.join(', ')} (${ms(t0)})`, value: list };
  } catch (e) {
    const code = (e as { code?: string }).code ?? String(e);
    if (advertised) {
      s.error(
        'CHECK_ADVERTISED_UNRESOLVABLE',
        `a broker advertises ${broker.label}, but ${broker.host} does not resolve from here (${code})`,
        "the broker's advertised.listeners must name an address clients can resolve: fix advertised.listeners for this " +
          'listener, or make the name resolvable from here (DNS, /etc/hosts)',
      );
    } else {
      s.error(
        'CHECK_DNS_FAILED',
        `bootstrap host ${broker.host} does not resolve from here (${code})`,
        'check the spelling in bootstrapServers and that this machine uses the DNS that knows the name (VPC/private DNS)',
        broker.span,
      );
    }
    return { detail: `lookup failed: ${code}` };
  }
}

/** Milliseconds since t0, for details. */
export function ms(t0: number): string {
  return `${Math.round(performance.now() - t0)} ms`;
}
