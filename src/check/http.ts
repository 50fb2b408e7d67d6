import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { CheckContext } from './context.js';

/** What an HTTP endpoint answered. */
export interface HttpReply {
  status: number;
  body: string;
}

/** Sends one HTTP(S) request bounded by the check's timeout; rejects on network and TLS errors. */
export function fetchText(
  ctx: CheckContext,
  url: URL,
  o: { method?: string; headers?: Record<string, string>; body?: string; ca?: string },
  what: string,
): Promise<HttpReply> {
  ctx.stats.http++;
  ctx.stats.connections++;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return ctx.timed(
    new Promise<HttpReply>((resolve, reject) => {
      const req = send(url, { method: o.method ?? 'GET', headers: o.headers, ...(o.ca ? { ca: o.ca } : {}), agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          if (body.length < 1_000_000) body += d;
        });
        // a server may echo the request, credentials included, and callers quote and cut error bodies: scrub them
        // whole first (a successful reply is data, e.g. a token, and is used as it came)
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          resolve({ status, body: status >= 200 && status < 300 ? body : ctx.scrub(body) });
        });
        res.on('error', reject);
      });
      ctx.track(() => req.destroy());
      req.on('error', reject);
      req.end(o.body);
    }),
    what,
  );
}

/** `Basic` credentials, parts form-encoded as RFC 6749 (section 2.3.1) asks for client credentials. */
export function basicAuth(user: string, password: string, formEncode = false): string {
  const enc = (v: string): string => (formEncode ? encodeURIComponent(v).replace(/%20/g, '+') : v);
  return `Basic ${Buffer.from(`${enc(user)}:${enc(password)}`).toString('base64')}`;
}
