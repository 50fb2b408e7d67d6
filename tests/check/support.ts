import { execFileSync } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection, createTopicsV7, metadataV12 } from '@platformatic/kafka';
import { stringify } from 'yaml';
import type { TestbedState } from '../../testbed/kafka/index.js';

/** A local TCP server for fault tests; `close()` also drops every accepted socket. */
export interface LocalServer {
  host: string;
  port: number;
  label: string;
  close(): Promise<void>;
}

async function listen(server: Server, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

function closer(server: Server, sockets: Set<Socket>): () => Promise<void> {
  return () => {
    for (const s of sockets) s.destroy();
    return new Promise<void>((r) => server.close(() => r()));
  };
}

/** Accepts connections and never answers a byte: a black-holed port. */
export async function startBlackHole(host = '127.0.0.1'): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  const port = await listen(server, host);
  return { host, port, label: `${host}:${port}`, close: closer(server, sockets) };
}

/** Forwards every connection on `host` to a target address byte for byte (reach a broker by another address). */
export async function startForwarder(host: string, target: string): Promise<LocalServer> {
  const [th, tp] = target.split(':');
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(tp), th ?? '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  const port = await listen(server, host);
  return { host, port, label: `${host}:${port}`, close: closer(server, sockets) };
}

/** A loopback port nothing listens on (bound, then released). */
export async function unusedPort(): Promise<number> {
  const s = createServer();
  const port = await listen(s, '127.0.0.1');
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Creates topics through the PLAINTEXT listener (User:ANONYMOUS has ALL on `acme.`) and waits until Metadata lists them. */
export async function createTopics(
  state: TestbedState,
  topics: { name: string; partitions: number; configs: Record<string, string> }[],
): Promise<void> {
  const [host, port] = state.listeners.plaintext.split(':');
  const conn = new Connection('graft-check-test', {});
  await conn.connect(host ?? '127.0.0.1', Number(port));
  try {
    const req = topics.map((t) => ({
      name: t.name,
      numPartitions: t.partitions,
      replicationFactor: 1,
      assignments: [],
      configs: Object.entries(t.configs).map(([name, value]) => ({ name, value })),
    }));
    await createTopicsV7.api.async(conn, req, 30_000, false);
    for (let i = 0; i < 100; i++) {
      try {
        const md = await metadataV12.api.async(
          conn,
          topics.map((t) => t.name),
          false,
          false,
        );
        if (md.topics.every((t) => t.partitions.length > 0)) return;
      } catch {
        // not yet visible
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('created topics did not appear in metadata');
  } finally {
    await conn.close();
  }
}

/** Signs a client certificate with the test bed's CA that expired yesterday (openssl `-days -1`). */
export function expiredClientCert(state: TestbedState, dir: string): { cert: string; key: string } {
  const tls = join(state.runDir, 'tls');
  const key = join(dir, 'expired.key');
  const csr = join(dir, 'expired.csr');
  const cert = join(dir, 'expired.pem');
  const quiet = { stdio: 'ignore' as const };
  execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', '/CN=app-client'], quiet);
  const ext = join(dir, 'expired.ext');
  writeFileSync(ext, 'extendedKeyUsage=clientAuth\n');
  execFileSync(
    'openssl',
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      join(tls, 'ca.pem'),
      '-CAkey',
      join(tls, 'ca.key'),
      '-days',
      '-1',
      '-set_serial',
      '77',
      '-extfile',
      ext,
      '-out',
      cert,
    ],
    quiet,
  );
  return { cert, key };
}

/** Writes a customer spec (YAML) or a requirements file (JSON) into a directory and returns its path. */
export function writeInput(dir: string, name: string, data: object): string {
  const file = join(dir, name);
  writeFileSync(file, name.endsWith('.json') ? JSON.stringify(data, null, 2) : stringify(data));
  return file;
}
