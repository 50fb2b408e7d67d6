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

describe('the verifier on an edited Terraform file, through the incremental parse', () => {
  /** What the verifier says given the origin's tree, and where a parse of the whole output finds its first error. */
  function check(es: Edit[]): { verified: string[]; full: number | undefined } {
    const after = applyEdits({ path: 'main.tf', text: ORIGIN }, es);
    const origin = parseHcl(ORIGIN);
    const whole = parseHcl(after);
    try {
      const v = verifyOutput([{ path: 'main.tf', before: ORIGIN, beforeTree: origin, edits: es, text: after, changed: true }], {
        format: 'terraform',
      });
      expect(origin.rootNode.endIndex).toBe(ORIGIN.length);
      return { verified: v.diagnostics.map((d) => `${d.code} ${d.subject?.start ?? -1}`), full: firstError(whole.rootNode)?.startIndex };
    } finally {
      origin.delete();
      whole.delete();
    }
  }

  const broken: [string, Edit[]][] = [
    ['an unclosed block in the last item', edits([{ at: '  a = 1\n', after: true, text: '  b = {\n' }])],
    ['a closing brace removed', edits([{ at: '}\n\nresource "aws_ecs', len: 1, text: '' }])],
    ['an unclosed string', edits([{ at: '"app"', len: 5, text: '"app' }])],
    ['an unterminated heredoc', edits([{ at: '  cluster_name', text: '  policy = <<EOF\n  x\n' }])],
    ['a stray closing brace between items', edits([{ at: '# héllo', text: '}\n' }])],
  ];
  for (const [name, es] of broken) {
    it(`refuses a broken edit where a whole parse finds it: ${name}`, () => {
      const r = check(es);
      expect(r.full).toBeDefined();
      expect(r.verified).toEqual([`OUTPUT_UNPARSEABLE ${r.full}`]);
    });
  }

  it('refuses exactly what a whole parse refuses (random one-token edits)', () => {
    const tokens = ['{', '}', '"', '\n', '[', ']', '=', ',', '<<EOF\n', '#', '/*', 'x = 1\n', '}\n', '${'];
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      const start = 1 + rand(ORIGIN.length - 1);
      const end = rand(3) === 0 ? Math.min(ORIGIN.length, start + rand(4)) : start;
      const r = check([{ span: { file: 'main.tf', start, end }, text: tokens[rand(tokens.length)] ?? '' }]);
      expect(r.verified).toEqual(r.full === undefined ? [] : [`OUTPUT_UNPARSEABLE ${r.full}`]);
      if (r.full !== undefined) refused++;
    }
    expect(refused).toBeGreaterThan(50);
  });
});
