import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** How `client/page.ts` is compiled for the browser: one self-contained script, no imports left, for current browsers. */
export const PAGE_SCRIPT_BUILD = { bundle: true, format: 'iife', target: 'es2022', minify: true, legalComments: 'none' } as const;

let compiled: string | undefined;

/**
 * The setup page's script: `client/page.ts` (type-checked with the DOM library by `src/setup/client/tsconfig.json`)
 * compiled for the browser, here on first use. The bundle replaces this module with the script compiled at build time
 * (scripts/page-script.ts), so graft carries it and needs no compiler to serve it.
 */
export function pageScript(): string {
  compiled ??= buildSync({
    ...PAGE_SCRIPT_BUILD,
    entryPoints: [fileURLToPath(new URL('./client/page.ts', import.meta.url))],
    write: false,
    logLevel: 'silent',
  }).outputFiles[0].text;
  return compiled;
}
