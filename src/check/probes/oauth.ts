import { CheckTimeout, errorCode, errorText, type CheckContext, type StepResult, type StepScope } from '../context.js';
import { basicAuth, fetchText } from '../http.js';
import { valueOf } from '../secrets.js';

/** Fetches a client-credentials token: endpoint reachable, credentials accepted, token lifetime. */
export async function probeOauth(ctx: CheckContext, s: StepScope): Promise<StepResult<string>> {
  const oauth = ctx.spec.sasl?.oauth;
  if (!oauth) return { detail: 'no oauth settings', skipped: true };
  const endpointSpan = ctx.specSpan(['sasl', 'oauth', 'tokenEndpoint']);
  const clientId = valueOf(oauth.clientId, ctx.secrets);
  const secret = valueOf(oauth.clientSecret, ctx.secrets);
  if (clientId === undefined || secret === undefined) return { detail: 'client credentials unresolved', skipped: true };
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (oauth.scope) form.set('scope', oauth.scope);
  if (oauth.audience) form.set('audience', oauth.audience);
  const url = new URL(oauth.tokenEndpoint);
  let reply;
  try {
    reply = await fetchText(
      ctx,
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          authorization: basicAuth(clientId, secret, true),
        },
        body: form.toString(),
      },
      `token endpoint ${url.origin}`,
    );
  } catch (e) {
    if (e instanceof CheckTimeout) throw e;
    s.error(
      'CHECK_OAUTH_UNREACHABLE',
      `the token endpoint ${oauth.tokenEndpoint} cannot be reached: ${errorCode(e) ?? errorText(e)}`,
      'check sasl.oauth.tokenEndpoint and that the identity provider is reachable from where the deployment runs (proxy, firewall)',
      endpointSpan,
    );
    return { detail: 'unreachable' };
  }
  const body = parseJson(reply.body);
  if (reply.status !== 200) {
    const idpError =
      typeof body?.error === 'string'
        ? `${body.error}${typeof body.error_description === 'string' ? `: ${body.error_description}` : ''}`
        : reply.body.slice(0, 200);
    const rejected = reply.status === 400 || reply.status === 401 || reply.status === 403;
    s.error(
      rejected ? 'CHECK_OAUTH_CLIENT_REJECTED' : 'CHECK_OAUTH_BAD_RESPONSE',
      `the token endpoint ${oauth.tokenEndpoint} refused client ${clientId} (HTTP ${reply.status}: ${idpError})`,
      rejected
        ? 'check sasl.oauth.clientId and clientSecret (and scope/audience) against the client registered at the identity provider'
        : 'the identity provider failed: check its status and the token endpoint URL',
      ctx.spec.sasl?.oauth?.clientSecret.span ?? endpointSpan,
    );
    return { detail: `HTTP ${reply.status}` };
  }
  const token = typeof body?.access_token === 'string' ? body.access_token : undefined;
  if (!token) {
    s.error(
      'CHECK_OAUTH_BAD_RESPONSE',
      `the token endpoint ${oauth.tokenEndpoint} answered 200 without an access_token`,
      'check that the URL is the OAuth 2 token endpoint (not the issuer or JWKS URL)',
      endpointSpan,
    );
    return { detail: 'no access_token' };
  }
  const claims = jwtClaims(token);
  const lifetime = typeof body?.expires_in === 'number' ? body.expires_in : claims?.exp && claims.iat ? claims.exp - claims.iat : undefined;
  if (typeof claims?.sub === 'string') ctx.principal = `User:${claims.sub}`;
  if (lifetime !== undefined && lifetime < 60) {
    s.warn(
      'CHECK_OAUTH_TOKEN_SHORT_LIVED',
      `tokens from ${oauth.tokenEndpoint} live ${lifetime} s; clients refresh them constantly and fail on any hiccup`,
      'raise the access token lifetime for this client at the identity provider (minutes, not seconds)',
      endpointSpan,
    );
  }
  const aud = claims?.aud === undefined ? '' : `, aud ${JSON.stringify(claims.aud)}`;
  return { detail: `token for ${ctx.principal}${lifetime !== undefined ? `, lives ${lifetime} s` : ''}${aud}`, value: token };
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The claims of a JWT, unverified (the broker verifies; this only reads sub and lifetime). */
export function jwtClaims(token: string): { sub?: string; exp?: number; iat?: number; aud?: unknown } | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  return parseJson(Buffer.from(part, 'base64url').toString('utf8'));
}
