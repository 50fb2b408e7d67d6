import type { SourceFile, Span } from '../../core/span.js';

/** The documents of a YAML text: each one's start and end offset, split at `---` lines. */
export function documents(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  const re = /^---[ \t]*(?:#.*)?$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  out.push({ start, end: text.length });
  // a document of only comments, blank lines or template actions renders nothing of its own
  return out.filter((d) => /^[ \t]*[A-Za-z"'{-]/m.test(text.slice(d.start, d.end).replace(/^[ \t]*#.*$/gm, '')));
}

/** The lines of `text` within [start, end), each with its offset. */
function lines(text: string, start: number, end: number): { at: number; text: string }[] {
  const out: { at: number; text: string }[] = [];
  let at = start;
  for (const line of text.slice(start, end).split('\n')) {
    out.push({ at, text: line });
    at += line.length + 1;
  }
  return out;
}

const KIND = /^kind:[ \t]*["']?([A-Za-z0-9]+)["']?[ \t]*$/gm;

/** The top-level `kind:` a document's text names literally, when it names exactly one. */
export function kindOf(text: string): string | undefined {
  const all = [...text.matchAll(KIND)];
  return all.length === 1 ? all[0]?.[1] : undefined;
}

/**
 * For each rendered document of a template, the template's document that rendered it. helm sorts its output by kind
 * (stably), so a rendered document is matched by its kind and its place among the documents of that kind: only when
 * the template has as many documents as it rendered, each naming its kind literally, and the kinds are the render's.
 */
export function counterparts(
  templateKinds: readonly (string | undefined)[],
  renderedKinds: readonly (string | undefined)[],
): number[] | undefined {
  if (templateKinds.length !== renderedKinds.length) return undefined;
  const out: number[] = [];
  const seen = new Map<string, number>();
  for (const k of renderedKinds) {
    if (k === undefined) return undefined;
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    const index = templateKinds.flatMap((t, i) => (t === k ? [i] : []))[n];
    if (index === undefined) return undefined;
    out.push(index);
  }
  return out;
}

/**
 * Where a span of a template's rendered output is in the template itself. helm's `# Source:` names the template; the
 * line is found where the template allows: the rendered line at the span, when it is template text helm copied
 * unchanged (a literal `- name: KAFKA_BROKERS`, `kind: StatefulSet`) and appears once in the object's document of the
 * template (matched by `counterparts`) or else once in the template;
 * else the same for each of `hints` (the literal lines of what the object holds, `name: KAFKA_BROKERS`; a leading `- `
 * does not count); otherwise the matched document's `kind:` line; otherwise the template's first line. The span then covers
 * that line.
 */
export function templateSpan(template: SourceFile, rendered: string, span: Span, hints: readonly string[] = []): Span {
  const at = (start: number, end: number): Span => ({ file: template.path, start, end });
  const lineStart = rendered.lastIndexOf('\n', span.start - 1) + 1;
  const lineEnd = rendered.indexOf('\n', span.start);
  const wanted = rendered.slice(lineStart, lineEnd < 0 ? rendered.length : lineEnd).trim();
  const renderedDocs = documents(rendered);
  const index = renderedDocs.findIndex((d) => span.start >= d.start && span.start <= d.end);
  const templateDocs = documents(template.text);
  const map = counterparts(
    templateDocs.map((d) => kindOf(template.text.slice(d.start, d.end))),
    renderedDocs.map((d) => kindOf(rendered.slice(d.start, d.end))),
  );
  const doc = map && index >= 0 ? templateDocs[map[index] ?? -1] : undefined;
  const bare = (line: string): string => line.trim().replace(/^-\s+/, '');
  const once = (line: string, start: number, end: number): { at: number; text: string } | undefined => {
    const found = lines(template.text, start, end).filter((l) => bare(l.text) === line);
    return found.length === 1 ? found[0] : undefined;
  };
  const find = (line: string): { at: number; text: string } | undefined =>
    line.includes('{{') ? undefined : ((doc ? once(line, doc.start, doc.end) : undefined) ?? once(line, 0, template.text.length));
  let hit: { at: number; text: string } | undefined;
  for (const line of [bare(wanted), ...hints.map(bare)]) if (!hit && /[A-Za-z]/.test(line)) hit = find(line);
  if (hit) return at(hit.at + (hit.text.length - hit.text.trimStart().length), hit.at + hit.text.length);
  const kind = /^kind:\s*(\S+)/m.exec(rendered.slice(renderedDocs[index]?.start ?? 0, renderedDocs[index]?.end ?? rendered.length))?.[1];
  if (doc && kind) {
    const k = lines(template.text, doc.start, doc.end).find((l) => new RegExp(`^kind:\\s*["']?${kind}["']?\\s*$`).test(l.text));
    if (k) return at(k.at, k.at + k.text.length);
  }
  return at(0, 0);
}
