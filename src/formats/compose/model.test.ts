import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../compile/pipeline.js';
import { parseDotenv, interpolate } from './dotenv.js';

const dir = mkdtempSync(join(tmpdir(), 'graft-compose-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SPEC = `apiVersion: graft.dev/v1
kind: CustomerKafka
bootstrapServers: kafka-1.internal.example.com:9092
securityProtocol: PLAINTEXT
`;

describe('the Compose model around one file', () => {
  it('compiling one file of a pair keeps the file it extends, rewired, in the output', () => {
    const stack = join(dir, 'pair');
    rmSync(stack, { recursive: true, force: true });
    writeFileSync(join(dir, 'spec.yaml'), SPEC);
    makeDir(stack);
    writeFileSync(
      join(stack, 'app.yml'),
      'services:\n  kafka:\n    image: apache/kafka:3.8.0\n  app:\n    extends: { file: base.yml, service: app-base }\n    env_file: app.env\n',
    );
    writeFileSync(join(stack, 'base.yml'), 'services:\n  app-base:\n    image: acme/app:1\n    environment:\n      BROKERS: kafka:9092\n');
    writeFileSync(join(stack, 'app.env'), 'OTHER_BROKERS=kafka:9092\n');
    writeFileSync(join(stack, 'unrelated.txt'), 'not part of the stack\n');
    const r = compileStack({ stack: join(stack, 'app.yml'), spec: join(dir, 'spec.yaml') });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const byPath = new Map(r.files.map((f) => [f.path, f.content.toString('utf8')]));
    expect([...byPath.keys()].sort()).toEqual(['app.env', 'app.yml', 'base.yml']);
    expect(byPath.get('base.yml')).toContain('BROKERS: kafka-1.internal.example.com:9092');
    expect(byPath.get('app.env')).toBe('OTHER_BROKERS=kafka-1.internal.example.com:9092\n');
    expect(byPath.get('app.yml')).not.toContain('apache/kafka');
  });

  it('an include: naming a file outside the stack is an error, not a silent no-op', () => {
    const stack = join(dir, 'inc');
    makeDir(stack);
    writeFileSync(join(stack, 'compose.yaml'), 'include:\n  - ../elsewhere/kafka.yaml\nservices:\n  app:\n    image: acme/app:1\n');
    const r = compileStack({ stack, spec: join(dir, 'spec.yaml') });
    expect(r.files).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toContain('COMPOSE_INCLUDE_UNRESOLVED');
  });
});

describe('env files', () => {
  it('reads values as Compose does and knows where each value sits', () => {
    const text = '# c\nexport A=kafka:9092 # comment\nB=\'x y\'\nC="q"\n';
    const env = parseDotenv({ path: 'x.env', text });
    const a = env.entries.get('A');
    expect(a?.value).toBe('kafka:9092');
    expect(text.slice(a?.valueStart, a?.valueEnd)).toBe('kafka:9092');
    expect(env.entries.get('B')?.value).toBe('x y');
    expect(env.entries.get('C')?.quote).toBe('"');
  });

  it('interpolates references with defaults, leaving $$ alone', () => {
    const vars = new Map([
      ['HOST', 'kafka:9092'],
      ['EMPTY', ''],
    ]);
    expect(interpolate('${HOST}', vars)).toBe('kafka:9092');
    expect(interpolate('${MISSING:-d:1}', vars)).toBe('d:1');
    expect(interpolate('${EMPTY:-d}|${EMPTY-d}', vars)).toBe('d|');
    expect(interpolate('$$HOST', vars)).toBe('$$HOST');
  });
});

function makeDir(path: string): void {
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
}
