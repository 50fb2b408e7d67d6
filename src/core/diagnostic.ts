import { maskRanges, redactedSource, redactMessage } from './redact.js';
import type { SourceFile, Span } from './span.js';
import { lineText, positionAt } from './span.js';

/** How serious a diagnostic is: errors stop a compile, warnings do not. */
export type Severity = 'error' | 'warning';

/** One problem found in the user's input, with where it is and what to do. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  help: string;
  subject?: Span;
  related?: { span: Span; message: string }[];
  /** Source ranges holding secret values: code frames show them as `*`, and no rendering quotes them. */
  sensitive?: Span[];
}

/** A value together with every diagnostic produced while computing it. */
export interface Result<T> {
  value?: T;
  diagnostics: Diagnostic[];
}

/** Adds the source ranges that hold secrets to every diagnostic, so no code frame of that file shows them. */
export function markSensitive(diagnostics: readonly Diagnostic[], spans: readonly Span[]): Diagnostic[] {
  if (spans.length === 0) return [...diagnostics];
  return diagnostics.map((d) => ({ ...d, sensitive: [...(d.sensitive ?? []), ...spans] }));
}

/** Tells whether any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Resolves a file path to its source text, for code frames. */
export type SourceLookup = (path: string) => SourceFile | undefined;

/** Orders diagnostics by file, then offset, then code, so output is deterministic. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const fa = a.subject?.file ?? '';
    const fb = b.subject?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    const oa = a.subject?.start ?? -1;
    const ob = b.subject?.start ?? -1;
    if (oa !== ob) return oa - ob;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : a.message < b.message ? -1 : 1;
  });
}

/** Renders one diagnostic the way tsc does: location, code, message, code frame and help. */
export function renderDiagnostic(d: Diagnostic, lookup: SourceLookup): string {
  const lines: string[] = [];
  const source = d.subject ? lookup(d.subject.file) : undefined;
  let where = '';
  if (d.subject) {
    if (source) {
      const pos = positionAt(source, d.subject.start);
      where = `${d.subject.file}:${pos.line}:${pos.col} - `;
    } else {
      where = `${d.subject.file} - `;
    }
  }
  lines.push(`${where}${d.severity} ${d.code}: ${redactMessage(d.message)}`);
  if (d.subject && source) lines.push('', ...renderFrame(source, d.subject, d.sensitive ?? []));
  for (const r of d.related ?? []) {
    const rs = lookup(r.span.file);
    const pos = rs ? positionAt(rs, r.span.start) : undefined;
    lines.push(`  ${r.span.file}${pos ? `:${pos.line}:${pos.col}` : ''}: ${redactMessage(r.message)}`);
  }
  if (d.help) lines.push(`  help: ${redactMessage(d.help)}`);
  return lines.join('\n');
}

// the frame shows the source with secret-looking values and the diagnostic's sensitive spans masked, same length
function renderFrame(source: SourceFile, span: Span, sensitive: readonly Span[]): string[] {
  const start = positionAt(source, span.start);
  const end = positionAt(source, Math.max(span.start, span.end - 1));
  const own = sensitive.filter((s) => s.file === source.path);
  const redacted = redactedSource(source);
  const shown = own.length > 0 ? { path: source.path, text: maskRanges(redacted.text, own) } : redacted;
  const text = lineText(shown, start.line);
  const gutter = String(start.line);
  const width = end.line === start.line ? Math.max(1, end.col - start.col + 1) : Math.max(1, text.length - start.col + 1);
  return [`${gutter} ${text}`, `${' '.repeat(gutter.length)} ${' '.repeat(start.col - 1)}${'~'.repeat(width)}`, ''];
}

/** Renders all diagnostics followed by a summary count line. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], lookup: SourceLookup): string {
  const sorted = sortDiagnostics(diagnostics);
  const out = sorted.map((d) => renderDiagnostic(d, lookup));
  const errors = sorted.filter((d) => d.severity === 'error').length;
  const warnings = sorted.length - errors;
  out.push(`Found ${errors} error${errors === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'}.`);
  return out.join('\n') + '\n';
}

/** The JSON form of a diagnostic, with 1-based line and column resolved. */
export function diagnosticToJson(d: Diagnostic, lookup: SourceLookup): Record<string, unknown> {
  const out: Record<string, unknown> = { code: d.code, severity: d.severity, message: redactMessage(d.message) };
  if (d.help) out.help = redactMessage(d.help);
  if (d.subject) {
    const source = lookup(d.subject.file);
    const pos = source ? positionAt(source, d.subject.start) : undefined;
    out.file = d.subject.file;
    if (pos) {
      out.line = pos.line;
      out.col = pos.col;
    }
  }
  return out;
}
