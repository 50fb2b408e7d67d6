// Compiles a generated Compose stack and reports time and peak heap as ratios against parsing and
// printing the same YAML with the `yaml` library, measured in the same run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, parseDocument, type Document } from 'yaml';
import { compileStack } from '../src/core/pipeline.js';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function generate(n: number): string {
  const lines = ['services:', '  kafka:', '    image: apache/kafka:4.1.0', '    hostname: kafka'];
  for (let i = 0; i < n; i++) {
    lines.push(
      `  app-${i}:`,
      `    image: registry.example.com/app-${i}:1.0`,
      '    depends_on:',
      '      - kafka',
      '    environment:',
      i % 2 === 0 ? '      SPRING_KAFKA_BOOTSTRAP_SERVERS: kafka:9092' : '      HTTP_PORT: "8080"',
      `      ORDERS_TOPIC: orders-${i}`,
      `      SPRING_KAFKA_CONSUMER_GROUP_ID: group-${i}`,
    );
  }
  return lines.join('\n') + '\n';
}

function measure(label: string, fn: () => void): { ms: number; heapMb: number } {
  const times: number[] = [];
  let peak = 0;
  for (let r = 0; r < ROUNDS; r++) {
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
    peak = Math.max(peak, process.memoryUsage().heapUsed - before);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)] ?? 0;
  console.log(`${label.padEnd(34)} median ${ms.toFixed(1)} ms, heap growth ${(peak / 1e6).toFixed(1)} MB`);
  return { ms, heapMb: peak / 1e6 };
}

function generateK8s(n: number): string {
  const docs = ['apiVersion: kafka.strimzi.io/v1beta2\nkind: Kafka\nmetadata:\n  name: my-cluster\nspec:\n  kafka:\n    replicas: 3\n'];
  for (let i = 0; docs.length < n; i++) {
    docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${i}\ndata:\n  LOG_LEVEL: info\n`);
    docs.push(
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  selector:\n    matchLabels: { app: app-${i} }\n  template:\n    metadata:\n      labels: { app: app-${i} }\n    spec:\n      containers:\n        - name: app\n          image: quay.io/strimzi-examples/java-kafka-consumer:latest\n          env:\n            - name: KAFKA_BOOTSTRAP_SERVERS\n              value: my-cluster-kafka-bootstrap.kafka.svc:9092\n            - name: STRIMZI_TOPIC\n              value: orders-${i}\n`,
    );
  }
  return docs.join('---\n');
}

const dir = mkdtempSync(join(tmpdir(), 'graft-bench-'));
const text = generate(SERVICES);
writeFileSync(join(dir, 'docker-compose.yml'), text);
const spec = join(dir, 'kafka.yaml');
writeFileSync(
  spec,
  'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: kafka.example.com:9093\nsecurityProtocol: SASL_SSL\n' +
    'sasl: { mechanism: SCRAM-SHA-512, username: app, password: { secretRef: { env: KAFKA_PASSWORD } } }\ntopics: { prefix: acme. }\n',
);
const k8sSpec = join(dir, 'k8s-kafka.yaml');
writeFileSync(
  k8sSpec,
  'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: kafka.example.com:9093\nsecurityProtocol: SASL_SSL\n' +
    'sasl: { mechanism: SCRAM-SHA-512, username: app, password: { secretRef: { kubernetes: { name: customer-kafka, key: password } } } }\ntopics: { prefix: acme. }\n',
);
const stack = join(dir, 'stack');
rmSync(stack, { recursive: true, force: true });
console.log(`Compose stack: ${SERVICES + 1} services, ${(text.length / 1e6).toFixed(2)} MB, ${ROUNDS} rounds`);
const base = measure('baseline: yaml parse + print', () => {
  parseDocument(text).toString();
});
const graft = measure('graft compile (in memory)', () => {
  const r = compileStack({ stack: join(dir, 'docker-compose.yml'), spec });
  if (r.diagnostics.some((d) => d.severity === 'error')) throw new Error('bench stack failed to compile');
});
console.log(`ratio time ${(graft.ms / base.ms).toFixed(2)}x, heap ${(graft.heapMb / Math.max(base.heapMb, 0.001)).toFixed(2)}x`);

const K8S_RESOURCES = Number(process.env.BENCH_RESOURCES ?? 10000);
const k8sText = generateK8s(K8S_RESOURCES);
const k8sFile = join(dir, 'manifests.yaml');
writeFileSync(k8sFile, k8sText);
console.log(`\nKubernetes manifests: ${K8S_RESOURCES} resources, ${(k8sText.length / 1e6).toFixed(2)} MB, ${ROUNDS} rounds`);
const k8sBase = measure('baseline: yaml parse + print', () => {
  for (const d of parseAllDocuments(k8sText) as Document[]) d.toString();
});
const k8sGraft = measure('graft compile (in memory)', () => {
  const r = compileStack({ stack: k8sFile, spec: k8sSpec });
  if (r.diagnostics.some((d) => d.severity === 'error')) throw new Error('bench manifests failed to compile');
});
console.log(
  `ratio time ${(k8sGraft.ms / k8sBase.ms).toFixed(2)}x, heap ${(k8sGraft.heapMb / Math.max(k8sBase.heapMb, 0.001)).toFixed(2)}x`,
);
rmSync(dir, { recursive: true, force: true });
