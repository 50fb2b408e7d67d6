import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureHelm } from '../tools/helm/index.js';
import { loadExpectations, measureInProcess, REALWORLD, realworldStacks, SPECS, type Verdict } from './support/realworld.js';

// The real-world corpus as a gate: every stack × customer spec compiles in-process to the outcome a reviewer judged in
// tests/realworld/expectations.json (exit code and diagnostic codes). A run judged `wrong` may stay wrong only while
// its row says so: when a fix changes its outcome the row must be re-judged, and any other change of outcome — a
// regression of a correct run or of a justified refusal — fails here.
// Helm charts render with a real helm (built once into .cache/ by tools/helm/setup.sh), found by GRAFT_HELM.
const helmBuild = await ensureHelm();
if (helmBuild.helm) process.env['GRAFT_HELM'] ??= helmBuild.helm;
const expectations = loadExpectations();
const stacks = realworldStacks();
const RE_JUDGE =
  're-judge the run and update its row in tests/realworld/expectations.json (verdict, codes, exit, note) and the README summary';

describe('the real-world corpus meets its reviewed expectations', () => {
  it('has exactly one expectation per stack × spec', () => {
    const want = stacks.flatMap((s) => SPECS.map((spec) => `${s.folder} × ${spec}`)).sort();
    const have = expectations.map((e) => `${e.stack} × ${e.spec}`).sort();
    expect(have).toEqual(want);
  });

  it("the README's summary table counts the expectations", () => {
    const readme = readFileSync(join(REALWORLD, 'README.md'), 'utf8');
    const count = (v: Verdict, exit?: number): number =>
      expectations.filter((e) => e.verdict === v && (exit === undefined || e.exit === exit)).length;
    const row = (v: Verdict): string | undefined => new RegExp(`^\\| ${v} \\|.*$`, 'm').exec(readme)?.[0];
    const cells = (line: string | undefined): string[] => (line ?? '').split('|').map((c) => /^\**(\d+|—)/.exec(c.trim())?.[1] ?? c.trim());
    expect(cells(row('correct')).slice(2, 4)).toEqual([String(count('correct')), String(count('correct', 0))]);
    expect(cells(row('refusal-justified')).slice(2, 5)).toEqual([
      String(count('refusal-justified')),
      '—',
      String(count('refusal-justified', 1)),
    ]);
    expect(cells(row('wrong')).slice(2, 5)).toEqual([String(count('wrong')), String(count('wrong', 0)), String(count('wrong', 1))]);
  });

  for (const stack of stacks) {
    describe(stack.folder, () => {
      for (const spec of SPECS) {
        const row = expectations.find((e) => e.stack === stack.folder && e.spec === spec);
        it(`× ${spec} (${row?.verdict ?? 'no expectation'})`, async () => {
          expect(row, `no row for ${stack.folder} × ${spec} in expectations.json`).toBeDefined();
          if (!row) return;
          const run = await measureInProcess(stack, spec);
          const codes = [...new Set([...run.errors, ...run.warnings])].sort();
          const outcome = { exit: run.exit, codes };
          expect(outcome, `the outcome changed: ${RE_JUDGE}`).toEqual({ exit: row.exit, codes: [...row.codes].sort() });
          if (row.verdict === 'correct') {
            expect(run.errors).toEqual([]);
            expect(run.dropped.length + (run.format === 'cloudformation' || run.format === 'terraform' ? 1 : 0)).toBeGreaterThan(0);
            const left = run.leftovers.map((l) => `${l.file}:${l.line} ${l.name}: ${l.text}`);
            expect(left, `a run judged correct still names a dropped service: ${RE_JUDGE}`).toEqual([]);
          } else if (row.verdict === 'refusal-justified') {
            expect(run.errors.length, 'a justified refusal has an error code').toBeGreaterThan(0);
          }
        });
      }
    });
  }
});
