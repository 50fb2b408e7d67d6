import type { TestContext } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** Checks inside a passing test that could not run on this machine, each with why; listed after the run. */
    notRun?: string[];
  }
}

/**
 * The name of a suite or test that may be skipped, carrying why: `describe.skipIf(why !== undefined)(skippable(name,
 * why), ...)`. The skip reporter lists every skipped suite after the run with this reason.
 */
export function skippable(name: string, why: string | undefined): string {
  return why === undefined ? name : `${name} [skipped: ${why}]`;
}

/** Records that a check inside a test could not run here, and why; the skip reporter lists it after the run. */
export function notRun(ctx: TestContext, why: string): void {
  (ctx.task.meta.notRun ??= []).push(why);
}
