import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../spec/validate.js';
import { analyzeManifests } from './analyze.js';
import { kubernetes } from './index.js';
import { parseManifests } from './parse.js';

const STACK = `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: kafka, namespace: data }
spec:
  selector: { matchLabels: { app: kafka } }
  template:
    metadata: { labels: { app: kafka } }
    spec:
      containers:
      - name: kafka
        image: confluentinc/cp-kafka:7.6.0
---
apiVersion: v1
kind: Service
metadata: { name: kafka, namespace: data }
spec:
  selector: { app: kafka }
  ports: [{ port: 9092 }]
---
apiVersion: v1
kind: Service
metadata: { name: kafka-proxy, namespace: data }
spec:
  type: ExternalName
  externalName: kafka.data.svc.cluster.local
---
apiVersion: v1
kind: Service
metadata: { name: kafka-proxy-2, namespace: data }
spec:
  type: ExternalName
  externalName: kafka-proxy
---
apiVersion: v1
kind: Service
metadata: { name: other-kafka, namespace: data }
spec:
  type: ExternalName
  externalName: kafka.elsewhere.svc.cluster.local
---
apiVersion: v1
kind: Service
metadata: { name: outside, namespace: data }
spec:
  type: ExternalName
  externalName: kafka.example.com
`;

describe('ExternalName aliases of a dropped Kafka', () => {
  it('go with its Service, an alias of an alias too, and their names join the dropped hosts', () => {
    const spec = loadSpec({
      path: 'kafka.yaml',
      text: 'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: b-1.corp:9092\nsecurityProtocol: PLAINTEXT\n',
    }).spec;
    if (!spec) throw new Error('test spec does not load');
    const { resources } = parseManifests([{ path: '/stack/all.yaml', text: STACK }]);
    const a = analyzeManifests(resources, spec);
    const dropped = [...a.dropped].map(([r, d]) => [r.name, d.reason]).filter(([n]) => n !== 'kafka');
    expect(dropped).toEqual([
      ['kafka-proxy', "ExternalName alias of the dropped Kafka's Service kafka (externalName: kafka.data.svc.cluster.local)"],
      ['kafka-proxy-2', "ExternalName alias of the dropped Kafka's Service kafka-proxy (externalName: kafka-proxy)"],
    ]);
    expect([...a.kafkaHosts]).toEqual(expect.arrayContaining(['kafka', 'kafka-proxy', 'kafka-proxy-2']));
    // a Service of the same name in another namespace, or a host outside the cluster, is not the dropped Kafka
    expect(a.kafkaHosts.has('other-kafka')).toBe(false);
    expect(a.kafkaHosts.has('outside')).toBe(false);
  });
});

const AKKA = (hosts: string[]): string => `apiVersion: v1
kind: ConfigMap
metadata: { name: app-config }
data:
  application-akka.yaml: |
    akka:
      discovery.config.services.kafka.endpoints:
${hosts.map((h) => `      - host: ${h}\n        port: 9092`).join('\n')}
    server:
      host: 0.0.0.0
`;

describe('Akka discovery endpoints of a Kafka service', () => {
  const BROKER = `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: kafka }
spec:
  selector: { matchLabels: { app: kafka } }
  template:
    metadata: { labels: { app: kafka } }
    spec:
      containers:
      - name: kafka
        image: confluentinc/cp-kafka:7.6.0
---
apiVersion: v1
kind: Service
metadata: { name: kafka }
spec:
  selector: { app: kafka }
  ports: [{ port: 9092 }]
`;
  const run = (protocol: string, hosts: string[]): string[] => {
    const spec = loadSpec({
      path: 'kafka.yaml',
      text: `apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: b-1.corp:9092\nsecurityProtocol: ${protocol}\n${protocol === 'SSL' ? 'tls:\n  ca: { secretRef: { kubernetes: { name: corp-kafka-tls, key: ca.crt } } }\n' : ''}`,
    }).spec;
    if (!spec) throw new Error('test spec does not load');
    const files = [
      { path: '/stack/kafka.yaml', text: BROKER },
      { path: '/stack/app.yaml', text: AKKA(hosts) },
    ];
    const input = { spec, bindings: undefined, read: () => undefined, options: {} };
    const parsed = kubernetes.parse(files, input);
    const out = kubernetes.rewrite(kubernetes.analyze(parsed.value, input).value, parsed.value, input);
    return out.diagnostics.filter((d) => d.code === 'K8S_AKKA_DISCOVERY_KAFKA').map((d) => d.message);
  };
  it('are refused at the data key when the stack drops its Kafka, naming only the endpoint hosts', () => {
    const [message, ...rest] = run('PLAINTEXT', ['kafka-proxy']);
    expect(rest).toEqual([]);
    expect(message).toContain('(host kafka-proxy, its port in a key of its own)');
  });
  it("are left alone when they already name the customer's PLAINTEXT cluster, refused when it needs security", () => {
    expect(run('PLAINTEXT', ['b-1.corp'])).toEqual([]);
    expect(run('SSL', ['b-1.corp'])).toHaveLength(1);
  });
});
