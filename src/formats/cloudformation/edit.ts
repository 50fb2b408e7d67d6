import { isMap, isPair, isScalar, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Edit } from '../../core/edit.js';
import { YamlEditor } from '../yaml/editor.js';
import { columnOf, lineStart } from '../yaml/text.js';
import { nodeEnd, nodeStart, type Template } from './parse.js';
import { renderJson, renderYamlEntry, renderYamlItem, renderYamlValue, type CfnValue } from './render.js';

type Item = Pair | Node;

/**
 * Format-preserving edits to one template: YAML through the shared YamlEditor, JSON as JSON in the file's own
 * indentation. Removals are gathered per collection and resolved together, so removing several neighbours never
 * produces overlapping edits; edits inside removed text are dropped.
 */
export class CfnEditor {
  readonly yaml: YamlEditor;
  private readonly removals = new Map<YAMLMap | YAMLSeq, Set<Item>>();
  private readonly unit: string;

  constructor(readonly t: Template) {
    this.yaml = new YamlEditor(t.source);
    this.unit = /\n([ \t]+)\S/.exec(t.source.text)?.[1] ?? '  ';
  }

  /** Removes a map entry or a sequence item. */
  remove(collection: YAMLMap | YAMLSeq, item: Item): void {
    const set = this.removals.get(collection) ?? new Set<Item>();
    set.add(item);
    this.removals.set(collection, set);
  }

  /** Forgets the removals planned in a collection (it is about to be replaced whole). */
  unremove(collection: YAMLMap | YAMLSeq): void {
    this.removals.delete(collection);
  }

  /** Tells whether an item is already removed. */
  isRemoved(collection: YAMLMap | YAMLSeq, item: Item): boolean {
    return this.removals.get(collection)?.has(item) ?? false;
  }

  /** Replaces a value node (an intrinsic call, a scalar, a collection); `pair` lets a block value become one line. */
  replaceNode(node: Node, value: CfnValue, pair?: Pair): void {
    const src = this.t.source;
    const start = nodeStart(src, node);
    const end = nodeEnd(src, node);
    if (this.t.json) {
      this.yaml.replace(start, end, this.eolText(renderJson(value, this.unit, indentAt(src.text, start))));
      return;
    }
    const r = renderYamlValue(value);
    const keyNode = pair && isScalar(pair.key) ? pair.key : undefined;
    const blockValue = !isScalar(node) && !(node as YAMLMap).flow && !node.tag;
    if ('inline' in r && blockValue && keyNode?.range) {
      // `Key:\n  Fn::GetAtt: [..]` becomes `Key: !Ref X`
      this.yaml.replace(keyNode.range[1], end, `: ${r.inline}`);
      return;
    }
    if ('inline' in r) {
      this.yaml.replace(start, end, r.inline);
      return;
    }
    const pad = ' '.repeat(columnOf(src.text, start));
    if (blockValue) this.yaml.replace(start, end, r.block.split('\n').join(this.yaml.eol + pad));
    else if (keyNode?.range) {
      const keyPad = ' '.repeat(columnOf(src.text, nodeStart(src, keyNode)) + 2);
      this.yaml.replace(keyNode.range[1], end, ':' + this.yaml.eol + keyPad + r.block.split('\n').join(this.yaml.eol + keyPad));
    } else this.yaml.replace(start, end, r.block.split('\n').join(this.yaml.eol + pad));
  }

  /** Sets a string scalar, keeping its quoting style in YAML. */
  setString(node: Scalar, value: string): void {
    if (!this.t.json) {
      this.yaml.setScalar(node, value);
      return;
    }
    const r = node.range;
    if (r) this.yaml.replace(r[0], r[1], JSON.stringify(value));
  }

  /** Appends entries to a map. */
  appendEntries(map: YAMLMap, entries: readonly [string, CfnValue][]): void {
    if (entries.length === 0) return;
    if (map.items.length > 0 && map.items.every((i) => this.isRemoved(map, i))) {
      // every entry goes: the map is written anew
      this.unremove(map);
      this.replaceNode(map, Object.fromEntries(entries));
      return;
    }
    if (!this.t.json && !map.flow && map.items.length > 0) {
      // a key already there with an empty value (`Secrets:`) takes the value instead of a second key
      const rest = entries.filter(([k, v]) => {
        const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === k);
        const text = renderYamlEntry(k, v);
        if (!pair) return true;
        if (text.startsWith(`${k}:\n`)) return !this.yaml.fillEmpty(pair, text.slice(k.length + 2));
        const value = pair.value as Node | null;
        const key = pair.key as Node;
        if ((value === null || (isScalar(value) && value.value === null)) && key.range) {
          this.yaml.replace(key.range[1], value?.range ? value.range[1] : key.range[1] + 1, text.slice(k.length));
          return false;
        }
        return true;
      });
      this.yaml.appendToMap(
        map,
        rest.map(([k, v]) => renderYamlEntry(k, v)),
      );
      return;
    }
    if (this.t.json) {
      this.appendJson(
        map,
        entries.map(
          ([k, v]) =>
            (pad) =>
              `${JSON.stringify(k)}: ${renderJson(v, this.unit, pad)}`,
        ),
      );
      return;
    }
    this.yaml.appendToMap(
      map,
      entries.map(([k, v]) => {
        const r = renderYamlValue(v);
        return `${k}: ${'inline' in r ? r.inline : JSON.stringify(v)}`;
      }),
    );
  }

  /** Appends items to a sequence. */
  appendItems(seq: YAMLSeq, items: readonly CfnValue[]): void {
    if (items.length === 0) return;
    if (this.t.json) {
      this.appendJson(
        seq,
        items.map((v) => (pad) => renderJson(v, this.unit, pad)),
      );
      return;
    }
    this.yaml.appendToSeq(seq, items.map(renderYamlItem));
  }

  /** The collected edits. */
  result(): Edit[] {
    for (const [collection, items] of this.removals) this.resolveRemoval(collection, items);
    const removed = this.removedSpans;
    return this.yaml
      .result()
      .filter(
        (e) => !removed.some((r) => e.span.start >= r.start && e.span.end <= r.end && !(e.span.start === r.start && e.span.end === r.end)),
      );
  }

  private readonly removedSpans: { start: number; end: number }[] = [];

  private resolveRemoval(collection: YAMLMap | YAMLSeq, gone: Set<Item>): void {
    const items = collection.items as Item[];
    if (!this.t.json && !collection.flow) {
      for (const item of gone) this.yaml.removeBlockEntry((isPair(item) ? item.key : item) as Node);
      return;
    }
    if (!this.t.json) {
      this.yaml.removeItems(collection, (i) => gone.has(i as Item));
      return;
    }
    const text = this.t.source.text;
    const startOf = (i: Item): number => nodeStart(this.t.source, (isPair(i) ? i.key : i) as Node);
    const endOf = (i: Item): number => nodeEnd(this.t.source, (isPair(i) ? (i.value ?? i.key) : i) as Node);
    const cut = (start: number, end: number): void => {
      this.removedSpans.push({ start, end });
      this.yaml.replace(start, end, '');
    };
    if (items.every((i) => gone.has(i))) {
      const [open = 0, close = text.length] = collection.range ?? [];
      const closeAt = text.lastIndexOf(isMap(collection) ? '}' : ']', close);
      cut(open + 1, closeAt);
      return;
    }
    for (let a = 0; a < items.length; a++) {
      if (!gone.has(items[a])) continue;
      let b = a;
      while (b + 1 < items.length && gone.has(items[b + 1])) b++;
      const first = items[a];
      const next = items[b + 1];
      if (next !== undefined) {
        const s = startOf(first);
        const ownLine = text.slice(lineStart(text, s), s).trim() === '';
        const n = startOf(next);
        const nextOwnLine = text.slice(lineStart(text, n), n).trim() === '';
        cut(ownLine && nextOwnLine ? lineStart(text, s) : s, ownLine && nextOwnLine ? lineStart(text, n) : n);
      } else cut(endOf(items[a - 1]), endOf(items[b]));
      a = b;
    }
  }

  private eolText(text: string): string {
    return this.yaml.eol === '\n' ? text : text.replace(/\r?\n/g, this.yaml.eol);
  }

  private appendJson(collection: YAMLMap | YAMLSeq, render: ((pad: string) => string)[]): void {
    const text = this.t.source.text;
    const items = collection.items as Item[];
    const last = items[items.length - 1];
    const eol = this.yaml.eol;
    if (last === undefined) {
      const [open = 0] = collection.range ?? [];
      const pad = indentAt(text, open);
      const close = text.indexOf(isMap(collection) ? '}' : ']', open);
      const inner = pad + this.unit;
      this.yaml.replace(open + 1, close, this.eolText(eol + render.map((r) => inner + r(inner)).join(',' + eol) + eol + pad));
      return;
    }
    const s = nodeStart(this.t.source, (isPair(last) ? last.key : last) as Node);
    const pad = ' '.repeat(columnOf(text, s));
    const end = nodeEnd(this.t.source, (isPair(last) ? (last.value ?? last.key) : last) as Node);
    const oneLine =
      !text.slice(nodeStart(this.t.source, (isPair(items[0]) ? items[0].key : items[0]) as Node), end).includes('\n') &&
      items.length > 0 &&
      text.slice(collection.range?.[0] ?? 0, s).indexOf('\n') < 0;
    if (oneLine) this.yaml.replace(end, end, this.eolText(render.map((r) => ', ' + r('')).join('')));
    else this.yaml.replace(end, end, this.eolText(render.map((r) => ',' + eol + pad + r(pad)).join('')));
  }
}

/** The leading whitespace of the line an offset is on. */
function indentAt(text: string, offset: number): string {
  const ls = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(ls, offset))?.[0] ?? '';
}
