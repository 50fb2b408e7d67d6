import { isMap, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Span } from '../../core/span.js';
import { indentLines, renderScalar } from '../yaml/text.js';
import { interpolate } from './dotenv.js';
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

  /** `vars`: the project's `.env` values as the compiled stack has them, to see through `${VAR}` references. */
  constructor(
    entries: readonly EnvEntry[],
    private readonly vars?: ReadonlyMap<string, string>,
  ) {
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
    const current = this.get(key);
    if (current === composeValue) return;
    // `${KAFKA_BROKERS}` whose .env value already is the wanted one stays a reference
    if (current !== undefined && this.vars && /\$\{?\w/.test(current) && interpolate(current, this.vars) === composeValue) return;
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

  /** The value graft wants for a variable it read: its new value, `undefined` when removed. */
  wanted(key: string): string | undefined {
    return this.get(key);
  }

  /** Names of variables graft adds (not present before), with their values. */
  addedEntries(): [string, string][] {
    return this.changedKeys()
      .filter(
        (k) =>
          !this.entries.has(k) ||
          this.entries.get(k)?.form === 'inherited' ||
          (this.entries.get(k)?.form === 'envfile' && !this.removedKeys.has(k) && !this.splicesFit(k)),
      )
      .map((k) => [k, this.values.get(k) ?? '']);
  }

  /**
   * Writes the changes as edits: in-place splices where possible, else whole values, then new variables
   * in `target` (the service's own or shared `environment:` mapping or list), or a new `environment:` block
   * in `home`. A line of an env file is spliced there or, when it must change as a whole, overridden in
   * `environment:` (which Compose reads after `env_file:`); `fileEdit` receives env file edits.
   */
  applyTo(
    editorOf: (e: EnvEntry | ComposeService) => YamlEditor,
    home: ComposeService,
    target: { node: YAMLMap | YAMLSeq; file: ComposeService['file'] } | undefined,
    fileEdit: (span: Span, text: string) => void,
  ): void {
    const added: string[] = [];
    for (const key of this.changedKeys()) {
      const e = this.entries.get(key);
      const value = this.values.get(key) ?? '';
      if (!e) {
        added.push(key);
        continue;
      }
      if (e.form === 'inherited') {
        added.push(key);
        continue;
      }
      if (e.form === 'envfile' && e.dotenv) {
        const d = e.dotenv;
        if (this.removedKeys.has(key)) fileEdit({ file: d.source.path, start: d.lineStart, end: d.lineEnd }, '');
        else if (this.splicesFit(key))
          for (const sp of this.splices.get(key) ?? [])
            fileEdit({ file: d.source.path, start: d.valueStart + sp.start, end: d.valueStart + sp.end }, sp.text);
        else added.push(key);
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
    const envNode = target?.node ?? home.map.get('environment', true);
    const ed = target ? editorOf({ file: target.file } as ComposeService) : editorOf(home);
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
        home.map,
        home,
        'environment',
        added.map((k) => `${k}: ${renderScalar(this.values.get(k) ?? '')}`),
      );
    }
  }

  // an env file line changes in place when only spliced (the dotenv value is its raw text)
  private splicesFit(key: string): boolean {
    const e = this.entries.get(key);
    return (
      e?.form === 'envfile' &&
      !this.overridden.has(key) &&
      !this.removedKeys.has(key) &&
      (this.splices.get(key)?.length ?? 0) > 0 &&
      e.dotenv?.quote !== '"'
    );
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
  const indented = entries.map((e) => indentLines(e, '  '));
  ed.appendAtEnd(`\n${key}:\n${indented.join('\n')}`);
}
