import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMap, parseAllDocuments, parseDocument, type YAMLMap } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../compile/pipeline.js';
import { inferHandoff } from '../../handoff/model.js';
import { mirrorMakerNames } from './strimzi.js';

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

describe('the names a KafkaMirrorMaker2 gives topics on the customer cluster', () => {
  const mm2 = (text: string): YAMLMap => parseDocument(text).contents as YAMLMap;
  const v1 = (mirror: string): YAMLMap =>
    mm2(
      `target:\n  alias: bundled\n  bootstrapServers: kafka:9092\nmirrors:\n- source:\n    alias: upstream\n    bootstrapServers: up:9092\n${mirror}`,
    );
  const customer = (spec: YAMLMap, alias: string): YAMLMap[] =>
    [spec.get('target'), ...(spec.get('mirrors') as { items: YAMLMap[] }).items.map((m): unknown => m.get('source'))].filter(
      (c): c is YAMLMap => isMap(c) && c.get('alias') === alias,
    );

  it('lists what it writes into the customer cluster as a mirror target, with the grants beyond the source prefix', () => {
    const spec = v1(
      '  topicsPattern: "orders.*"\n  sourceConnector:\n    config:\n      offset-syncs.topic.location: target\n  checkpointConnector: {}\n  heartbeatConnector: {}\n',
    );
    expect(mirrorMakerNames(spec, customer(spec, 'bundled'))).toEqual([
      "MirrorMaker 2 mirrors upstream into the customer's cluster (bundled) under names no topic prefix renames: upstream.<topic> for each topic matching orders.*, upstream.checkpoints.internal, heartbeats, mm2-offset-syncs.bundled.internal; " +
        'grant its principal CREATE, WRITE, DESCRIBE and ALTER_CONFIGS on the topic prefix "upstream.", CREATE, WRITE and DESCRIBE on heartbeats, CREATE, WRITE, READ and DESCRIBE on mm2-offset-syncs.bundled.internal',
    ]);
  });

  it('lists what it reads from the customer cluster as a mirror source, and the offset syncs kept there by default', () => {
    const spec = v1('  topicsPattern: "orders.*"\n  groupsPattern: "shop.*"\n  checkpointConnector: {}\n');
    expect(mirrorMakerNames(spec, customer(spec, 'upstream'))).toEqual([
      "MirrorMaker 2 mirrors the customer's cluster (upstream) into bundled: grant its principal READ and DESCRIBE on the topics matching orders.*, DESCRIBE on the groups matching shop.*, and CREATE, WRITE and READ on mm2-offset-syncs.bundled.internal, which it keeps on the source",
    ]);
  });

  it('reaches the handoff as HANDOFF_MIRRORMAKER_NAMES', () => {
    const dir = mkdtempSync(join(tmpdir(), 'graft-strimzi-mm2-handoff-'));
    try {
      const spec = join(dir, 'customer-kafka.yaml');
      writeFileSync(
        spec,
        'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: [b-1.example.com:9096]\nsecurityProtocol: SASL_SSL\nsasl:\n  mechanism: SCRAM-SHA-512\n  username: mirror-prod\n  password: { secretRef: { kubernetes: { name: corp-kafka, key: password } } }\n',
      );
      const r = compileStack({ stack: EXAMPLE, spec });
      const names = inferHandoff(r)?.unknowns.filter((u) => u.code === 'HANDOFF_MIRRORMAKER_NAMES') ?? [];
      expect(names.map((u) => u.message)).toEqual([
        expect.stringMatching(/^KafkaMirrorMaker2\/.*: MirrorMaker 2 mirrors upstream into the customer's cluster/),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
