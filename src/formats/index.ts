import { cloudformation } from './cloudformation/index.js';
import { compose } from './compose/index.js';
import { kubernetes } from './kubernetes/index.js';
import type { FormatAdapter } from './types.js';

/** Every stack format graft compiles, in the order they are tried. */
export const adapters: readonly FormatAdapter[] = [compose, cloudformation, kubernetes];

/** Picks the format of a stack and the files it compiles: the first adapter that selects any file. */
export function pickAdapter(paths: readonly string[], peek: (relPath: string) => string): { adapter?: FormatAdapter; files: string[] } {
  for (const adapter of adapters) {
    const files = adapter.select(paths, peek);
    if (files.length > 0) return { adapter, files };
  }
  return { files: [] };
}
