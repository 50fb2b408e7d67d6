import { randomBytes } from 'node:crypto';
import type { Testbed, TestbedState } from '../../testbed/kafka/index.js';

// Per-client token counts for the OAUTHBEARER expiry runs: every soaked client is compiled with its own secret of the
// test bed's OIDC client (same client id, same principal), so the token endpoint counts what each one fetched.

/** The test bed's state as a customer gives it for one client: the OIDC client's secret is a new one, counted under `label`. */
export function ownClientSecret(tb: Testbed, label: string): TestbedState {
  const secret = randomBytes(24).toString('base64url');
  tb.oidc.addClientSecret(tb.state.oidc.clientId, secret, label);
  return { ...tb.state, oidc: { ...tb.state.oidc, clientSecret: secret } };
}

/** The fewest tokens a client fetches to stay connected for `soakMs` with `ttlS` tokens: the first, then one per expiry. */
export function tokensForSoak(soakMs: number, ttlS: number): number {
  return 1 + Math.floor(soakMs / (ttlS * 1000));
}
