import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../compile/pipeline.js';

const dir = mkdtempSync(join(tmpdir(), 'graft-compose-clickhouse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MTLS = `apiVersion: graft.dev/v1
kind: CustomerKafka
bootstrapServers: [b1.kafka.example.com:9094, b2.kafka.example.com:9094]
securityProtocol: SSL
tls:
  ca: { secretRef: { file: /etc/corp/ca.pem } }
  clientCert: { secretRef: { file: /etc/corp/client.pem } }
  clientKey: { secretRef: { file: /etc/corp/client-key.pem } }
`;

const COMPOSE = `services:
  kafka:
    image: apache/kafka:3.8.0
  clickhouse:
    image: clickhouse/clickhouse-server:24.6.1
    volumes:
      - ./initdb:/docker-entrypoint-initdb.d
      - ./config.d:/etc/clickhouse-server/config.d
    depends_on: [kafka]
`;

const TABLE = `CREATE TABLE q (v String) ENGINE = Kafka
SETTINGS kafka_broker_list = 'kafka:9092', kafka_topic_list = 'events', kafka_group_name = 'ch', kafka_format = 'JSONEachRow'`;

function compile(files: Record<string, string>) {
  const stack = join(dir, `s${Math.random().toString(36).slice(2)}`);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(stack, rel)), { recursive: true });
    writeFileSync(join(stack, rel), text);
  }
  writeFileSync(join(dir, 'spec.yaml'), MTLS);
  const r = compileStack({ stack, spec: join(dir, 'spec.yaml') });
  return { ...r, byPath: new Map(r.files.map((f) => [f.path, f.content.toString('utf8')])) };
}

describe('ClickHouse Kafka-engine tables in a Compose stack', () => {
  it('an init script the server mounts: the broker list rewired in place, the <kafka> section with mounted mTLS files', () => {
    const r = compile({
      'docker-compose.yml': COMPOSE,
      'initdb/01-kafka.sql': `${TABLE};\n`,
      'config.d/config.xml': '<clickhouse><listen_host>0.0.0.0</listen_host></clickhouse>\n',
    });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.byPath.get('initdb/01-kafka.sql')).toContain("kafka_broker_list = 'b1.kafka.example.com:9094,b2.kafka.example.com:9094'");
    const compose = r.byPath.get('docker-compose.yml') ?? '';
    expect(compose).toContain('target: /etc/clickhouse-server/config.d/graft-kafka.xml');
    expect(compose).toContain('<ssl_certificate_location>/run/secrets/kafka_client_cert</ssl_certificate_location>');
    expect(compose).not.toContain('apache/kafka');
  });

  it('a named collection in the mounted configuration is rewired too', () => {
    const r = compile({
      'docker-compose.yml': COMPOSE,
      'config.d/kafka.xml':
        '<clickhouse>\n  <named_collections>\n    <events>\n      <kafka_broker_list>kafka:9092</kafka_broker_list>\n      <kafka_topic_list>events</kafka_topic_list>\n    </events>\n  </named_collections>\n</clickhouse>\n',
    });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.byPath.get('config.d/kafka.xml')).toContain(
      '<kafka_broker_list>b1.kafka.example.com:9094,b2.kafka.example.com:9094</kafka_broker_list>',
    );
  });

  it("a table's own security settings are COMPOSE_CLICKHOUSE_TABLE_SECURITY at that setting; nothing is written", () => {
    const r = compile({
      'docker-compose.yml': COMPOSE,
      'initdb/01-kafka.sql': `${TABLE}, kafka_security_protocol = 'sasl_plaintext', kafka_sasl_mechanism = 'PLAIN';\n`,
    });
    const d = r.diagnostics.find((x) => x.code === 'COMPOSE_CLICKHOUSE_TABLE_SECURITY');
    expect(d?.severity).toBe('error');
    expect(d?.subject?.file).toContain('01-kafka.sql');
    expect(r.files).toEqual([]);
  });

  it('a ClickHouse server with no Kafka-engine table of the dropped Kafka is no client', () => {
    const r = compile({
      'docker-compose.yml': COMPOSE.replace('    depends_on: [kafka]\n', ''),
      'initdb/01-local.sql': 'CREATE TABLE t (v String) ENGINE = MergeTree ORDER BY v;\n',
    });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.plan.rewired).toEqual([]);
    expect(r.byPath.get('docker-compose.yml')).not.toContain('graft-kafka.xml');
  });
});
