import { createSign, type KeyObject } from 'node:crypto';

/** Encodes a buffer or string as unpadded base64url. */
export function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** Signs a JSON payload as a compact RS256 JWS with the given key id. */
export function signRs256(payload: Record<string, unknown>, key: KeyObject, kid: string): string {
  const header = { alg: 'RS256', typ: 'JWT', kid };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key);
  return `${input}.${base64url(signature)}`;
}

/** Decodes (without verifying) the payload of a compact JWS. */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (part === undefined) throw new Error('not a compact JWS');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}
