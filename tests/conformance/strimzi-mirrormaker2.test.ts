import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clusterOf, secretGeneric, type K8sObject } from './k8s-pod.js';
import { OperatorError } from './strimzi-connect.js';
import { strimziMirrorMaker2Pod } from './strimzi-mirrormaker2.js';

// The v1 layout (`spec.target`, `spec.mirrors[].source`), which the live rows (v1beta2) do not run, rendered in process.

const secrets = [
  secretGeneric('corp-scram', 'mirror', [{ key: 'password', literal: 'pw-123456789' }]),
  secretGeneric('corp-ca', 'mirror', [{ key: 'ca.crt', literal: '-----BEGIN CERTIFICATE-----\n' }]),
];
const mm2 = (spec: Record<string, unknown>): K8sObject => ({
  apiVersion: 'kafka.strimzi.io/v1',
  kind: 'KafkaMirrorMaker2',
  metadata: { name: 'm', namespace: 'mirror' },
  spec,
});
const target = {
  alias: 'b',
  bootstrapServers: 'b:9096',
  groupId: 'acme.m',
  configStorageTopic: 'acme.m-configs',
  offsetStorageTopic: 'acme.m-offsets',
  statusStorageTopic: 'acme.m-status',
  authentication: { type: 'scram-sha-512', username: 'mirror', passwordSecret: { secretName: 'corp-scram', password: 'password' } },
  tls: { trustedCertificates: [{ secretName: 'corp-ca', certificate: 'ca.crt' }] },
  config: { 'config.storage.replication.factor': -1 },
};

describe('strimziMirrorMaker2Pod, v1 layout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'graft-mm2-port-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("gives each connector its clusters' settings, the worker the target's, and mounts the target's Secrets under its alias", () => {
    const r = strimziMirrorMaker2Pod(
      mm2({
        target,
        mirrors: [
          {
            source: { alias: 'a', bootstrapServers: 'a:9092' },
            sourceConnector: { tasksMax: 2, config: { 'replication.factor': -1 } },
            heartbeatConnector: {},
            topicsPattern: 'orders.*',
          },
        ],
      }),
      clusterOf(secrets),
      dir,
    );
    expect(r.connectors.map((c) => c.name)).toEqual(['a->b.MirrorSourceConnector', 'a->b.MirrorHeartbeatConnector']);
    expect(r.connectors[0]?.config).toMatchObject({
      'connector.class': 'org.apache.kafka.connect.mirror.MirrorSourceConnector',
      'tasks.max': '2',
      topics: 'orders.*',
      'replication.factor': '-1',
      'source.cluster.alias': 'a',
      'source.cluster.security.protocol': 'PLAINTEXT',
      'target.cluster.alias': 'b',
      'target.cluster.bootstrap.servers': 'b:9096',
      'target.cluster.security.protocol': 'SASL_SSL',
      'target.cluster.sasl.mechanism': 'SCRAM-SHA-512',
      'target.cluster.sasl.jaas.config':
        'org.apache.kafka.common.security.scram.ScramLoginModule required username="mirror" password="${strimzidir:/opt/kafka/mm2-password/b/corp-scram:password}";',
      'target.cluster.ssl.truststore.location': '/tmp/kafka/clusters/b.truststore.p12',
      'target.cluster.ssl.truststore.password': '${strimzienv:MIRRORMAKER_2_CERTS_STORE_PASSWORD}',
      'target.cluster.config.storage.replication.factor': '-1',
    });
    expect(r.env).toEqual({ KAFKA_MIRRORMAKER_2_CLUSTERS: 'b;a', KAFKA_MIRRORMAKER_2_TRUSTED_CERTS_CLUSTERS: 'b=corp-ca/ca.crt' });
    expect(r.pod.groupId).toBe('acme.m');
    expect(r.pod.properties).toContain('sasl.mechanism=SCRAM-SHA-512');
    expect(r.pod.mounts.map((m) => m.target).sort()).toEqual([
      '/opt/kafka/connect-password/corp-scram',
      '/opt/kafka/mm2-certs/b/corp-ca',
      '/opt/kafka/mm2-password/b/corp-scram',
    ]);
  });

  it('refuses what the operator refuses: a mirror without a source, aliases used twice', () => {
    expect(() => strimziMirrorMaker2Pod(mm2({ target, mirrors: [{ sourceConnector: {} }] }), clusterOf(secrets), dir)).toThrow(
      OperatorError,
    );
    expect(() =>
      strimziMirrorMaker2Pod(mm2({ target, mirrors: [{ source: { alias: 'b', bootstrapServers: 'x:1' } }] }), clusterOf(secrets), dir),
    ).toThrow(/unique/);
  });
});
