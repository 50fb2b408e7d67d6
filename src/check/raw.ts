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

/** What a peer answered to ApiVersions: a Kafka response, or bytes that are not one (with what they were). */
export type ApiVersionsAnswer = { kafka: true } | { kafka: false; why: string; head: Buffer };

/**
 * Sends ApiVersions v0 on an open socket and resolves with a Kafka answer when a response with our correlation id
 * comes back, or with what else answered; rejects when the peer closes or errors first.
 */
export function askApiVersions(ctx: CheckContext, socket: Socket, what: string): Promise<ApiVersionsAnswer> {
  ctx.stats.kafka['ApiVersions'] = (ctx.stats.kafka['ApiVersions'] ?? 0) + 1;
  return ctx.timed(
    new Promise<ApiVersionsAnswer>((resolve, reject) => {
      let buf = Buffer.alloc(0);
      socket.on('data', (d: Buffer) => {
        buf = Buffer.concat([buf, d]);
        // an impossible frame size is an answer too: waiting for its bytes would only end in a timeout
        const why = notKafkaFrame(buf);
        if (why !== undefined) resolve({ kafka: false, why, head: buf.subarray(0, 16) });
        else if (buf.length >= 8 && buf.readInt32BE(4) === CORRELATION_ID) resolve({ kafka: true });
        else if (buf.length >= 8) resolve({ kafka: false, why: 'its answer does not answer the Kafka request', head: buf.subarray(0, 16) });
      });
      socket.once('error', reject);
      socket.once('close', () => reject(new Error('connection closed by the server')));
      socket.write(apiVersionsV0Frame());
    }),
    what,
  );
}

/** Whether bytes begin a TLS record (an alert or a handshake), as a TLS listener answers a plaintext request. */
export function isTlsRecord(head: Buffer): boolean {
  return (head[0] === 0x15 || head[0] === 0x16) && head[1] === 0x03;
}

/** The largest first response frame a Kafka listener sends to graft check: ApiVersions answers are a few KiB. */
const MAX_FIRST_FRAME = 1 << 20;

/**
 * Why the first bytes a peer answered with cannot begin a Kafka response (HTTP, a frame size no Kafka response has),
 * or undefined when they can, or when fewer than four bytes came yet.
 */
export function notKafkaFrame(head: Buffer): string | undefined {
  if (head.length < 4) return undefined;
  const start = head.subarray(0, Math.min(head.length, 12));
  if (start.toString('latin1').startsWith('HTTP')) return `it answered with HTTP ("${printable(start)}...")`;
  const size = head.readInt32BE(0);
  if (size >= 8 && size <= MAX_FIRST_FRAME) return undefined;
  const hex = [...start].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return `its answer (${hex}${head.length > start.length ? ' ...' : ''}) is not a Kafka frame (size field ${size})`;
}

function printable(b: Buffer): string {
  return b.toString('latin1').replace(/[^\x20-\x7e]/g, '.');
}

/** The peer's first bytes were not a Kafka response; the message says what they were. */
export class NotKafkaError extends Error {
  constructor(
    message: string,
    /** The first bytes the peer sent. */
    readonly head: Buffer,
  ) {
    super(message);
  }

  /** Whether the bytes are a TLS record, as a TLS listener answers a plaintext request. */
  get looksLikeTls(): boolean {
    return isTlsRecord(this.head);
  }
}

/**
 * Watches the first bytes a Kafka connection receives and rejects as soon as they cannot begin a Kafka response,
 * destroying the socket so a request waiting for an absurd frame ends at once. Never resolves; `stop()` detaches.
 */
export function watchFirstFrame(socket: Socket): { verdict: Promise<never>; stop: () => void } {
  let head = Buffer.alloc(0);
  let onData: (d: Buffer) => void = () => undefined;
  const verdict = new Promise<never>((_, reject) => {
    onData = (d: Buffer): void => {
      head = Buffer.concat([head, d]).subarray(0, 16);
      const why = notKafkaFrame(head);
      if (why !== undefined) {
        socket.off('data', onData);
        reject(new NotKafkaError(why, head));
        socket.destroy();
      } else if (head.length >= 4) socket.off('data', onData);
    };
    socket.on('data', onData);
  });
  // a caller that stopped watching no longer awaits the verdict
  verdict.catch(() => undefined);
  return { verdict, stop: () => socket.off('data', onData) };
}
