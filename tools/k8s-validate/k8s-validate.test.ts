import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureK8sSchemas, validateManifests } from './index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusDir = resolve(repoRoot, 'tests', 'corpus', 'stacks', 'kubernetes');
const corpusFiles = readdirSync(corpusDir)
  .flatMap((dir) =>
    readdirSync(join(corpusDir, dir))
      .filter((file) => file.endsWith('.yaml'))
      .map((file) => join(corpusDir, dir, file)),
  )
  .sort();

const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

const deployment = (env: string[] = [], spec: string[] = []): string =>
  yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  labels: {app: web}',
    'spec:',
    '  replicas: 2',
    ...spec.map((line) => `  ${line}`),
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: nginx:1.27',
    '          ports: [{containerPort: 8080, name: http}]',
    '          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}',
    '          readinessProbe: {httpGet: {path: /healthz, port: http}}',
    ...(env.length > 0 ? ['          env:', ...env.map((line) => `            ${line}`)] : []),
  );

const service = yaml(
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: web}',
  'spec:',
  '  selector: {app: web}',
  '  ports: [{name: http, port: 80, targetPort: http, protocol: TCP}]',
);

const configMap = yaml(
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: {name: web-config}',
  'data:',
  '  LOG_LEVEL: info',
  '  app.properties: |',
  '    a=1',
);

const kafkaConnect = (authentication: string[], extra: string[] = []): string =>
  yaml(
    'apiVersion: kafka.strimzi.io/v1beta2',
    'kind: KafkaConnect',
    'metadata:',
    '  name: connect',
    '  annotations: {strimzi.io/use-connector-resources: "true"}',
    'spec:',
    '  version: 4.1.0',
    '  replicas: 1',
    '  bootstrapServers: customer-kafka.example.com:9093',
    '  authentication:',
    ...authentication.map((line) => `    ${line}`),
    '  tls:',
    '    trustedCertificates:',
    '      - {secretName: customer-ca, certificate: ca.crt}',
    '  config:',
    '    group.id: connect-cluster',
    '    offset.storage.topic: connect-offsets',
    '    config.storage.topic: connect-configs',
    '    status.storage.topic: connect-status',
    '    config.storage.replication.factor: -1',
    ...extra.map((line) => `  ${line}`),
  );

const scram = ['type: scram-sha-512', 'username: connect-user', 'passwordSecret: {secretName: connect-user, password: password}'];

function messages(result: { errors: { message: string }[] }): string {
  return result.errors.map((error) => error.message).join('\n');
}

beforeAll(async () => {
  await ensureK8sSchemas(); // a cold install downloads from the Go module proxy and Maven Central
}, 600_000);

describe('validateManifests: built-in kinds', () => {
  it('accepts a valid Deployment, Service and ConfigMap', async () => {
    const result = await validateManifests([deployment(), `---\n${service}---\n${configMap}`]);
    expect(result).toEqual({ ok: true, errors: [] });
  });

  it('rejects a secretKeyRef without key', async () => {
    const result = await validateManifests(deployment(['- name: PASSWORD', '  valueFrom: {secretKeyRef: {name: kafka-credentials}}']));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      {
        doc: 0,
        kind: 'Deployment',
        name: 'web',
        message: 'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.key: required field is missing',
      },
    ]);
  });

  it('rejects a wrong type (replicas: "two")', async () => {
    const result = await validateManifests(deployment([], []).replace('replicas: 2', 'replicas: "two"'));
    expect(messages(result)).toBe('spec.replicas: must be integer, got string "two"');
  });

  it('rejects an unknown field in a Deployment spec (strict field validation, as kubectl --validate=strict)', async () => {
    const result = await validateManifests(deployment([], ['replica: 3']));
    expect(messages(result)).toBe('spec.replica: unknown field');
  });

  it('reads YAML as Kubernetes does (YAML 1.1: an unquoted yes is a boolean)', async () => {
    const result = await validateManifests(deployment(['- {name: FEATURE, value: yes}']));
    expect(messages(result)).toBe('spec.template.spec.containers[0].env[0].value: must be string, got boolean true');
  });

  it('checks quantities, base64 Secret data and label syntax', async () => {
    const result = await validateManifests([
      deployment().replace('memory: 256Mi', 'memory: 256MB'),
      yaml(
        '---',
        'apiVersion: v1',
        'kind: Secret',
        'metadata: {name: s, labels: {team: "a b"}}',
        'data: {password: "c2VjcmV0", token: "not base64"}',
      ),
    ]);
    expect(result.errors.map((e) => `${e.doc} ${e.kind}/${e.name}: ${e.message}`)).toEqual([
      '0 Deployment/web: spec.template.spec.containers[0].resources.limits.memory: must match pattern "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$", got string "256MB"',
      `1 Secret/s: metadata.labels["team"]: invalid value "a b": at most 63 characters, alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric`,
      '1 Secret/s: data.token: must match format "byte", got string "not base64"',
    ]);
  });

  it('treats null fields as absent, like the API server', async () => {
    const result = await validateManifests(
      deployment().replace('metadata: {labels: {app: web}}', 'metadata: {labels: {app: web}, creationTimestamp: null}'),
    );
    expect(result).toEqual({ ok: true, errors: [] });
  });

  it('accepts the other workload, network, storage, RBAC and policy kinds', async () => {
    const docs = [
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: db, image: postgres:16}]}\n  volumeClaimTemplates:\n    - metadata: {name: data}\n      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}',
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec: {containers: [{name: agent, image: busybox}], tolerations: [{operator: Exists}]}',
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  backoffLimit: 2\n  template:\n    spec: {restartPolicy: Never, containers: [{name: m, image: busybox, command: [sh, -c, "true"]}]}',
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec: {restartPolicy: OnFailure, containers: [{name: report, image: busybox}]}',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: debug}\nspec:\n  containers: [{name: d, image: busybox, securityContext: {runAsNonRoot: true, capabilities: {drop: [ALL]}}}]\n  volumes: [{name: cfg, configMap: {name: web-config}}, {name: tmp, emptyDir: {}}]',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-web}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress, Egress]\n  ingress: [{from: [{podSelector: {}}], ports: [{port: 8080, protocol: TCP}]}]\n  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}], ports: [{port: 9093}]}]',
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}, storageClassName: standard}',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app}\nautomountServiceAccountToken: false',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: reader}\nrules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: reader}\nsubjects: [{kind: ServiceAccount, name: app}]\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}',
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec: {minAvailable: 1, selector: {matchLabels: {app: web}}}',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\ntype: Opaque\nstringData: {password: hunter2}',
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 5\n  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]',
    ];
    const result = await validateManifests(docs.join('\n---\n'));
    expect(result).toEqual({ ok: true, errors: [] });
  });
});

describe('validateManifests: custom resources', () => {
  it('accepts a Strimzi KafkaConnect with SCRAM-SHA-512 authentication and trusted certificates', async () => {
    const result = await validateManifests(kafkaConnect(scram));
    expect(result).toEqual({ ok: true, errors: [] });
  });

  it('rejects a broken KafkaConnect', async () => {
    const result = await validateManifests(
      kafkaConnect(['type: scram-sha-1024', 'username: connect-user', 'passwordSecret: {secretName: connect-user}'], ['replica: 2']),
    );
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.message).sort()).toEqual([
      'spec.authentication.passwordSecret.password: required field is missing',
      'spec.authentication.type: must be one of "tls", "scram-sha-256", "scram-sha-512", "plain", "oauth", "custom", got string "scram-sha-1024"',
      'spec.replica: unknown field',
    ]);
    expect(result.errors.every((e) => e.doc === 0 && e.kind === 'KafkaConnect' && e.name === 'connect')).toBe(true);
  });

  it("applies the CRD's oneOf and CEL rules", async () => {
    const result = await validateManifests(
      kafkaConnect(scram, ['metricsConfig: {type: jmxPrometheusExporter}']).replace(
        '{secretName: customer-ca, certificate: ca.crt}',
        '{secretName: customer-ca, certificate: ca.crt, pattern: "*.crt"}',
      ),
    );
    expect(messages(result)).toMatch(/spec\.tls\.trustedCertificates\[0\]: must match exactly one schema in oneOf/);
    expect(messages(result)).toMatch(/spec\.metricsConfig: valueFrom property is required \(rule: self\.type != 'jmxPrometheusExporter'/);
  });

  it('accepts KafkaMirrorMaker2, KafkaBridge and KafkaConnector', async () => {
    const result = await validateManifests(
      yaml(
        'apiVersion: kafka.strimzi.io/v1beta2',
        'kind: KafkaMirrorMaker2',
        'metadata: {name: mm2}',
        'spec:',
        '  version: 4.1.0',
        '  replicas: 1',
        '  connectCluster: target',
        '  clusters:',
        '    - alias: source',
        '      bootstrapServers: source:9092',
        '    - alias: target',
        '      bootstrapServers: customer-kafka.example.com:9093',
        '      tls: {trustedCertificates: [{secretName: customer-ca, pattern: "*.crt"}]}',
        '      authentication: {type: scram-sha-512, username: mm2, passwordSecret: {secretName: mm2, password: password}}',
        '  mirrors:',
        '    - sourceCluster: source',
        '      targetCluster: target',
        '      sourceConnector: {tasksMax: 1, config: {replication.factor: -1}}',
        '      topicsPattern: "orders.*"',
        '---',
        'apiVersion: kafka.strimzi.io/v1beta2',
        'kind: KafkaBridge',
        'metadata: {name: bridge}',
        'spec:',
        '  replicas: 1',
        '  bootstrapServers: customer-kafka.example.com:9093',
        '  http: {port: 8080}',
        '  authentication: {type: scram-sha-512, username: bridge, passwordSecret: {secretName: bridge, password: password}}',
        '---',
        'apiVersion: kafka.strimzi.io/v1beta2',
        'kind: KafkaConnector',
        'metadata: {name: sink, labels: {strimzi.io/cluster: connect}}',
        'spec:',
        '  class: io.confluent.connect.jdbc.JdbcSinkConnector',
        '  tasksMax: 2',
        '  config: {topics: orders, connection.url: "jdbc:postgresql://db:5432/app"}',
      ),
    );
    expect(result).toEqual({ ok: true, errors: [] });
  });

  it('accepts an External Secrets ExternalSecret v1 and refuses the no longer served v1beta1', async () => {
    const externalSecret = (apiVersion: string): string =>
      yaml(
        `apiVersion: ${apiVersion}`,
        'kind: ExternalSecret',
        'metadata: {name: kafka-credentials}',
        'spec:',
        '  refreshInterval: 1h',
        '  secretStoreRef: {name: vault, kind: ClusterSecretStore}',
        '  target: {name: kafka-credentials, creationPolicy: Owner}',
        '  data:',
        '    - secretKey: password',
        '      remoteRef: {key: kafka/app, property: password}',
      );
    const result = await validateManifests(externalSecret('external-secrets.io/v1'));
    expect(result).toEqual({ ok: true, errors: [] });
    const old = await validateManifests(externalSecret('external-secrets.io/v1beta1'));
    expect(messages(old)).toMatch(/external-secrets\.io\/v1beta1 ExternalSecret is not served/);
    const broken = await validateManifests(
      externalSecret('external-secrets.io/v1').replace('creationPolicy: Owner', 'creationPolicy: Sometimes'),
    );
    expect(messages(broken)).toMatch(/^spec\.target\.creationPolicy: must be one of "Owner", "Orphan", "Merge", "None"/);
  });

  it("validates Knative's KafkaSource against its CRD: secretKeyRef settings, not literals", async () => {
    const source = (type: string): string =>
      yaml(
        'apiVersion: sources.knative.dev/v1',
        'kind: KafkaSource',
        'metadata: {name: source}',
        'spec:',
        '  bootstrapServers: [kafka.customer.example.com:9096]',
        '  topics: [orders]',
        '  consumerGroup: orders',
        '  sink: {ref: {apiVersion: v1, kind: Service, name: sink}}',
        '  net:',
        '    sasl:',
        '      enable: true',
        '      user: {secretKeyRef: {name: customer-kafka, key: username}}',
        '      password: {secretKeyRef: {name: customer-kafka, key: password}}',
        `      type: ${type}`,
        '    tls: {enable: true, caCert: {secretKeyRef: {name: customer-kafka-ca, key: ca.crt}}}',
      );
    expect(await validateManifests(source('{secretKeyRef: {name: source-kafka-sasl, key: sasl.mechanism}}'))).toEqual({
      ok: true,
      errors: [],
    });
    expect(messages(await validateManifests(source('SCRAM-SHA-512')))).toMatch(/^spec\.net\.sasl\.type: must be object/);
  });
});

describe('validateManifests: kinds and documents', () => {
  const connect = yaml('apiVersion: platform.confluent.io/v1beta1', 'kind: Connect', 'metadata: {name: connect}', 'spec: {replicas: 1}');

  it('reports unknown kinds unless they are allowed', async () => {
    const result = await validateManifests(`${connect}---\napiVersion: apps/v1beta2\nkind: Deployment\nmetadata: {name: old}\n`);
    expect(result.errors.map((e) => `${e.doc} ${e.kind}: ${e.message}`)).toEqual([
      expect.stringMatching(/^0 Connect: unknown kind: no schema for Connect in platform\.confluent\.io\/v1beta1/),
      expect.stringMatching(/^1 Deployment: unknown kind: no schema for Deployment in apps\/v1beta2 .*; Deployment is known in apps\/v1$/),
    ]);
    for (const allowed of ['Connect', 'platform.confluent.io/v1beta1/Connect', 'platform.confluent.io/*']) {
      expect(await validateManifests(connect, { allowUnknownKinds: [allowed] })).toEqual({ ok: true, errors: [] });
    }
  });

  it('numbers documents across inputs, skips empty ones and reports YAML errors', async () => {
    const result = await validateManifests([
      '---\n# nothing\n---\n' + configMap,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: 1, a: 2}\n',
    ]);
    expect(result.errors).toEqual([
      { doc: 2, kind: '', name: '', message: expect.stringMatching(/^YAML: Map keys must be unique/) as unknown },
    ]);
  });

  it('requires apiVersion, kind and metadata.name', async () => {
    const result = await validateManifests('kind: ConfigMap\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: x}\n');
    expect(result.errors.map((e) => `${e.doc}: ${e.message}`)).toEqual([
      '0: apiVersion and kind must be non-empty strings',
      '1: metadata.name: required field is missing',
    ]);
  });
});

describe('validateManifests: the corpus', () => {
  it('holds the vendored Kubernetes stacks', () => expect(corpusFiles.length).toBeGreaterThan(0));

  it.each(corpusFiles.map((file) => [file.slice(corpusDir.length + 1), file]))('%s is valid', async (_name, file) => {
    const result = await validateManifests(readFileSync(file, 'utf8'));
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
