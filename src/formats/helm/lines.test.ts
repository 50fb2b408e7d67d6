import { describe, expect, it } from 'vitest';
import { positionAt, type SourceFile } from '../../core/span.js';
import { counterparts, kindOf, templateSpan } from './lines.js';

const template: SourceFile = {
  path: '/chart/templates/app.yaml',
  text: [
    '{{- if .Values.api.enabled }}',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ .Release.Name }}-api',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: {{ .Chart.Name }}',
    '          env:',
    '            - name: KAFKA_BROKERS',
    '              value: {{ .Values.brokers | quote }}',
    '{{- end }}',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: {{ .Release.Name }}-api',
    '',
  ].join('\n'),
};
const rendered = [
  '# Source: app/templates/app.yaml',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: shop-api',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          env:',
  '            - name: KAFKA_BROKERS',
  '              value: "kafka:9092"',
  '---',
  '# Source: app/templates/app.yaml',
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: shop-api',
  '',
].join('\n');
const at = (needle: string, nth = 0): { file: string; start: number; end: number } => {
  let i = -1;
  for (let n = 0; n <= nth; n++) i = rendered.indexOf(needle, i + 1);
  return { file: '/chart/templates/app.yaml (rendered)', start: i, end: i + needle.length };
};
const line = (start: number): number => positionAt(template, start).line;

describe('a rendered span on its template', () => {
  it('is the template line helm copied unchanged, covering that line', () => {
    const s = templateSpan(template, rendered, at('- name: KAFKA_BROKERS'));
    expect(s.file).toBe(template.path);
    expect(line(s.start)).toBe(12);
    expect(template.text.slice(s.start, s.end)).toBe('- name: KAFKA_BROKERS');
  });
  it('is found by a hint when the rendered line is built by the template', () => {
    expect(line(templateSpan(template, rendered, at('- name: app'), ['name: KAFKA_BROKERS']).start)).toBe(12);
  });
  it("is the kind line of the object's own document when no line is literal", () => {
    expect(line(templateSpan(template, rendered, at('name: shop-api', 1)).start)).toBe(17);
    expect(line(templateSpan(template, rendered, at('name: shop-api', 0)).start)).toBe(3);
  });
  it('is the first line when the template renders a different number of documents', () => {
    const one = rendered.slice(0, rendered.indexOf('---'));
    const s = templateSpan(template, one, {
      file: 'x (rendered)',
      start: one.indexOf('name: shop-api'),
      end: one.indexOf('name: shop-api') + 1,
    });
    expect(s).toEqual({ file: template.path, start: 0, end: 0 });
  });
});

describe("a template's documents matched to its render", () => {
  it('by kind and place among that kind, as helm sorts its output by kind', () => {
    expect(counterparts(['StatefulSet', 'Service', 'Deployment', 'Service'], ['Service', 'Service', 'Deployment', 'StatefulSet'])).toEqual([
      1, 3, 2, 0,
    ]);
  });
  it('not when a document names no literal kind, or the counts or kinds differ', () => {
    expect(counterparts([undefined, 'Service'], ['Service', 'Deployment'])).toBeUndefined();
    expect(counterparts(['Service'], ['Service', 'Service'])).toBeUndefined();
    expect(counterparts(['Service', 'Job'], ['Service', 'Deployment'])).toBeUndefined();
  });
  it('reads one top-level kind', () => {
    expect(kindOf('apiVersion: v1\nkind: "Service"\n')).toBe('Service');
    expect(kindOf('kind: {{ .Values.kind }}\n')).toBeUndefined();
    expect(kindOf('kind: A\n---\nkind: B\n')).toBeUndefined();
  });
});
