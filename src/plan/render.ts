import { createTwoFilesPatch } from 'diff';
import type { OutputFile } from '../compile/pipeline.js';
import type { SourceLookup } from '../core/diagnostic.js';
import { redactMessage, redactText } from '../core/redact.js';
import { positionAt, type Span } from '../core/span.js';
import type { CustomerKafka } from '../spec/types.js';
import type { Plan } from './types.js';

/** Renders a span as `file:line`, relative to the stack when possible. */
export function renderLocation(span: Span, lookup: SourceLookup, relativeTo?: (p: string) => string): string {
  const src = lookup(span.file);
  const file = relativeTo ? relativeTo(span.file) : span.file;
  return src ? `${file}:${positionAt(src, span.start).line}` : file;
}

/** Renders the plan as the text `graft plan` prints. */
export function renderPlan(plan: Plan, spec: CustomerKafka, lookup: SourceLookup, relativeTo?: (p: string) => string): string {
  const loc = (s: Span): string => renderLocation(s, lookup, relativeTo);
  const out: string[] = [];
  const auth = spec.sasl ? `${spec.securityProtocol}/${spec.sasl.mechanism}` : spec.securityProtocol;
  out.push(`graft plan (${plan.format}): customer Kafka ${spec.bootstrapServers.join(',')} (${auth})`, '');
  const section = (title: string, lines: string[], count = lines.length): void => {
    out.push(`${title} (${count}):`);
    out.push(...(lines.length ? lines : ['  (none)']), '');
  };
  section(
    'Drop',
    plan.dropped.map((d) => `  - ${d.service} [${d.role}] at ${loc(d.at)}: ${d.reason}`),
  );
  section(
    'Remove',
    plan.removed.map((r) => `  - ${r.kind} ${r.name}${r.from ? ` from ${r.from}` : ''} at ${loc(r.at)}: ${r.reason}`),
  );
  section(
    'Rewire',
    plan.rewired.flatMap((r) => [
      `  ~ ${r.service} [${r.family}] at ${loc(r.at)}`,
      ...r.matched.map((m) => `      matched: ${m}`),
      ...(r.changed.some((c) => !c.startsWith('-')) ? [`      set: ${r.changed.filter((c) => !c.startsWith('-')).join(', ')}`] : []),
      ...(r.changed.some((c) => c.startsWith('-'))
        ? [
            `      removed: ${r.changed
              .filter((c) => c.startsWith('-'))
              .map((c) => c.slice(1))
              .join(', ')}`,
          ]
        : []),
      ...(r.changed.length === 0 ? ['      set: (nothing: already configured)'] : []),
      ...r.notes.map((n) => `      note: ${n}`),
    ]),
    plan.rewired.length,
  );
  section(
    'Rename',
    plan.renames.map((r) => `  ${r.kind} ${r.from} -> ${r.to} (${r.service} ${r.setting})`),
  );
  section(
    'Secrets (references only)',
    plan.secrets.map((s) => `  ${s.name} <- ${s.ref} (${s.specPath}), used by ${s.usedBy.join(', ')}`),
  );
  if (plan.topicsToCreate.length)
    section(
      'Topics the stack created for itself (the customer must now provide them)',
      plan.topicsToCreate.map((t) => `  ${t}`),
    );
  for (const n of plan.notes) out.push(`note: ${n}`);
  // matched values and notes quote the stack's settings, which may carry URL credentials or a JAAS password
  return redactMessage(out.join('\n').replace(/\n+$/, '\n'));
}

/**
 * Renders a unified diff of every changed file. Secret-looking values of the stack (a literal password the origin
 * stack kept in a setting, a JAAS line, URL credentials) are masked in both sides, so the diff never shows them. What
 * the output leaves out of the stack (`removed`: files, and folders ending in `/`) is listed as `diff -r` lists a file
 * or folder only the origin has (`Only in a/charts: kafka`), in path order with the changed files.
 */
export function renderDiff(files: readonly OutputFile[], removed: readonly string[] = []): string {
  const entries = files
    .filter((f) => f.changed && f.before !== undefined)
    .map((f) => ({
      path: f.path,
      text: createTwoFilesPatch(
        `a/${f.path}`,
        `b/${f.path}`,
        redactText(f.before ?? '', f.path),
        redactText(f.content.toString('utf8'), f.path),
        undefined,
        undefined,
        {
          context: 3,
        },
      ).replace(/^=+\n/, ''),
    }));
  for (const r of removed) {
    const path = r.replace(/\/$/, '');
    const slash = path.lastIndexOf('/');
    entries.push({ path, text: `Only in ${slash < 0 ? 'a' : `a/${path.slice(0, slash)}`}: ${path.slice(slash + 1)}\n` });
  }
  return entries
    .sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0))
    .map((e) => e.text)
    .join('');
}
