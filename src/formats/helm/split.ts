import type { Edit } from '../../core/edit.js';
import type { SourceFile } from '../../core/span.js';
import { counterparts, kindOf } from './lines.js';

/** A part of a template between `---` lines: its text's range, and whether it renders a document of its own. */
interface Part {
  start: number;
  end: number;
  renders: boolean;
}

const SEPARATOR = /^---[ \t]*(?:#.*)?$/gm;
const OPENS = /\{\{-?\s*(?:if|range|with|define|block)\b/g;
const ENDS = /\{\{-?\s*end\b/g;

/** The parts of a template split at its `---` lines. */
function parts(text: string): Part[] {
  const out: Part[] = [];
  let start = 0;
  const add = (end: number): void => {
    const body = text.slice(start, end).replace(/^[ \t]*#.*$/gm, '');
    // comments, blank lines and whitespace-trimmed actions alone render nothing
    out.push({ start, end, renders: /^[ \t]*[A-Za-z"'-]/m.test(body.replace(/\{\{[\s\S]*?\}\}/g, '')) });
  };
  for (let m = SEPARATOR.exec(text); m; m = SEPARATOR.exec(text)) {
    add(m.index);
    start = m.index + m[0].length;
  }
  add(text.length);
  return out;
}

/**
 * Edits that remove the rendered documents `drop` (their indexes in the template's render, whose kinds are
 * `renderedKinds`) from a template whose documents are separate `---` parts: only where each part of the template
 * renders exactly one document, found by its literal `kind:` (`counterparts`), and no `{{ if }}` / `{{ range }}` /
 * `{{ with }}` block spans parts of the Kafka and kept ones (a block around Kafka parts only is removed with them), so
 * removing whole parts leaves the template's other documents as they were. Otherwise the reason.
 */
export function withoutDocuments(
  template: SourceFile,
  renderedKinds: readonly (string | undefined)[],
  drop: ReadonlySet<number>,
): { edits: Edit[] } | { why: string } {
  const text = template.text;
  const all = parts(text);
  const rendering = all.filter((p) => p.renders);
  const map = counterparts(
    rendering.map((p) => kindOf(text.slice(p.start, p.end))),
    renderedKinds,
  );
  if (!map)
    return {
      why: `its ${rendering.length} document${rendering.length === 1 ? '' : 's'} between \`---\` lines do not each name the kind of one of the ${renderedKinds.length} it rendered, so graft cannot tell which part of the template rendered which object`,
    };
  const dropping = new Set([...drop].map((i) => rendering[map[i] ?? -1]).filter((p): p is Part => p !== undefined));
  // parts joined by a block that spans them (`{{ if }}` in one, its `{{ end }}` in a later one) go together or stay
  let group: Part[] = [];
  let depth = 0;
  for (const p of all) {
    const body = text.slice(p.start, p.end);
    depth += (body.match(OPENS) ?? []).length - (body.match(ENDS) ?? []).length;
    group.push(p);
    if (depth < 0) return { why: 'an `{{ end }}` closes a block its `---` documents do not open' };
    if (depth > 0) continue;
    const renders = group.filter((q) => q.renders);
    const dropped = renders.filter((q) => dropping.has(q));
    if (dropped.length > 0 && dropped.length < renders.length)
      return {
        why: 'a `{{ if }}`, `{{ range }}` or `{{ with }}` block spans its `---` documents of the Kafka and of kept objects, so the Kafka cannot be removed alone',
      };
    if (dropped.length > 0) for (const q of group) dropping.add(q);
    group = [];
  }
  if (depth !== 0) return { why: 'a `{{ if }}`, `{{ range }}` or `{{ with }}` block is not closed within the template' };
  const edits: Edit[] = [];
  for (const [k, p] of all.entries()) {
    if (!dropping.has(p)) continue;
    const keptBefore = all.slice(0, k).some((q) => !dropping.has(q));
    const next = all[k + 1];
    // with the `---` before it, or, at the top of the template, with the `---` after it
    const span = keptBefore ? { start: all[k - 1]?.end ?? 0, end: p.end } : { start: p.start, end: next ? next.start : p.end };
    // the newline that began the next part goes with the removed `---` line at the top
    if (!keptBefore && next && text[span.end] === '\n') span.end += 1;
    edits.push({ span: { file: template.path, ...span }, text: '' });
  }
  return { edits };
}
