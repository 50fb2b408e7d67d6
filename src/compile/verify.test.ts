import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../cli/main.js';
import { compose } from '../formats/compose/index.js';
import { composeReferences } from '../formats/compose/references.js';
import { manifestReferences } from '../formats/kubernetes/references.js';
import { prepareFormats } from '../formats/index.js';
import { positionAt } from '../core/span.js';
import { applyEdits, type Edit } from '../core/edit.js';
import { k8sHostSuffix } from '../core/endpoints.js';
import { customerHostsOf, outputPathOf, verifyOutput, type OutputCandidate } from './verify.js';

await prepareFormats();
const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'graft-verify-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** The candidate the pipeline builds for an edited file: origin text, edits, and their result. */
function edited(path: string, before: string, edits: { start: number; end?: number; text: string }[]): OutputCandidate {
  const es: Edit[] = edits.map((e) => ({ span: { file: path, start: e.start, end: e.end ?? e.start }, text: e.text }));
  return { path, before, edits: es, text: applyEdits({ path, text: before }, es), changed: true };
}

function where(c: OutputCandidate, offset: number): string {
  const p = positionAt({ path: c.path, text: c.text }, offset);
  return `${p.line}:${p.col}`;
}

describe('output verification', () => {
  const compact = 'services:\n  api:\n    secrets:\n    - db\n    image: acme/api\n';

  it('refuses a YAML key inserted inside a block sequence written at its parent column', () => {
    // `environment:` inserted after `secrets:` but before its `- db` item, as a naive append does
    const at = compact.indexOf('    - db');
    const c = edited('stack/compose.yaml', compact, [{ start: at, text: '    environment:\n      A: b\n' }]);
    const v = verifyOutput([c], { format: 'compose' });
    expect(v.diagnostics).toHaveLength(1);
    const d = v.diagnostics[0];
    expect(d.code).toBe('OUTPUT_UNPARSEABLE');
    expect(d.severity).toBe('error');
    expect(d.message).toContain('stack/compose.yaml');
    expect(d.help).toMatch(/nothing was written/);
    expect(d.subject?.file).toBe(outputPathOf('stack/compose.yaml'));
    // the location is in the text graft would have written, which the verification returns for code frames
    expect(v.sources.map((s) => s.text)).toEqual([c.text]);
    expect(where(c, d.subject!.start)).toMatch(/^6:/);
  });

  it('accepts the same file when the edit keeps it valid', () => {
    const at = compact.indexOf('    image:');
    const c = edited('stack/compose.yaml', compact, [{ start: at, text: '    environment:\n      A: b\n' }]);
    expect(verifyOutput([c], { format: 'compose' }).diagnostics).toEqual([]);
  });

  it('refuses a duplicate key graft introduced, but not one the origin already had', () => {
    const text = 'a: 1\nb: 2\n';
    const dup = edited('x.yaml', text, [{ start: text.length, text: 'a: 3\n' }]);
    expect(verifyOutput([dup], { format: 'kubernetes' }).diagnostics[0]?.message).toMatch(/DUPLICATE_KEY/);
    const origin = 'a: 1\na: 2\n';
    const kept = edited('y.yaml', origin, [{ start: origin.length, text: 'c: 3\n' }]);
    expect(verifyOutput([kept], { format: 'kubernetes' }).diagnostics).toEqual([]);
  });

  it('counts YAML documents: dropping one is fine, splitting one is not', () => {
    const text = 'kind: A\n---\nkind: B\nspec:\n  x: 1\n';
    const dropped = edited('m.yaml', text, [{ start: 0, end: text.indexOf('kind: B'), text: '' }]);
    expect(verifyOutput([dropped], { format: 'kubernetes' }).diagnostics).toEqual([]);
    const split = edited('m.yaml', text, [{ start: text.indexOf('spec:'), text: '---\n' }]);
    expect(verifyOutput([split], { format: 'kubernetes' }).diagnostics[0]?.message).toMatch(/3 document\(s\) where 2 were expected/);
  });

  it('reads CloudFormation short tags as tags, and refuses a tag graft left unresolved elsewhere', () => {
    const text = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref Name\n';
    const ok = edited('t.yaml', text, [{ start: text.length, text: 'Outputs:\n  Q:\n    Value: !GetAtt Q.Arn\n' }]);
    expect(verifyOutput([ok], { format: 'cloudformation' }).diagnostics).toEqual([]);
    expect(verifyOutput([ok], { format: 'kubernetes' }).diagnostics[0]?.message).toMatch(/TAG_RESOLVE_FAILED/);
  });

  it('refuses broken JSON and HCL at the position of the error', () => {
    const json = '{\n  "a": 1\n}\n';
    const j = edited('p.json', json, [{ start: json.indexOf('\n}'), text: '\n  "b": 2' }]);
    const jd = verifyOutput([j], { format: 'cloudformation' }).diagnostics[0];
    expect(jd?.code).toBe('OUTPUT_UNPARSEABLE');
    expect(where(j, jd.subject!.start)).toBe('3:3');
    const hcl = 'locals {\n  a = 1\n}\n';
    const h = edited('main.tf', hcl, [{ start: hcl.indexOf('1'), end: hcl.indexOf('1') + 1, text: '"x' }]);
    expect(verifyOutput([h], { format: 'terraform' }).diagnostics[0]?.message).toMatch(/HCL .*does not parse/);
    const fine = edited('main.tf', hcl, [{ start: hcl.indexOf('1'), end: hcl.indexOf('1') + 1, text: '"x"' }]);
    expect(verifyOutput([fine], { format: 'terraform' }).diagnostics).toEqual([]);
  });

  it('refuses a properties append that a trailing line continuation swallows', () => {
    const props = 'a=1\nb=2\\';
    const c = edited('client.properties', props, [{ start: props.length, text: '\nc=3\n' }]);
    expect(verifyOutput([c], { format: 'compose' }).diagnostics[0]?.message).toMatch(/b now reads "2c=3" though graft did not change it/);
    const ok = edited('client.properties', 'a=1\n', [{ start: 4, text: 'c=3\n' }]);
    expect(verifyOutput([ok], { format: 'compose' }).diagnostics).toEqual([]);
  });

  it('refuses a kept file that still names a dropped service, changed or not, but not in a comment', () => {
    const leftovers = { hosts: ['kafka', 'broker-1'] };
    const envText = 'A=1\nBROKERS=kafka:9092,broker-1:9093\n';
    const env: OutputCandidate = { path: 'stack/.env', text: envText, before: envText, changed: false };
    const compose: OutputCandidate = {
      path: 'stack/compose.yaml',
      text: 'services:\n  ui:\n    # was kafka:9092\n    environment: { URL: "http://kafka:8080/" }\n    image: apache/kafka:3.8.0\n',
      before: 'services:\n  ui:\n    environment: { URL: "http://kafka:8080/" }\n',
      changed: true,
    };
    // what graft adds itself (its preflight bundle) is code, not the vendor's configuration
    const bundle: OutputCandidate = { path: 'stack/graft-preflight/graft.js', text: 'const example = "kafka:9092";\n', changed: true };
    const v = verifyOutput([env, compose, bundle], { format: 'compose', leftovers });
    expect(v.diagnostics.map((d) => [d.code, d.subject?.file, d.message])).toEqual([
      [
        'OUTPUT_DROPPED_ENDPOINT',
        'stack/.env',
        'kafka:9092,broker-1:9093 names a service graft dropped; whatever reads it would reach nothing',
      ],
      [
        'OUTPUT_DROPPED_ENDPOINT',
        outputPathOf('stack/compose.yaml'),
        'http://kafka:8080/ names a service graft dropped; whatever reads it would reach nothing',
      ],
    ]);
    expect(where(env, v.diagnostics[0].subject!.start)).toBe('2:9');
    expect(where(compose, v.diagnostics[1].subject!.start)).toBe('4:26');
    // Kubernetes DNS forms of a dropped Service
    const k8sText = 'value: kafka.events.svc.cluster.local:9092\n';
    const k8s: OutputCandidate = { path: 'm.yaml', text: k8sText, before: k8sText, changed: false };
    const suffix = k8sHostSuffix(new Set(['kafka']), ['events']);
    expect(verifyOutput([k8s], { format: 'kubernetes', leftovers: { hosts: ['kafka'], hostSuffix: suffix } }).diagnostics).toHaveLength(1);
    expect(verifyOutput([env, compose], { format: 'compose' }).diagnostics).toEqual([]);
  });

  it("never reads the customer's own hosts as a dropped service's name", () => {
    const spec = { bootstrapServers: ['kafka.example.com:9092', 'kafka.acme:9093'], schemaRegistry: { url: 'https://kafka.acme:8081/' } };
    expect(customerHostsOf(spec)).toEqual(['kafka.acme', 'kafka.example.com']);
    const text = [
      'BOOTSTRAP=kafka.example.com:9092,kafka.acme:9093',
      'LISTENERS=SASL_SSL://kafka.acme:9093',
      'REGISTRY=https://kafka.acme:8081/',
      'OLD=kafka.events:9092',
      '',
    ].join('\n');
    const file: OutputCandidate = { path: 'stack/app.env', text, before: text, changed: false };
    // a namespace-less Service takes any namespace: `kafka.acme` is one of its names but for the customer's spec
    const leftovers = { hosts: ['kafka'], hostSuffix: k8sHostSuffix(new Set(['kafka'])) };
    const found = (customerHosts?: string[]): string[] =>
      verifyOutput([file], { format: 'kubernetes', leftovers, ...(customerHosts ? { customerHosts } : {}) }).diagnostics.map(
        (d) => d.message.split(' ')[0] ?? '',
      );
    expect(found(customerHostsOf(spec))).toEqual(['kafka.events:9092']);
    expect(found()).toEqual(['kafka.acme:9093', 'SASL_SSL://kafka.acme:9093', 'https://kafka.acme:8081/', 'kafka.events:9092']);
  });

  it('refuses a reference to a dropped service or resource in a file the format compiled', () => {
    const text = 'services:\n  app:\n    depends_on: [db, kafka]\n    links:\n      - kafka:broker\n    network_mode: service:kafka\n';
    const file: OutputCandidate = { path: 'compose.yaml', text, changed: true, compiled: true };
    const leftovers = { hosts: [], names: ['kafka'], references: composeReferences };
    const v = verifyOutput([file], { format: 'compose', leftovers });
    expect(v.diagnostics.map((d) => `${where(file, d.subject!.start)} ${d.code}: ${d.message}`)).toEqual([
      '3:22 OUTPUT_DROPPED_REFERENCE: depends_on still names kafka, which graft dropped',
      '5:9 OUTPUT_DROPPED_REFERENCE: links still names kafka, which graft dropped',
      '6:19 OUTPUT_DROPPED_REFERENCE: network_mode still names kafka, which graft dropped',
    ]);
    // Kubernetes: a kept workload mounting a ConfigMap or reading a Secret graft dropped, by resource id
    const manifest = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: app, namespace: shop}',
      'spec:',
      '  template:',
      '    spec:',
      '      serviceAccountName: app',
      '      containers:',
      '        - envFrom: [{secretRef: {name: kafka-user}}]',
      '      volumes:',
      '        - {name: c, configMap: {name: kafka-config}}',
      '        - {name: p, projected: {sources: [{secret: {name: other}}]}}',
      '',
    ].join('\n');
    const k8s: OutputCandidate = { path: 'app.yaml', text: manifest, changed: false, compiled: true };
    const dropped = {
      hosts: [],
      names: ['ConfigMap/shop/kafka-config', 'Secret/shop/kafka-user', 'Secret/other'],
      references: manifestReferences,
    };
    const kd = verifyOutput([k8s], { format: 'kubernetes', leftovers: dropped }).diagnostics;
    expect(kd.map((d) => `${where(k8s, d.subject!.start)} ${d.message}`)).toEqual([
      '9:40 secretRef still names Secret/shop/kafka-user, which graft dropped',
      '11:39 configMap still names ConfigMap/shop/kafka-config, which graft dropped',
    ]);
    // a file the format did not compile is not read for references
    expect(verifyOutput([{ ...file, compiled: false }], { format: 'compose', leftovers }).diagnostics).toEqual([]);
  });

  it('graft compile exits non-zero and writes nothing when an edit breaks a file', () => {
    const stack = join(ROOT, 'examples', 'shop');
    const spec = join(ROOT, 'examples', 'customer-kafka.yaml');
    const real = compose.rewrite.bind(compose);
    vi.spyOn(compose, 'rewrite').mockImplementation((...args) => {
      const r = real(...args);
      const path = join(stack, 'docker-compose.yml');
      const text = readFileSync(path, 'utf8');
      // an unbalanced flow sequence at the end of the file, added to what the format produced
      r.edits.set(path, [...(r.edits.get(path) ?? []), { span: { file: path, start: text.length, end: text.length }, text: 'x: [1\n' }]);
      return r;
    });
    const out = join(tmp, 'out');
    let err = '';
    const code = main(['compile', stack, '--kafka', spec, '--out', out], { out: () => undefined, err: (t) => (err += t) });
    expect(code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(err).toMatch(/docker-compose\.yml \(output\):\d+:\d+ - error OUTPUT_UNPARSEABLE: internal error: the YAML graft would write/);
    expect(err).toContain('nothing written');
  });
});
