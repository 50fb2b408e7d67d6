import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileStack } from '../../src/compile/pipeline.js';

// Compiler bugs found while building the conformance matrix, each as a minimal case. `it.fails` keeps
// the suite green while a bug stands; when the fix lands the case fails: then drop `.fails`.
// (Bugs that only show at run time are the KNOWN_BUGS cells of expected.ts.)

function writeStack(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'graft-known-bug-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('java-properties', () => {
  it('keeps the config providers the vendor file already declares', () => {
    const dir = writeStack({
      'docker-compose.yml': [
        'services:',
        '  kafka:',
        '    image: apache/kafka:4.1.0',
        '  ledger:',
        '    image: acme/ledger:1',
        '    volumes:',
        '      - ./client.properties:/etc/app/client.properties:ro',
        '',
      ].join('\n'),
      'graft.yaml':
        'apiVersion: graft.dev/v1\nkind: Bindings\nkafka:\n  clients:\n    ledger: { family: java-properties, configFile: /etc/app/client.properties }\n',
      // the vendor resolves its own settings from the environment
      'client.properties': [
        'bootstrap.servers=kafka:9092',
        'config.providers=env',
        'config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider',
        'client.id=${env:HOSTNAME}',
        '',
      ].join('\n'),
      'kafka.yaml': [
        'apiVersion: graft.dev/v1',
        'kind: CustomerKafka',
        'bootstrapServers: b1.example.com:9096',
        'securityProtocol: SASL_SSL',
        'sasl: { mechanism: SCRAM-SHA-512, username: app, password: { secretRef: { env: KAFKA_PASSWORD } } }',
        '',
      ].join('\n'),
    });
    const r = compileStack({ stack: dir, spec: join(dir, 'kafka.yaml') });
    rmSync(dir, { recursive: true, force: true });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const props = r.files.find((f) => f.path === 'client.properties')?.content.toString('utf8') ?? '';
    // today: `config.providers=secrets`, so `${env:HOSTNAME}` is no longer resolved
    expect(props).toMatch(/^config\.providers=env,secrets$/m);
  });
});
