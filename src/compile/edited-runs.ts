import type { Edit } from '../core/edit.js';

/** A stretch of the text graft would write that edits touched, with the origin stretch it replaces. */
export interface EditedRun {
  /** Output offsets: the run's text is `after.slice(from, to)`. */
  from: number;
  to: number;
  /** Origin offsets of the same stretch. */
  originFrom: number;
  originTo: number;
}

/**
 * The runs of an origin's chunks that edits touched, as they stand in the output. The origin is cut into chunks at
 * `starts` (ascending, the first 0); an edit touches every chunk it overlaps, its ends included (an insertion at a
 * boundary touches both sides), and touched neighbours form one run. Untouched chunks are the origin's text unchanged,
 * only shifted by the edits before them.
 */
export function editedRuns(starts: readonly number[], beforeLength: number, edits: readonly Edit[], afterLength: number): EditedRun[] {
  const ends = [...starts.slice(1), beforeLength];
  const touched = new Array<boolean>(starts.length).fill(false);
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (const e of sorted) {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ends[mid] ?? 0) < e.span.start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < starts.length && (starts[k] ?? 0) <= e.span.end; k++) touched[k] = true;
  }
  // output offset of an origin offset no edit touches: shifted by every edit before it
  let next = 0;
  let shift = 0;
  const outAt = (offset: number): number => {
    while (next < sorted.length && (sorted[next]?.span.start ?? 0) < offset) {
      const e = sorted[next];
      shift += e.text.length - (e.span.end - e.span.start);
      next++;
    }
    return offset + shift;
  };
  const runs: EditedRun[] = [];
  for (let k = 0; k < starts.length; k++) {
    if (!touched[k]) continue;
    let j = k;
    while (j + 1 < starts.length && touched[j + 1]) j++;
    const originFrom = starts[k] ?? 0;
    const originTo = ends[j] ?? beforeLength;
    runs.push({ from: outAt(originFrom), to: j + 1 < starts.length ? outAt(originTo) : afterLength, originFrom, originTo });
    k = j;
  }
  return runs;
}
