import { parseAllDocuments, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { duplicateKeys, errorsWithDuplicateKeys } from './nodes.js';

describe('repeated keys in one pass', () => {
  // what the yaml library's own (quadratic) uniqueKeys check reports, for the same texts
  const texts = [
    'a: 1\nb: 2\na: 3\n',
    '&x a: 1\n&y a: 2\n',
    '!!str a: 1\na: 2\n',
    'a: 1\n"a": 2\n',
    "x:\n  - {b: 1, 'b': 2}\n  - c: 1\n    c: 2\n",
    'a: 1\n? a\n: 2\n',
    '1: x\n1.0: y\n0x1: z\n',
    'null: 1\n~: 2\n',
    ': 1\n: 2\n',
    'services:\n  a: &d {x: 1}\n  b:\n    <<: *d\n    <<: *d\n    x: 2\n',
    '1: a\n"1": b\n',
    '? {a: 1, a: 2}\n: v\nk: [x: 1, {c: 1, c: 2}]\nk: 3\n',
    'a:\n  b:\n    - - c: 1\n        c: 2\n  b: 1\n',
  ];
  for (const text of texts) {
    it(`finds what the library finds in ${JSON.stringify(text)}`, () => {
      const library = parseDocument(text, { uniqueKeys: true, merge: true, prettyErrors: false }).errors.map((e) => [e.code, e.pos]);
      const doc = parseDocument(text, { uniqueKeys: false, merge: true, prettyErrors: false });
      expect(errorsWithDuplicateKeys(doc).map((e) => [e.code, e.pos])).toEqual(library);
    });
  }

  it('reads every document of a stream and names the key', () => {
    const docs = parseAllDocuments('a: 1\n---\nb: 1\nb: 2\n', { uniqueKeys: false });
    expect(Array.isArray(docs) ? duplicateKeys(docs).map((d) => [d.key, d.pos[0]]) : undefined).toEqual([['b', 14]]);
  });
});
