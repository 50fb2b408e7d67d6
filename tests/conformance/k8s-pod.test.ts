import { mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { containerSupportProblem, execInNamespace } from './container.js';
import {
  clusterOf,
  parseManifests,
  podContainers,
  PodStartError,
  resolveEnv,
  secretGeneric,
  startContainer,
  type K8sObject,
} from './k8s-pod.js';
import { runPod } from './k8s-run.js';

// The pod runner on hand-written manifests: the environment and files a container gets are the ones the
// kubelet would give it, a pod the kubelet would not start fails the same way, and a rendering that uses
// a `$(VAR)` before declaring it fails the cell.

const dirs: string[] = [];
const scratch = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'graft-pod-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A Deployment `app` in namespace `ns` whose container has the given YAML (indented under `containers: - `). */
function deployment(container: string, extra = ''): string {
  const body = container
    .trim()
    .split('\n')
    .map((l, i) => (i === 0 ? `        - ${l}` : `          ${l}`))
    .join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: ns
spec:
  template:
    metadata:
      labels:
        app: app
        tier: backend
    spec:
      containers:
${body}
${extra}`;
}

const settings = `apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: ns }
data:
  PROTOCOL: SASL_SSL
  TOPIC: from-configmap
  bad key: skipped
`;

function start(manifests: string, secrets: K8sObject[] = [], dir = scratch()) {
  const objects = [...parseManifests(manifests), ...secrets];
  const [pc] = podContainers(objects);
  if (!pc) throw new Error('no container');
  return startContainer(pc, clusterOf(objects), dir);
}

const creds = (): K8sObject =>
  secretGeneric('creds', 'ns', [
    { key: 'username', literal: 'alice' },
    { key: 'password', literal: 'pa$(x)"ss' },
  ]);

describe('pod environment, as the kubelet resolves it', () => {
  it('applies envFrom with its prefix first, lets env override it, and expands $(VAR) against earlier variables only', () => {
    const view = start(
      `${settings}---\n${deployment(`
name: app
image: acme/app:1
envFrom:
  - configMapRef: { name: settings }
    prefix: KAFKA_
env:
  - { name: KAFKA_TOPIC, value: from-env }
  - { name: USER, valueFrom: { secretKeyRef: { name: creds, key: username } } }
  - { name: JAAS, value: 'user="$(USER)" pass="$(PASS)" proto=$(KAFKA_PROTOCOL) $$(USER) $(NOPE)' }
  - { name: PASS, valueFrom: { secretKeyRef: { name: creds, key: password } } }
  - { name: POD, valueFrom: { fieldRef: { fieldPath: metadata.name } } }
  - { name: NS, valueFrom: { fieldRef: { fieldPath: metadata.namespace } } }
  - { name: TIER, valueFrom: { fieldRef: { fieldPath: "metadata.labels['tier']" } } }
  - { name: FROM_CM, valueFrom: { configMapKeyRef: { name: settings, key: TOPIC } } }
  - { name: EMPTY, value: '' }
  - { name: LINK, value: $(KUBERNETES_SERVICE_HOST) }
`)}`,
      [creds()],
    );
    expect(view.env).toMatchObject({
      KAFKA_PROTOCOL: 'SASL_SSL',
      KAFKA_TOPIC: 'from-env',
      USER: 'alice',
      // PASS is declared after JAAS: left as written; $$ escapes; an unknown name stays
      JAAS: 'user="alice" pass="$(PASS)" proto=SASL_SSL $(USER) $(NOPE)',
      // a secret's own `$(x)` is a value, never expanded
      PASS: 'pa$(x)"ss',
      NS: 'ns',
      TIER: 'backend',
      FROM_CM: 'from-configmap',
      EMPTY: '',
      LINK: '10.96.0.1',
      KUBERNETES_SERVICE_PORT: '443',
    });
    expect(view.env['POD']).toMatch(/^app-[0-9a-f]{10}-[0-9a-f]{5}$/);
    // an invalid name from envFrom is skipped
    expect(Object.keys(view.env).some((k) => k.includes(' '))).toBe(false);
    expect(view.unexpanded).toEqual(['JAAS uses $(PASS), which is declared after it']);
  });

  it('adds service link variables for the namespace’s Services unless enableServiceLinks is false', () => {
    const svc =
      'apiVersion: v1\nkind: Service\nmetadata: { name: schema-registry, namespace: ns }\nspec:\n  ports: [{ name: http, port: 8081 }]\n---\n';
    const on = start(`${svc}${deployment('name: app\nimage: acme/app:1')}`);
    expect(on.env['SCHEMA_REGISTRY_SERVICE_PORT']).toBe('8081');
    expect(on.env['SCHEMA_REGISTRY_PORT']).toMatch(/^tcp:\/\/10\.96\.0\.\d+:8081$/);
    const off = start(`${svc}${deployment('name: app\nimage: acme/app:1', '      enableServiceLinks: false')}`);
    expect(off.env['SCHEMA_REGISTRY_SERVICE_PORT']).toBeUndefined();
    expect(off.env['KUBERNETES_SERVICE_HOST']).toBe('10.96.0.1');
  });

  it('fails the pod on a missing Secret or key unless the reference is optional', () => {
    const ref = (extra: string) =>
      deployment(`name: app\nimage: acme/app:1\nenv:\n  - { name: P, valueFrom: { secretKeyRef: { name: creds, key: pw${extra} } } }`);
    expect(() => start(ref(''))).toThrow(new PodStartError('CreateContainerConfigError', 'secret "creds" not found'));
    expect(() => start(ref(''), [creds()])).toThrow(/couldn't find key pw in Secret ns\/creds/);
    expect(start(ref(', optional: true'), [creds()]).env['P']).toBeUndefined();
    expect(start(ref(', optional: true')).env['P']).toBeUndefined();
    const from = deployment('name: app\nimage: acme/app:1\nenvFrom:\n  - secretRef: { name: creds }');
    expect(() => start(from)).toThrow(/CreateContainerConfigError: secret "creds" not found/);
  });
});

describe('kubectl create secret generic', () => {
  it('stores literals as given and files byte for byte under their base name', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'no-newline'), 's3cret');
    writeFileSync(join(dir, 'newline'), 's3cret\n');
    const s = secretGeneric('x', 'ns', [
      { key: 'lit', literal: 'a b' },
      { file: join(dir, 'no-newline') },
      { file: join(dir, 'newline'), key: 'nl' },
    ]);
    const data = s['data'] as Record<string, string>;
    expect(Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]))).toEqual({
      lit: 'a b',
      'no-newline': 's3cret',
      nl: 's3cret\n',
    });
    expect(() => secretGeneric('x', 'ns', [{ key: 'a/b', literal: '' }])).toThrow(/not a valid key name/);
    expect(() =>
      secretGeneric('x', 'ns', [
        { key: 'a', literal: '' },
        { key: 'a', literal: '' },
      ]),
    ).toThrow(/already exists/);
  });
});

const projected = deployment(
  `name: app
image: acme/app:1
volumeMounts:
  - { name: graft-secrets, mountPath: /etc/graft/secrets, readOnly: true }
  - { name: config, mountPath: /etc/app/client.properties, subPath: client.properties }
  - { name: scratch, mountPath: /tmp/work }`,
  `      volumes:
        - name: graft-secrets
          projected:
            sources:
              - secret: { name: creds, items: [{ key: password, path: kafka_sasl_password }] }
              - secret: { name: creds, items: [{ key: username, path: nested/kafka_sasl_username }] }
              - secret: { name: extra, optional: true }
        - name: config
          configMap: { name: app-config }
        - name: scratch
          emptyDir: {}
---
apiVersion: v1
kind: ConfigMap
metadata: { name: app-config, namespace: ns }
data:
  client.properties: |
    bootstrap.servers=b:9092
`,
);

describe('pod volumes, as the kubelet writes and mounts them', () => {
  it('writes secret, configMap and projected volumes in the AtomicWriter layout and mounts subPath files', () => {
    const dir = scratch();
    const view = start(projected, [creds()], dir);
    const [secrets, config, work] = ['/etc/graft/secrets', '/etc/app/client.properties', '/tmp/work'].map((t) =>
      view.mounts.find((m) => m.target === t),
    );
    expect(secrets?.readOnly).toBe(true);
    const vol = secrets?.source ?? '';
    expect(readdirSync(vol).sort()).toEqual(['..2026_01_01_00_00_00.000000001', '..data', 'kafka_sasl_password', 'nested']);
    expect(readlinkSync(join(vol, 'kafka_sasl_password'))).toBe('..data/kafka_sasl_password');
    expect(readFileSync(join(vol, 'kafka_sasl_password'), 'utf8')).toBe('pa$(x)"ss');
    expect(readFileSync(join(vol, 'nested', 'kafka_sasl_username'), 'utf8')).toBe('alice');
    // a subPath mount is the file itself, read-only as every configMap volume
    expect(readFileSync(config?.source ?? '', 'utf8')).toBe('bootstrap.servers=b:9092\n');
    expect(config?.readOnly).toBe(true);
    expect(work?.readOnly).toBe(false);
    // parents before children
    expect(view.mounts.map((m) => m.target)).toEqual(['/tmp/work', '/etc/graft/secrets', '/etc/app/client.properties']);
  });

  it('fails the mount on a missing Secret or item key unless the source is optional', () => {
    expect(() => start(projected)).toThrow(/FailedMount: MountVolume.SetUp failed for volume "graft-secrets" : secret "creds" not found/);
    const partial = secretGeneric('creds', 'ns', [{ key: 'username', literal: 'alice' }]);
    expect(() => start(projected, [partial])).toThrow(/references non-existent secret key: password/);
  });

  it.skipIf(containerSupportProblem() !== undefined)('shows the files at their mount paths inside the namespace', async () => {
    const view = start(projected, [creds()]);
    const script =
      'cat /etc/graft/secrets/kafka_sasl_password; echo; cat /etc/app/client.properties; ls -A /etc/graft/secrets; touch /etc/graft/secrets/x 2>/dev/null || echo read-only';
    const r = await execInNamespace(view.mounts, scratch(), ['sh', '-c', script], 10_000);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'pa$(x)"ss\nbootstrap.servers=b:9092\n..2026_01_01_00_00_00.000000001\n..data\nkafka_sasl_password\nnested\nread-only\n',
    );
  });
});

describe('a broken rendering', () => {
  // a JAAS composite whose helper is declared after it, as a faulty compile would write it
  const broken = deployment(`name: app
image: acme/app:1
env:
  - { name: SPRING_KAFKA_BOOTSTRAP_SERVERS, value: 'b:9092' }
  - { name: TOPIC, value: acme.orders }
  - { name: SPRING_KAFKA_CONSUMER_GROUP_ID, value: acme.orders }
  - name: SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG
    value: org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="$(GRAFT_KAFKA_SASL_PASSWORD)";
  - { name: GRAFT_KAFKA_SASL_PASSWORD, valueFrom: { secretKeyRef: { name: creds, key: password } } }`);

  it('keeps the reference literal, as the kubelet does, and fails the cell before the client runs', async () => {
    const view = start(broken, [creds()]);
    expect(view.env['SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG']).toContain('password="$(GRAFT_KAFKA_SASL_PASSWORD)"');
    const run = await runPod('spring', view, { topic: 'acme.orders', group: 'acme.orders' }, scratch());
    expect(run.cell).toBe('fail (unexpanded $(VAR))');
    expect(run.details).toBe('SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG uses $(GRAFT_KAFKA_SASL_PASSWORD), which is declared after it');
  });

  it('expands it when the helper comes first', () => {
    const lines = broken.split('\n');
    const helper = lines.findIndex((l) => l.includes('name: GRAFT_KAFKA_SASL_PASSWORD'));
    const jaas = lines.findIndex((l) => l.includes('name: SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG'));
    const fixed = [...lines.slice(0, jaas), lines[helper] ?? '', ...lines.slice(jaas, helper), ...lines.slice(helper + 1)].join('\n');
    const objects = [...parseManifests(fixed), creds()];
    const [pc] = podContainers(objects);
    const { env, unexpanded } = resolveEnv(pc, clusterOf(objects));
    expect(unexpanded).toEqual([]);
    expect(env['SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG']).toContain('password="pa$(x)"ss"');
  });
});
