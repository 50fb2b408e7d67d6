import type { Diagnostic } from '../core/diagnostic.js';
import type { Edit } from '../core/edit.js';
import type { SourceFile } from '../core/span.js';
import type { Document } from 'yaml';
import type { Plan } from '../plan/types.js';
import type { Tree } from './terraform/hcl.js';
import type { FormatAdapter, Leftovers, StackFacts, StageInput } from './types.js';

/** What a format's stages give, run in order outside the compile pipeline (a format that reads another's output). */
export interface FormatOutput {
  /** rewrite: edits per origin file path. */
  edits: Map<string, Edit[]>;
  /** rewrite: the plan (absent when parse or analyze stopped). */
  plan?: Plan;
  /** every stage's diagnostics, in stage order. */
  diagnostics: Diagnostic[];
  /** rewrite: files graft writes whole, by path relative to the stack root. */
  newFiles?: Map<string, string>;
  /** rewrite: files of the stack the output leaves out (a path ending in `/`: a folder). */
  removedPaths?: readonly string[];
  /** facts: what the handoff needs; run when asked. */
  facts?: () => StackFacts;
  /** verify: what was dropped, which no kept file may still name. */
  leftovers?: Leftovers;
  /** verify: the YAML documents parse gave for each origin file path. */
  parsed?: ReadonlyMap<string, readonly Document.Parsed[]>;
  /** verify: the syntax tree parse gave for each origin file path. */
  trees?: ReadonlyMap<string, Tree>;
}

const hasError = (found: readonly Diagnostic[]): boolean => found.some((d) => d.severity === 'error');

/**
 * Runs a format's stages (parse → analyze → rewrite, then verify's inputs; facts on demand) as the compile pipeline
 * does, stopping after the first stage with an error. The Helm format uses it to read a chart's rendered manifests
 * with the Kubernetes format it is given.
 */
export function runStages<P, A, R>(adapter: FormatAdapter<P, A, R>, files: SourceFile[], input: StageInput): FormatOutput {
  const parsed = adapter.parse(files, input);
  if (hasError(parsed.diagnostics)) return { edits: new Map(), diagnostics: parsed.diagnostics };
  const analyzed = adapter.analyze(parsed.value, input);
  const diagnostics = [...parsed.diagnostics, ...analyzed.diagnostics];
  if (hasError(analyzed.diagnostics)) return { edits: new Map(), diagnostics };
  const rewritten = adapter.rewrite(analyzed.value, parsed.value, input);
  diagnostics.push(...rewritten.diagnostics);
  const out: FormatOutput = { edits: rewritten.edits, plan: rewritten.plan, diagnostics };
  if (rewritten.newFiles) out.newFiles = rewritten.newFiles;
  if (rewritten.removedPaths) out.removedPaths = rewritten.removedPaths;
  if (hasError(rewritten.diagnostics)) return out;
  const verify = adapter.verify(analyzed.value, rewritten, parsed.value);
  let facts: StackFacts | undefined;
  out.facts = () => (facts ??= adapter.facts(analyzed.value, rewritten, parsed.value));
  if (verify.leftovers) out.leftovers = verify.leftovers;
  if (verify.parsed) out.parsed = verify.parsed;
  if (verify.trees) out.trees = verify.trees;
  return out;
}
