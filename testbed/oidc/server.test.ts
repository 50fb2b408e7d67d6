import { createPublicKey, createVerify, type JsonWebKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwtPayload } from './jwt.js';
import { startOidcServer, type OidcServer } from './server.js';

let oidc: OidcServer;

beforeAll(async () => {
  oidc = await startOidcServer({
    clients: { 'graft-app': 's3cret/+=' },
    audience: 'kafka',
  });
});
afterAll(async () => oidc?.close());

async function token(init: RequestInit): Promise<Response> {
  return fetch(oidc.tokenEndpoint, { method: 'POST', ...init });
}

const form = { 'content-type': 'application/x-www-form-urlencoded' };

/** Verifies an RS256 compact JWS against the server's JWKS. */
async function verify(jwt: string): Promise<boolean> {
  const jwks = (await (await fetch(oidc.jwksUrl)).json()) as {
    keys: (JsonWebKey & { kid: string })[];
  };
  const [h, p, sig] = jwt.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as {
    kid: string;
    alg: string;
  };
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk || header.alg !== 'RS256') return false;
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  return createVerify('RSA-SHA256').update(`${h}.${p}`).verify(key, Buffer.from(sig, 'base64url'));
}

describe('local OIDC server', () => {
  it('issues RS256 tokens for client_secret_basic (form-encoded credentials)', async () => {
    const basic = Buffer.from(`graft-app:${encodeURIComponent('s3cret/+=')}`).toString('base64');
    const res = await token({
      headers: { ...form, authorization: `Basic ${basic}` },
      body: 'grant_type=client_credentials&scope=kafka',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      access_token: string;
      token_type: string;
      expires_in: number;
    };
    expect(body.token_type).toBe('Bearer');
    const claims = decodeJwtPayload(body.access_token);
    expect(claims).toMatchObject({
      sub: 'graft-app',
      iss: oidc.issuer,
      aud: 'kafka',
      scope: 'kafka',
    });
    expect(Number(claims['exp'])).toBeGreaterThan(Number(claims['iat']));
    expect(await verify(body.access_token)).toBe(true);
  });

  it('accepts client_secret_post (form params)', async () => {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'graft-app',
      client_secret: 's3cret/+=',
    });
    const res = await token({ headers: form, body: body.toString() });
    expect(res.status).toBe(200);
  });

  it('rejects a wrong secret and other grant types', async () => {
    const bad = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'graft-app',
      client_secret: 'nope',
    });
    expect((await token({ headers: form, body: bad.toString() })).status).toBe(401);
    const pw = new URLSearchParams({
      grant_type: 'password',
      client_id: 'graft-app',
      client_secret: 's3cret/+=',
    });
    expect((await token({ headers: form, body: pw.toString() })).status).toBe(400);
  });

  it("counts the tokens of each added client secret by its label; the tokens are the client's", async () => {
    oidc.addClientSecret('graft-app', 'second-secret', 'worker-a');
    oidc.addClientSecret('graft-app', 'third-secret', 'worker-b');
    const post = (secret: string): Promise<Response> =>
      token({
        headers: form,
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'graft-app', client_secret: secret }).toString(),
      });
    const before = oidc.stats.tokensIssued;
    const a = await post('second-secret');
    await post('second-secret');
    await post('third-secret');
    await post('s3cret/+=');
    expect((await post('fourth-secret')).status).toBe(401);
    expect(oidc.stats.tokensIssued - before).toBe(4);
    expect(oidc.stats.tokensBySecret).toEqual({ 'worker-a': 2, 'worker-b': 1 });
    const claims = decodeJwtPayload(((await a.json()) as { access_token: string }).access_token);
    expect(claims).toMatchObject({ sub: 'graft-app', client_id: 'graft-app' });
    expect(() => oidc.addClientSecret('nobody', 'x', 'y')).toThrow(/no client nobody/);
  });
});
