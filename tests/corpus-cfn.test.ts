import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDiagnostics } from '../src/core/diagnostic.js';
import { compileStack } from '../src/compile/pipeline.js';
import { lintTemplate, newErrors } from '../tools/cfn-lint/index.js';
import { corpusDir, corpusStacks, ROOT } from './support/cases.js';

// real public CloudFormation stacks vendored under tests/corpus/stacks (see each SOURCE; read-only), compiled against each spec under tests/corpus/cfn-specs
const CORPUS = corpusDir('cloudformation');
const specs = join(ROOT, 'tests', 'corpus', 'cfn-specs');
const stacks = corpusStacks('cloudformation');
// compiles whose refusal was reviewed and judged right, by `stack × spec`: the codes every error must carry, in order
const REFUSED: Record<string, string[]> = {
  // producer-account.yaml's client EC2 host writes AWS_MSK_IAM client.properties in its UserData; a SCRAM customer needs other settings there
  'aws-samples__lambda-cross-account-msk × scram-secrets-manager.yaml': ['CFN_USERDATA_CLIENT_SECURITY'],
};
const scratch = mkdtempSync(join(tmpdir(), 'graft-cfn-corpus-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('CloudFormation corpus', () => {
  for (const stack of stacks) {
    for (const spec of readdirSync(specs).sort()) {
      it(`${stack} × ${spec}`, async () => {
        const input = join(CORPUS, stack);
        const r = compileStack({ stack: input, spec: join(specs, spec) });
        const errors = r.diagnostics.filter((d) => d.severity === 'error');
        const refused = REFUSED[`${stack} × ${spec}`];
        if (refused) {
          expect(errors.map((d) => d.code)).toEqual(refused);
          expect(r.files).toEqual([]);
          return;
        }
        expect(renderDiagnostics(errors, (p) => r.sources.get(p))).toBe('Found 0 errors and 0 warnings.\n');
        expect(r.plan.format).toBe('cloudformation');
        expect(r.plan.dropped.some((d) => d.role.includes('AWS::MSK::'))).toBe(true);
        const again = compileStack({ stack: input, spec: join(specs, spec) });
        expect(again.files.map((f) => f.content.toString('base64'))).toEqual(r.files.map((f) => f.content.toString('base64')));
        const out = join(scratch, stack, spec);
        for (const f of r.files) {
          mkdirSync(dirname(join(out, f.path)), { recursive: true });
          writeFileSync(join(out, f.path), f.content);
        }
        const second = compileStack({ stack: out, spec: join(specs, spec) });
        expect(second.files.filter((f) => f.changed).map((f) => f.path)).toEqual([]);
        for (const f of r.stack?.files ?? []) {
          const rel = f.path.slice(input.length + 1);
          expect(newErrors(await lintTemplate(join(input, rel)), await lintTemplate(join(out, rel))), rel).toEqual([]);
        }
      }, 120_000);
    }
  }
});
