import { describe, expect, it } from 'vitest';
import { applyEdits, type Edit } from '../core/edit.js';
import { firstError, loadHcl, parseHcl } from '../formats/terraform/hcl.js';
import { hclEditsKeepSyntax } from './hcl-edits.js';
import { verifyOutput } from './verify.js';

await loadHcl();

const ORIGIN = `resource "aws_security_group" "msk" {
  name = "msk"
}

resource "aws_ecs_task_definition" "svc" {
  family = "svc"
  container_definitions = jsonencode([
    {
      name = "svc"
      environment = [
        { name = "SPRING_KAFKA_BOOTSTRAP_SERVERS", value = aws_msk_cluster.this.bootstrap_brokers_sasl_scram },
      ]
    },
  ])
}

resource "aws_security_group_rule" "svc_to_msk" {
  type = "ingress"
}
`;

const at = (s: string, end = false): number => ORIGIN.indexOf(s) + (end ? s.length : 0);
const edit = (start: number, end: number, text: string): Edit => ({ span: { file: 'main.tf', start, end }, text });
const ENV = `\n        { name = "SPRING_KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },`;
const SECRETS = `\n      secrets = [\n        { name = "P", valueFrom = "\${var.arn}:password::" },\n      ]`;

/** What the shortcut says, and whether a parse of the whole output finds a syntax error. */
function judge(edits: Edit[]): { shortcut: boolean; parses: boolean; problem: string | undefined } {
  const tree = parseHcl(ORIGIN);
  const text = applyEdits({ path: 'main.tf', text: ORIGIN }, edits);
  const whole = parseHcl(text);
  const parses = !firstError(whole.rootNode);
  whole.delete();
  const shortcut = hclEditsKeepSyntax(ORIGIN, tree, edits, text);
  const candidate = { path: 'main.tf', text, before: ORIGIN, beforeTree: tree, edits, changed: true };
  const problem = verifyOutput([candidate], { format: 'terraform' }).diagnostics[0]?.code;
  tree.delete();
  return { shortcut, parses, problem };
}

const KEPT: [string, Edit[]][] = [
  [
    'an expression replaced by a traversal',
    [edit(at('aws_msk_cluster.this'), at('bootstrap_brokers_sasl_scram', true), 'var.graft_kafka_bootstrap_servers')],
  ],
  ['an expression replaced by a string', [edit(at('"ingress"'), at('"ingress"', true), '"egress"')]],
  ['elements inserted after the comma of a tuple', [edit(at('scram },', true), at('scram },', true), ENV)]],
  ['an attribute inserted into an object', [edit(at('      ]\n    }', true) - 6, at('      ]\n    }', true) - 6, SECRETS)]],
  ['a block removed, with its blank line', [edit(at('resource "aws_security_group_rule"'), ORIGIN.length, '')]],
  ['the first block removed', [edit(0, at('resource "aws_ecs'), '')]],
  [
    'every shape at once',
    [
      edit(0, at('resource "aws_ecs'), ''),
      edit(at('aws_msk_cluster.this'), at('bootstrap_brokers_sasl_scram', true), 'var.x'),
      edit(at('scram },', true), at('scram },', true), ENV),
      edit(at('      ]\n    }', true) - 6, at('      ]\n    }', true) - 6, SECRETS),
      edit(at('resource "aws_security_group_rule"') - 1, ORIGIN.length, ''),
    ],
  ],
];

// each shape the shortcut accepts, broken on purpose: the shortcut declines and the whole parse refuses it
const BROKEN: [string, Edit[]][] = [
  ['a traversal with a stray quote', [edit(at('aws_msk_cluster.this'), at('bootstrap_brokers_sasl_scram', true), 'var.x"')]],
  ['an unterminated string', [edit(at('"ingress"'), at('"ingress"', true), '"egress')]],
  ['a name run into the next token', [edit(at('"ingress"'), at('"ingress"', true), 'var.x"y"')]],
  ['tuple elements without their trailing comma', [edit(at('environment = [', true), at('environment = [', true), ENV.slice(0, -1))]],
  ['tuple elements inserted before a comma', [edit(at('scram },', true) - 1, at('scram },', true) - 1, ENV)]],
  ['an object attribute missing its value', [edit(at('      ]\n    }', true) - 6, at('      ]\n    }', true) - 6, '\n      secrets = ')]],
  [
    'an object attribute with an unclosed tuple',
    [edit(at('      ]\n    }', true) - 6, at('      ]\n    }', true) - 6, SECRETS.slice(0, -1))],
  ],
  ['half a block removed', [edit(at('resource "aws_security_group_rule"'), at('  type'), '')]],
  ['a closing brace removed with the lines after it', [edit(at('  ])\n}\n', true) - 2, ORIGIN.length, '')]],
];

describe('Terraform edits checked where they land, without parsing the output', () => {
  for (const [name, edits] of KEPT) {
    it(`accepts what a whole parse accepts: ${name}`, () => {
      expect(judge(edits)).toEqual({ shortcut: true, parses: true, problem: undefined });
    });
  }
  for (const [name, edits] of BROKEN) {
    it(`declines, and the verifier refuses, ${name}`, () => {
      expect(judge(edits)).toEqual({ shortcut: false, parses: false, problem: 'OUTPUT_UNPARSEABLE' });
    });
  }

  it('declines what it cannot show, which a whole parse then decides', () => {
    // a removal that starts mid-line, and an insertion into a block body rather than a collection
    const midLine = judge([edit(at('name = "msk"'), at('name = "msk"', true), '')]);
    expect(midLine.shortcut).toBe(false);
    const intoBody = judge([edit(at('  family'), at('  family'), '  cpu = 256\n')]);
    expect(intoBody).toEqual({ shortcut: false, parses: true, problem: undefined });
  });
});
