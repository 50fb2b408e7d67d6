import { parseAllDocuments, type Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { applyEdits, type Edit } from '../core/edit.js';
import { positionAt } from '../core/span.js';
import { manifestReferences } from '../formats/kubernetes/references.js';
import { verifyOutput, type OutputCandidate } from './verify.js';
import { editedYamlPieces } from './yaml-pieces.js';

const parse = (text: string): Document.Parsed[] => {
  const docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false });
  return Array.isArray(docs) ? docs : [];
};

const ORIGIN = [
  '# rendered',
  '---',
  'kind: ConfigMap',
  'metadata: {name: a}',
  '---',
  'kind: Deployment',
  'metadata: {name: b}',
  'spec:',
  '  env:',
  '    - name: X',
  '      value: "1"',
  '--- # third',
  'kind: Secret',
  'metadata: {name: c}',
  '---',
  'kind: Pod',
  'spec:',
  '  volumes:',
  '    - {name: v, configMap: {name: dropped-config}}',
  '',
].join('\n');

function at(text: string, after?: boolean): number {
  const i = ORIGIN.indexOf(text);
  if (i < 0) throw new Error(`${text} is not in the origin`);
  return after ? i + text.length : i;
}

function edit(start: number, end: number, text: string): Edit {
  return { span: { file: 'm.yaml', start, end }, text };
}

/** What a whole parse of the output gives: each document with content, where it starts, its content and issues. */
function summary(docs: { d: Document.Parsed; shift: number }[]): [number, string, number][] {
  return docs.filter(({ d }) => d.contents !== null).map(({ d, shift }) => [d.range[0] + shift, String(d.contents), d.errors.length]);
}

describe('an edited multi-document YAML file parsed again only where edits touched it', () => {
  const cases: [string, Edit[]][] = [
    ['a value changed in one document', [edit(at('"1"'), at('"1"', true), '"2"')]],
    ['an entry added at the end of a document', [edit(at('--- # third'), at('--- # third'), '    - name: Y\n      value: "3"\n')]],
    ['a whole document removed', [edit(at('kind: Secret') - 12, at('---\nkind: Pod'), '')]],
    ['a document added at the end, and a comment', [edit(ORIGIN.length, ORIGIN.length, '---\nkind: Service\n'), edit(0, 10, '# edited')]],
    [
      'edits in two documents',
      [edit(at('name: a'), at('name: a', true), 'name: aa'), edit(at('name: c'), at('name: c', true), 'name: cc')],
    ],
  ];
  for (const [name, edits] of cases) {
    it(`finds the documents a whole parse finds: ${name}`, () => {
      const after = applyEdits({ path: 'm.yaml', text: ORIGIN }, edits);
      const pieces = editedYamlPieces(ORIGIN, parse(ORIGIN), edits, after, parse);
      expect(pieces).toBeDefined();
      // untouched documents are the origin's, not parsed again
      expect(pieces!.length).toBeGreaterThan(1);
      const mine = summary(pieces!.flatMap((p) => p.docs.map((d) => ({ d, shift: p.shift }))));
      expect(mine).toEqual(summary(parse(after).map((d) => ({ d, shift: 0 }))));
    });
  }

  it('parses a file with directives, or a single document, whole', () => {
    const edits = [edit(0, 0, '# x\n')];
    expect(
      editedYamlPieces('%YAML 1.2\n---\na: 1\n---\nb: 2\n', [], edits, '# x\n%YAML 1.2\n---\na: 1\n---\nb: 2\n', parse),
    ).toBeUndefined();
    expect(editedYamlPieces('a: 1\n', parse('a: 1\n'), edits, '# x\na: 1\n', parse)).toBeUndefined();
  });

  function candidate(edits: Edit[]): OutputCandidate {
    const text = applyEdits({ path: 'm.yaml', text: ORIGIN }, edits);
    return { path: 'm.yaml', before: ORIGIN, beforeDocs: parse(ORIGIN), edits, text, changed: true, compiled: true };
  }
  const where = (c: OutputCandidate, offset: number): string => {
    const p = positionAt({ path: c.path, text: c.text }, offset);
    return `${p.line}:${p.col}`;
  };

  it('reports a reference in an untouched document at its place in the output', () => {
    const c = candidate([edit(at('"1"'), at('"1"', true), '"2"\n    - name: Y\n      value: "3"')]);
    const leftovers = { hosts: [], names: ['ConfigMap/dropped-config'], references: manifestReferences };
    const d = verifyOutput([c], { format: 'kubernetes', leftovers }).diagnostics;
    expect(d.map((x) => `${x.code} ${where(c, x.subject!.start)}`)).toEqual(['OUTPUT_DROPPED_REFERENCE 21:35']);
    expect(d[0]?.subject?.start).toBe(c.text.indexOf('dropped-config'));
  });

  it('refuses an edit that breaks a document, where a whole parse finds it', () => {
    const c = candidate([edit(at('"1"'), at('"1"', true), '"2\n')]);
    const d = verifyOutput([c], { format: 'kubernetes' }).diagnostics;
    expect(d.map((x) => x.code)).toEqual(['OUTPUT_UNPARSEABLE']);
    const whole = parse(c.text).flatMap((doc) => doc.errors)[0];
    expect(d[0]?.subject?.start).toBe(whole?.pos[0]);
  });

  it('refuses a document split in two, as with a whole parse', () => {
    const c = candidate([edit(at('spec:\n  env'), at('spec:\n  env'), '---\n')]);
    expect(verifyOutput([c], { format: 'kubernetes' }).diagnostics[0]?.message).toMatch(/5 document\(s\) where 4 were expected/);
  });
});
