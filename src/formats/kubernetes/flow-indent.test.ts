import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../compile/pipeline.js';

// A manifest with a flow sequence continued on a less indented line (what helm renders when an include starts with a
// line break) is read as kubectl reads it: a client in the same file is rewired at the right offsets, and the verifier
// reads the output the same way.

const CASE = join(import.meta.dirname, 'cases', 'plain-zookeeper');
const tmp = mkdtempSync(join(tmpdir(), 'graft-flow-indent-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const WAIT = `      initContainers:
        - name: wait-for-db
          image: busybox:1.36
          command: ["sh", "-c", 'until nc -z
      postgres.billing.svc.cluster.local 5432; do sleep 1; done']
        - name: wait-for-kafka
          image: busybox:1.36
          command: ["sh", "-c", 'until nc -z
      kafka-0.kafka-headless.billing.svc.cluster.local 9092; do sleep 1; done']
      containers:
        - name: invoices
`;

describe('a manifest kubectl accepts and the YAML spec does not', () => {
  it('compiles: the client beside the less indented lines is rewired, its wait for the dropped Kafka removed whole', () => {
    const dir = join(tmp, 'stack');
    cpSync(join(CASE, 'input'), dir, { recursive: true });
    const apps = join(dir, 'apps.yaml');
    const text = readFileSync(apps, 'utf8').replace('      containers:\n        - name: invoices\n', WAIT);
    writeFileSync(apps, text);
    // the spec's reading rejects it
    expect(parseAllDocuments(text).some((d) => !Array.isArray(d) && d.errors.length > 0)).toBe(true);

    const r = compileStack({ stack: dir, spec: join(CASE, 'kafka.yaml') });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    const out = r.files.find((f) => f.path === 'apps.yaml')?.content.toString('utf8') ?? '';
    expect(out).toContain(
      `command: ["sh", "-c", 'until nc -z\n      postgres.billing.svc.cluster.local 5432; do sleep 1; done']\n      containers:`,
    );
    expect(out).not.toContain('kafka-headless');
    expect(out).not.toContain('wait-for-kafka');
    expect(out).toMatch(/- name: SPRING_KAFKA_BOOTSTRAP_SERVERS\n\s+value: kafka01\.dc1\.internal:9092,/);
  });
});
