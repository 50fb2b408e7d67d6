import { describe, expect, it } from 'vitest';
import { applyEdits, type Edit } from '../../core/edit.js';
import { verifyOutput } from '../../compile/verify.js';
import { firstError, loadHcl, parseHcl, reparseHcl } from './hcl.js';

await loadHcl();

const ORIGIN =
  '\uFEFFresource "aws_msk_cluster" "this" {\n  cluster_name = "bench"\n}\n\n' +
  'resource "aws_ecs_task_definition" "app" {\n  family = "app"\n  container_definitions = jsonencode([\n' +
  '    { name = "app", environment = [\n      { name = "BOOTSTRAP", value = aws_msk_cluster.this.bootstrap_brokers },\n    ] },\n  ])\n}\n' +
  '# héllo ✓ wide characters before the last block\nlocals {\n  a = 1\n}\n';

function edits(list: { at: string; len?: number; text: string; after?: boolean }[]): Edit[] {
  return list.map((e) => {
    const found = ORIGIN.indexOf(e.at);
    if (found < 0) throw new Error(`${e.at} is not in the origin`);
    const start = e.after ? found + e.at.length : found;
    return { span: { file: 'main.tf', start, end: start + (e.len ?? 0) }, text: e.text };
  });
}

describe('incremental HCL parse of an edited file', () => {
  const cases: [string, Edit[]][] = [
    ['a removed block', edits([{ at: 'resource "aws_msk_cluster"', len: ORIGIN.indexOf('resource "aws_ecs') - 1, text: '' }])],
    ['a replaced reference', edits([{ at: 'aws_msk_cluster.this.bootstrap_brokers', len: 38, text: 'var.graft_bootstrap' }])],
    [
      'lines inserted and two edits at one place',
      edits([
        { at: '    ] },', text: '      { name = "A", value = "b" },\n      { name = "C",\n        value = "d" },\n' },
        { at: '    ] },', len: 4, text: '  ' },
        { at: '  a = 1\n', after: true, text: '  b = "✓ x"\n' },
      ]),
    ],
  ];
  for (const [name, es] of cases) {
    it(`gives the tree a full parse gives: ${name}`, () => {
      const after = applyEdits({ path: 'main.tf', text: ORIGIN }, es);
      const origin = parseHcl(ORIGIN);
      const full = parseHcl(after);
      const incremental = reparseHcl(ORIGIN, origin, es, after);
      expect(incremental.rootNode.toString()).toBe(full.rootNode.toString());
      expect(incremental.rootNode.endIndex).toBe(after.length);
      expect(firstError(incremental.rootNode)).toBeUndefined();
      // the origin tree is left as it was
      expect(origin.rootNode.endIndex).toBe(ORIGIN.length);
      for (const t of [origin, full, incremental]) t.delete();
    });
  }

  it('finds a syntax error an edit made, at the offset a full parse finds it', () => {
    const es = edits([{ at: '  a = 1\n', after: true, text: '  b = {\n' }]);
    const after = applyEdits({ path: 'main.tf', text: ORIGIN }, es);
    const origin = parseHcl(ORIGIN);
    const full = parseHcl(after);
    const incremental = reparseHcl(ORIGIN, origin, es, after);
    expect(firstError(incremental.rootNode)?.startIndex).toBeDefined();
    expect(firstError(incremental.rootNode)?.startIndex).toBe(firstError(full.rootNode)?.startIndex);
    const v = verifyOutput([{ path: 'main.tf', before: ORIGIN, beforeTree: origin, edits: es, text: after, changed: true }], {
      format: 'terraform',
    });
    expect(v.diagnostics.map((d) => d.code)).toEqual(['OUTPUT_UNPARSEABLE']);
    for (const t of [origin, full, incremental]) t.delete();
  });
});
