import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareFormats } from '../formats/index.js';
import { compileStack } from '../compile/pipeline.js';
import { inferHandoff } from './index.js';

await prepareFormats();

const dir = mkdtempSync(join(tmpdir(), 'graft-handoff-file-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A Compose service configured through a mounted properties file that also names a topic in its environment. */
function composeStack(naming: string): ReturnType<typeof compileStack> {
  const at = mkdtempSync(join(dir, 'compose-'));
  mkdirSync(join(at, 'stack', 'config'), { recursive: true });
  writeFileSync(
    join(at, 'stack', 'docker-compose.yml'),
    [
      'services:',
      '  kafka:',
      '    image: apache/kafka:3.8.0',
      '  ledger:',
      '    image: acme/ledger:0.9',
      '    environment:',
      '      AUDIT_OUTPUT_TOPIC: audit-log',
      '    volumes:',
      '      - ./config/ledger.properties:/etc/ledger/client.properties:ro',
      '    depends_on: [kafka]',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(at, 'stack', 'config', 'ledger.properties'),
    ['bootstrap.servers=kafka:9092', 'group.id=ledger', 'input.topics = payments, refunds', 'output.topic=ledger-entries', ''].join('\n'),
  );
  writeFileSync(
    join(at, 'stack', 'graft.yaml'),
    'apiVersion: graft.dev/v1\nkind: Bindings\nkafka:\n  clients:\n    ledger:\n      family: java-properties\n      configFile: /etc/ledger/client.properties\n',
  );
  writeFileSync(
    join(at, 'kafka.yaml'),
    `apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: kafka.example.com:9092\nsecurityProtocol: PLAINTEXT\n${naming}`,
  );
  return compileStack({ stack: join(at, 'stack'), spec: join(at, 'kafka.yaml') });
}

/** A Deployment whose client reads a properties file from a ConfigMap, beside the bundled Kafka. */
function k8sStack(): ReturnType<typeof compileStack> {
  const at = mkdtempSync(join(dir, 'k8s-'));
  mkdirSync(join(at, 'stack'));
  writeFileSync(
    join(at, 'stack', 'app.yaml'),
    [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: ledger-config, namespace: shop }',
      'data:',
      '  client.properties: |',
      '    bootstrap.servers=kafka.shop.svc:9092',
      '    group.id=ledger',
      '    input.topic=payments',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: ledger, namespace: shop }',
      'spec:',
      '  selector: { matchLabels: { app: ledger } }',
      '  template:',
      '    metadata: { labels: { app: ledger } }',
      '    spec:',
      '      containers:',
      '        - name: ledger',
      '          image: acme/ledger:0.9',
      '          volumeMounts: [{ name: config, mountPath: /etc/ledger }]',
      '      volumes: [{ name: config, configMap: { name: ledger-config } }]',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: { name: kafka, namespace: shop }',
      'spec: { selector: { app: kafka }, ports: [{ port: 9092 }] }',
      '---',
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata: { name: kafka, namespace: shop }',
      'spec:',
      '  serviceName: kafka',
      '  selector: { matchLabels: { app: kafka } }',
      '  template:',
      '    metadata: { labels: { app: kafka } }',
      '    spec:',
      '      containers: [{ name: kafka, image: apache/kafka:3.8.0 }]',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(at, 'kafka.yaml'),
    'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: broker-1.customer.example.com:9092\nsecurityProtocol: PLAINTEXT\n',
  );
  return compileStack({ stack: join(at, 'stack'), spec: join(at, 'kafka.yaml') });
}

describe("a properties file's topics and groups reach the handoff's grants", () => {
  it('without any naming: the file names its topics and group, the environment one more topic', () => {
    const result = composeStack('');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const ledger = inferHandoff(result)?.services.find((s) => s.service === 'ledger');
    expect(ledger).toMatchObject({
      produces: ['audit-log', 'ledger-entries'],
      consumes: ['payments', 'refunds'],
      groups: ['ledger'],
    });
  });

  it("with prefixes: the customer's names, each once", () => {
    const result = composeStack('topics: { prefix: acme. }\ngroups: { prefix: acme. }\n');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const model = inferHandoff(result);
    expect(model?.services.find((s) => s.service === 'ledger')).toMatchObject({
      produces: ['acme.audit-log', 'acme.ledger-entries'],
      consumes: ['acme.payments', 'acme.refunds'],
      groups: ['acme.ledger'],
    });
    expect(model?.topics.find((t) => t.name === 'acme.payments')?.consumers).toEqual(['ledger']);
  });

  it('a ConfigMap properties file on Kubernetes, without naming', () => {
    const result = k8sStack();
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const services = inferHandoff(result)?.services ?? [];
    const file = services.find((s) => s.consumes.includes('payments'));
    expect(file).toMatchObject({ consumes: ['payments'], groups: ['ledger'] });
    expect(file?.service).toContain('ledger-config');
  });
});
