import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ASSEMBLE_SCRIPT } from './assemble.js';

// The init container's script, run with this machine's POSIX sh (BusyBox's sh in the pod) on files written here.

const dir = mkdtempSync(join(tmpdir(), 'graft-assemble-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function assemble(origin: string, secrets: Record<string, string>): { code: number | null; out?: string; stderr: string } {
  const run = mkdtempSync(join(dir, 'run-'));
  writeFileSync(join(run, 'in.properties'), origin);
  const args = Object.entries(secrets).map(([key, value], i) => {
    writeFileSync(join(run, `secret-${i}`), value);
    return `${key}=${join(run, `secret-${i}`)}`;
  });
  const out = join(run, 'out.properties');
  const r = spawnSync('sh', ['-c', ASSEMBLE_SCRIPT, 'graft-kafka-config', join(run, 'in.properties'), out, ...args], {
    encoding: 'utf8',
  });
  let text: string | undefined;
  try {
    text = readFileSync(out, 'utf8');
  } catch {
    text = undefined;
  }
  return { code: r.status, ...(text === undefined ? {} : { out: text }), stderr: r.stderr };
}

describe('the init container script that assembles a librdkafka file', () => {
  it('keeps the file and appends each secret byte for byte, whatever its characters', () => {
    const value = "p\"a\\s$s ${x} `y` 'z' %s";
    const r = assemble('bootstrap.servers=b1:9094\nsasl.username=app\n', { 'sasl.password': value });
    expect(r.code).toBe(0);
    expect(r.out).toBe(`bootstrap.servers=b1:9094\nsasl.username=app\nsasl.password=${value}\n`);
  });

  it('starts the settings on a line of their own, and keeps a trailing line break of the secret as its line end', () => {
    const r = assemble('client.id=audit', { 'sasl.username': 'app\n', 'sasl.password': 'secret' });
    expect(r.code).toBe(0);
    expect(r.out).toBe('client.id=audit\nsasl.username=app\nsasl.password=secret\n');
  });

  it('refuses a value with a line break inside, writing no file', () => {
    const r = assemble('client.id=audit\n', { 'sasl.password': 'secret\nsecurity.protocol=PLAINTEXT' });
    expect(r.code).toBe(1);
    expect(r.out).toBeUndefined();
    expect(r.stderr).toContain('a line break inside the value of sasl.password');
  });
});
