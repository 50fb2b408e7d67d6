import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HclProblem, HclProblemKind } from './index.js';
import { ensureHclValidate, prepareHclValidate, inspectTerraform, terraformBinary, terraformValidate, validateTerraform } from './index.js';
import { skippable } from '../../tests/support/skips.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = resolve(repoRoot, 'tests', 'corpus', 'stacks', 'terraform', 'terraform-aws-modules__msk-kafka-cluster');
const corpusModules = ['.', 'examples/complete', 'examples/serverless', 'modules/serverless'];
const hasTerraform = terraformBinary() !== undefined;

let workDir = '';
let counter = 0;

/** Writes a module (file name → lines) into a fresh directory and returns the directory. */
async function module(files: Record<string, string[]>, dir?: string): Promise<string> {
  const target = dir ?? join(workDir, `m${++counter}`);
  for (const [name, lines] of Object.entries(files)) {
    await mkdir(dirname(join(target, name)), { recursive: true });
    await writeFile(join(target, name), `${lines.join('\n')}\n`);
  }
  return target;
}

/** The expected problem at the nth occurrence of needle in the file, located independently of the tool. */
async function at(file: string, needle: string, kind: HclProblemKind, message: RegExp, nth = 1): Promise<HclProblem> {
  const text = await readFile(file, 'utf8');
  let offset = -1;
  for (let i = 0; i < nth; i++) offset = text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`${needle} not in ${file}`);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { file, line, column, offset, kind, message: expect.stringMatching(message) as unknown as string };
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'hcl-validate-test-'));
  await prepareHclValidate(); // a cold build downloads modules and compiles
}, 600_000);

afterAll(async () => {
  if (workDir !== '') await rm(workDir, { recursive: true, force: true });
});

const child = {
  'child/main.tf': [
    'variable "name" {',
    '  type = string',
    '}',
    '',
    'variable "greeting_prefix" {',
    '  default = "hello"',
    '}',
    '',
    'output "greeting" {',
    '  value = "${var.greeting_prefix} ${var.name}"',
    '}',
  ],
};

describe('validateTerraform: valid modules', () => {
  it('accepts jsonencode, heredocs, for, dynamic, count, each, lifecycle, moved/import/removed, check and a local child', async () => {
    const dir = await module({
      ...child,
      'main.tf': [
        'terraform {',
        '  required_version = ">= 1.5"',
        '}',
        '',
        'variable "brokers" {',
        '  type    = list(string)',
        '  default = ["a:9092"]',
        '}',
        '',
        'variable "topics" {',
        '  type    = map(object({ partitions = number, tags = optional(map(string)) }))',
        '  default = {}',
        '}',
        '',
        'locals {',
        '  names   = [for name, t in var.topics : upper(name) if t.partitions > 0]',
        '  doc     = jsonencode({ brokers = var.brokers, names = local.names })',
        '  by_name = { for k, v in var.topics : k => v.partitions }',
        '  first   = try(var.brokers[0], null)',
        '  nested  = [for b in var.brokers : [for c in split(":", b) : "${b}/${c}"]]',
        '  arn     = provider::aws::arn_parse("arn:aws:kafka:eu-west-1:1:cluster/x/y")',
        '  splat   = terraform_data.counted[*].id',
        '  script  = <<-EOT',
        '    #!/bin/sh',
        '    %{~ for b in var.brokers ~}',
        '    echo ${b} ${path.module} ${terraform.workspace}',
        '    %{~ endfor ~}',
        '  EOT',
        '}',
        '',
        'resource "null_resource" "each" {',
        '  for_each = var.topics',
        '  triggers = { name = each.key, parts = each.value.partitions, id = terraform_data.counted[0].id }',
        '',
        '  dynamic "setting" {',
        '    for_each = var.brokers',
        '    content {',
        '      value = setting.value',
        '    }',
        '  }',
        '',
        '  dynamic "other" {',
        '    for_each = var.topics',
        '    iterator = t',
        '    labels   = [t.key]',
        '    content {',
        '      name = t.key',
        '      dynamic "inner" {',
        '        for_each = t.value.tags',
        '        content {',
        '          pair = "${t.key}=${inner.value}"',
        '        }',
        '      }',
        '    }',
        '  }',
        '',
        '  lifecycle {',
        '    ignore_changes       = [triggers, tags["x"]]',
        '    replace_triggered_by = [terraform_data.counted]',
        '    precondition {',
        '      condition     = length(var.brokers) > 0',
        '      error_message = "brokers"',
        '    }',
        '  }',
        '',
        '  provisioner "local-exec" {',
        '    when       = destroy',
        '    on_failure = continue',
        '    command    = "echo ${self.id}"',
        '  }',
        '',
        '  depends_on = [terraform_data.counted, module.child]',
        '}',
        '',
        'resource "terraform_data" "counted" {',
        '  count = length(var.brokers)',
        '  input = "${count.index}-${var.brokers[count.index]}"',
        '}',
        '',
        'data "external" "info" {',
        '  program = ["echo", local.doc]',
        '}',
        '',
        'module "child" {',
        '  source = "./child"',
        '  name   = local.first',
        '}',
        '',
        'module "remote" {',
        '  source  = "terraform-aws-modules/vpc/aws"',
        '  version = "~> 6.0"',
        '  name    = "anything"',
        '}',
        '',
        'moved {',
        '  from = terraform_data.old',
        '  to   = terraform_data.counted',
        '}',
        '',
        'import {',
        '  to = null_resource.each["a"]',
        '  id = "x-${var.brokers[0]}"',
        '}',
        '',
        'removed {',
        '  from = null_resource.gone',
        '  lifecycle {',
        '    destroy = false',
        '  }',
        '}',
        '',
        'check "health" {',
        '  data "http" "probe" {',
        '    url = "https://${var.brokers[0]}"',
        '  }',
        '  assert {',
        '    condition     = data.http.probe.status_code == 200',
        '    error_message = "down"',
        '  }',
        '}',
      ],
      'outputs.tf': [
        'output "doc" {',
        '  value = local.doc',
        '}',
        '',
        'output "child_out" {',
        '  value = module.child.greeting',
        '}',
        '',
        'output "remote_out" {',
        '  value = module.remote.anything_at_all',
        '}',
        '',
        'output "info" {',
        '  value      = data.external.info.result',
        '  depends_on = [null_resource.each]',
        '}',
      ],
      'extra.tf.json': [
        '{',
        '  "//": "a comment",',
        '  "variable": { "region": { "default": "eu-west-1" } },',
        '  "locals": { "where": "${var.region}-${local.first}" },',
        '  "resource": {',
        '    "null_resource": {',
        '      "json_made": {',
        '        "triggers": { "region": "${var.region}", "all": "%{ for b in var.brokers }${b}%{ endfor }" },',
        '        "depends_on": ["terraform_data.counted", "module.child"],',
        '        "lifecycle": { "ignore_changes": ["triggers"], "replace_triggered_by": ["null_resource.each"] },',
        '        "dynamic": {',
        '          "setting": { "for_each": "${var.brokers}", "iterator": "s", "content": { "value": "${s.value}" } }',
        '        },',
        '        "provisioner": { "local-exec": { "when": "destroy", "command": "echo ${self.id}" } }',
        '      }',
        '    }',
        '  },',
        '  "output": { "where": { "value": "${local.where}", "depends_on": ["module.child"] } }',
        '}',
      ],
    });
    expect(validateTerraform([dir])).toEqual([]);
  });

  it('validates each local child once, even when reached twice', async () => {
    const root = await module({
      ...child,
      'main.tf': [
        'module "a" {',
        '  source = "./child"',
        '  name   = "a"',
        '}',
        'module "b" {',
        '  source = "./child/"',
        '  name   = "b"',
        '}',
      ],
    });
    const { problems, modules } = inspectTerraform([root, join(root, 'child')]);
    expect(problems).toEqual([]);
    expect(modules.map((m) => m.dir)).toEqual([root, join(root, 'child')]);
  });

  it('reports what terraform init would download', async () => {
    const dir = await module({
      'main.tf': [
        'terraform {',
        '  required_providers {',
        '    aws = { source = "hashicorp/aws" }',
        '  }',
        '}',
        'provider "aws" {}',
        'resource "aws_msk_cluster" "this" {}',
        'module "vpc" {',
        '  source = "terraform-aws-modules/vpc/aws"',
        '}',
      ],
    });
    expect(inspectTerraform([dir]).modules).toEqual([
      {
        dir,
        downloads: [
          'required provider "aws"',
          'provider "aws"',
          'resource "aws_msk_cluster" "this"',
          'module "vpc" (source "terraform-aws-modules/vpc/aws")',
        ],
      },
    ]);
  });

  it('throws on a usage error', () => {
    expect(() => validateTerraform([join(workDir, 'no-such-dir')])).toThrow(/exit 2/);
  });
});

describe('validateTerraform: problems at their exact position', () => {
  it('a syntax error', async () => {
    const dir = await module({ 'main.tf': ['variable "a" {', '  default = ', '}', 'output "b" {', '  value = var.zzz', '}'] });
    const problems = validateTerraform([dir]);
    // At the line break where the value should be; only the parser speaks for a module it rejects (var.zzz is not reported).
    expect(problems).toEqual([await at(join(dir, 'main.tf'), '\n}', 'syntax', /^Invalid expression/)]);
    expect(problems[0]).toMatchObject({ line: 2, column: 13 });
  });

  it('a syntax error in a .tf.json file', async () => {
    const dir = await module({ 'main.tf.json': ['{', '  "variable": { "a": { "default": 1, } }', '}'] });
    expect(validateTerraform([dir])).toEqual([await at(join(dir, 'main.tf.json'), ', }', 'syntax', /^Trailing comma in object/)]);
  });

  it('a broken template in a .tf.json string, and a duplicate JSON local reported once', async () => {
    const dir = await module({ 'main.tf.json': ['{', '  "locals": { "a": "${var.x", "b": 1, "b": 2 }', '}'] });
    const file = join(dir, 'main.tf.json');
    expect(validateTerraform([dir])).toEqual([
      await at(file, '${var.x', 'syntax', /./),
      await at(file, '"b"', 'structure', /^Duplicate attribute definition/, 2),
    ]);
  });

  it('an unknown top-level block, a wrong label count and a top-level argument', async () => {
    const dir = await module({
      'main.tf': ['resorce "aws_x" "y" {', '}', 'resource "only_type" {', '}', 'region = "x"', 'variable "ok" {}'],
    });
    const file = join(dir, 'main.tf');
    expect(validateTerraform([dir])).toEqual([
      await at(file, 'resorce', 'structure', /^Unsupported block type.*Did you mean "resource"\?/),
      await at(file, '{', 'structure', /^Missing name for resource/, 2),
      await at(file, 'region', 'structure', /^Unsupported argument/),
    ]);
  });

  it('a duplicate resource, variable, local and output across files', async () => {
    const dir = await module({
      'a.tf': ['resource "aws_x" "y" {}', 'variable "v" {}', 'locals {', '  l = 1', '}', 'output "o" {', '  value = 1', '}'],
      'b.tf': ['resource "aws_x" "y" {}', 'variable "v" {}', 'locals {', '  l = 2', '}', 'output "o" {', '  value = 2', '}'],
      'b_override.tf': ['resource "aws_x" "y" {}'],
    });
    const file = join(dir, 'b.tf');
    expect(validateTerraform([dir])).toEqual([
      await at(file, 'resource', 'structure', /^duplicate resource "aws_x" "y": already declared at a\.tf:1$/),
      await at(file, 'variable', 'structure', /^duplicate variable "v": already declared at a\.tf:2$/),
      await at(file, 'l = 2', 'structure', /^duplicate local value "l": already declared at a\.tf:4$/),
      await at(file, 'output', 'structure', /^duplicate output "o": already declared at a\.tf:6$/),
    ]);
  });

  it('var.missing', async () => {
    const dir = await module({ 'main.tf': ['output "x" {', '  value = upper(var.missing)', '}'] });
    const problems = validateTerraform([dir]);
    expect(problems).toEqual([
      await at(join(dir, 'main.tf'), 'var.missing', 'reference', /^reference to undeclared input variable "missing" \(var\.missing\)$/),
    ]);
    expect(problems[0]).toMatchObject({ line: 2, column: 17 });
  });

  it('columns count UTF-8 bytes, in a file with a BOM and CRLF line breaks', async () => {
    const dir = join(workDir, `m${++counter}`);
    await mkdir(dir);
    // line 2 starts at byte 17 (3-byte BOM, 12 bytes, CRLF); "é" takes 2 bytes, so var.missing starts at byte 32, column 16
    await writeFile(join(dir, 'main.tf'), '\uFEFFoutput "x" {\r\n  value = "\u00e9${var.missing}"\r\n}\r\n');
    expect(validateTerraform([dir])).toEqual([
      {
        file: join(dir, 'main.tf'),
        line: 2,
        column: 16,
        offset: 32,
        kind: 'reference',
        message: expect.stringMatching(/var\.missing/) as unknown,
      },
    ]);
  });

  it('reads the directories from JSON on stdin', async () => {
    const dir = await module({ 'main.tf': ['output "x" {', '  value = var.missing', '}'] });
    const { status, stdout } = spawnSync(ensureHclValidate(), [], { input: JSON.stringify({ dirs: [dir] }), encoding: 'utf8' });
    expect(status).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, problems: [{ line: 2, column: 11, kind: 'reference' }] });
  });

  it('a duplicate module and data source', async () => {
    const dir = await module({
      'main.tf': [
        'module "m" {',
        '  source = "x/y/z"',
        '}',
        'module "m" {',
        '  source = "x/y/z"',
        '}',
        'data "d" "n" {}',
        'data "d" "n" {}',
      ],
    });
    const file = join(dir, 'main.tf');
    expect(validateTerraform([dir])).toEqual([
      await at(file, 'module', 'structure', /^duplicate module "m": already declared at main\.tf:1$/, 2),
      await at(file, 'data', 'structure', /^duplicate data "d" "n": already declared at main\.tf:7$/, 2),
    ]);
  });

  it('a dropped MSK cluster referenced inside jsonencode', async () => {
    const dir = await module({
      'main.tf': [
        'resource "aws_ssm_parameter" "cfg" {',
        '  name  = "cfg"',
        '  value = jsonencode({',
        '    brokers = aws_msk_cluster.gone.bootstrap_brokers',
        '  })',
        '}',
      ],
    });
    expect(validateTerraform([dir])).toEqual([
      await at(join(dir, 'main.tf'), 'aws_msk_cluster.gone', 'reference', /^reference to undeclared resource "aws_msk_cluster" "gone"/),
    ]);
  });

  it('"${module.x.y}" in a heredoc', async () => {
    const dir = await module({
      'main.tf': ['locals {', '  script = <<EOT', 'export BROKERS="${module.x.y}"', 'EOT', '}'],
    });
    expect(validateTerraform([dir])).toEqual([
      await at(join(dir, 'main.tf'), 'module.x.y', 'reference', /^reference to undeclared module "x" \(module\.x\.y\)$/),
    ]);
  });

  it('an output a local child module does not declare, an unknown argument and a missing required variable', async () => {
    const dir = await module({
      ...child,
      'main.tf': [
        'module "c" {',
        '  source   = "./child"',
        '  for_each = toset(["a"])',
        '  greeting_prefix = "hi"',
        '  colour   = "red"',
        '}',
        'output "g" {',
        '  value = [module.c["a"].greeting, module.c["a"].farewell]',
        '}',
      ],
    });
    const file = join(dir, 'main.tf');
    expect(validateTerraform([dir])).toEqual([
      await at(file, 'module', 'structure', /^module "c": required input variable "name" of .*child is not set$/),
      await at(file, 'colour', 'structure', /^module "c": .*child declares no input variable "colour"$/),
      await at(file, 'module.c["a"].farewell', 'reference', /^module "c" \(.*child\) declares no output "farewell"/),
    ]);
  });

  it("problems inside a local child are reported in the child's file", async () => {
    const dir = await module({
      'main.tf': ['module "c" {', '  source = "../sibling-child"', '}', 'module "gone" {', '  source = "./nowhere"', '}'],
    });
    const shared = await module({ 'main.tf': ['output "o" {', '  value = local.nothing', '}'] }, join(dir, '..', 'sibling-child'));
    expect(validateTerraform([dir])).toEqual([
      await at(join(dir, 'main.tf'), '"./nowhere"', 'structure', /^module "gone": source directory .*nowhere does not exist$/),
      await at(join(shared, 'main.tf'), 'local.nothing', 'reference', /^reference to undeclared local value "nothing"/),
    ]);
  });

  it('a dangling reference in a .tf.json template, depends_on and moved.to', async () => {
    const dir = await module({
      'main.tf.json': [
        '{',
        '  "resource": {',
        '    "terraform_data": {',
        '      "x": {',
        '        "input": "brokers=${aws_msk_cluster.gone.bootstrap_brokers}",',
        '        "depends_on": ["aws_msk_cluster.gone"]',
        '      }',
        '    }',
        '  },',
        '  "moved": { "from": "terraform_data.old", "to": "terraform_data.renamed" }',
        '}',
      ],
    });
    const file = join(dir, 'main.tf.json');
    const problems = validateTerraform([dir]);
    expect(problems).toEqual([
      await at(file, 'aws_msk_cluster.gone', 'reference', /undeclared resource "aws_msk_cluster" "gone"/),
      await at(file, 'aws_msk_cluster.gone', 'reference', /undeclared resource "aws_msk_cluster" "gone"/, 2),
      await at(file, 'terraform_data.renamed', 'reference', /undeclared resource "terraform_data" "renamed"/),
    ]);
    expect(problems[0]).toMatchObject({ line: 5, column: 29 });
  });

  it('scopes: a for variable or dynamic iterator is not visible outside its expression or content', async () => {
    const dir = await module({
      'main.tf': [
        'variable "xs" {',
        '  default = []',
        '}',
        'resource "aws_x" "y" {',
        '  names = [for x in var.xs : x]',
        '  first = x',
        '  dynamic "rule" {',
        '    for_each = rule.value',
        '    content {',
        '      v = rule.value',
        '    }',
        '  }',
        '  depends_on = [aws_y.z]',
        '  lifecycle {',
        '    ignore_changes       = [whatever]',
        '    replace_triggered_by = [aws_y.w]',
        '  }',
        '}',
        'moved {',
        '  from = aws_old.gone',
        '  to   = module.missing.aws_x.y',
        '}',
      ],
    });
    const file = join(dir, 'main.tf');
    expect(validateTerraform([dir])).toEqual([
      await at(file, 'x\n', 'reference', /^invalid reference x: unknown name "x"/),
      await at(file, 'rule.value', 'reference', /^reference to undeclared resource "rule" "value"/),
      await at(file, 'aws_y.z', 'reference', /undeclared resource "aws_y" "z"/),
      await at(file, 'aws_y.w', 'reference', /undeclared resource "aws_y" "w"/),
      await at(file, 'module.missing', 'reference', /^reference to undeclared module "missing"/),
    ]);
  });
});

describe('corpus: terraform-aws-modules/msk-kafka-cluster', () => {
  it.each(corpusModules)('%s validates clean', (sub) => {
    expect(validateTerraform([join(corpus, sub)])).toEqual([]);
  });

  it('examples/complete reaches the module root as its local child', () => {
    const { modules } = inspectTerraform([join(corpus, 'examples/complete')]);
    expect(modules.map((m) => m.dir)).toEqual([join(corpus, 'examples/complete'), corpus]);
  });

  it('a reference broken in a copy of the module is found', async () => {
    const copy = join(workDir, 'corpus-copy');
    await cp(corpus, copy, { recursive: true });
    const outputs = join(copy, 'outputs.tf');
    const text = await readFile(outputs, 'utf8');
    expect(text).toContain('aws_msk_cluster.this[0].arn');
    await writeFile(outputs, text.replace('aws_msk_cluster.this[0].arn', 'aws_msk_cluster.thiss[0].arn'));
    expect(validateTerraform([join(copy, 'examples/complete')])).toEqual([
      await at(outputs, 'aws_msk_cluster.thiss', 'reference', /undeclared resource "aws_msk_cluster" "thiss"/),
    ]);
  });
});

describe.runIf(hasTerraform)(skippable('terraformValidate', hasTerraform ? undefined : 'no terraform or tofu binary on PATH'), () => {
  it('runs terraform on a provider-free module with a local child and accepts it', async () => {
    const dir = await module({
      ...child,
      'main.tf': [
        'variable "n" {',
        '  type    = number',
        '  default = 3',
        '}',
        'module "c" {',
        '  source = "./child"',
        '  name   = "x"',
        '}',
      ],
      'outputs.tf': ['output "twice" {', '  value = var.n * 2', '}', 'output "g" {', '  value = module.c.greeting', '}'],
    });
    const result = terraformValidate(dir);
    expect(result).toMatchObject({ ran: true, ok: true });
    expect(JSON.parse(result.output ?? '')).toMatchObject({ valid: true });
  });

  it('fails on a type error the HCL checks cannot see', async () => {
    const dir = await module({
      'main.tf': ['variable "n" {', '  type    = number', '  default = 3', '}', 'output "bad" {', '  value = var.n + "abc"', '}'],
    });
    expect(validateTerraform([dir])).toEqual([]);
    const result = terraformValidate(dir);
    expect(result).toMatchObject({ ran: true, ok: false });
    expect(result.output).toMatch(/Invalid operand/);
  });

  it('does not run when init would download a provider or a module', async () => {
    const withResource = await module({ 'main.tf': ['resource "aws_x" "y" {}'] });
    const withRemoteChild = await module({ 'main.tf': ['module "vpc" {', '  source = "terraform-aws-modules/vpc/aws"', '}'] });
    expect(terraformValidate(withResource)).toEqual({ ran: false });
    expect(terraformValidate(withRemoteChild)).toEqual({ ran: false });
  });
});
