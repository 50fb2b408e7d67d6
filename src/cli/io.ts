import { relative, resolve, sep } from 'node:path';
import { renderDiagnostics, sortDiagnostics, diagnosticToJson, type Diagnostic, type SourceLookup } from '../core/diagnostic.js';

/** Where a command writes; injectable so tests run commands in-process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** The process's standard streams. */
export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** A usage error: exit code 2, message on stderr. */
export class UsageError extends Error {}

/** Prints diagnostics as text on stderr or as JSON lines in the given object. */
export function reportDiagnostics(io: Io, diagnostics: readonly Diagnostic[], lookup: SourceLookup): void {
  if (diagnostics.length > 0) io.err(renderDiagnostics(diagnostics, lookup));
}

/** Diagnostics in their JSON form, sorted. */
export function diagnosticsJson(diagnostics: readonly Diagnostic[], lookup: SourceLookup): Record<string, unknown>[] {
  return sortDiagnostics(diagnostics).map((d) => diagnosticToJson(d, lookup));
}

/** Makes paths relative to a root, with forward slashes, for reports that must not depend on the machine. */
export function relativizer(root: string): (p: string) => string {
  const abs = resolve(root);
  return (p) => {
    const r = relative(abs, resolve(p));
    return r.startsWith('..') ? p : r.split(sep).join('/');
  };
}
