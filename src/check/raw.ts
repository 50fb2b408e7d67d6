import type { Socket } from 'node:net';
import type { CheckContext } from './context.js';

const CORRELATION_ID = 0x67726166; // "graf"

/** An ApiVersions v0 request frame: the one request every Kafka listener answers before authentication. */
export function apiVersionsV0Frame(): Buffer {
  const clientId = Buffer.from('graft-check');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
  body.writeInt16BE(18, 0); // ApiVersions
  body.writeInt16BE(0, 2);
  body.writeInt32BE(CORRELATION_ID, 4);
  body.writeInt16BE(clientId.length, 8);
  clientId.copy(body, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  return Buffer.concat([size, body]);
}

/**
 * Sends ApiVersions v0 on an open socket and resolves true when a Kafka response with our correlation id
 * comes back, false when something else answers; rejects when the peer closes or errors first.
 */
export function askApiVersions(ctx: CheckContext, socket: Socket, what: string): Promise<boolean> {
  ctx.stats.kafka['ApiVersions'] = (ctx.stats.kafka['ApiVersions'] ?? 0) + 1;
  return ctx.timed(
    new Promise<boolean>((resolve, reject) => {
      let buf = Buffer.alloc(0);
      socket.on('data', (d: Buffer) => {
        buf = Buffer.concat([buf, d]);
        if (buf.length >= 8) resolve(buf.readInt32BE(4) === CORRELATION_ID);
      });
      socket.once('error', reject);
      socket.once('close', () => reject(new Error('connection closed by the server')));
      socket.write(apiVersionsV0Frame());
    }),
    what,
  );
}
