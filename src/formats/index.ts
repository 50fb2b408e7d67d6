import { cloudformation } from './cloudformation/index.js';
import { compose } from './compose/index.js';
import { helmAdapter } from './helm/index.js';
import { kubernetes } from './kubernetes/index.js';
import { terraform } from './terraform/index.js';
import type { FormatAdapter } from './types.js';

/** Every stack format graft compiles, in the order they are tried. */
// a chart's templates look like manifests: Helm comes before Kubernetes
export const adapters: readonly FormatAdapter[] = [compose, terraform, cloudformation, helmAdapter(kubernetes), kubernetes];

/** Picks the format of a stack and the files it compiles: the first adapter that selects any file. */
export function pickAdapter(paths: readonly string[], peek: (relPath: string) => string): { adapter?: FormatAdapter; files: string[] } {
  for (const adapter of adapters) {
    const files = adapter.select(paths, peek);
    if (files.length > 0) return { adapter, files };
  }
  return { files: [] };
}

/**
 * Loads what the formats need before compiling (parsers in WebAssembly); call once before compileStack. Given a stack's
 * files, only the format that compiles them loads (the CLI's start); without, or when none selects them, every one.
 */
export async function prepareFormats(stack?: { paths: readonly string[]; peek: (relPath: string) => string }): Promise<void> {
  const only = stack ? pickAdapter(stack.paths, stack.peek).adapter : undefined;
  for (const a of only ? [only] : adapters) await a.prepare?.();
}
