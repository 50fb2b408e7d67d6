import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { renderScalar } from '../yaml/text.js';
import type { YamlEditor } from '../yaml/editor.js';
import type { ComposeService, EnvEntry } from './parse.js';

/** A change to part of a variable's value, in value coordinates. */
interface Splice {
  start: number;
  end: number;
  text: string;
}

/**
 * The environment of one service while graft rewrites it: values as written in Compose
 * (interpolation kept), with every change remembered so edits touch as little text as possible.
 */
export class EnvState {
  private readonly entries = new Map<string, EnvEntry>();
  private readonly values = new Map<string, string | undefined>();
  private readonly splices = new Map<string, Splice[]>();
  private readonly overridden = new Set<string>();
  private readonly removedKeys = new Set<string>();
  private readonly order: string[] = [];

  constructor(entries: readonly EnvEntry[]) {
    for (const e of entries) {
      this.entries.set(e.key, e);
      this.values.set(e.key, e.value);
    }
  }

  /** The current value of a variable as written in Compose. */
  get(key: string): string | undefined {
    return this.removedKeys.has(key) ? undefined : this.values.get(key);
  }

  /** Every variable present, in original then added order. */
  keys(): string[] {
    return [...new Set([...this.entries.keys(), ...this.order])].filter(
      (k) => !this.removedKeys.has(k) && this.values.get(k) !== undefined,
    );
  }

  /** A read-only view for emitters. */
  snapshot(): Map<string, string> {
    return new Map(this.keys().map((k) => [k, this.values.get(k) ?? '']));
  }

  /** Replaces parts of a variable's current value (ranges in the original value). */
  splice(key: string, parts: readonly Splice[]): void {
    if (parts.length === 0) return;
    const original = this.entries.get(key)?.value;
    if (original === undefined || this.overridden.has(key)) throw new Error(`splice on ${key} without an original value`);
    const all = [...(this.splices.get(key) ?? []), ...parts].sort((a, b) => a.start - b.start);
    this.splices.set(key, all);
    let out = '';
    let cursor = 0;
    for (const s of all) {
      out += original.slice(cursor, s.start) + s.text;
      cursor = s.end;
    }
    this.values.set(key, out + original.slice(cursor));
  }

  /** Sets a variable to a value already escaped for Compose; equal values are left alone. */
  set(key: string, composeValue: string): void {
    if (this.get(key) === composeValue) return;
    if (!this.entries.has(key) && !this.order.includes(key)) this.order.push(key);
    this.removedKeys.delete(key);
    this.overridden.add(key);
    this.values.set(key, composeValue);
  }

  /** Tells whether a variable was set as a whole (not spliced). */
  isOverridden(key: string): boolean {
    return this.overridden.has(key);
  }

  /** Removes a variable. */
  remove(key: string): void {
    this.removedKeys.add(key);
  }

  /** Names of the variables whose value differs from the original, or that were added or removed. */
  changedKeys(): string[] {
    const out: string[] = [];
    for (const k of new Set([...this.entries.keys(), ...this.order])) {
      const e = this.entries.get(k);
      if (this.removedKeys.has(k)) {
        if (e) out.push(k);
      } else if (!e || e.value !== this.values.get(k)) out.push(k);
    }
    return out;
  }

  /** Writes the changes as edits: in-place splices where possible, else whole values, then new variables. */
  applyTo(editorOf: (e: EnvEntry | ComposeService) => YamlEditor, home: ComposeService): void {
    const added: string[] = [];
    for (const key of this.changedKeys()) {
      const e = this.entries.get(key);
      const value = this.values.get(key) ?? '';
      if (!e) {
        added.push(key);
        continue;
      }
      const ed = editorOf(e);
      if (this.removedKeys.has(key)) {
        ed.removeBlockEntry((e.pair?.key as Node | undefined) ?? (e.node as Node));
        continue;
      }
      if (!this.overridden.has(key) && this.spliceInPlace(ed, e)) continue;
      if (e.form === 'map' && e.node) ed.setScalar(e.node, value);
      else if (e.form === 'list' && e.node) ed.setScalar(e.node, `${key}=${value}`);
      else if (e.pair?.key) {
        const end = (e.pair.key as Node).range?.[1] ?? 0;
        const colon = ed.source.text.indexOf(':', end);
        ed.replace(colon + 1, colon + 1, ` ${renderScalar(value)}`);
      }
    }
    if (added.length === 0) return;
    const envDef = home;
    const ed = editorOf(envDef);
    const envNode = envDef.map.get('environment', true);
    if (isMap(envNode)) {
      ed.appendToMap(
        envNode,
        added.map((k) => `${k}: ${renderScalar(this.values.get(k) ?? '')}`),
      );
    } else if (isSeq(envNode)) {
      ed.appendToSeq(
        envNode,
        added.map((k) => renderScalar(`${k}=${this.values.get(k) ?? ''}`)),
      );
    } else {
      addBlock(
        ed,
        envDef.map,
        envDef,
        'environment',
        added.map((k) => `${k}: ${renderScalar(this.values.get(k) ?? '')}`),
      );
    }
  }

  private spliceInPlace(ed: YamlEditor, e: EnvEntry): boolean {
    const splices = this.splices.get(e.key);
    const node = e.node;
    const r = node?.range;
    if (!splices || !node || !r || e.value === undefined) return false;
    const src = ed.source.text.slice(r[0], r[1]);
    const base = e.form === 'list' ? `${e.key}=`.length : 0;
    const offset = node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE' ? 1 : 0;
    const plainSlice = (s: Splice): boolean =>
      src.slice(offset + base + s.start, offset + base + s.end) === (e.value ?? '').slice(s.start, s.end);
    // only when the written text equals the value around each change (no escapes, one line)
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' || !splices.every(plainSlice)) return false;
    if (src.slice(offset).includes('\n')) return false;
    ed.spliceScalar(
      node,
      splices.map((s) => ({ start: offset + base + s.start, end: offset + base + s.end, text: s.text })),
    );
    return true;
  }
}

/** Adds a `key:` block with nested lines to a service mapping. */
export function addBlock(ed: YamlEditor, map: YAMLMap, service: ComposeService, key: string, lines: readonly string[]): void {
  const { step } = ed.indentOf(map, service.pair.key as Node);
  const pad = ' '.repeat(step);
  const body = lines.map((l) => pad + l).join('\n');
  // `key:` left empty takes the block; otherwise a new entry
  const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  if (pair && ed.fillEmpty(pair, body)) return;
  ed.appendToMap(map, [`${key}:\n${body}`]);
}

/** Appends entries to a top-level mapping such as `secrets:`, creating it at the end of the file if absent. */
export function appendTopLevel(ed: YamlEditor, key: string, existing: unknown, entries: readonly string[]): void {
  if (entries.length === 0) return;
  if (isMap(existing)) {
    ed.appendToMap(existing, entries);
    return;
  }
  const indented = entries.map((e) =>
    e
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  );
  ed.appendAtEnd(`\n${key}:\n${indented.join('\n')}`);
}
