import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../compile/pipeline.js';

// A Compose file compiled by its path that keeps no service, with other Compose files beside it, is a Kafka layer
// whose clients live in those files: refused. The same file alone in its folder, or vouched for, compiles.

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SPEC = join(ROOT, 'examples', 'customer-kafka.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'graft-elsewhere-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const KAFKA_LAYER = `services:
  zookeeper:
    image: confluentinc/cp-zookeeper:7.6.0
    environment:
      ZOOKEEPER_CLIENT_PORT: 2181
  kafka:
    image: confluentinc/cp-kafka:7.6.0
    depends_on: [zookeeper]
    environment:
      KAFKA_ZOOKEEPER_CONNECT: zookeeper:2181
      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka:9092
`;
const APP = `services:
  orders:
    image: example/orders:1.0
    volumes:
      - ./orders.conf:/etc/orders.conf
`;

function stack(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmp, 'stack-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const codes = (r: ReturnType<typeof compileStack>): string[] => r.diagnostics.map((d) => d.code);

describe('COMPOSE_CLIENTS_ELSEWHERE', () => {
  it('refuses a Kafka layer compiled alone beside another Compose file, naming it', () => {
    const dir = stack({ 'docker-compose-kafka.yaml': KAFKA_LAYER, 'docker-compose-app.yaml': APP, 'orders.conf': 'x=1\n' });
    const r = compileStack({ stack: join(dir, 'docker-compose-kafka.yaml'), spec: SPEC });
    expect(codes(r)).toEqual(['COMPOSE_CLIENTS_ELSEWHERE']);
    expect(r.files).toEqual([]);
    const d = r.diagnostics[0];
    expect(d?.message).toContain('docker-compose-app.yaml beside it is a Compose file');
    expect(d?.help).toContain('COMPOSE_FILE=docker-compose-app.yaml:docker-compose-kafka.yaml');
    expect(d?.subject?.file).toBe(join(dir, 'docker-compose-kafka.yaml'));
  });

  it('compiles an only-Kafka file with no Compose file beside it', () => {
    const dir = stack({ 'docker-compose.yml': KAFKA_LAYER, 'README.md': '# services: none\n', 'notes.yaml': 'a: 1\n' });
    const r = compileStack({ stack: join(dir, 'docker-compose.yml'), spec: SPEC });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.plan.dropped.map((d) => d.service).sort()).toEqual(['kafka', 'zookeeper']);
  });

  it('does not count a file the compiled one reads itself (extends: file:)', () => {
    const layer = KAFKA_LAYER.replace('  kafka:\n', '  kafka:\n    extends: { file: base.yaml, service: base }\n');
    const dir = stack({ 'kafka.yml': layer, 'base.yaml': 'services:\n  base:\n    restart: always\n' });
    const r = compileStack({ stack: join(dir, 'kafka.yml'), spec: SPEC });
    expect(codes(r)).not.toContain('COMPOSE_CLIENTS_ELSEWHERE');
  });

  it('compiles the layer when graft.yaml says the stack has no client', () => {
    const dir = stack({
      'docker-compose-kafka.yaml': KAFKA_LAYER,
      'docker-compose-app.yaml': APP,
      'graft.yaml': 'apiVersion: graft.dev/v1\nkind: Bindings\nkafka:\n  noClients: true\n',
    });
    const r = compileStack({ stack: join(dir, 'docker-compose-kafka.yaml'), spec: SPEC, bindings: join(dir, 'graft.yaml') });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.files.length).toBeGreaterThan(0);
  });

  it('leaves a kept service alone: a client in the compiled file is rewired there', () => {
    const withClient = `${KAFKA_LAYER}  app:
    image: confluentinc/cp-kafka:7.6.0
    command: kafka-console-consumer --bootstrap-server kafka:9092 --topic orders
`;
    const dir = stack({ 'docker-compose-kafka.yaml': withClient, 'docker-compose-app.yaml': APP });
    const r = compileStack({ stack: join(dir, 'docker-compose-kafka.yaml'), spec: SPEC });
    expect(codes(r)).not.toContain('COMPOSE_CLIENTS_ELSEWHERE');
  });
});
