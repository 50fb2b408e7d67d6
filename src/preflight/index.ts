import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the preflight job finds graft and the spec inside its container. */
export const PREFLIGHT_DIR = '/graft';
/** The name of the one-shot preflight service or Job. */
export const PREFLIGHT_NAME = 'graft-preflight';
/** The image the preflight runs on: plain Node.js runs graft's single-file bundle. */
export const PREFLIGHT_IMAGE = 'node:22-alpine';

/** What an adapter needs to add the preflight: graft's bundle and the customer spec's text. */
export interface PreflightInput {
  bundle: string;
  specText: string;
}

/** The file name of graft's single-file bundle, built beside `dist/graft.js`. */
export const STANDALONE_BUNDLE = 'graft-standalone.js';

/**
 * Finds graft's single-file bundle: the running one, the one beside the running bundle (`dist/`, above its chunks), or
 * `dist/graft-standalone.js` of this checkout.
 */
export function locateBundle(explicit?: string): string | undefined {
  const here = fileURLToPath(import.meta.url);
  const dir = dirname(here);
  const candidates = [
    explicit,
    here.endsWith(STANDALONE_BUNDLE) ? here : undefined,
    join(dir, STANDALONE_BUNDLE),
    join(dir, '..', STANDALONE_BUNDLE),
    join(dir, '..', '..', 'dist', STANDALONE_BUNDLE),
  ];
  return candidates.find((c): c is string => c !== undefined && existsSync(c));
}

/** Reads the bundle and spec for an adapter. */
export function preflightInput(specPath: string, bundlePath: string): PreflightInput {
  return { bundle: readFileSync(bundlePath, 'utf8'), specText: readFileSync(specPath, 'utf8') };
}

/** The check command the preflight runs, reading secrets from the directory the services read them from. */
export function preflightCommand(graftPath: string, secretsDir: string): string[] {
  return ['node', graftPath, 'check', '--kafka', `${PREFLIGHT_DIR}/kafka.yaml`, '--secrets', `dir:${secretsDir}`];
}
