import type { Edit } from '../../core/edit.js';
import { InternalError } from '../../core/errors.js';
import type { Node } from './hcl.js';
import type { TfFile } from './parse.js';

/** A file the editor changes: a module's `.tf` file or a variable definitions file. */
export type EditedFile = Pick<TfFile, 'source'>;

interface Pending {
  start: number;
  end: number;
  text: string;
  removal: boolean;
}

const BANNER = /^\s*(#|\/\/){8,}/;
const SOLID = /\S/;

/** Removed ranges sorted by start, overlapping or adjacent ones merged into one. */
function mergeRemovals(removals: readonly Pending[]): Pending[] {
  const merged: Pending[] = [];
  for (const r of [...removals].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/** The text of [from, to) that no merged removal covers. */
function gapsOf(text: string, merged: readonly Pending[], from: number, to: number): string {
  let out = '';
  let at = from;
  for (const r of merged) {
    if (r.end <= at) continue;
    if (r.start >= to) break;
    if (r.start > at) out += text.slice(at, r.start);
    at = Math.max(at, r.end);
  }
  return at < to ? out + text.slice(at, to) : out;
}

/** The parts of [from, to) that merged removals cover. */
function mergedParts(text: string, merged: readonly Pending[], from: number, to: number): string[] {
  return merged.filter((r) => r.start < to && r.end > from).map((r) => text.slice(Math.max(r.start, from), Math.min(r.end, to)));
}

/** Collects text edits of Terraform files; edits inside removed ranges are dropped, partial overlaps are bugs. */
export class TfEditor {
  private readonly pending = new Map<string, { file: EditedFile; edits: Pending[] }>();

  private add(file: EditedFile, p: Pending): void {
    // the byte-order mark stays
    if (p.removal && p.start === 0 && file.source.text.startsWith('\uFEFF')) p.start = 1;
    let slot = this.pending.get(file.source.path);
    if (!slot) this.pending.set(file.source.path, (slot = { file, edits: [] }));
    slot.edits.push(p);
  }

  /** Replaces a range. */
  replace(file: EditedFile, start: number, end: number, text: string): void {
    this.add(file, { start, end, text, removal: false });
  }

  /** Inserts text at an offset. */
  insert(file: EditedFile, at: number, text: string): void {
    this.add(file, { start: at, end: at, text, removal: false });
  }

  /** Removes a node with its whole lines, the comment lines attached above it, and a blank line left doubled. */
  removeLines(file: EditedFile, node: Node): void {
    const text = file.source.text;
    let start = text.lastIndexOf('\n', node.startIndex - 1) + 1;
    if (text.slice(start, node.startIndex).trim() !== '') start = node.startIndex;
    else {
      // comment lines directly above belong to the block (banners introduce a section and stay)
      for (;;) {
        if (start === 0) break;
        const prevStart = text.lastIndexOf('\n', start - 2) + 1;
        const line = text.slice(prevStart, start - 1);
        if (!/^\s*(#|\/\/)/.test(line) || BANNER.test(line)) break;
        start = prevStart;
      }
    }
    let end = text.indexOf('\n', node.endIndex - 1);
    end = end < 0 ? text.length : end + 1;
    if (text.slice(node.endIndex, end).trim() !== '' && !/^\s*(#|\/\/)/.test(text.slice(node.endIndex, end))) end = node.endIndex;
    // the last item of a body takes the blank lines before it along
    const atEnd = /^\s*$/.test(text.slice(end));
    if (atEnd) end = text.length;
    if (atEnd || /^[ \t]*\}/.test(text.slice(end))) {
      while (start > 0) {
        const prevStart = text.lastIndexOf('\n', start - 2) + 1;
        if (text.slice(prevStart, start).trim() !== '' || prevStart === start) break;
        start = prevStart;
      }
    }
    // the line before is blank (or there is none): the blank lines after go too, so none doubles up
    const atLineStart = start === 0 || text[start - 1] === '\n';
    const prevLineStart = text.lastIndexOf('\n', start - 2) + 1;
    const precededByBlank = start === 0 || (atLineStart && text.slice(prevLineStart, start).trim() === '');
    if (precededByBlank) {
      const m = /^([ \t]*\r?\n)+/.exec(text.slice(end, end + 4096));
      if (m) end += m[0].length;
    }
    this.add(file, { start, end, text: '', removal: true });
  }

  /** Removes one element of a tuple (`[a, b, c]`), with its comma. */
  removeTupleElement(file: EditedFile, element: Node): void {
    const text = file.source.text;
    let start = element.startIndex;
    let end = element.endIndex;
    const after = /^\s*,/.exec(text.slice(end));
    if (after) end += after[0].length;
    else {
      const before = /,\s*$/.exec(text.slice(0, start));
      if (before) start -= before[0].length;
    }
    // a whole line of its own goes with its line break
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = text.indexOf('\n', end);
    if (text.slice(lineStart, start).trim() === '' && lineEnd >= 0 && text.slice(end, lineEnd).trim() === '') {
      start = lineStart;
      end = lineEnd + 1;
    }
    this.add(file, { start, end, text: '', removal: true });
  }

  /** Tells whether an offset of a file lies in a removed range. */
  isRemoved(file: EditedFile, at: number): boolean {
    const edits = this.pending.get(file.source.path)?.edits;
    if (!edits) return false;
    // removals only grow; the sorted copy (with the furthest end so far) is rebuilt when more were added
    let cache = this.removals.get(file.source.path);
    if (!cache || cache.count !== edits.length) {
      const ranges = edits.filter((e) => e.removal).sort((a, b) => a.start - b.start);
      const maxEnd: number[] = [];
      ranges.forEach((r, i) => maxEnd.push(Math.max(r.end, maxEnd[i - 1] ?? 0)));
      cache = { count: edits.length, starts: ranges.map((r) => r.start), maxEnd };
      this.removals.set(file.source.path, cache);
    }
    let lo = 0;
    let hi = cache.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cache.starts[mid] <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && cache.maxEnd[lo - 1] > at;
  }

  private readonly removals = new Map<string, { count: number; starts: number[]; maxEnd: number[] }>();

  /** Removes section banners (`####` comment headers) whose whole section graft removed. */
  private dropEmptySections(file: EditedFile, edits: Pending[]): void {
    const text = file.source.text;
    const removals = edits.filter((e) => e.removal);
    if (removals.length === 0) return;
    const lines: { start: number; end: number; text: string }[] = [];
    for (let at = 0; at < text.length;) {
      const nl = text.indexOf('\n', at);
      const end = nl < 0 ? text.length : nl + 1;
      lines.push({ start: at, end, text: text.slice(at, end) });
      at = end;
    }
    const headers: { start: number; end: number }[] = [];
    for (let i = 0; i < lines.length; i++) {
      if (!BANNER.test(lines[i].text)) continue;
      let j = i;
      while (j + 1 < lines.length && /^\s*(#|\/\/)/.test(lines[j + 1].text)) j++;
      headers.push({ start: lines[i].start, end: lines[j].end });
      i = j;
    }
    const merged = mergeRemovals(removals);
    // every character of the section that is not white space is removed, and there is one
    const covered = (from: number, to: number): boolean =>
      !SOLID.test(gapsOf(text, merged, from, to)) && mergedParts(text, merged, from, to).some((t) => SOLID.test(t));
    headers.forEach((h, i) => {
      const sectionEnd = headers[i + 1]?.start ?? text.length;
      if (covered(h.end, sectionEnd))
        edits.push({ start: h.start === 0 && text.startsWith('\uFEFF') ? 1 : h.start, end: sectionEnd, text: '', removal: true });
    });
  }

  /** The edits per file path, with edits inside removed ranges dropped. */
  result(): Map<string, Edit[]> {
    const out = new Map<string, Edit[]>();
    for (const [path, { file, edits }] of this.pending) {
      this.dropEmptySections(file, edits);
      const crlf = file.source.text.includes('\r\n');
      const merged = mergeRemovals(edits.filter((e) => e.removal));
      const text = this.pending.get(path)!.file.source.text;
      const emptied = !/[^\s\uFEFF]/.test(gapsOf(text, merged, 0, text.length));
      if (emptied && merged.length > 0) {
        const at = text.startsWith('\uFEFF') ? 1 : 0;
        edits.push({
          start: at,
          end: at,
          text: '# Written by graft: everything this file declared served the dropped Kafka (see graft-report.json)\n',
          removal: false,
        });
      }
      // merged removals are disjoint and sorted: the one that could hold or overlap an edit is the last starting before it
      const lastBefore = (at: number, strict: boolean): Pending | undefined => {
        let lo = 0;
        let hi = merged.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          const start = merged[mid]?.start ?? 0;
          if (strict ? start < at : start <= at) lo = mid + 1;
          else hi = mid;
        }
        return merged[lo - 1];
      };
      const kept = edits.filter((e) => {
        if (e.removal) return false;
        const r = lastBefore(e.start, false);
        return !(r && e.end <= r.end && !(e.start === e.end && (e.start === r.start || e.start === r.end)));
      });
      for (const e of kept) {
        const r = lastBefore(e.end, true);
        if (r && e.start < r.end) throw new InternalError(`overlapping Terraform edits in ${path} at ${e.start}`);
      }
      const all = [...merged, ...kept].sort((a, b) => a.start - b.start || a.end - b.end);
      out.set(
        path,
        all.map((e) => ({ span: { file: path, start: e.start, end: e.end }, text: crlf ? e.text.replace(/\r?\n/g, '\r\n') : e.text })),
      );
    }
    return out;
  }
}
