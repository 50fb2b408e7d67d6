import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../compile/pipeline.js';

const dir = mkdtempSync(join(tmpdir(), 'graft-compose-depends-only-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SPEC = `apiVersion: graft.dev/v1
kind: CustomerKafka
bootstrapServers: kafka-1.internal.example.com:9092
securityProtocol: PLAINTEXT
`;

const BASE = `services:
  kafka:
    image: apache/kafka:3.8.0
  rest-proxy:
    image: confluentinc/cp-kafka-rest:7.7.1
    environment:
      KAFKA_REST_BOOTSTRAP_SERVERS: kafka:9092
  cache:
    image: redis:7
`;

/** Compiles the base stack plus one service `tool`, and gives what the compile said about it. */
function compileWith(tool: string): { errors: string[]; notes: string[] } {
  const stack = join(dir, `s${Math.random().toString(36).slice(2)}`);
  mkdirSync(stack, { recursive: true });
  writeFileSync(join(dir, 'spec.yaml'), SPEC);
  writeFileSync(join(stack, 'docker-compose.yml'), `${BASE}  tool:\n${tool}`);
  const r = compileStack({ stack, spec: join(dir, 'spec.yaml') });
  return {
    errors: r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`),
    notes: r.plan.notes,
  };
}

describe('a service that only depended on the dropped Kafka', () => {
  it('is no Kafka client when every address it names is an http:// URL of a kept service', () => {
    const r = compileWith(
      '    image: acme/topics-ui:1\n    environment:\n      REST_URL: http://rest-proxy:8082/\n    depends_on: [kafka, rest-proxy]\n',
    );
    expect(r.errors).toEqual([]);
    expect(r.notes.join('\n')).toContain(
      'service "tool" only depended on the dropped Kafka and is no Kafka client: it talks HTTP only, to rest-proxy',
    );
  });

  it('stays CLIENT_DEPENDS_ONLY when it also names a kept service by host:port (that may be no HTTP)', () => {
    const r = compileWith(
      '    image: acme/topics-ui:1\n    environment:\n      REST_URL: http://rest-proxy:8082/\n      CACHE: cache:6379\n    depends_on: [kafka]\n',
    );
    expect(r.errors.map((e) => e.split(':')[0])).toEqual(['CLIENT_DEPENDS_ONLY']);
  });

  it('stays CLIENT_DEPENDS_ONLY when the only URL it names is its own (no kept service answers to it)', () => {
    const r = compileWith('    image: acme/topics-ui:1\n    environment:\n      SELF_URL: http://tool:8080/\n    depends_on: [kafka]\n');
    expect(r.errors.map((e) => e.split(':')[0])).toEqual(['CLIENT_DEPENDS_ONLY']);
  });

  it('stays CLIENT_DEPENDS_ONLY when a value beside the URL is a bare host of the stack (no port to search for)', () => {
    const r = compileWith(
      '    image: acme/topics-ui:1\n    environment:\n      REST_URL: http://rest-proxy:8082/\n      CACHE_HOST: cache\n    depends_on: [kafka]\n',
    );
    expect(r.errors.map((e) => e.split(':')[0])).toEqual(['CLIENT_DEPENDS_ONLY']);
  });

  it('stays CLIENT_DEPENDS_ONLY when it names no address and its image is not a known HTTP-only tool', () => {
    const r = compileWith('    image: acme/cli:1\n    depends_on: [kafka, rest-proxy]\n');
    expect(r.errors.map((e) => e.split(':')[0])).toEqual(['CLIENT_DEPENDS_ONLY']);
  });

  it('is no Kafka client when it names no address, runs a known HTTP-only tool image and depends on a kept service', () => {
    const r = compileWith('    image: confluentinc/ksqldb-cli:0.29.0\n    entrypoint: /bin/sh\n    depends_on: [kafka, rest-proxy]\n');
    expect(r.errors).toEqual([]);
    expect(r.notes.join('\n')).toContain('its image confluentinc/ksqldb-cli:0.29.0 is the ksqlDB CLI');
  });

  it('a known HTTP-only image that depends on nothing kept is still CLIENT_DEPENDS_ONLY', () => {
    const r = compileWith('    image: confluentinc/ksqldb-cli:0.29.0\n    depends_on: [kafka]\n');
    expect(r.errors.map((e) => e.split(':')[0])).toEqual(['CLIENT_DEPENDS_ONLY']);
  });

  it("a mounted project folder's own Compose file is not where the service names the broker", () => {
    const r = compileWith('    image: acme/tests:1\n    volumes:\n      - ./:/app\n    depends_on: [kafka]\n');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain('names no Kafka address graft can see');
  });

  it('names the mounted file and line where the dropped broker is', () => {
    const stack = join(dir, 'mounted');
    mkdirSync(stack, { recursive: true });
    writeFileSync(join(dir, 'spec.yaml'), SPEC);
    writeFileSync(
      join(stack, 'docker-compose.yml'),
      `${BASE}  shipper:\n    image: acme/shipper:1\n    volumes:\n      - ./shipper.conf:/etc/shipper.conf\n    depends_on: [kafka]\n`,
    );
    writeFileSync(join(stack, 'shipper.conf'), '# output\n[kafka]\nbrokers = kafka:9092\n');
    const r = compileStack({ stack, spec: join(dir, 'spec.yaml') });
    const d = r.diagnostics.find((x) => x.code === 'CLIENT_DEPENDS_ONLY');
    expect(d?.message).toContain('names it only in its mounted shipper.conf (line 3: kafka:9092)');
    expect(d?.subject?.file).toContain('shipper.conf');
    expect(d?.message).not.toContain('names no Kafka address');
  });
});

describe('a service that only depended on the dropped ZooKeeper', () => {
  function compileZk(extra: string): { errors: string[]; helps: string[] } {
    const stack = join(dir, `z${Math.random().toString(36).slice(2)}`);
    mkdirSync(stack, { recursive: true });
    writeFileSync(join(dir, 'spec.yaml'), SPEC);
    writeFileSync(
      join(stack, 'docker-compose.yml'),
      `services:
  zoo1:
    image: zookeeper:3.4.9
  kafka1:
    image: confluentinc/cp-kafka:7.7.1
    environment:
      KAFKA_ZOOKEEPER_CONNECT: zoo1:2181
      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka1:19092
    depends_on: [zoo1]
${extra}`,
    );
    const r = compileStack({ stack, spec: join(dir, 'spec.yaml') });
    const errors = r.diagnostics.filter((d) => d.code === 'CLIENT_DEPENDS_ONLY');
    return { errors: errors.map((d) => d.message), helps: errors.map((d) => d.help ?? '') };
  }

  it('names the ZooKeeper it depended on, not the Kafka, and how to keep it', () => {
    const r = compileZk('  zk-ui-api:\n    image: elkozmon/zoonavigator-api:0.5.1\n    depends_on: [zoo1]\n');
    expect(r.errors).toEqual([
      'service "zk-ui-api" depended on the dropped ZooKeeper "zoo1" but names no address of it graft can see: an address built into its image or code would reach nothing',
    ]);
    expect(r.helps[0]).toContain('kafka.infrastructure: [{ service: zoo1, role: none }]');
    expect(r.helps[0]).toContain('kafka.infrastructure: [{ service: zk-ui-api, role: none }]');
  });

  it('still speaks of the dropped Kafka when the Kafka is among what it depended on', () => {
    const r = compileZk('  app:\n    image: acme/app:1\n    depends_on: [zoo1, kafka1]\n');
    expect(r.errors).toEqual([
      'service "app" depended on the dropped Kafka but names no Kafka address graft can see: an address built into its image or code would reach nothing',
    ]);
  });
});

describe('where a service that depended on the dropped Kafka names it in a file', () => {
  function compileFiles(files: Record<string, string>): { message: string; file: string } | undefined {
    const stack = join(dir, `f${Math.random().toString(36).slice(2)}`);
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(stack, name, '..'), { recursive: true });
      writeFileSync(join(stack, name), text);
    }
    writeFileSync(join(dir, 'spec.yaml'), SPEC);
    const r = compileStack({ stack, spec: join(dir, 'spec.yaml') });
    const d = r.diagnostics.find((x) => x.code === 'CLIENT_DEPENDS_ONLY');
    return d ? { message: d.message, file: d.subject?.file ?? '' } : undefined;
  }

  it('reads a folder mounted from ${PWD} as the project folder', () => {
    const d = compileFiles({
      'docker-compose.yml': `${BASE}  monitor:\n    image: acme/monitor:1\n    volumes:\n      - \${PWD}/conf:/etc/monitor/\n    depends_on: [kafka]\n`,
      'conf/monitor.toml': '[cluster.local]\nservers=[ "kafka:9092" ]\n',
    });
    expect(d?.message).toContain('names it only in its mounted conf/monitor.toml (line 2: kafka:9092)');
    expect(d?.file).toContain('monitor.toml');
  });

  it('reads a file its Dockerfile copies from the build context into the image', () => {
    const d = compileFiles({
      'docker-compose.yml': `${BASE}  app:\n    build: .\n    depends_on: [kafka]\n`,
      Dockerfile:
        'FROM gradle:8 AS builder\nCOPY . /src\nFROM eclipse-temurin:21-jre\nCOPY --from=builder /src/app.jar /app.jar\nADD conf/app.yaml /etc/app.yaml\nCMD java -jar /app.jar\n',
      'conf/app.yaml': 'kafka:\n  brokerList: "kafka:9092"\n',
    });
    expect(d?.message).toContain('names it only in conf/app.yaml, which its Dockerfile copies into the image (line 2: kafka:9092)');
  });

  it('ignores what an earlier build stage copies', () => {
    const d = compileFiles({
      'docker-compose.yml': `${BASE}  app:\n    build: .\n    depends_on: [kafka]\n`,
      Dockerfile: 'FROM gradle:8 AS builder\nCOPY conf/app.yaml /src/app.yaml\nFROM eclipse-temurin:21-jre\nCMD java -jar /app.jar\n',
      'conf/app.yaml': 'kafka:\n  brokerList: "kafka:9092"\n',
    });
    expect(d?.message).toContain('names no Kafka address graft can see');
  });
});

describe('COMPOSE_UNSEEN_CLIENTS', () => {
  it('says which kept service names the advertised broker in a file it mounts, and which would reach it unseen', () => {
    const stack = join(dir, 'unseen-mounted');
    mkdirSync(join(stack, 'conf'), { recursive: true });
    writeFileSync(
      join(stack, 'docker-compose.yml'),
      `services:
  kafka:
    image: apache/kafka:3.8.0
    environment:
      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka:9092
  generator:
    image: example/generator:1
    volumes:
      - ./conf/generator.json:/etc/generator.json
  dashboard:
    image: example/dashboard:1
`,
    );
    writeFileSync(join(stack, 'conf', 'generator.json'), '{\n  "connections": {\n    "bootstrap.servers": "kafka:9092"\n  }\n}\n');
    writeFileSync(join(dir, 'unseen-spec.yaml'), SPEC);
    const r = compileStack({ stack, spec: join(dir, 'unseen-spec.yaml') });
    const d = r.diagnostics.find((x) => x.code === 'COMPOSE_UNSEEN_CLIENTS');
    expect(d?.message).toBe(
      'the dropped broker "kafka" advertises KAFKA_ADVERTISED_LISTENERS = PLAINTEXT://kafka:9092 to clients on the Compose network, but no kept service names it in settings graft configures: ' +
        'generator names it in its mounted conf/generator.json (line 3: kafka:9092); dashboard would reach it by an address built into the image or code, which points at nothing once it is dropped',
    );
  });
});
