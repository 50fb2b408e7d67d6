import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../compile/pipeline.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', '..', 'examples', 'conformance-strimzi-mm2');

describe('Strimzi KafkaMirrorMaker2, v1beta2 layout (connectCluster and clusters)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'graft-strimzi-mm2-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const spec = join(dir, 'customer-kafka.yaml');
  writeFileSync(
    spec,
    'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: [b-1.example.com:9096]\nsecurityProtocol: SASL_PLAINTEXT\nsasl:\n  mechanism: SCRAM-SHA-512\n  username: mirror-prod\n  password: { secretRef: { kubernetes: { name: corp-kafka, key: password } } }\ntopics: { prefix: acme. }\ngroups: { prefix: acme. }\n',
  );

  it("prefixes the Connect cluster's group and internal topics in its clusters[] entry, and keeps the source cluster", () => {
    const r = compileStack({ stack: EXAMPLE, spec });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    const text = r.files.find((f) => f.path === 'mirrormaker2.yaml')?.content.toString('utf8') ?? '';
    const mm2 = parseAllDocuments(text)[0]?.toJS() as { spec: { clusters: Record<string, unknown>[] } };
    const [upstream, bundled] = mm2.spec.clusters;
    expect(upstream).toEqual({ alias: 'upstream', bootstrapServers: 'upstream-kafka-bootstrap.upstream.svc:9092' });
    expect(bundled?.['bootstrapServers']).toBe('b-1.example.com:9096');
    expect(bundled?.['config']).toMatchObject({
      'group.id': 'acme.mirror-cluster',
      'config.storage.topic': 'acme.mirror-cluster-configs',
      'offset.storage.topic': 'acme.mirror-cluster-offsets',
      'status.storage.topic': 'acme.mirror-cluster-status',
    });
    expect(r.plan.renames.map((n) => `${n.setting}: ${n.from} -> ${n.to}`)).toEqual([
      'spec.clusters[1].config.group.id: mirror-cluster -> acme.mirror-cluster',
      'spec.clusters[1].config.config.storage.topic: mirror-cluster-configs -> acme.mirror-cluster-configs',
      'spec.clusters[1].config.offset.storage.topic: mirror-cluster-offsets -> acme.mirror-cluster-offsets',
      'spec.clusters[1].config.status.storage.topic: mirror-cluster-status -> acme.mirror-cluster-status',
    ]);
  });
});
