import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Edit } from '../../core/edit.js';
import type { SourceFile } from '../../core/span.js';
import { blockEntrySpan, columnOf, eolOf, renderScalar } from './text.js';

/** Collects format-preserving edits to one YAML file; removed regions swallow edits inside them. */
export class YamlEditor {
  readonly eol: string;
  private readonly edits: Edit[] = [];
  /** `start:end:text` of every edit, so a repeated edit is recorded once without a scan. */
  private readonly seen = new Set<string>();
  private readonly removed: { start: number; end: number }[] = [];

  constructor(readonly source: SourceFile) {
    this.eol = eolOf(source.text);
  }

  /** The edits collected so far, minus any that fall inside a removed region. */
  result(): Edit[] {
    // insertions at one offset go deepest first, so a nested item never lands under a sibling key added there
    const depth = (e: Edit): number => {
      const line = e.text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
      return line.length - line.trimStart().length;
    };
    const ordered = this.edits
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
    // the `- ` indicator sits before a sequence item's node
    const lineHead = this.source.text.slice(this.source.text.lastIndexOf('\n', start - 1) + 1, start);
    const dash = /-\s*$/.test(lineHead) ? this.source.text.lastIndexOf('-', start) : start;
    const span = blockEntrySpan(this.source.text, dash, true);
    if (this.removed.some((r) => r.start <= span.start && r.end >= span.end)) return;
    this.removed.push(span);
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
      const kept = items.filter((i) => !drop(i)).map((i) => this.textOf(i));
      const r = collection.range;
      if (r) this.replace(r[0], r[1], isSeq(collection) ? `[${kept.join(', ')}]` : `{ ${kept.join(', ')} }`);
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
    this.replace(r[0], r[1], renderScalar(value, style));
  }

  /** Appends `key: value` lines (value already rendered, may span lines) to a mapping. */
  appendToMap(map: YAMLMap, entries: readonly string[]): void {
    if (entries.length === 0) return;
    const text = this.source.text;
    if (map.flow || map.items.length === 0) {
      const r = map.range;
      if (!r) return;
      const close = text.lastIndexOf('}', r[1]);
      const at = r[0] + text.slice(r[0], close).trimEnd().length;
      const empty = map.items.length === 0;
      this.replace(at, at, `${empty ? ' ' : ', '}${entries.join(', ')}${empty ? ' ' : ''}`);
      return;
    }
    const first = map.items[0]?.key as Node;
    const last = map.items[map.items.length - 1]?.key as Node;
    const indent = ' '.repeat(columnOf(text, first.range?.[0] ?? 0));
    const end = blockEntrySpan(text, last.range?.[0] ?? 0).end;
    const lead = end === text.length && !text.endsWith('\n') ? this.eol : '';
    this.replace(end, end, lead + entries.map((e) => indent + e.split('\n').join(this.eol + indent) + this.eol).join(''));
  }

  /** Appends items (already rendered) to a block or flow sequence. */
  appendToSeq(seq: YAMLSeq, items: readonly string[]): void {
    if (items.length === 0) return;
    const text = this.source.text;
    if (seq.flow || seq.items.length === 0) {
      const r = seq.range;
      if (!r) return;
      const close = text.lastIndexOf(']', r[1]);
      this.replace(close, close, (seq.items.length ? ', ' : '') + items.join(', '));
      return;
    }
    const firstNode = seq.items[0] as Node;
    const start = firstNode.range?.[0] ?? 0;
    const dash = text.lastIndexOf('-', start);
    const indent = ' '.repeat(columnOf(text, dash));
    const lastNode = seq.items[seq.items.length - 1] as Node;
    const lastStart = lastNode.range?.[0] ?? 0;
    const end = blockEntrySpan(text, text.lastIndexOf('-', lastStart)).end;
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
    const body = value
      .replace(/\n$/, '')
      .split('\n')
      .map((l) => (l ? indent + l : ''))
      .join(this.eol);
    return `|${chomp}${this.eol}${body}${tail}`;
  }

  private textOf(item: unknown): string {
    const n = item as Node & { key?: Node; value?: Node };
    const start = (isScalar(n) || isMap(n) || isSeq(n) ? n.range?.[0] : n.key?.range?.[0]) ?? 0;
    const end = (isScalar(n) || isMap(n) || isSeq(n) ? n.range?.[1] : (n.value?.range?.[1] ?? n.key?.range?.[1])) ?? start;
    return this.source.text.slice(start, end);
  }
}
