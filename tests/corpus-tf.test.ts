import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDiagnostics } from '../src/core/diagnostic.js';
import { compileStack } from '../src/compile/pipeline.js';
import { prepareFormats } from '../src/formats/index.js';
import { renderDiff, renderPlan } from '../src/plan/render.js';
import { relativizer } from '../src/cli/io.js';
import { prepareHclValidate, validateTerraform } from '../tools/hcl-validate/index.js';
import { corpusDir, ROOT } from './support/cases.js';

// The registry MSK module and its examples, vendored under tests/corpus/stacks (see its SOURCE); expected outputs live in tests/corpus/expected-tf.
const MODULE = join(corpusDir('terraform'), 'terraform-aws-modules__msk-kafka-cluster');
const SPECS = join(ROOT, 'tests', 'corpus', 'tf-specs');
const EXPECTED = join(ROOT, 'tests', 'corpus', 'expected-tf');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
// root modules a user would compile: the examples call the module by `source = "../.."`
const STACKS = ['examples/complete', 'examples/serverless'];
const SPEC_FILES = ['scram.yaml', 'iam.yaml'];
const scratch = mkdtempSync(join(tmpdir(), 'graft-tf-corpus-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
await prepareFormats();

/** Text of a kept .tf file with comments and strings' contents left aside, for "nothing of MSK is left" checks. */
function code(text: string): string {
  return text.replace(/#.*$/gm, '').replace(/"(?:[^"\\\\]|\\\\.)*"/g, '""');
}

// a first build of the HCL validator can take minutes: done here, without blocking the worker
beforeAll(() => prepareHclValidate(), 600_000);

describe('the registry MSK module examples from the corpus', () => {
  for (const stack of STACKS) {
    for (const specFile of SPEC_FILES) {
      it(`${stack} × ${specFile}`, () => {
        const dir = join(MODULE, stack);
        const spec = join(SPECS, specFile);
        const result = compileStack({ stack: dir, spec });
        const lookup = (p: string) => result.sources.get(p);
        expect(renderDiagnostics(result.diagnostics, lookup)).toBe('Found 0 errors and 0 warnings.\n');
        const name = `${stack.replace(/\//g, '_')}__${specFile.replace(/\.yaml$/, '')}`;
        const expectedDir = join(EXPECTED, name);
        // the whole module tree, the compiled example in place: child sources (`../..`) keep resolving
        const tree = join(scratch, name);
        cpSync(MODULE, tree, { recursive: true });
        for (const f of result.files) {
          const text = f.content.toString('utf8');
          writeFileSync(join(tree, stack, f.path), text);
          if (!f.changed) continue;
          // nothing of MSK is declared or referenced any more
          expect(code(text)).not.toMatch(/aws_msk_|module\.msk|aws_secretsmanager_secret\.this|aws_kms_key\.this/);
          if (UPDATE) {
            mkdirSync(dirname(join(expectedDir, f.path)), { recursive: true });
            writeFileSync(join(expectedDir, f.path), text);
          }
          expect(text).toBe(readFileSync(join(expectedDir, f.path), 'utf8'));
        }
        const plan = renderPlan(result.plan, result.spec!, lookup, relativizer(dir)) + '\n' + renderDiff(result.files);
        if (UPDATE) writeFileSync(join(expectedDir, 'plan.txt'), plan);
        expect(plan).toBe(readFileSync(join(expectedDir, 'plan.txt'), 'utf8'));
        // the real HCL parser accepts the output, and every reference resolves
        expect(validateTerraform([join(tree, stack)])).toEqual([]);
        // compiling the output again changes nothing
        const again = compileStack({ stack: join(tree, stack), spec });
        expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(again.files.filter((f) => f.changed).map((f) => f.path)).toEqual([]);
      });
    }
  }
});
