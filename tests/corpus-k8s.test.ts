import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDiagnostics } from '../src/core/diagnostic.js';
import { findEndpointRuns } from '../src/core/endpoints.js';
import { compileStack } from '../src/compile/pipeline.js';
import { analyzeManifests } from '../src/formats/kubernetes/analyze.js';
import { k8sHostSuffix } from '../src/core/endpoints.js';
import { parseManifests } from '../src/formats/kubernetes/parse.js';
import { renderDiff, renderPlan } from '../src/plan/render.js';
import { relativizer } from '../src/cli/io.js';
import { validateManifests } from '../tools/k8s-validate/index.js';
import { corpusDir, corpusStacks, ROOT } from './support/cases.js';

// Real public Kubernetes stacks vendored under tests/corpus/stacks (see each SOURCE); expected outputs live in tests/corpus/expected-k8s.
const CORPUS = corpusDir('kubernetes');
const SPECS = join(ROOT, 'tests', 'corpus', 'k8s-specs');
const EXPECTED = join(ROOT, 'tests', 'corpus', 'expected-k8s');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const stacks = corpusStacks('kubernetes');
const specs = readdirSync(SPECS)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('real Kubernetes stacks from the corpus', () => {
  for (const stack of stacks) {
    for (const specFile of specs) {
      it(`${stack} × ${specFile}`, async () => {
        const dir = join(CORPUS, stack);
        const spec = join(SPECS, specFile);
        const result = compileStack({ stack: dir, spec });
        const lookup = (p: string) => result.sources.get(p);
        expect(
          renderDiagnostics(
            result.diagnostics.filter((d) => d.severity === 'error'),
            lookup,
          ),
        ).toBe('Found 0 errors and 0 warnings.\n');
        const changed = result.files.filter((f) => f.changed);
        expect(changed.length).toBeGreaterThan(0);
        for (const f of changed) {
          const text = f.content.toString('utf8');
          const before = analyzeManifests(parseManifests([{ path: 'before.yaml', text: f.before ?? '' }]).resources, result.spec!);
          const after = analyzeManifests(parseManifests([{ path: 'after.yaml', text }]).resources, result.spec!);
          // nothing of the embedded Kafka is left, and nothing points at it
          expect([...after.dropped.keys()].map((r) => r.id)).toEqual([]);
          expect(findEndpointRuns(text, before.kafkaHosts, k8sHostSuffix(before.kafkaHosts, before.namespaces)).map((r) => r.text)).toEqual(
            [],
          );
          for (const s of before.operatorSecrets.keys()) {
            expect(text, `reference to operator Secret ${s}`).not.toMatch(
              new RegExp(`(secretKeyRef:\\s*\\n\\s*name|secretName): ${s}\\s*$`, 'm'),
            );
          }
          const expectedDir = join(EXPECTED, stack, specFile.replace(/\.yaml$/, ''));
          if (UPDATE) {
            mkdirSync(expectedDir, { recursive: true });
            writeFileSync(join(expectedDir, f.path), text);
          }
          expect(text).toBe(readFileSync(join(expectedDir, f.path), 'utf8'));
        }
        const plan = renderPlan(result.plan, result.spec!, lookup, relativizer(dir)) + '\n' + renderDiff(result.files);
        const planFile = join(EXPECTED, stack, specFile.replace(/\.yaml$/, ''), 'plan.txt');
        if (UPDATE) writeFileSync(planFile, plan);
        expect(plan).toBe(readFileSync(planFile, 'utf8'));
        // every output document is valid against the Kubernetes and Strimzi schemas (SOURCE is the corpus's own note)
        const v = await validateManifests(result.files.filter((f) => /\.ya?ml$/.test(f.path)).map((f) => f.content.toString('utf8')));
        expect(v.errors).toEqual([]);
        // compiling the output again changes nothing
        const tmp = mkdtempSync(join(tmpdir(), 'graft-k8s-corpus-'));
        try {
          for (const f of result.files) writeFileSync(join(tmp, f.path), f.content);
          const again = compileStack({ stack: tmp, spec });
          expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          expect(again.files.filter((f) => f.changed).map((f) => f.path)).toEqual([]);
        } finally {
          rmSync(tmp, { recursive: true, force: true });
        }
      });
    }
  }
});
