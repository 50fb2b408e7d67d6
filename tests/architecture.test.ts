import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph } from '../scripts/import-cycles.js';

const SRC = join(import.meta.dirname, '..', 'src');

describe('import graph of src/', () => {
  const graph = importGraph(SRC);

  it('reads the relative imports of every module', () => {
    expect(graph.get('formats/compose/rewrite.ts')).toContain('formats/compose/context.ts');
    expect(graph.get('compile/pipeline.ts')).toContain('formats/index.ts');
  });

  it('has no import cycle (type-only imports included)', () => {
    expect(findCycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const g = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts', 'd.ts']],
    ]);
    expect(findCycles(g)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['d.ts']]);
  });

  it('keeps core below every other layer', () => {
    const above = [...graph].filter(([m, deps]) => m.startsWith('core/') && deps.some((d) => !d.startsWith('core/')));
    expect(above).toEqual([]);
  });
});
