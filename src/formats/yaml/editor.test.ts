import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parseAllDocuments, parseDocument, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { applyEdits } from '../../core/edit.js';
import { YamlEditor } from './editor.js';

/** Parses a text, lets `change` edit it through a YamlEditor, and returns the result after checking it is valid YAML. */
function edit(text: string, change: (ed: YamlEditor, root: YAMLMap) => void): string {
  const source = { path: 'f.yaml', text };
  const doc = parseDocument(text);
  const ed = new YamlEditor(source);
  change(ed, doc.contents as YAMLMap);
  const out = applyEdits(source, ed.result());
  for (const d of parseAllDocuments(out)) expect(d.errors.map((e) => e.message)).toEqual([]);
  return out;
}

/** The collection or pair at a path of keys and indexes. */
function at(root: YAMLMap, ...path: (string | number)[]): Node {
  let n: unknown = root;
  for (const p of path) n = typeof p === 'number' ? (n as YAMLSeq).items[p] : (n as YAMLMap).get(p, true);
  return n as Node;
}

function pair(map: YAMLMap, key: string): Pair {
  return map.items.find((p) => (p.key as Scalar).value === key)!;
}

const data = (text: string): unknown => parseDocument(text).toJS();

describe('YamlEditor: block sequences at their key’s own column', () => {
  const text = 'svc:\n  depends_on:\n  # the broker\n  - kafka\n  - db\n  env:\n  - A=1\n  image: x\n';

  it('removes such a key with its items and the comments between them', () => {
    const out = edit(text, (ed, root) => ed.removeBlockEntry(pair(at(root, 'svc') as YAMLMap, 'depends_on').key as Node));
    expect(out).toBe('svc:\n  env:\n  - A=1\n  image: x\n');
  });

  it('adds a key after such a sequence, not inside it', () => {
    const out = edit(text, (ed, root) => ed.appendToMap(at(root, 'svc') as YAMLMap, ['secrets:\n  - s']));
    expect(data(out)).toEqual({ svc: { depends_on: ['kafka', 'db'], env: ['A=1'], image: 'x', secrets: ['s'] } });
    const last = 'svc:\n  image: x\n  env:\n  - A=1\n';
    expect(edit(last, (ed, root) => ed.appendToMap(at(root, 'svc') as YAMLMap, ['secrets:\n  - s']))).toBe(
      'svc:\n  image: x\n  env:\n  - A=1\n  secrets:\n    - s\n',
    );
  });

  it('appends items at the sequence’s column and removes one item alone', () => {
    const out = edit(text, (ed, root) => {
      ed.appendToSeq(at(root, 'svc', 'env') as YAMLSeq, ['B=2']);
      ed.removeBlockEntry(at(root, 'svc', 'depends_on', 0));
    });
    expect(out).toBe('svc:\n  depends_on:\n  - db\n  env:\n  - A=1\n  - B=2\n  image: x\n');
  });

  it('removes the first key of an item’s mapping, not the item', () => {
    const text = 'env:\n- name: A\n  value: x\n- name: B\n';
    const out = edit(text, (ed, root) => ed.removeBlockEntry((at(root, 'env', 0) as YAMLMap).items[0].key as Node));
    expect(out).toBe('env:\n- value: x\n- name: B\n');
    // a whole item given as its mapping still goes whole
    expect(edit(text, (ed, root) => ed.removeBlockEntry(at(root, 'env', 0)))).toBe('env:\n- name: B\n');
  });

  it('keeps CRLF line endings', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const out = edit(crlf, (ed, root) => {
      ed.removeBlockEntry(pair(at(root, 'svc') as YAMLMap, 'depends_on').key as Node);
      ed.appendToSeq(at(root, 'svc', 'env') as YAMLSeq, ['B=2']);
    });
    expect(out).toBe('svc:\r\n  env:\r\n  - A=1\r\n  - B=2\r\n  image: x\r\n');
  });
});

describe('YamlEditor: flow collections', () => {
  it('appends inside the braces when the new entries mean the same there', () => {
    const out = edit('env: {A: 1, B: 2}\nlist: [a]\n', (ed, root) => {
      ed.appendToMap(at(root, 'env') as YAMLMap, ['C: 3']);
      ed.appendToSeq(at(root, 'list') as YAMLSeq, ['b']);
    });
    expect(out).toBe('env: {A: 1, B: 2, C: 3}\nlist: [a, b]\n');
  });

  it('writes the collection as block when an entry would change meaning inside braces', () => {
    const out = edit('svc:\n  env: {A: "1", B: x} # kept\n  image: y\n', (ed, root) =>
      ed.appendToMap(at(root, 'svc', 'env') as YAMLMap, ['C: ${X:?need X}']),
    );
    expect(out).toBe('svc:\n  env: # kept\n    A: "1"\n    B: x\n    C: ${X:?need X}\n  image: y\n');
  });

  it('writes multi-line items into a flow sequence as a block sequence, and its flow parents too', () => {
    const out = edit('c:\n  - {name: a, env: [{name: A, value: "1"}]}\n', (ed, root) =>
      ed.appendToSeq(at(root, 'c', 0, 'env') as YAMLSeq, ['name: B\nvalue: "2"']),
    );
    expect(out).toBe('c:\n  - name: a\n    env:\n      - {name: A, value: "1"}\n      - name: B\n        value: "2"\n');
  });

  it('removes items with their separators, first, middle and last', () => {
    const text = 'a: [k, x, y, z]\nb: {k: 1, x: 2}\nc: [x, k]\n';
    const out = edit(text, (ed, root) => {
      for (const key of ['a', 'b', 'c']) {
        const c = at(root, key) as YAMLSeq | YAMLMap;
        for (const item of c.items) {
          const node = (isMap(c) ? (item as Pair).key : item) as Scalar;
          if (node.value !== 'k') ed.removeBlockEntry(node);
        }
      }
    });
    expect(out).toBe('a: [k]\nb: {k: 1}\nc: [k]\n');
  });

  it('quotes a value set inside braces when it holds a flow indicator', () => {
    const out = edit('env: [A=x, B=y]\ncmd: [run, --brokers, kafka:9092]\n', (ed, root) => {
      ed.setScalar(at(root, 'env', 0) as Scalar, 'A=h1:1,h2:2');
      const arg = at(root, 'cmd', 2) as Scalar;
      ed.spliceScalar(arg, [{ start: 0, end: 'kafka:9092'.length, text: 'h1:1,h2:2' }]);
    });
    expect(data(out)).toEqual({ env: ['A=h1:1,h2:2', 'B=y'], cmd: ['run', '--brokers', 'h1:1,h2:2'] });
  });

  it('fills empty collections and empty values', () => {
    const out = edit('c:\n  env: []\n  vars: {}\n  mounts:\n  volumes: ~\n', (ed, root) => {
      const c = at(root, 'c') as YAMLMap;
      ed.appendUnder(c, 'env', 'seq', ['name: A\nvalue: "1"']);
      ed.appendUnder(c, 'vars', 'map', ['K: ${V:?}']);
      ed.appendUnder(c, 'mounts', 'seq', ['name: m']);
      ed.appendUnder(c, 'volumes', 'seq', ['name: v']);
      ed.appendUnder(c, 'added', 'seq', ['x']);
    });
    expect(out).toBe(
      'c:\n  env:\n    - name: A\n      value: "1"\n  vars:\n    K: ${V:?}\n  mounts:\n    - name: m\n  volumes:\n    - name: v\n  added:\n    - x\n',
    );
    expect(isSeq(parseDocument(out).getIn(['c', 'volumes'], true))).toBe(true);
  });
});
