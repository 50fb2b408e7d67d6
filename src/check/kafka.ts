import { isIP } from 'node:net';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { Connection, type API } from '@platformatic/kafka';
import { usesTls } from '../spec/types.js';
import { CheckTimeout, errorText, type BrokerAddress, type CheckContext } from './context.js';

/** One error a Kafka response carried, e.g. for one topic. */
export interface KafkaError {
  /** Kafka's error name, e.g. `TOPIC_AUTHORIZATION_FAILED`. */
  id: string;
  /** Where in the response, e.g. `/topics/3`. */
  path: string;
  /** The broker's own message, when it sent one. */
  message?: string;
}

/** A response together with the per-item errors it carried. */
export interface KafkaReply<T> {
  response: T;
  errors: KafkaError[];
}

/** The Node TLS options the spec's TLS settings give for one host. */
export function tlsOptions(ctx: CheckContext, host: string): TlsOptions {
  const s = ctx.secrets.values;
  const tls = ctx.spec.tls;
  const ca = tls?.ca ? s.get(tls.ca.path) : undefined;
  const cert = tls?.clientCert ? s.get(tls.clientCert.path) : undefined;
  const key = tls?.clientKey ? s.get(tls.clientKey.path) : undefined;
  return {
    rejectUnauthorized: true,
    ...(ca ? { ca } : {}),
    ...(cert && key ? { cert, key } : {}),
    // SNI must be a host name; Node warns about IP addresses
    ...(isIP(host) === 0 ? { servername: host } : {}),
  };
}

/** Opens a Kafka connection (TCP, plus TLS when the spec uses it) without SASL; the caller authenticates. */
export async function openConnection(ctx: CheckContext, broker: BrokerAddress): Promise<Connection> {
  // the check's own bound (ctx.timed) fires first; the library's is a backstop
  const conn = new Connection('graft-check', {
    connectTimeout: ctx.timeoutMs + 1000,
    requestTimeout: ctx.timeoutMs + 1000,
    ...(usesTls(ctx.spec.securityProtocol) ? { tls: tlsOptions(ctx, broker.host) } : {}),
  });
  // the library reports failures through the promise; an unhandled 'error' event would crash the process
  conn.on('error', () => undefined);
  ctx.track(() => {
    (conn.socket as { destroy?: () => void } | undefined)?.destroy?.();
  });
  ctx.stats.connections++;
  const what = `connecting to ${broker.label}`;
  await ctx.timed(Promise.resolve(conn.connect(broker.host, broker.port)), what).catch((e: unknown) => {
    throw isLibraryTimeout(e) ? new CheckTimeout(what, ctx.timeoutMs) : e;
  });
  return conn;
}

/** Sends one Kafka request (counted, bounded); per-item errors are returned, not thrown. */
export async function send<A extends unknown[], T>(
  ctx: CheckContext,
  conn: Connection,
  name: string,
  api: API<A, T>,
  ...args: A
): Promise<KafkaReply<T>> {
  ctx.stats.kafka[name] = (ctx.stats.kafka[name] ?? 0) + 1;
  const what = `${name} to ${conn.host ?? 'the broker'}:${conn.port ?? ''}`;
  try {
    const response = await ctx.timed(api.async(conn, ...args), what);
    return { response, errors: [] };
  } catch (e) {
    if (isLibraryTimeout(e)) throw new CheckTimeout(what, ctx.timeoutMs);
    const r = e as { response?: T; errors?: { apiId?: string; path?: string; serverErrorMessage?: string | null }[] };
    if (r.response !== undefined && Array.isArray(r.errors)) {
      const errors = r.errors.map((x) => ({
        id: x.apiId ?? 'UNKNOWN',
        path: x.path ?? '/',
        ...(x.serverErrorMessage ? { message: x.serverErrorMessage } : {}),
      }));
      return { response: r.response, errors };
    }
    throw e;
  }
}

function isLibraryTimeout(e: unknown): boolean {
  return !(e instanceof CheckTimeout) && /timed out/i.test(errorText(e));
}

/** Whether an error means the peer closed or reset the connection (a protocol mismatch, usually). */
export function isClosedByPeer(e: unknown): boolean {
  return /closed|ECONNRESET|EPIPE|socket hang up/i.test(errorText(e));
}
