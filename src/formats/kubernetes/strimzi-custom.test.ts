import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../compile/pipeline.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', '..', 'examples', 'conformance-strimzi');

const spec = (username: string): string =>
  `apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: [b-1.example.com:9096]\nsecurityProtocol: SASL_PLAINTEXT\nsasl:\n  mechanism: SCRAM-SHA-512\n  username: ${username}\n  password: { secretRef: { kubernetes: { name: corp-kafka, key: password } } }\n`;

describe('Strimzi KafkaConnect with a SCRAM username kept in a Secret', () => {
  const dir = mkdtempSync(join(tmpdir(), 'graft-strimzi-custom-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const put = (rel: string, text: string): void => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  cpSync(EXAMPLE, join(dir, 'stack'), { recursive: true });
  put('secret-user.yaml', spec('{ secretRef: { kubernetes: { name: corp-kafka-user, key: username } } }'));
  put('literal-user.yaml', spec('connect-prod'));
  const docsOf = (r: ReturnType<typeof compileStack>): Record<string, unknown>[] =>
    parseAllDocuments(r.files.find((f) => f.path === 'connect.yaml')?.content.toString('utf8') ?? '').map(
      (d) => d.toJS() as Record<string, unknown>,
    );

  it('writes type: custom with ${strimzisecrets:…} for username and password, and a Role and RoleBinding for the Connect pods', () => {
    const r = compileStack({ stack: join(dir, 'stack'), spec: join(dir, 'secret-user.yaml') });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    const [kc, role, binding] = docsOf(r);
    expect((kc?.['spec'] as Record<string, unknown>)['authentication']).toEqual({
      type: 'custom',
      sasl: true,
      config: {
        'sasl.mechanism': 'SCRAM-SHA-512',
        'sasl.jaas.config':
          'org.apache.kafka.common.security.scram.ScramLoginModule required username="${strimzisecrets:conformance/corp-kafka-user:username}" password="${strimzisecrets:conformance/corp-kafka:password}";',
      },
    });
    expect(role).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'connect-connect-kafka-secrets', namespace: 'conformance' },
      rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['corp-kafka', 'corp-kafka-user'], verbs: ['get'] }],
    });
    expect(binding).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'connect-connect-kafka-secrets', namespace: 'conformance' },
      subjects: [{ kind: 'ServiceAccount', name: 'connect-connect', namespace: 'conformance' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'connect-connect-kafka-secrets' },
    });
    // compiled again, nothing changes: no second Role
    for (const f of r.files) put(`out/${f.path}`, f.content.toString('utf8'));
    const again = compileStack({ stack: join(dir, 'out'), spec: join(dir, 'secret-user.yaml') });
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(again.files.filter((f) => f.changed).map((f) => f.path)).toEqual([]);
  });

  it('keeps type: scram-sha-512 where the username is literal, with no Role', () => {
    const r = compileStack({ stack: join(dir, 'stack'), spec: join(dir, 'literal-user.yaml') });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    const docs = docsOf(r);
    expect(docs.map((d) => d['kind'])).toEqual(['KafkaConnect']);
    expect((docs[0]?.['spec'] as Record<string, unknown>)['authentication']).toEqual({
      type: 'scram-sha-512',
      username: 'connect-prod',
      passwordSecret: { secretName: 'corp-kafka', password: 'password' },
    });
  });

  it('a KafkaConnect without a namespace reads the Secrets of the namespace it is applied to', () => {
    put('nons/connect.yaml', readExample('connect.yaml').replace(/\n {2}namespace: conformance/, ''));
    put('nons/kafka.yaml', readExample('kafka.yaml').replace(/\n {2}namespace: conformance/g, ''));
    const r = compileStack({ stack: join(dir, 'nons'), spec: join(dir, 'secret-user.yaml') });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    const [kc, role, binding] = docsOf(r);
    // `${strimzisecrets:<secret>:<key>}`: the config provider's own namespace, the pod's, where `kubectl apply -n` or a
    // kustomization's `namespace:` puts the KafkaConnect and the Secrets it names
    expect(((kc?.['spec'] as Record<string, unknown>)['authentication'] as { config: Record<string, string> }).config).toEqual({
      'sasl.mechanism': 'SCRAM-SHA-512',
      'sasl.jaas.config':
        'org.apache.kafka.common.security.scram.ScramLoginModule required username="${strimzisecrets:corp-kafka-user:username}" password="${strimzisecrets:corp-kafka:password}";',
    });
    expect(role?.['metadata']).toEqual({ name: 'connect-connect-kafka-secrets' });
    expect((role?.['rules'] as { resourceNames: string[] }[])[0]?.resourceNames).toEqual(['corp-kafka', 'corp-kafka-user']);
    expect(binding?.['metadata']).toEqual({ name: 'connect-connect-kafka-secrets' });
    expect(binding?.['subjects']).toEqual([{ kind: 'ServiceAccount', name: 'connect-connect' }]);
    // compiled again, nothing changes: the Role and RoleBinding are found without a namespace too
    for (const f of r.files) put(`nons-out/${f.path}`, f.content.toString('utf8'));
    const again = compileStack({ stack: join(dir, 'nons-out'), spec: join(dir, 'secret-user.yaml') });
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(again.files.filter((f) => f.changed).map((f) => f.path)).toEqual([]);
  });
});

function readExample(name: string): string {
  return readFileSync(join(EXAMPLE, name), 'utf8');
}

describe("Strimzi KafkaConnect (v1beta2) that leaves its group and storage topics to the operator's defaults", () => {
  const dir = mkdtempSync(join(tmpdir(), 'graft-strimzi-defaults-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(EXAMPLE, join(dir, 'stack'), { recursive: true });
  const connect = join(dir, 'stack', 'connect.yaml');
  writeFileSync(
    connect,
    readFileSync(connect, 'utf8')
      .split('\n')
      .filter((l) => !/^ {4}(group\.id|(config|offset|status)\.storage\.topic):/.test(l))
      .join('\n'),
  );
  writeFileSync(join(dir, 'prefixed.yaml'), `${spec('connect-prod')}topics: { prefix: acme. }\ngroups: { prefix: acme. }\n`);

  it('writes the defaults out under the customer prefixes, and lists them as renames', () => {
    const r = compileStack({ stack: join(dir, 'stack'), spec: join(dir, 'prefixed.yaml') });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    const kc = parseAllDocuments(r.files.find((f) => f.path === 'connect.yaml')?.content.toString('utf8') ?? '')[0]?.toJS() as {
      spec: { config: Record<string, unknown> };
    };
    expect(kc.spec.config).toMatchObject({
      'group.id': 'acme.connect-cluster',
      'offset.storage.topic': 'acme.connect-cluster-offsets',
      'config.storage.topic': 'acme.connect-cluster-configs',
      'status.storage.topic': 'acme.connect-cluster-status',
    });
    expect(r.plan.renames.map((n) => `${n.setting}: ${n.from} -> ${n.to}`)).toEqual([
      'spec.config.group.id: connect-cluster -> acme.connect-cluster',
      'spec.config.offset.storage.topic: connect-cluster-offsets -> acme.connect-cluster-offsets',
      'spec.config.config.storage.topic: connect-cluster-configs -> acme.connect-cluster-configs',
      'spec.config.status.storage.topic: connect-cluster-status -> acme.connect-cluster-status',
    ]);
  });
});
