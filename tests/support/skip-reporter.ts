import { relative } from 'node:path';
import type { Reporter, TestCase, TestModule, TestSuite, Vitest } from 'vitest/node';
import './skips.js';

const REASON = / \[skipped: (.*)\]$/;

/** The outermost skipped suite holding a skipped test (or the test itself), which is what a reason is given for. */
function skippedRoot(test: TestCase): TestCase | TestSuite {
  let node: TestCase | TestSuite = test;
  while (node.parent.type === 'suite' && node.parent.state() === 'skipped') node = node.parent;
  return node;
}

/**
 * Prints, with vitest's summary, every skipped suite or test with the reason in its name and every check that
 * could not run on this machine, so that nothing is left out silently. With a name filter (-t), only skips that carry
 * a reason are listed; the others are the filter's.
 */
export class SkipReporter implements Reporter {
  private filtered = false;
  private root = process.cwd();

  onInit(vitest: Vitest): void {
    this.filtered = vitest.config.testNamePattern !== undefined;
    this.root = vitest.config.root;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const skipped = new Map<string, number>();
    const notRun = new Map<string, number>();
    for (const m of modules) {
      for (const test of m.children.allTests()) {
        for (const why of test.meta().notRun ?? []) notRun.set(why, (notRun.get(why) ?? 0) + 1);
        if (test.result().state !== 'skipped') continue;
        const root = skippedRoot(test);
        const reason = REASON.exec(root.name)?.[1];
        if (reason === undefined && this.filtered) continue;
        const name = root.fullName.replace(REASON, '');
        const line = `${relative(this.root, m.moduleId)} > ${name}: ${reason ?? 'no reason given'}`;
        skipped.set(line, (skipped.get(line) ?? 0) + 1);
      }
    }
    const out: string[] = [];
    const count = (n: number) => `(${n} test${n === 1 ? '' : 's'})`;
    if (skipped.size > 0) {
      out.push(' Skipped, and why:');
      for (const [line, n] of [...skipped].sort()) out.push(`   ${line} ${count(n)}`);
    }
    if (notRun.size > 0) {
      out.push(' Checks not run on this machine, and why:');
      for (const [why, n] of [...notRun].sort()) out.push(`   ${why} ${count(n)}`);
    }
    if (out.length > 0) process.stdout.write(`${out.join('\n')}\n\n`);
  }
}
