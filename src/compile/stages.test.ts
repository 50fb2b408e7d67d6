import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { compose } from '../formats/compose/index.js';
import { compileStack } from './pipeline.js';

// The pipeline runs a format's stages itself, in order, each once; it stops after a stage with an error.

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'graft-stages-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const STAGES = ['parse', 'analyze', 'rewrite', 'verify', 'facts'] as const;

function record(): string[] {
  const calls: string[] = [];
  for (const stage of STAGES) {
    const real = (compose[stage] as (...a: unknown[]) => unknown).bind(compose);
    vi.spyOn(compose, stage).mockImplementation(((...args: unknown[]) => {
      calls.push(stage);
      return real(...args);
    }) as never);
  }
  return calls;
}

describe('the staged format contract', () => {
  it('parses once, then analyzes, rewrites and verifies; facts run once, when first asked', () => {
    const calls = record();
    const result = compileStack({ stack: join(ROOT, 'examples', 'shop'), spec: join(ROOT, 'examples', 'customer-kafka.yaml') });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(calls).toEqual(['parse', 'analyze', 'rewrite', 'verify']);
    const facts = result.facts?.();
    expect(facts?.env.length).toBeGreaterThan(0);
    expect(result.facts?.()).toBe(facts);
    expect(calls).toEqual(['parse', 'analyze', 'rewrite', 'verify', 'facts']);
  });

  it('stops after a parse error: no analysis, no rewrite, no files', () => {
    const dir = mkdtempSync(join(tmp, 'broken-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  app: [unclosed\n');
    const calls = record();
    const result = compileStack({ stack: dir, spec: join(ROOT, 'examples', 'customer-kafka.yaml') });
    expect(result.diagnostics.map((d) => d.code)).toContain('COMPOSE_YAML_SYNTAX');
    expect(calls).toEqual(['parse']);
    expect(result.files).toEqual([]);
    expect(result.facts).toBeUndefined();
  });
});
