import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  parseDocument,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { Edit } from '../../core/edit.js';
import type { SourceFile } from '../../core/span.js';
import { continuationLineStarts } from './flow-indent.js';
import { eachNode } from './nodes.js';
import { blockEntrySpan, columnOf, eolOf, FLOW_INDICATOR, indentLines, lineStart, nextLineStart, renderScalar } from './text.js';

type Collection = YAMLMap | YAMLSeq;

/** Collects format-preserving edits to one YAML file; removed regions swallow edits inside them. */
export class YamlEditor {
  readonly eol: string;
  private readonly edits: Edit[] = [];
  /** `start:end:text` of every edit, so a repeated edit is recorded once without a scan. */
  private readonly seen = new Set<string>();
  private readonly removed: { start: number; end: number }[] = [];
  // the furthest end of any removed region: a span ending beyond it lies in none of them
  private removedReach = -1;
  // items removed from flow collections, turned into edits once every removal is known
  // (both by the collection's offset: callers' nodes and this editor's own parse agree on offsets, not on objects)
  private readonly flowRemovals = new Map<number, { c: Collection; gone: Set<number> }>();
  // what is appended to flow collections
  private readonly flowAppends = new Map<number, { c: Collection; extra: string[] }>();
  private flowIndex?: FlowIndex;
  private continuations?: ReadonlySet<number>;
  private readonly continuationsOf = (): ReadonlySet<number> => (this.continuations ??= continuationLineStarts(this.source.text));

  /**
   * `docs`: the file's documents as the format parsed them, when it did; the editor then never parses the file itself
   * (it reads where flow collections are from them).
   */
  constructor(
    readonly source: SourceFile,
    private readonly docs?: readonly Document[],
  ) {
    this.eol = eolOf(source.text);
  }

  /** The edits collected so far, minus any that fall inside a removed region. */
  result(): Edit[] {
    const goneInFlow = this.flowGoneSpans();
    const edits = [
      ...this.edits.filter((e) => !goneInFlow.some((r) => r.start <= e.span.start && e.span.end <= r.end)),
      ...this.flowEdits(),
    ];
    // insertions at one offset go deepest first, so a nested item never lands under a sibling key added there
    const depth = (e: Edit): number => {
      const line = e.text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
      return line.length - line.trimStart().length;
    };
    const ordered = edits
      .map((e, i) => ({ e, i }))
      .sort(
        (a, b) =>
          a.e.span.start - b.e.span.start ||
          (a.e.span.start === a.e.span.end && b.e.span.start === b.e.span.end ? depth(b.e) - depth(a.e) : 0) ||
          a.i - b.i,
      )
      .map((x) => x.e);
    // removed regions by start, with the furthest end reached so far: an edit no region can contain is kept at once
    const regions = [...this.removed].sort((a, b) => a.start - b.start);
    const reach: number[] = [];
    regions.forEach((r, i) => reach.push(Math.max(r.end, reach[i - 1] ?? -1)));
    const swallowed = (e: Edit): boolean => {
      let lo = 0;
      let hi = regions.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((regions[mid]?.start ?? 0) <= e.span.start) lo = mid + 1;
        else hi = mid;
      }
      if (lo === 0 || (reach[lo - 1] ?? -1) < e.span.end) return false;
      return regions
        .slice(0, lo)
        .some(
          (r) =>
            e.span.end <= r.end &&
            !(e.span.start === r.start && e.span.end === r.end) &&
            !(e.span.start === e.span.end && (e.span.start === r.end || e.span.start === r.start)),
        );
    };
    return ordered.filter((e) => !swallowed(e));
  }

  /** Replaces a span of text. */
  replace(start: number, end: number, text: string): void {
    const key = `${start}:${end}:${text}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.edits.push({ span: { file: this.source.path, start, end }, text });
  }

  /** Removes a block mapping entry or sequence item with its nested lines. */
  removeBlockEntry(node: Node): void {
    const start = node.range?.[0];
    if (start === undefined) return;
    // an item of a flow collection goes with its separator
    const flow = this.flowAt(start);
    if (flow && (flow.items as unknown[]).some((i) => startOf(i) === start)) {
      this.removeFromFlow(flow, [start]);
      return;
    }
    // the `- ` indicator sits before a sequence item's node
    const text = this.source.text;
    const lineHead = text.slice(text.lastIndexOf('\n', start - 1) + 1, start);
    const onDash = /-\s*$/.test(lineHead);
    if (onDash && isScalar(node) && /^[ \t]*:/.test(text.slice(node.range?.[1] ?? start))) {
      // the first key of an item's mapping (`- name: a`): its next key moves up onto the dash line
      const own = blockEntrySpan(text, start, false, this.continuationsOf);
      const next = text.slice(own.end, nextLineStart(text, own.end));
      if (own.end < text.length && columnOf(text, own.end + next.length - next.trimStart().length) === columnOf(text, start)) {
        if (!/^\s*(#|-(\s|$))/.test(next)) {
          const to = own.end + (next.length - next.trimStart().length);
          this.removed.push({ start, end: to });
          this.removedReach = Math.max(this.removedReach, to);
          this.replace(start, to, '');
          return;
        }
      }
    }
    const dash = onDash ? text.lastIndexOf('-', start) : start;
    const span = blockEntrySpan(this.source.text, dash, true, this.continuationsOf);
    // the file's byte order mark is no part of its first entry
    if (span.start === 0 && text.startsWith('\uFEFF')) span.start = 1;
    // nor does the file begin with the blank lines that separated its first entry from the next
    if (span.start === (text.startsWith('\uFEFF') ? 1 : 0)) span.end += /^(?:[ \t]*\r?\n)*/.exec(text.slice(span.end))?.[0].length ?? 0;
    if (this.removedReach >= span.end && this.removed.some((r) => r.start <= span.start && r.end >= span.end)) return;
    this.removed.push(span);
    this.removedReach = Math.max(this.removedReach, span.end);
    this.replace(span.start, span.end, '');
  }

  /** Removes items from a collection; a flow collection is rewritten, a block one loses whole lines. */
  removeItems(collection: YAMLSeq | YAMLMap, drop: (item: unknown) => boolean, parentPair?: Pair): void {
    const items = collection.items as unknown[];
    const gone = items.filter(drop);
    if (gone.length === 0) return;
    if (gone.length === items.length && parentPair && isScalar(parentPair.key)) {
      this.removeBlockEntry(parentPair.key);
      return;
    }
    if (collection.flow) {
      this.removeFromFlow(collection, gone.map(startOf));
      return;
    }
    for (const item of gone) {
      const node = isScalar(item) || isMap(item) || isSeq(item) ? (item as Node) : ((item as Pair).key as Node);
      this.removeBlockEntry(node);
    }
  }

  /** Replaces a scalar's value, keeping its quoting style where it can. */
  setScalar(node: Scalar, value: string): void {
    const r = node.range;
    if (!r) return;
    const style = node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE' ? node.type : undefined;
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
      this.replace(r[0], r[1], this.renderBlock(this.source.text.slice(r[0], r[1]), value));
      return;
    }
    this.replace(r[0], r[1], renderScalar(value, style, this.flowAt(r[0]) !== undefined));
  }

  /**
   * Replaces parts of a scalar's text (offsets relative to its start); a plain scalar inside a flow collection that
   * would take a flow indicator (`,` `[` `]` `{` `}`) is rewritten whole, quoted.
   */
  spliceScalar(node: Scalar, parts: readonly { start: number; end: number; text: string }[]): void {
    const r = node.range;
    if (!r || parts.length === 0) return;
    if (node.type === 'PLAIN' && parts.some((p) => FLOW_INDICATOR.test(p.text)) && this.flowAt(r[0]) !== undefined) {
      const src = this.source.text.slice(r[0], r[1]);
      let out = '';
      let cursor = 0;
      for (const p of [...parts].sort((a, b) => a.start - b.start)) {
        out += src.slice(cursor, p.start) + p.text;
        cursor = p.end;
      }
      this.setScalar(node, out + src.slice(cursor));
      return;
    }
    for (const p of parts) this.replace(r[0] + p.start, r[0] + p.end, p.text);
  }

  /**
   * Adds rendered items (`kind: 'seq'`) or `key: value` entries (`kind: 'map'`) under `key` of a block map: to the
   * collection already there (block or flow), under a `key:` with an empty value, or in a new `key:` entry `step`
   * columns deeper.
   */
  appendUnder(map: YAMLMap, key: string, kind: 'seq' | 'map', entries: readonly string[], step = 2): void {
    if (entries.length === 0) return;
    const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    const value = pair?.value;
    if (kind === 'seq' && isSeq(value)) return this.appendToSeq(value, entries);
    if (kind === 'map' && isMap(value)) return this.appendToMap(value, entries);
    const pad = ' '.repeat(step);
    const body = (
      kind === 'seq' ? entries.map((e) => `${pad}- ${e.split('\n').join(`\n${pad}  `)}`) : entries.map((e) => indentLines(e, pad))
    ).join('\n');
    if (pair && this.fillEmpty(pair, body)) return;
    this.appendToMap(map, [`${key}:\n${body}`]);
  }

  /**
   * Gives a `key:` whose value is empty (or `null`, `~`) a block value: `body` is its lines as they would stand under
   * the key at column 0. Returns false when the value is not empty.
   */
  fillEmpty(pair: Pair, body: string): boolean {
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
    const empty = value === null || (isScalar(value) && value.value === null);
    if (!empty || !key?.range) return false;
    const text = this.source.text;
    const col = ' '.repeat(columnOf(text, key.range[0]));
    // `key: null` or `key: ~` loses its null; a comment on the key's line stays
    if (value?.range && value.range[1] > value.range[0]) this.replace(text.indexOf(':', key.range[1]) + 1, value.range[1], '');
    const at = nextLineStart(text, key.range[1]);
    const lead = at === text.length && !text.endsWith('\n') ? this.eol : '';
    this.replace(at, at, lead + indentLines(body, col, { eol: this.eol }) + this.eol);
    return true;
  }

  /** Appends `key: value` lines (value already rendered, may span lines) to a mapping. */
  appendToMap(map: YAMLMap, entries: readonly string[]): void {
    if (entries.length === 0) return;
    const text = this.source.text;
    if (map.flow || map.items.length === 0) {
      this.appendToFlow(map, entries);
      return;
    }
    const first = map.items[0]?.key as Node;
    const last = map.items[map.items.length - 1]?.key as Node;
    const indent = ' '.repeat(columnOf(text, first.range?.[0] ?? 0));
    const end = blockEntrySpan(text, last.range?.[0] ?? 0, false, this.continuationsOf).end;
    const lead = end === text.length && !text.endsWith('\n') ? this.eol : '';
    this.replace(end, end, lead + entries.map((e) => indentLines(e, indent, { eol: this.eol }) + this.eol).join(''));
  }

  /** Appends items (already rendered) to a block or flow sequence. */
  appendToSeq(seq: YAMLSeq, items: readonly string[]): void {
    if (items.length === 0) return;
    const text = this.source.text;
    if (seq.flow || seq.items.length === 0) {
      this.appendToFlow(seq, items);
      return;
    }
    const firstNode = seq.items[0] as Node;
    const start = firstNode.range?.[0] ?? 0;
    const dash = text.lastIndexOf('-', start);
    const indent = ' '.repeat(columnOf(text, dash));
    const lastNode = seq.items[seq.items.length - 1] as Node;
    const lastStart = lastNode.range?.[0] ?? 0;
    const end = blockEntrySpan(text, text.lastIndexOf('-', lastStart), false, this.continuationsOf).end;
    const lead = end === text.length && !text.endsWith('\n') ? this.eol : '';
    const cont = this.eol + indent + '  ';
    this.replace(end, end, lead + items.map((i) => `${indent}- ${i.split('\n').join(cont)}${this.eol}`).join(''));
  }

  /** The column and step of a block map's keys, for adding nested blocks under it. */
  indentOf(map: YAMLMap, parentKey?: Node): { indent: number; step: number } {
    const first = map.items[0]?.key as Node | undefined;
    const indent = first?.range ? columnOf(this.source.text, first.range[0]) : 0;
    const parentCol = parentKey?.range ? columnOf(this.source.text, parentKey.range[0]) : indent - 2;
    return { indent, step: Math.max(2, indent - parentCol) };
  }

  /** Appends text at the end of the file, on a line of its own. */
  appendAtEnd(block: string): void {
    const text = this.source.text;
    const lead = text.length > 0 && !text.endsWith('\n') ? this.eol : '';
    this.replace(text.length, text.length, lead + block.split('\n').join(this.eol) + (block.endsWith('\n') ? '' : this.eol));
  }

  // a block scalar stays a literal block at its own indentation; its range ends with the line break
  private renderBlock(src: string, value: string): string {
    const indent = /^[|>][^\n]*\n(?:[ \t]*\r?\n)*( +)/.exec(src)?.[1];
    const tail = src.endsWith('\n') ? this.eol : '';
    if (!indent || /^\s/.test(value)) return renderScalar(value, 'QUOTE_DOUBLE') + tail;
    const chomp = value.endsWith('\n') ? '' : '-';
    const body = indentLines(value.replace(/\n$/, ''), indent, { eol: this.eol, skipBlank: true });
    return `|${chomp}${this.eol}${body}${tail}`;
  }

  /** Whether an offset lies inside a flow collection (`{...}` or `[...]`). */
  inFlow(offset: number): boolean {
    return this.flowAt(offset) !== undefined;
  }

  // the innermost flow collection around an offset, from a parse of this file made when first needed
  private flowAt(offset: number): Collection | undefined {
    const index = (this.flowIndex ??= indexFlows(this.source.text, this.docs));
    // the last collection opening before the offset, then its enclosing ones: flow collections nest, never overlap
    let lo = 0;
    let hi = index.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((index.starts[mid] ?? 0) < offset) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0; i = index.parents[i] ?? -1) {
      if (offset < (index.ends[i] ?? 0)) return index.collections[i];
    }
    return undefined;
  }

  private removeFromFlow(c: Collection, starts: readonly number[]): void {
    const at = c.range?.[0] ?? 0;
    const entry = this.flowRemovals.get(at) ?? { c, gone: new Set<number>() };
    for (const s of starts) entry.gone.add(s);
    this.flowRemovals.set(at, entry);
  }

  /**
   * Appends to a flow collection: inside its braces when every new entry means the same there, else the collection is
   * written as a block one at the right indentation, its items' text kept where it stands (edits inside them still
   * apply). Decided once every append is known.
   */
  private appendToFlow(c: Collection, extra: readonly string[]): void {
    const at = c.range?.[0] ?? 0;
    const entry = this.flowAppends.get(at) ?? { c, extra: [] };
    entry.extra.push(...extra);
    this.flowAppends.set(at, entry);
  }

  // spans of items removed from flow collections: edits inside them are dropped with them
  private flowGoneSpans(): { start: number; end: number }[] {
    return [...this.flowRemovals.values()].flatMap(({ c, gone }) =>
      (c.items as unknown[]).filter((i) => gone.has(startOf(i))).map((i) => ({ start: startOf(i), end: endOf(i) })),
    );
  }

  // edits for flow collections: removed items with their separators, and collections rewritten as block
  private flowEdits(): Edit[] {
    const text = this.source.text;
    const out: Edit[] = [];
    const edit = (start: number, end: number, t: string): void => {
      out.push({ span: { file: this.source.path, start, end }, text: t });
    };
    const toBlock = new Map([...this.flowAppends].filter(([, { c, extra }]) => !extra.every((e) => flowSafe(e, isSeq(c) ? 'seq' : 'map'))));
    // a block collection cannot stand inside a flow one: the flow collections around it become block too
    for (const [at] of [...toBlock]) {
      for (let outer = this.flowAt(at); outer; outer = this.flowAt(outer.range?.[0] ?? 0)) {
        const o = outer.range?.[0] ?? 0;
        if (!toBlock.has(o)) toBlock.set(o, { c: outer, extra: [] });
      }
    }
    const converted = new Set(toBlock.keys());
    for (const [at, { c, extra }] of this.flowAppends) {
      const r = c.range;
      if (converted.has(at) || !r) continue;
      const gone = this.flowRemovals.get(at)?.gone ?? new Set<number>();
      const kept = (c.items as unknown[]).filter((i) => !gone.has(startOf(i)));
      const seq = isSeq(c);
      const close = text.lastIndexOf(seq ? ']' : '}', r[1] - 1);
      if (kept.length === 0) {
        edit(close, close, seq ? extra.join(', ') : ` ${extra.join(', ')} `);
        continue;
      }
      const end = endOf(kept[kept.length - 1]);
      edit(end, end, `, ${extra.join(', ')}`);
    }
    for (const [at, { c, gone }] of this.flowRemovals) {
      if (converted.has(at)) continue;
      const items = c.items as unknown[];
      const isGone = (i: unknown): boolean => gone.has(startOf(i));
      const lastKept = items.reduce<number>((k, item, i) => (isGone(item) ? k : i), -1);
      items.forEach((item, i) => {
        if (!isGone(item)) return;
        const next = items[i + 1];
        if (i < lastKept && next !== undefined) edit(startOf(item), startOf(next), '');
        else if (i > 0) edit(endOf(items[i - 1]), endOf(item), '');
        else edit(startOf(item), endOf(item), '');
      });
    }
    // outer collections first: an inner one's column follows from where its outer one put it
    const pads = new Map<number, number>();
    for (const [at, { c, extra }] of [...toBlock].sort(([a], [b]) => a - b)) {
      const r = c.range;
      if (!r) continue;
      const gone = this.flowRemovals.get(at)?.gone ?? new Set<number>();
      const items = (c.items as unknown[]).filter((i) => !gone.has(startOf(i)));
      const seq = isSeq(c);
      const open = r[0];
      const close = text.lastIndexOf(seq ? ']' : '}', r[1] - 1) + 1;
      const head = text.slice(lineStart(text, open), open);
      const parent = this.flowAt(open);
      const parentPad = parent ? pads.get(parent.range?.[0] ?? 0) : undefined;
      // `- {` or a document's own `{`: entries start where the brace stood; `key: {`: on the next lines, deeper
      const inline = parent && parentPad !== undefined ? isSeq(parent) : /^[ \t]*(?:-[ \t]+)*$/.test(head);
      const keyCol = parentPad ?? /^[ \t]*(?:-[ \t]+)*/.exec(head)?.[0].length ?? 0;
      const col = parentPad !== undefined ? parentPad + 2 : inline ? columnOf(text, open) : keyCol + 2;
      pads.set(at, col);
      const pad = ' '.repeat(col);
      const mark = seq ? '- ' : '';
      const render = (e: string): string => mark + e.split('\n').join(this.eol + pad + (seq ? '  ' : ''));
      // comments inside the braces stay, each on a line of its own before what followed it
      const comments = (from: number, to: number): string =>
        [...text.slice(from, to).matchAll(/#[^\r\n]*/g)].map((m) => m[0].trimEnd() + this.eol + pad).join('');
      // the space between `key:` and the brace goes with it; a comment after the closing brace stays on the key's line
      const from = inline ? open : open - (head.length - head.trimEnd().length);
      const after = /^[ \t]*#[^\r\n]*/.exec(text.slice(close))?.[0] ?? '';
      const lead = inline ? '' : (after ? ' ' + after.trim() : '') + this.eol + pad;
      const end = inline ? close : close + after.length;
      if (items.length === 0) {
        edit(from, end, lead + comments(open, close) + extra.map(render).join(this.eol + pad));
        continue;
      }
      const first = startOf(items[0]);
      edit(from, first, lead + comments(open, first) + mark);
      for (let i = 0; i + 1 < items.length; i++) {
        const end = endOf(items[i]);
        const next = startOf(items[i + 1]);
        edit(end, next, this.eol + pad + comments(end, next) + mark);
      }
      const last = endOf(items[items.length - 1]);
      const trailing = [...text.slice(last, close).matchAll(/#[^\r\n]*/g)].map((m) => this.eol + pad + m[0].trimEnd()).join('');
      edit(last, end, trailing + extra.map((e) => this.eol + pad + render(e)).join(''));
    }
    return out;
  }
}

/** The flow collections of a file in source order, with their extents and enclosing collection. */
interface FlowIndex {
  collections: Collection[];
  starts: number[];
  ends: number[];
  parents: number[];
}

function indexFlows(text: string, parsed?: readonly Document[]): FlowIndex {
  const index: FlowIndex = { collections: [], starts: [], ends: [], parents: [] };
  if (!/[[{]/.test(text)) return index;
  const open: number[] = [];
  const add = (n: Collection): void => {
    const r = n.range;
    if (!n.flow || !r) return;
    while (open.length > 0 && (index.ends[open[open.length - 1] ?? 0] ?? 0) <= r[0]) open.pop();
    index.parents.push(open[open.length - 1] ?? -1);
    open.push(index.collections.length);
    index.collections.push(n);
    index.starts.push(r[0]);
    index.ends.push(r[1]);
  };
  for (const doc of parsed ?? parseAllDocuments(text, { keepSourceTokens: false, uniqueKeys: false }))
    eachNode(doc, (n) => {
      if (isMap(n) || isSeq(n)) add(n);
    });
  return index;
}

function startOf(item: unknown): number {
  if (isPair(item)) return (item.key as Node | null)?.range?.[0] ?? (item.value as Node | null)?.range?.[0] ?? 0;
  return (item as Node).range?.[0] ?? 0;
}

function endOf(item: unknown): number {
  if (isPair(item)) return (item.value as Node | null)?.range?.[1] ?? (item.key as Node | null)?.range?.[1] ?? startOf(item);
  return (item as Node).range?.[1] ?? startOf(item);
}

/** Whether a rendered entry (`key: value`) or item means the same inside a flow collection as in a block one. */
function flowSafe(entry: string, kind: 'map' | 'seq'): boolean {
  if (entry.includes('\n')) return false;
  const block = parseDocument(kind === 'map' ? entry : `- ${entry}`);
  const flow = parseDocument(kind === 'map' ? `{${entry}}` : `[${entry}]`);
  if (block.errors.length > 0 || flow.errors.length > 0) return false;
  return JSON.stringify(block.toJS()) === JSON.stringify(flow.toJS());
}
