import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cases.js';

/** Every rendered diagnostics file of the golden and corpus cases: the output of every producer the cases reach. */
function renderedFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (name === 'node_modules' || name === 'stacks') continue;
    if (statSync(full).isDirectory()) renderedFiles(full, out);
    else if (name === 'diagnostics.txt' || name === 'plan.txt') out.push(full);
  }
  return out;
}

const HEADER = /^(?:\S.* - )?(error|warning) ([A-Z][A-Z0-9_]+): /;

describe('diagnostics', () => {
  const files = [...renderedFiles(join(ROOT, 'src')), ...renderedFiles(join(ROOT, 'tests', 'corpus'))];

  it('the cases render diagnostics to check', () => {
    expect(files.filter((f) => f.endsWith('diagnostics.txt')).length).toBeGreaterThan(20);
  });

  it('every rendered diagnostic ends with a non-empty help: line', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const file of files) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        const m = HEADER.exec(line);
        if (!m) return;
        seen++;
        // the block runs to the next diagnostic or the summary line
        let j = i + 1;
        while (j < lines.length && !HEADER.test(lines[j] ?? '') && !/^Found \d+ error/.test(lines[j] ?? '')) j++;
        if (!lines.slice(i + 1, j).some((l) => /^ {2}help: \S/.test(l))) missing.push(`${relative(ROOT, file)}:${i + 1} ${m[2]}`);
      });
    }
    expect(seen).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});
