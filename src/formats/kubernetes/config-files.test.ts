import { describe, expect, it } from 'vitest';
import type { Bindings, ClientBinding } from '../../bindings/types.js';
import { applyEdits } from '../../core/edit.js';
import type { SourceFile } from '../../core/span.js';
import { loadSpec } from '../../spec/validate.js';
import { kubernetes } from './index.js';

const BROKER = `apiVersion: v1
kind: Service
metadata:
  name: kafka
spec:
  selector: {app: kafka}
  ports:
    - port: 9092
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: kafka
spec:
  serviceName: kafka
  selector:
    matchLabels: {app: kafka}
  template:
    metadata:
      labels: {app: kafka}
    spec:
      containers:
        - name: kafka
          image: apache/kafka:3.9.0
`;

/** A ConfigMap holding one settings file, and a Deployment that mounts it at /etc/app unless told otherwise. */
function stack(key: string, file: string, opts: { mounted?: boolean; env?: string } = {}): string {
  const body = file
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  const mounted = opts.mounted ?? true;
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-kafka
data:
  ${key}: |
${body}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  selector:
    matchLabels: {app: app}
  template:
    metadata:
      labels: {app: app}
    spec:
      containers:
        - name: app
          image: registry.example.com/app:1.0.0
${opts.env ? `          env:\n            - name: JAVA_TOOL_OPTIONS\n              value: ${opts.env}\n` : ''}${
    mounted
      ? `          volumeMounts:\n            - {name: kafka, mountPath: /etc/app}\n      volumes:\n        - name: kafka\n          configMap: {name: app-kafka}\n`
      : ''
  }`;
}

const SCRAM = `apiVersion: graft.dev/v1
kind: CustomerKafka
bootstrapServers: broker.example.com:9096
securityProtocol: SASL_SSL
sasl:
  mechanism: SCRAM-SHA-512
  username: app
  password: { secretRef: { kubernetes: { name: kafka-app, key: password } } }
`;

function compile(specText: string, manifest: string, bindings?: Record<string, Omit<ClientBinding, 'service'>>) {
  const loaded = loadSpec({ path: 'kafka.yaml', text: specText });
  const spec = loaded.spec;
  if (!spec) throw new Error(`test spec does not load: ${JSON.stringify(loaded.diagnostics)}`);
  const files: SourceFile[] = [
    { path: '/stack/kafka.yaml', text: BROKER },
    { path: '/stack/app.yaml', text: manifest },
  ];
  const b: Bindings | undefined = bindings
    ? {
        file: 'graft.yaml',
        clients: new Map(Object.entries(bindings).map(([k, v]) => [k, { service: k, ...v }])),
        infrastructure: new Map(),
      }
    : undefined;
  const input = { spec, bindings: b, read: () => undefined, options: {} };
  const parsed = kubernetes.parse(files, input);
  const out = kubernetes.rewrite(kubernetes.analyze(parsed.value, input).value, parsed.value, input);
  const app = files[1];
  return { text: applyEdits(app, out.edits.get(app.path) ?? []), diagnostics: out.diagnostics, plan: out.plan };
}

describe('client properties files in ConfigMaps', () => {
  it('gives an OAuth Java client its settings and the JVM flag that allows the token endpoint', () => {
    const spec = `apiVersion: graft.dev/v1
kind: CustomerKafka
bootstrapServers: broker.example.com:9096
securityProtocol: SASL_SSL
sasl:
  mechanism: OAUTHBEARER
  oauth:
    tokenEndpoint: https://idp.example.com/oauth2/token
    clientId: app
    clientSecret: { secretRef: { kubernetes: { name: idp-app, key: secret } } }
`;
    const r = compile(spec, stack('client.properties', 'bootstrap.servers=kafka:9092\nacks=all'), undefined);
    expect(r.diagnostics).toEqual([]);
    expect(r.text).toContain('sasl.mechanism=OAUTHBEARER');
    expect(r.text).toContain('clientSecret="${secrets:/etc/graft/secrets:kafka_oauth_client_secret}"');
    expect(r.text).toContain('sasl.oauthbearer.token.endpoint.url=https://idp.example.com/oauth2/token');
    expect(r.text).toMatch(
      /- name: JAVA_TOOL_OPTIONS\n\s+value: "-Dorg\.apache\.kafka\.sasl\.oauthbearer\.allowed\.urls=https:\/\/idp\.example\.com\/oauth2\/token"\n/,
    );
    expect(r.text).toMatch(/- secret:\n\s+name: idp-app\n\s+items:\n\s+- key: secret\n\s+path: kafka_oauth_client_secret/);
  });

  it('keeps the JVM options a container already has and adds the flag after them', () => {
    const spec = SCRAM.replace(
      /sasl:[\s\S]*$/,
      'sasl:\n  mechanism: OAUTHBEARER\n  oauth: { tokenEndpoint: https://idp/t, clientId: app, clientSecret: { secretRef: { kubernetes: { name: s, key: k } } } }\n',
    );
    const r = compile(spec, stack('client.properties', 'bootstrap.servers=kafka:9092', { env: '-Xmx256m' }));
    expect(r.text).toMatch(/value: "?-Xmx256m -Dorg\.apache\.kafka\.sasl\.oauthbearer\.allowed\.urls=https:\/\/idp\/t"?\n/);
  });

  it('merges config.providers with the file’s own and refuses a secrets alias bound to another class', () => {
    const merged = compile(SCRAM, stack('client.properties', 'bootstrap.servers=kafka:9092\nconfig.providers=env'));
    expect(merged.text).toContain('config.providers=env,secrets\n');
    const taken = compile(
      SCRAM,
      stack(
        'client.properties',
        'bootstrap.servers=kafka:9092\nconfig.providers=secrets\nconfig.providers.secrets.class=com.example.Vault',
      ),
    );
    expect(taken.text).not.toContain('sasl.jaas.config');
    expect(taken.diagnostics.map((d) => [d.code, d.severity])).toEqual([['K8S_CONFIGMAP_NO_SECURITY', 'error']]);
    expect(taken.diagnostics[0]?.message).toContain('config.providers.secrets.class=com.example.Vault');
  });

  it('warns, and adds no secret reference, when no workload mounts the file', () => {
    const r = compile(SCRAM, stack('client.properties', 'bootstrap.servers=kafka:9092', { mounted: false }));
    expect(r.text).toContain('bootstrap.servers=broker.example.com:9096');
    expect(r.text).not.toContain('sasl.jaas.config');
    expect(r.text).not.toContain('graft-secrets');
    expect(r.diagnostics[0]?.message).toMatch(/no workload in the stack mounts it as a file/);
  });

  it('warns when it cannot tell a Java file from a librdkafka one', () => {
    const r = compile(SCRAM, stack('kafka.conf', 'bootstrap.servers=kafka:9092\nclient.id=app'));
    expect(r.text).not.toContain('security.protocol');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['K8S_CONFIGMAP_NO_SECURITY']);
    expect(r.diagnostics[0]?.help).toMatch(/family java-properties or librdkafka-properties/);
  });

  it('lets graft.yaml decide the family of such a file', () => {
    const r = compile(SCRAM, stack('kafka.conf', 'bootstrap.servers=kafka:9092\nclient.id=app'), {
      app: { family: 'java-properties', configFile: '/etc/app/kafka.conf' },
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.text).toContain('sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="app"');
  });

  it('needs the vendor to vouch for the IAM library before writing AWS_MSK_IAM into a Java file', () => {
    const iam = `apiVersion: graft.dev/v1
kind: CustomerKafka
bootstrapServers: b-1.msk.example.com:9098
securityProtocol: SASL_SSL
sasl:
  mechanism: AWS_MSK_IAM
  aws: { roleArn: "arn:aws:iam::123456789012:role/app", region: eu-west-1 }
`;
    const plain = compile(iam, stack('client.properties', 'bootstrap.servers=kafka:9092'));
    expect(plain.text).not.toContain('IAMLoginModule');
    expect(plain.diagnostics[0]?.message).toMatch(/aws-msk-iam-auth jar/);
    const vouched = compile(iam, stack('client.properties', 'bootstrap.servers=kafka:9092'), {
      app: { family: 'java-properties', configFile: '/etc/app/client.properties', supports: { awsMskIam: true } },
    });
    expect(vouched.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // on Kubernetes the pod acts as the role (IRSA by default): the client signs with its own credentials
    expect(vouched.text).toContain('sasl.jaas.config=software.amazon.msk.auth.iam.IAMLoginModule required;');
    const assuming = compile(
      iam.replace('region: eu-west-1 }', 'region: eu-west-1, workloadIdentity: assumeRole }'),
      stack('client.properties', 'bootstrap.servers=kafka:9092'),
      { app: { family: 'java-properties', configFile: '/etc/app/client.properties', supports: { awsMskIam: true } } },
    );
    expect(assuming.text).toContain('IAMLoginModule required awsRoleArn="arn:aws:iam::123456789012:role/app" awsStsRegion="eu-west-1";');
  });
});
