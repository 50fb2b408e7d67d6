import { saslAuthenticateV2, saslHandshakeV1, saslOAuthBearer, saslPlain, saslScramSha } from '@platformatic/kafka';

type SASLAuthenticationAPI = saslAuthenticateV2.SASLAuthenticationAPI;
import { CheckTimeout, errorText, type CheckContext, type StepResult, type StepScope } from '../context.js';
import { isClosedByPeer, send } from '../kafka.js';
import { valueOf } from '../secrets.js';
import type { BrokerSession } from './api-versions.js';

/** The SASL mechanism sent in the handshake: MSK IAM authenticates over OAUTHBEARER with a signed token. */
const HANDSHAKE: Record<string, string> = { AWS_MSK_IAM: 'OAUTHBEARER' };

/** SASL handshake (which mechanisms the listener offers) and authentication with the spec's credentials. */
export async function probeSasl(
  ctx: CheckContext,
  s: StepScope,
  session: BrokerSession,
  token: Promise<string | undefined>,
): Promise<StepResult<BrokerSession>> {
  const sasl = ctx.spec.sasl;
  const { broker, conn } = session;
  const mechSpan = ctx.specSpan(['sasl', 'mechanism']);
  if (!sasl) return { detail: 'no SASL', value: session };
  const wanted = sasl.mechanism;
  let offered: string[];
  try {
    const hs = await send(ctx, conn, 'SaslHandshake', saslHandshakeV1.api, HANDSHAKE[wanted] ?? wanted);
    if (hs.errors.some((x) => x.id === 'ILLEGAL_SASL_STATE')) throw new Error('ILLEGAL_SASL_STATE');
    offered = hs.response.mechanisms;
  } catch (e) {
    if (e instanceof CheckTimeout) throw e;
    if (isClosedByPeer(e) || /ILLEGAL_SASL_STATE/.test(errorText(e))) {
      s.error(
        'CHECK_SASL_NOT_SASL_LISTENER',
        `${broker.label} does not speak SASL, but the spec says ${ctx.spec.securityProtocol}`,
        'use the port of the SASL listener, or set securityProtocol to PLAINTEXT/SSL if this cluster authenticates otherwise',
        ctx.specSpan(['securityProtocol']),
      );
      return { detail: 'not a SASL listener' };
    }
    throw e;
  }
  if (!offered.includes(wanted)) {
    s.error(
      'CHECK_SASL_MECHANISM_NOT_OFFERED',
      `${broker.label} does not offer SASL mechanism ${wanted}; it offers ${offered.join(', ') || 'none'}`,
      suggestMechanism(wanted, offered),
      mechSpan,
    );
    return { detail: `offers ${offered.join(', ')}` };
  }
  const user = valueOf(sasl.username, ctx.secrets);
  const password = valueOf(sasl.password, ctx.secrets);
  const api = countingApi(ctx);
  try {
    let lifetime = 0n;
    if (wanted === 'PLAIN')
      lifetime = (await ctx.timed(saslPlain.authenticate(api, conn, user ?? '', password ?? ''), 'SASL/PLAIN authentication'))
        .sessionLifetimeMs;
    else if (wanted === 'SCRAM-SHA-256' || wanted === 'SCRAM-SHA-512') {
      const alg = wanted === 'SCRAM-SHA-256' ? 'SHA-256' : 'SHA-512';
      lifetime = (await ctx.timed(saslScramSha.authenticate(api, conn, alg, user ?? '', password ?? ''), `SASL/${wanted} authentication`))
        .sessionLifetimeMs;
    } else {
      const t = await token;
      if (t === undefined) return { detail: `${wanted} offered; no token to authenticate with (see the token step)`, skipped: true };
      const res = await ctx.timed(saslOAuthBearer.authenticate(api, conn, t, {}), 'SASL/OAUTHBEARER authentication');
      // a rejected token comes back as a JSON challenge with an empty error code
      const challenge = res.authBytes.toString('utf8');
      if (challenge.includes('"status"')) throw new Error(`the broker rejected the token: ${challenge}`);
      lifetime = res.sessionLifetimeMs;
    }
    const reauth = lifetime > 0n ? `, session ${Number(lifetime) / 1000} s` : '';
    return { detail: `${wanted} as ${ctx.principal}${reauth}`, value: session };
  } catch (e) {
    if (e instanceof CheckTimeout) throw e;
    const subject = wanted === 'OAUTHBEARER' || wanted === 'AWS_MSK_IAM' ? mechSpan : (sasl.password?.span ?? mechSpan);
    s.error(
      'CHECK_SASL_AUTH_FAILED',
      `${broker.label} rejected ${wanted} authentication as ${ctx.principal}: ${errorText(e)}`,
      wanted.startsWith('SCRAM')
        ? 'check the username and password, and that the SCRAM credential exists for this mechanism (SHA-256 and SHA-512 are separate credentials)'
        : wanted === 'PLAIN'
          ? 'check the username and password (API key and secret on Confluent Cloud)'
          : 'the token was refused: check the audience, issuer and scope the broker expects (its validator config) against the token endpoint settings',
      subject,
    );
    return { detail: 'authentication failed' };
  }
}

function suggestMechanism(wanted: string, offered: string[]): string {
  const same = offered.find((m) => m !== wanted && m.slice(0, 5) === wanted.slice(0, 5));
  if (same) return `set sasl.mechanism to ${same} (the broker offers it; ${wanted} is a different credential set)`;
  if (offered.length === 0) return 'the listener offers no SASL mechanism: check the port';
  return `this listener offers ${offered.join(', ')}: set sasl.mechanism to one of them with its credentials, or use the port of the listener that offers ${wanted}`;
}

function countingApi(ctx: CheckContext): SASLAuthenticationAPI {
  const base = saslAuthenticateV2.api;
  const count = (): void => {
    ctx.stats.kafka['SaslAuthenticate'] = (ctx.stats.kafka['SaslAuthenticate'] ?? 0) + 1;
  };
  const fn = ((...args: Parameters<typeof base>) => {
    count();
    base(...args);
  }) as SASLAuthenticationAPI;
  return Object.assign(fn, {
    key: base.key,
    version: base.version,
    async: (...args: Parameters<typeof base.async>) => {
      count();
      return base.async(...args);
    },
  });
}
