import { isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import { describe, expect, it } from 'vitest';
import { flowContinuationPads, parseAllDocumentsLikeKubectl, parseDocumentLikeGoYaml } from './flow-indent.js';

// What go-yaml (gopkg.in/yaml.v3 3.0.1, the scanner kubectl's sigs.k8s.io/yaml shares) reads for each text, run once by
// hand; the `yaml` library alone rejects every one of them.
const KUBECTL_READS: [string, string, unknown][] = [
  [
    'a quoted scalar in a flow sequence',
    'a:\n  - name: x\n    command: ["sh", \'abc\n  def\']\n',
    { a: [{ name: 'x', command: ['sh', 'abc def'] }] },
  ],
  [
    'a plain entry of a flow sequence',
    'a:\n  - name: x\n    command: [sh, abc,\n  def]\n',
    { a: [{ name: 'x', command: ['sh', 'abc', 'def'] }] },
  ],
  ['a closing bracket', 'a:\n  b: [x,\n  y\n  ]\n', { a: { b: ['x', 'y'] } }],
  ['a line at column 0', 'a:\n  b: [x,\ny]\n', { a: { b: ['x', 'y'] } }],
  ['a quoted scalar at column 0', "a:\n  b: ['x\ny']\n", { a: { b: ['x y'] } }],
  ['a double-quoted block value', 'a:\n  b: "x\n y"\n', { a: { b: 'x y' } }],
  ['a flow mapping', 'a:\n  b: {x: 1,\n c: 2}\n', { a: { b: { x: 1, c: 2 } } }],
  ['a tab-indented entry', 'a:\n  b: [x,\n\ty]\n', { a: { b: ['x', 'y'] } }],
];

describe('parseAllDocumentsLikeKubectl', () => {
  for (const [what, text, value] of KUBECTL_READS) {
    it(`reads ${what} continued on a less indented line as go-yaml does`, () => {
      const docs = parseAllDocumentsLikeKubectl(text, { uniqueKeys: false, prettyErrors: false });
      expect(docs.flatMap((d) => d.errors.map((e) => e.code))).toEqual([]);
      expect(docs.map((d) => d.toJS() as unknown)).toEqual([value]);
    });
  }

  it('rejects a document marker inside a flow sequence, as go-yaml does', () => {
    const docs = parseAllDocumentsLikeKubectl('a:\n  b: [x,\n---\n]\n', { prettyErrors: false });
    expect(docs.some((d) => d.errors.length > 0)).toBe(true);
  });

  it('keeps every position in the original text', () => {
    const text = 'spec:\n  - name: wait\n    command: ["sh", \'until nc -w 1\n  zk-0 2181; do sleep 1; done\']\n    image: busybox\n';
    const [doc] = parseAllDocumentsLikeKubectl(text, { prettyErrors: false });
    const item = doc && isSeq(doc.get('spec')) ? (doc.get('spec') as { items: unknown[] }).items[0] : undefined;
    expect(isMap(item)).toBe(true);
    if (!isMap(item)) return;
    const command = item.get('command', true);
    const image = item.get('image', true);
    expect(isSeq(command) && isScalar(image)).toBe(true);
    if (!isSeq(command) || !isScalar(image)) return;
    const quoted = command.items[1];
    expect(isScalar(quoted) && quoted.range ? text.slice(quoted.range[0], quoted.range[1]) : '').toBe(
      "'until nc -w 1\n  zk-0 2181; do sleep 1; done'",
    );
    expect(isScalar(quoted) ? quoted.value : '').toBe('until nc -w 1 zk-0 2181; do sleep 1; done');
    expect(image.range ? text.slice(image.range[0], image.range[1]) : '').toBe('busybox');
    const r = (doc as unknown as { range: number[] }).range;
    expect(r[2]).toBe(text.length);
  });

  it('leaves valid YAML, block scalars and comments alone', () => {
    const text = "a:\n  b: |\n    [x,\n  c: 'it''s\n   ok' # ['\n  d: x # [y,\n";
    expect(flowContinuationPads(text)).toEqual([]);
    expect(parseAllDocumentsLikeKubectl(text)[0]?.toJS()).toEqual({ a: { b: '[x,\n', c: "it's ok", d: 'x' } });
  });

  it('returns the plain reading when indenting does not make the text valid', () => {
    const text = 'a:\n  b: [x,\ny]\n  c: : :\n';
    const docs = parseAllDocumentsLikeKubectl(text, { prettyErrors: false });
    expect(docs.some((d) => d.errors.length > 0)).toBe(true);
  });
});

describe('parseDocumentLikeGoYaml', () => {
  it('reads a Compose file whose flow sequence continues on a less indented line, positions in the original text', () => {
    const text = 'services:\n  app:\n    depends_on: [db,\n  cache]\n    image: app:1\n';
    const doc = parseDocumentLikeGoYaml(text);
    expect(doc.errors).toEqual([]);
    expect(doc.toJS()).toEqual({ services: { app: { depends_on: ['db', 'cache'], image: 'app:1' } } });
    const image = (doc.getIn(['services', 'app'], true) as YAMLMap).get('image', true) as Scalar;
    expect(text.slice(image.range?.[0], image.range?.[1])).toBe('app:1');
  });

  it('keeps the plain reading, errors and all, when go-yaml would reject the file too', () => {
    const doc = parseDocumentLikeGoYaml('services:\n  app: [a,\n---\n  b]\n');
    expect(doc.errors.length).toBeGreaterThan(0);
  });
});
