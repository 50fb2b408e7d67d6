// Measures the CLI's start (graft --help, graft plan on the example) against `node -e 0`, then compiles generated
// Compose, Kubernetes and Terraform stacks and reports time and peak heap as ratios against parsing and printing the
// same input with the same library, measured in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, parseDocument, type Document } from 'yaml';
import { compileStack } from '../src/compile/pipeline.js';
import { prepareFormats } from '../src/formats/index.js';
import { parseHcl } from '../src/formats/terraform/hcl.js';

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

interface Measured {
  ms: number;
  heapMb: number;
}

// One round of `fn`: its time and heap growth, after collecting what earlier rounds left
async function round(fn: () => void): Promise<Measured> {
  global.gc?.();
  // a turn of the event loop between rounds, as between two runs of graft: finalizers free what the last round left
  // outside the JS heap (Terraform syntax trees live in WebAssembly memory)
  await new Promise((resolve) => setTimeout(resolve, 0));
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  fn();
  return { ms: performance.now() - t0, heapMb: (process.memoryUsage().heapUsed - before) / 1e6 };
}

// The baseline and graft's compile, their rounds interleaved so that a change in the machine's load touches both alike
async function measure(baseline: [string, () => void], graft: [string, () => void]): Promise<[Measured, Measured]> {
  const runs = [baseline, graft].map(([label, fn]) => ({ label, fn, times: [] as number[], peak: 0 }));
  // warm-up: compiles the code paths and fills one-time caches, which the rounds below do not measure
  for (const r of runs) r.fn();
  for (let i = 0; i < ROUNDS; i++) {
    for (const r of runs) {
      const m = await round(r.fn);
      r.times.push(m.ms);
      r.peak = Math.max(r.peak, m.heapMb);
    }
  }
  const [base, compiled] = runs.map((r): Measured => {
    r.times.sort((a, b) => a - b);
    const ms = r.times[Math.floor(r.times.length / 2)] ?? 0;
    console.log(`${r.label.padEnd(34)} median ${ms.toFixed(1)} ms, heap growth ${r.peak.toFixed(1)} MB`);
    return { ms, heapMb: r.peak };
  });
  return [base, compiled];
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

// Start: median wall time of whole processes, as a user runs them
const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist', 'graft.js');
if (!existsSync(BIN)) spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
const STARTS = Number(process.env.BENCH_STARTS ?? 15);
function startMs(args: string[]): number {
  const times: number[] = [];
  for (let r = 0; r < STARTS; r++) {
    const t0 = performance.now();
    const p = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
    times.push(performance.now() - t0);
    if (p.status !== 0) throw new Error(`node ${args.join(' ')} exited ${p.status}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
}
console.log(`CLI start, median of ${STARTS} runs (node ${process.version})`);
spawnSync(process.execPath, [BIN, '--help'], { stdio: 'ignore' }); // the first run fills Node's compile cache
const nodeStart = startMs(['-e', '0']);
console.log(`node -e 0                          ${nodeStart.toFixed(0)} ms`);
for (const [label, args] of [
  ['graft --help', [BIN, '--help']],
  ['graft plan examples/shop', [BIN, 'plan', 'examples/shop', '--kafka', 'examples/customer-kafka.yaml']],
] as const) {
  const ms = startMs([...args]);
  console.log(`${label.padEnd(34)} ${ms.toFixed(0)} ms, ratio ${(ms / nodeStart).toFixed(2)}x`);
}
console.log('');

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
const [base, graft] = await measure(
  ['baseline: yaml parse + print', () => parseDocument(text).toString()],
  [
    'graft compile (in memory)',
    () => {
      const r = compileStack({ stack: join(dir, 'docker-compose.yml'), spec });
      if (r.diagnostics.some((d) => d.severity === 'error')) throw new Error('bench stack failed to compile');
    },
  ],
);
console.log(`ratio time ${(graft.ms / base.ms).toFixed(2)}x, heap ${(graft.heapMb / Math.max(base.heapMb, 0.001)).toFixed(2)}x`);

const K8S_RESOURCES = Number(process.env.BENCH_RESOURCES ?? 10000);
const k8sText = generateK8s(K8S_RESOURCES);
const k8sFile = join(dir, 'manifests.yaml');
writeFileSync(k8sFile, k8sText);
console.log(`\nKubernetes manifests: ${K8S_RESOURCES} resources, ${(k8sText.length / 1e6).toFixed(2)} MB, ${ROUNDS} rounds`);
const [k8sBase, k8sGraft] = await measure(
  [
    'baseline: yaml parse + print',
    () => {
      for (const d of parseAllDocuments(k8sText) as Document[]) d.toString();
    },
  ],
  [
    'graft compile (in memory)',
    () => {
      const r = compileStack({ stack: k8sFile, spec: k8sSpec });
      if (r.diagnostics.some((d) => d.severity === 'error')) throw new Error('bench manifests failed to compile');
    },
  ],
);
console.log(
  `ratio time ${(k8sGraft.ms / k8sBase.ms).toFixed(2)}x, heap ${(k8sGraft.heapMb / Math.max(k8sBase.heapMb, 0.001)).toFixed(2)}x`,
);

// Terraform: an MSK cluster and N ECS services reading its bootstrap list, each with its security group rule; at two
// sizes, to show the compile stays linear
const TF_SIZES = (process.env.BENCH_TF_SERVICES ?? '2000,4000').split(',').map(Number);
const tfSpec = join(dir, 'tf-kafka.yaml');
writeFileSync(
  tfSpec,
  'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: kafka.example.com:9096\nsecurityProtocol: SASL_SSL\n' +
    'sasl:\n  mechanism: SCRAM-SHA-512\n' +
    '  username: { secretRef: { awsSecretsManager: { arn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:k-AbC", key: username } } }\n' +
    '  password: { secretRef: { awsSecretsManager: { arn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:k-AbC", key: password } } }\n' +
    'topics: { prefix: acme. }\n',
);
await prepareFormats();
for (const TF_SERVICES of TF_SIZES) {
  const tfDir = join(dir, `tf-${TF_SERVICES}`);
  mkdirSync(tfDir, { recursive: true });
  const tfText = generateTerraform(TF_SERVICES);
  writeFileSync(join(tfDir, 'main.tf'), tfText);
  console.log(`\nTerraform module: ${TF_SERVICES} ECS services, ${(tfText.length / 1e6).toFixed(2)} MB, ${ROUNDS} rounds`);
  const [tfBase, tfGraft] = await measure(
    [
      'baseline: tree-sitter parse + print',
      () => {
        // parse, then print the file back from the tree's leaves and the text between them
        const tree = parseHcl(tfText);
        const cursor = tree.walk();
        let out = '';
        let at = 0;
        for (let more = true; more;) {
          if (cursor.nodeType !== 'ERROR' && cursor.gotoFirstChild()) continue;
          out += tfText.slice(at, cursor.endIndex);
          at = cursor.endIndex;
          while (!cursor.gotoNextSibling())
            if (!cursor.gotoParent()) {
              more = false;
              break;
            }
        }
        out += tfText.slice(at);
        if (out !== tfText) throw new Error('printing lost text');
        cursor.delete();
        tree.delete();
      },
    ],
    [
      'graft compile (in memory)',
      () => {
        const r = compileStack({ stack: tfDir, spec: tfSpec });
        if (r.diagnostics.some((d) => d.severity === 'error')) throw new Error('bench module failed to compile');
      },
    ],
  );
  console.log(`ratio time ${(tfGraft.ms / tfBase.ms).toFixed(2)}x, heap ${(tfGraft.heapMb / Math.max(tfBase.heapMb, 0.001)).toFixed(2)}x`);
}
rmSync(dir, { recursive: true, force: true });

function generateTerraform(n: number): string {
  const out = [
    'resource "aws_security_group" "msk" {\n  name = "msk"\n}\n',
    'resource "aws_msk_cluster" "this" {\n  cluster_name           = "bench"\n  kafka_version          = "3.6.0"\n  number_of_broker_nodes = 3\n\n' +
      '  broker_node_group_info {\n    instance_type   = "kafka.m5.large"\n    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]\n    security_groups = [aws_security_group.msk.id]\n  }\n}\n',
  ];
  for (let i = 0; i < n; i++) {
    out.push(
      `# service ${i}\nresource "aws_ecs_task_definition" "svc${i}" {\n  family = "svc${i}"\n  container_definitions = jsonencode([\n    {\n` +
        `      name  = "svc${i}"\n      image = "registry.example.com/svc${i}:1.0.0"\n      environment = [\n` +
        `        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = aws_msk_cluster.this.bootstrap_brokers_sasl_scram },\n` +
        `        { name = "SPRING_KAFKA_CONSUMER_GROUP_ID", value = "svc${i}" },\n      ]\n    },\n  ])\n}\n`,
      `resource "aws_security_group_rule" "svc${i}_to_msk" {\n  type                     = "ingress"\n  from_port                = 9096\n  to_port                  = 9096\n` +
        `  protocol                 = "tcp"\n  security_group_id        = aws_security_group.msk.id\n  source_security_group_id = "sg-${i}"\n}\n`,
    );
  }
  return out.join('\n');
}
