import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../compile/pipeline.js';

const KAFKA = `apiVersion: kafka.strimzi.io/v1
kind: Kafka
metadata:
  name: my-cluster
  namespace: kafka
spec:
  kafka:
    listeners:
      - name: plain
        port: 9092
        type: internal
        tls: false
`;
const SOURCE = `apiVersion: sources.knative.dev/v1
kind: KafkaSource
metadata:
  name: orders
  namespace: shop
spec:
  topics:
    - orders
  bootstrapServers:
    - my-cluster-kafka-bootstrap.kafka:9092
  consumerGroup: orders-group
  sink:
    ref:
      apiVersion: v1
      kind: Service
      name: app
`;
const BRIDGE = `apiVersion: kafka.strimzi.io/v1
kind: KafkaBridge
metadata:
  name: bridge
  namespace: kafka
spec:
  replicas: 1
  bootstrapServers: my-cluster-kafka-bootstrap:9092
  http:
    port: 8080
  template:
    bridgeContainer:
      env:
        - name: LOG_LEVEL
          value: debug
`;

const spec = (body: string): string => `apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: [b-1.example.com:9096]\n${body}`;
const k8s = (name: string, key: string): string => `{ secretRef: { kubernetes: { name: ${name}, key: ${key} } } }`;

describe('Knative KafkaSource and Strimzi KafkaBridge security', () => {
  const dir = mkdtempSync(join(tmpdir(), 'graft-knative-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const put = (rel: string, text: string): string => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
    return join(dir, rel);
  };
  put('source/kafka.yaml', KAFKA);
  put('source/source.yaml', SOURCE);
  put('bridge/kafka.yaml', KAFKA);
  put('bridge/bridge.yaml', BRIDGE);
  const compile = (stack: string, body: string): ReturnType<typeof compileStack> =>
    compileStack({ stack: join(dir, stack), spec: put(`spec-${Math.random().toString(36).slice(2)}.yaml`, spec(body)) });
  const docs = (r: ReturnType<typeof compileStack>, file: string): Record<string, unknown>[] =>
    parseAllDocuments(r.files.find((f) => f.path === file)?.content.toString('utf8') ?? '').map((d) => d.toJS() as Record<string, unknown>);
  const errors = (r: ReturnType<typeof compileStack>): string[] => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

  it('PLAIN over TLS: secretKeyRefs only, no type (Knative defaults to PLAIN), no Secret of graft', () => {
    const r = compile(
      'source',
      `securityProtocol: SASL_SSL\nsasl:\n  mechanism: PLAIN\n  username: ${k8s('cc', 'key')}\n  password: ${k8s('cc', 'secret')}\n`,
    );
    expect(errors(r)).toEqual([]);
    const out = docs(r, 'source.yaml');
    expect(out.map((d) => d['kind'])).toEqual(['KafkaSource']);
    expect((out[0]?.['spec'] as Record<string, unknown>)['net']).toEqual({
      sasl: { enable: true, user: { secretKeyRef: { name: 'cc', key: 'key' } }, password: { secretKeyRef: { name: 'cc', key: 'secret' } } },
      tls: { enable: true },
    });
  });

  it('a username given in clear and SCRAM: both in a Secret of non-secret literals', () => {
    const r = compile(
      'source',
      `securityProtocol: SASL_PLAINTEXT\nsasl:\n  mechanism: SCRAM-SHA-256\n  username: shop\n  password: ${k8s('corp', 'pw')}\n`,
    );
    expect(errors(r)).toEqual([]);
    const [source, secret] = docs(r, 'source.yaml');
    expect((source?.['spec'] as Record<string, unknown>)['net']).toEqual({
      sasl: {
        enable: true,
        user: { secretKeyRef: { name: 'orders-kafka-sasl', key: 'user' } },
        password: { secretKeyRef: { name: 'corp', key: 'pw' } },
        type: { secretKeyRef: { name: 'orders-kafka-sasl', key: 'sasl.mechanism' } },
      },
    });
    expect(secret).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'orders-kafka-sasl', namespace: 'shop' },
      type: 'Opaque',
      stringData: { 'sasl.mechanism': 'SCRAM-SHA-256', user: 'shop' },
    });
  });

  it('refuses SSL without a client certificate, and OAuth client credentials', () => {
    expect(errors(compile('source', `securityProtocol: SSL\ntls:\n  ca: ${k8s('corp', 'ca.crt')}\n`))).toEqual([
      'K8S_KNATIVE_AUTH_UNSUPPORTED',
    ]);
    const oauth = compile(
      'source',
      `securityProtocol: SASL_SSL\nsasl:\n  mechanism: OAUTHBEARER\n  oauth:\n    tokenEndpoint: https://idp.example.com/token\n    clientId: shop\n    clientSecret: ${k8s('corp', 'client-secret')}\n`,
    );
    expect(errors(oauth)).toEqual(['K8S_KNATIVE_AUTH_UNSUPPORTED']);
    expect(oauth.files).toEqual([]);
  });

  it("a KafkaBridge's existing bridgeContainer env keeps its entries and gets the two variables", () => {
    const r = compile(
      'bridge',
      `securityProtocol: SASL_SSL\nsasl:\n  mechanism: SCRAM-SHA-512\n  username: ${k8s('corp', 'user')}\n  password: ${k8s('corp', 'pw')}\n`,
    );
    expect(errors(r)).toEqual([]);
    const [bridge] = docs(r, 'bridge.yaml');
    const spec = bridge?.['spec'] as {
      template: { bridgeContainer: { env: unknown[] } };
      authentication: { config: Record<string, string> };
    };
    expect(spec.template.bridgeContainer.env).toEqual([
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'GRAFT_KAFKA_SASL_USERNAME', valueFrom: { secretKeyRef: { name: 'corp', key: 'user' } } },
      { name: 'GRAFT_KAFKA_SASL_PASSWORD', valueFrom: { secretKeyRef: { name: 'corp', key: 'pw' } } },
    ]);
    expect(spec.authentication.config['sasl.jaas.config']).toBe(
      'org.apache.kafka.common.security.scram.ScramLoginModule required username="${strimzienv:GRAFT_KAFKA_SASL_USERNAME}" password="${strimzienv:GRAFT_KAFKA_SASL_PASSWORD}";',
    );
  });
});
