import { describe, expect, it } from 'vitest';
import { applyEdits, type Edit } from '../core/edit.js';
import { firstError, loadHcl, parseHcl } from '../formats/terraform/hcl.js';
import { editedHclParses } from './hcl-pieces.js';
import { verifyOutput } from './verify.js';

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

/** What the verifier says of the edited origin given its tree, and what a parse of the whole output says. */
function check(es: Edit[]): { piecewise: boolean; verified: string[]; full: number | undefined } {
  const after = applyEdits({ path: 'main.tf', text: ORIGIN }, es);
  const origin = parseHcl(ORIGIN);
  const whole = parseHcl(after);
  try {
    const piecewise = editedHclParses(ORIGIN, origin, es, after);
    const v = verifyOutput([{ path: 'main.tf', before: ORIGIN, beforeTree: origin, edits: es, text: after, changed: true }], {
      format: 'terraform',
    });
    // the origin tree is left as it was
    expect(origin.rootNode.endIndex).toBe(ORIGIN.length);
    const verified = v.diagnostics.map((d) => `${d.code} ${d.subject?.start ?? -1}`);
    return { piecewise, verified, full: firstError(whole.rootNode)?.startIndex };
  } finally {
    origin.delete();
    whole.delete();
  }
}

describe('HCL verification from the top-level items edits touched', () => {
  const fine: [string, Edit[]][] = [
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
    [
      'a block appended',
      [{ span: { file: 'main.tf', start: ORIGIN.length, end: ORIGIN.length }, text: 'variable "x" {\n  type = string\n}\n' }],
    ],
  ];
  for (const [name, es] of fine) {
    it(`accepts valid edits without a whole parse: ${name}`, () => {
      expect(check(es)).toEqual({ piecewise: true, verified: [], full: undefined });
    });
  }

  const broken: [string, Edit[]][] = [
    ['an unclosed block in the last item', edits([{ at: '  a = 1\n', after: true, text: '  b = {\n' }])],
    ['a closing brace removed', edits([{ at: '}\n\nresource "aws_ecs', len: 1, text: '' }])],
    ['an unclosed string', edits([{ at: '"app"', len: 5, text: '"app' }])],
    ['an unterminated heredoc', edits([{ at: '  cluster_name', text: '  policy = <<EOF\n  x\n' }])],
    ['a stray closing brace between items', edits([{ at: '# héllo', text: '}\n' }])],
  ];
  for (const [name, es] of broken) {
    it(`refuses a broken edit at the offset a whole parse finds: ${name}`, () => {
      const r = check(es);
      expect(r.piecewise).toBe(false);
      expect(r.full).toBeDefined();
      expect(r.verified).toEqual([`OUTPUT_UNPARSEABLE ${r.full}`]);
    });
  }

  it('leaves an item that runs into the next edited run to the whole parse', () => {
    // the first block loses its closing brace and the last gains one: the whole file nests, which still parses
    const es = edits([
      { at: '}\n\nresource "aws_ecs', len: 2, text: '' },
      { at: '  a = 1\n}\n', after: true, text: '}\n' },
    ]);
    expect(check(es)).toEqual({ piecewise: false, verified: [], full: undefined });
  });

  it('never accepts what a whole parse refuses (random one-token edits)', () => {
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
      const es: Edit[] = [{ span: { file: 'main.tf', start, end }, text: tokens[rand(tokens.length)] ?? '' }];
      const r = check(es);
      if (r.piecewise) expect(r.full).toBeUndefined();
      expect(r.verified).toEqual(r.full === undefined ? [] : [`OUTPUT_UNPARSEABLE ${r.full}`]);
      if (r.full !== undefined) refused++;
    }
    expect(refused).toBeGreaterThan(50);
  });
});
