import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDiagnostics } from '../src/core/diagnostic.js';
import { findEndpointRuns } from '../src/core/endpoints.js';
import { compileStack } from '../src/compile/pipeline.js';
import { analyzeCompose } from '../src/formats/compose/analyze.js';
import { parseCompose } from '../src/formats/compose/parse.js';
import { renderDiff, renderPlan } from '../src/plan/render.js';
import { relativizer } from '../src/cli/io.js';
import { validateComposeFiles } from '../tools/compose-validate/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { corpusDir, corpusStacks, ROOT } from './support/cases.js';
import { PLANTED, plantSecrets } from './support/secrets.js';

// Real public stacks vendored under tests/corpus/stacks (see each SOURCE); never edited, expected outputs live in tests/corpus/expected.
const CORPUS = corpusDir('compose');
const SPECS = join(ROOT, 'tests', 'corpus', 'specs');
const EXPECTED = join(ROOT, 'tests', 'corpus', 'expected');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const stacks = corpusStacks('compose');
const specs = readdirSync(SPECS).sort();

describe('real Compose stacks from the corpus', () => {
  for (const stack of stacks) {
    for (const specFile of specs) {
      it(`${stack} × ${specFile}`, async () => {
        const dir = join(CORPUS, stack);
        const spec = join(SPECS, specFile);
        const restore = plantSecrets(readFileSync(spec, 'utf8'));
        const result = compileStack({ stack: dir, spec });
        restore();
        const lookup = (p: string) => result.sources.get(p);
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        expect(renderDiagnostics(errors, lookup)).toBe('Found 0 errors and 0 warnings.\n');
        const out = result.files.find((f) => f.path === 'docker-compose.yml');
        expect(out?.changed).toBe(true);
        const text = out?.content.toString('utf8') ?? '';

        // no Kafka infrastructure is left, and nothing points at what was dropped
        const before = analyzeCompose([parseCompose({ path: 'before.yml', text: out?.before ?? '' }).file!], result.spec!);
        const after = analyzeCompose([parseCompose({ path: 'after.yml', text }).file!], result.spec!);
        expect([...after.dropped.keys()]).toEqual([]);
        expect(before.dropped.size).toBeGreaterThan(0);
        expect(findEndpointRuns(text, before.kafkaHosts).map((r) => r.text)).toEqual([]);
        for (const name of before.dropped.keys()) expect(after.services.has(name), `${name} is gone`).toBe(false);
        expect(text.includes(PLANTED)).toBe(false);

        const plan =
          renderPlan(result.plan, result.spec!, lookup, relativizer(dir)) +
          '\n' +
          renderDiff(result.files) +
          '\n' +
          renderDiagnostics(result.diagnostics, lookup)
            .split(dir + '/')
            .join('');
        const expectedDir = join(EXPECTED, stack, specFile.replace(/\.yaml$/, ''));
        if (UPDATE) {
          mkdirSync(expectedDir, { recursive: true });
          writeFileSync(join(expectedDir, 'docker-compose.yml'), text);
          writeFileSync(join(expectedDir, 'plan.txt'), plan);
        }
        expect(text).toBe(readFileSync(join(expectedDir, 'docker-compose.yml'), 'utf8'));
        expect(plan).toBe(readFileSync(join(expectedDir, 'plan.txt'), 'utf8'));

        // the compiled stack loads in the real Compose implementation, and compiling it again changes nothing
        const tmp = mkdtempSync(join(tmpdir(), 'graft-corpus-'));
        try {
          writeFileSync(join(tmp, 'docker-compose.yml'), text);
          expect((await validateComposeFiles([join(tmp, 'docker-compose.yml')])).errors).toEqual([]);
          const again = compileStack({ stack: tmp, spec });
          expect(again.files.filter((f) => f.changed).map((f) => f.path)).toEqual([]);
        } finally {
          rmSync(tmp, { recursive: true, force: true });
        }
      });
    }
  }
});
