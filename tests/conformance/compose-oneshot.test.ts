import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../src/compile/pipeline.js';
import { readContainers } from './compose-service.js';
import { runCompletedFirst } from './compose-oneshot.js';
import { containerSupportProblem } from './container.js';
import { skippable } from '../support/skips.js';

// The render service graft compiles for a librdkafka file, run as `docker compose up` would before its client: the
// file the client then reads from the volume is the stack's file with the password appended byte for byte.
const skipWhy = containerSupportProblem();

describe.skipIf(skipWhy !== undefined)(skippable('the Compose render service, run as compiled', skipWhy), () => {
  const dir = mkdtempSync(join(tmpdir(), 'graft-oneshot-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const stack = join(dir, 'stack');
  mkdirSync(join(stack, 'config'), { recursive: true });
  writeFileSync(
    join(stack, 'docker-compose.yml'),
    'services:\n  kafka:\n    image: apache/kafka:3.8.0\n  audit:\n    image: acme/audit:2.1\n    volumes:\n      - ./config/audit.conf:/etc/audit/kafka.conf:ro\n    depends_on: [kafka]\n',
  );
  writeFileSync(join(stack, 'config', 'audit.conf'), 'group.id=audit');
  writeFileSync(
    join(stack, 'graft.yaml'),
    'apiVersion: graft.dev/v1\nkind: Bindings\nkafka:\n  clients:\n    audit:\n      family: librdkafka-properties\n      configFile: /etc/audit/kafka.conf\n',
  );
  const password = join(dir, 'password');
  const spec = join(dir, 'kafka.yaml');
  writeFileSync(
    spec,
    `apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: [b1.example.com:9094]\nsecurityProtocol: SASL_PLAINTEXT\nsasl:\n  mechanism: SCRAM-SHA-512\n  username: audit\n  password: { secretRef: { file: ${password} } }\n`,
  );
  const result = compileStack({ stack, spec });
  const compose = result.files.find((f) => f.path === 'docker-compose.yml')?.content.toString('utf8') ?? '';

  async function run(secret: string, name: string) {
    writeFileSync(password, secret);
    const views = await readContainers(stack, compose, {}, join(dir, name));
    const audit = views.find((v) => v.service === 'audit');
    if (!audit) throw new Error(`no audit service:\n${compose}`);
    const out = await runCompletedFirst(audit, views, join(dir, `${name}-run`));
    const file = audit.mounts.find((m) => m.target === '/etc/audit/kafka.conf')?.source ?? '';
    return { out, file };
  }

  it('compiles without refusing the client', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(compose).toContain('audit-kafka-config:');
  });

  it('writes the stack file, then the password byte for byte, into the file the client mounts', async () => {
    writeFileSync(join(stack, 'config', 'audit.conf'), result.files.find((f) => f.path === 'config/audit.conf')?.content ?? '');
    const { out, file } = await run('p"a\\ss $x', 'good');
    expect(out.failed).toBeUndefined();
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('\nsasl.password=p"a\\ss $x\n')).toBe(true);
    expect(text).toContain('bootstrap.servers=b1.example.com:9094\n');
  });

  it('fails, and keeps the client from starting, on a password with a line break inside', async () => {
    const { out } = await run('one\nsecurity.protocol=PLAINTEXT', 'bad');
    expect(out.failed?.cell).toBe('fail (audit-kafka-config: exit 1)');
    expect(out.failed?.details).toContain('a line break inside the value of sasl.password');
  });
});
