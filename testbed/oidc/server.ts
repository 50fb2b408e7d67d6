import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clientCredentials, json, readBody, sameSecret } from './http.js';
import { signRs256 } from './jwt.js';

/** Options for {@link startOidcServer}. */
export interface OidcServerOptions {
  /** Registered confidential clients: client id -> client secret. */
  clients: Record<string, string>;
  /** Value of the `aud` claim (default "kafka"). */
  audience?: string;
  /** Scope issued when the request names none (default "kafka"). */
  defaultScope?: string;
  /** Token lifetime in seconds (default 3600). */
  tokenTtlSeconds?: number;
  /** Port on 127.0.0.1 (default 0 = pick a free one). */
  port?: number;
}

/** A running local OIDC server. */
export interface OidcServer {
  issuer: string;
  tokenEndpoint: string;
  jwksUrl: string;
  audience: string;
  /**
   * Counters for requests served, useful to prove a client really fetched a token; `tokensBySecret` counts the tokens
   * issued to each secret added with `addClientSecret`, by its label.
   */
  stats: { tokensIssued: number; jwksFetches: number; rejected: number; tokensBySecret: Record<string, number> };
  /** Issues a token directly (e.g. for negative tests), bypassing client authentication. */
  issueToken(sub: string, overrides?: Record<string, unknown>): string;
  /**
   * Registers another secret of a registered client, as identity providers let a client hold several; the tokens
   * it obtains are the client's (same `sub`), counted under `label` in `stats.tokensBySecret`. Give each of several
   * processes of one client its own secret to count the tokens each fetched.
   */
  addClientSecret(clientId: string, secret: string, label: string): void;
  close(): Promise<void>;
}

/** Starts an OIDC-like server on 127.0.0.1 with a JWKS endpoint and a client-credentials token endpoint issuing RS256 JWTs. */
export async function startOidcServer(opts: OidcServerOptions): Promise<OidcServer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
  });
  const kid = randomBytes(8).toString('hex');
  const jwk = {
    ...publicKey.export({ format: 'jwk' }),
    kid,
    alg: 'RS256',
    use: 'sig',
  };
  const audience = opts.audience ?? 'kafka';
  const ttl = opts.tokenTtlSeconds ?? 3600;
  const stats = { tokensIssued: 0, jwksFetches: 0, rejected: 0, tokensBySecret: {} as Record<string, number> };
  const extraSecrets = new Map<string, { secret: string; label: string }[]>();
  let issuer = '';

  const issueToken = (sub: string, overrides: Record<string, unknown> = {}): string => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: issuer,
      aud: audience,
      sub,
      client_id: sub,
      iat: now,
      nbf: now - 5,
      exp: now + ttl,
      jti: randomUUID(),
      scope: opts.defaultScope ?? 'kafka',
      ...overrides,
    };
    return signRs256(claims, privateKey, kid);
  };

  const handleToken = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const form = new URLSearchParams(await readBody(req));
    const creds = clientCredentials(req, form);
    const known = creds === undefined ? undefined : opts.clients[creds.id];
    const extra = creds === undefined ? undefined : extraSecrets.get(creds.id)?.find((e) => sameSecret(e.secret, creds.secret));
    if (creds === undefined || known === undefined || (!sameSecret(known, creds.secret) && extra === undefined)) {
      stats.rejected++;
      json(res, 401, { error: 'invalid_client' }, { 'www-authenticate': 'Basic realm="graft-testbed"' });
      return;
    }
    if (form.get('grant_type') !== 'client_credentials') {
      stats.rejected++;
      json(res, 400, { error: 'unsupported_grant_type' });
      return;
    }
    const scope = form.get('scope') ?? opts.defaultScope ?? 'kafka';
    stats.tokensIssued++;
    if (extra) stats.tokensBySecret[extra.label] = (stats.tokensBySecret[extra.label] ?? 0) + 1;
    const token = issueToken(creds.id, { scope });
    json(res, 200, {
      access_token: token,
      token_type: 'Bearer',
      expires_in: ttl,
      scope,
    });
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method === 'GET' && path === '/jwks') {
      stats.jwksFetches++;
      json(res, 200, { keys: [jwk] });
    } else if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
      json(res, 200, {
        issuer,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        grant_types_supported: ['client_credentials'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
    } else if (req.method === 'POST' && path === '/token') {
      handleToken(req, res).catch((err: unknown) => json(res, 500, { error: String(err) }));
    } else {
      json(res, 404, { error: 'not_found' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  issuer = `http://127.0.0.1:${port}`;
  return {
    issuer,
    tokenEndpoint: `${issuer}/token`,
    jwksUrl: `${issuer}/jwks`,
    audience,
    stats,
    issueToken,
    addClientSecret: (clientId, secret, label) => {
      if (opts.clients[clientId] === undefined) throw new Error(`no client ${clientId}`);
      extraSecrets.set(clientId, [...(extraSecrets.get(clientId) ?? []), { secret, label }]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
