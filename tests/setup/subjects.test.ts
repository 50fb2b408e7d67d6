import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRequirements } from '../../src/check/requirements.js';
import { startSetupServer, type SetupServer } from '../../src/setup/server.js';
import type { CheckLine, ValidateReply } from '../../src/setup/wire.js';
import { unusedPort } from '../check/support.js';

// A schema registry answering the one request graft check makes of it (GET /subjects) with a fixed subject list.
function startRegistry(subjects: string[]): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/subjects') {
      res.writeHead(200, { 'Content-Type': 'application/vnd.schemaregistry.v1+json' });
      res.end(JSON.stringify(subjects));
    } else {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{"error_code":404,"message":"HTTP 404 Not Found"}');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('graft setup: schema registry subjects in the requirements', () => {
  let dir: string;
  let registry: Server;
  let setup: SetupServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'graft-setup-subjects-'));
    registry = await startRegistry(['acme.orders-value', 'other-value']);
    const path = join(dir, 'requirements.json');
    const text = JSON.stringify({
      apiVersion: 'graft.dev/v1',
      kind: 'KafkaRequirements',
      schemaRegistry: { subjects: ['acme.orders-value', 'acme.payments-value'] },
    });
    writeFileSync(path, text);
    const requirements = loadRequirements({ path, text }).requirements!;
    setup = await startSetupServer({
      specPath: join(dir, 'customer-kafka.yaml'),
      requirements: { path, requirements },
      port: 0,
      secrets: { kind: 'env' },
      env: {},
      timeoutMs: 2000,
    });
  });
  afterAll(async () => {
    await setup?.close();
    await new Promise((r) => registry?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (path: string, body: unknown): Promise<Response> =>
    fetch(`http://127.0.0.1:${setup.port}${path}`, {
      method: 'POST',
      headers: { 'X-Graft-Token': setup.token, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const check = async (spec: unknown): Promise<CheckLine[]> =>
    (await (await post('/api/check', { spec })).text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as CheckLine);

  it('lists each subject with what the check verifies at the registry the form names', async () => {
    const url = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;
    const reply = (await (await post('/api/validate', { spec: { schemaRegistry: { url } } })).json()) as ValidateReply;
    expect(reply.requirements.map((i) => [i.id, i.title])).toEqual([
      ['subject:0', 'schema registry subject acme.orders-value'],
      ['subject:1', 'schema registry subject acme.payments-value'],
    ]);
    expect(reply.requirements[1].verifies).toContain(`${url} answers GET /subjects`);
    expect(reply.requirements[1].commands).toEqual([`curl -fsS ${url}/subjects/acme.payments-value/versions/latest`]);
  });

  it('ticks the subject the registry has, marks the one it lacks, and the finding names it', async () => {
    const url = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;
    const lines = await check({
      bootstrapServers: `127.0.0.1:${await unusedPort()}`,
      securityProtocol: 'PLAINTEXT',
      schemaRegistry: { url },
    });
    const done = lines.find((l) => l.type === 'done');
    expect(done?.type === 'done' && done.items).toEqual({ 'subject:0': 'confirmed', 'subject:1': 'missing' });
    const sr = lines.find((l) => l.type === 'end' && l.step.probe === 'schema-registry');
    const codes = sr?.type === 'end' ? sr.step.diagnostics.map((d) => `${d.code} ${d.message}`) : [];
    expect(codes).toEqual([expect.stringMatching(/^CHECK_SR_SUBJECT_MISSING .*"acme\.payments-value"/)]);
  });

  it('confirms no subject when the registry cannot be reached, and puts that finding at schemaRegistry.url', async () => {
    const url = `http://127.0.0.1:${await unusedPort()}`;
    const lines = await check({
      bootstrapServers: `127.0.0.1:${await unusedPort()}`,
      securityProtocol: 'PLAINTEXT',
      schemaRegistry: { url },
    });
    const done = lines.find((l) => l.type === 'done');
    expect(done?.type === 'done' && done.items).toEqual({ 'subject:0': 'unchecked', 'subject:1': 'unchecked' });
    const sr = lines.find((l) => l.type === 'end' && l.step.probe === 'schema-registry');
    expect(sr?.type === 'end' && sr.step.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['CHECK_SR_UNREACHABLE', 'schemaRegistry.url'],
    ]);
  });
});
