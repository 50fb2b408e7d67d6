import { isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import type { SettingValue } from '../../clients/types.js';
import type { PlanId } from '../../plan/types.js';
import { scalarText } from '../yaml/nodes.js';
import type { YamlEditor } from '../yaml/editor.js';
import { renderBlock, type PlainYaml } from '../yaml/text.js';
import { getPath } from './parse.js';
import { helperVar, type K8sSecrets, type SecretKey } from './secrets.js';
import type { Container } from './workloads.js';

interface Entry {
  item: YAMLMap;
  value?: Scalar;
  secretKeyRef?: SecretKey;
  index: number;
}

/** What a variable should become: a literal, or a Secret key. */
type Wanted = { value: string } | { secretKeyRef: SecretKey };

/** Escapes `$(` so Kubernetes does not expand it. */
export function k8sLiteral(s: string): string {
  return s.replace(/\$\(/g, '$$$$(');
}

/** The environment of one container while graft rewrites it, written back as minimal edits. */
export class ContainerEnv {
  private readonly entries = new Map<string, Entry>();
  private readonly wanted = new Map<string, Wanted>();
  private readonly removed = new Set<string>();
  /** Helpers and composites that must be (re)appended in this order. */
  private readonly appendOrder: string[] = [];

  constructor(
    readonly container: Container,
    private readonly ed: YamlEditor,
  ) {
    const env = container.node.get('env', true);
    if (!isSeq(env)) return;
    env.items.forEach((item, index) => {
      if (!isMap(item)) return;
      const name = scalarText(item.get('name', true));
      const v = item.get('value', true);
      const ref = getPath(item, 'valueFrom', 'secretKeyRef');
      this.entries.set(name, {
        item,
        index,
        ...(isScalar(v) ? { value: v } : {}),
        ...(isMap(ref) ? { secretKeyRef: { name: scalarText(ref.get('name', true)), key: scalarText(ref.get('key', true)) } } : {}),
      });
    });
  }

  /** Literal values of the container's variables (valueFrom ones are absent). */
  snapshot(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [k, e] of this.entries) if (!this.removed.has(k)) out.set(k, this.literal(k) ?? (e.secretKeyRef ? '' : ''));
    for (const [k, w] of this.wanted) if ('value' in w) out.set(k, w.value);
    return out;
  }

  /** The current literal value of a variable. */
  literal(name: string): string | undefined {
    const w = this.wanted.get(name);
    if (w) return 'value' in w ? w.value : undefined;
    const v = this.entries.get(name)?.value;
    return v ? scalarText(v) : undefined;
  }

  /** The Secret key a variable reads today, if any. */
  secretRefOf(name: string): SecretKey | undefined {
    return this.removed.has(name) ? undefined : this.entries.get(name)?.secretKeyRef;
  }

  /** The `env` item that defines a variable in the manifest, if it was there before graft. */
  itemOf(name: string): YAMLMap | undefined {
    return this.entries.get(name)?.item;
  }

  /** Names of the variables present. */
  names(): string[] {
    return [...new Set([...this.entries.keys(), ...this.wanted.keys()])].filter((n) => !this.removed.has(n));
  }

  /** Sets a literal value. */
  setLiteral(name: string, value: string): void {
    this.removed.delete(name);
    this.wanted.set(name, { value });
  }

  /** Removes a variable. */
  remove(name: string): void {
    this.removed.add(name);
    this.wanted.delete(name);
  }

  /** Sets a setting value: literal, a Secret key, or a composite built with `$(GRAFT_…)` helpers. */
  setSetting(name: string, value: SettingValue, secrets: K8sSecrets, user: PlanId): void {
    if (typeof value === 'string') {
      this.setLiteral(name, k8sLiteral(value));
      return;
    }
    const [only] = value.parts;
    if (value.parts.length === 1 && only !== undefined && typeof only !== 'string') {
      const key = secrets.keyOf(only.secret, user);
      if (key) this.want(name, { secretKeyRef: key });
      return;
    }
    let text = '';
    const helpers: string[] = [];
    for (const p of value.parts) {
      if (typeof p === 'string') {
        text += k8sLiteral(p);
        continue;
      }
      const key = secrets.keyOf(p.secret, user);
      const helper = helperVar(p.secret);
      if (key) this.want(helper, { secretKeyRef: key });
      helpers.push(helper);
      text += `$(${helper})`;
    }
    this.want(name, { value: text });
    // dependent expansion needs each helper declared before the composite
    const at = this.entries.get(name)?.index ?? Infinity;
    if (helpers.some((h) => (this.entries.get(h)?.index ?? Infinity) > at)) {
      for (const h of helpers) this.forceAppend(h);
      this.forceAppend(name);
    }
  }

  private want(name: string, w: Wanted): void {
    this.removed.delete(name);
    this.wanted.set(name, w);
  }

  private forceAppend(name: string): void {
    if (!this.appendOrder.includes(name)) this.appendOrder.push(name);
  }

  /** Names whose definition changes. */
  changed(): string[] {
    const out: string[] = [];
    for (const n of new Set([...this.entries.keys(), ...this.wanted.keys()])) {
      const e = this.entries.get(n);
      if (this.removed.has(n)) {
        if (e) out.push(n);
        continue;
      }
      const w = this.wanted.get(n);
      if (w && (!e || !sameAs(e, w) || this.appendOrder.includes(n))) out.push(n);
    }
    return out;
  }

  /** Writes the changes: values edited in place, removed items deleted, new ones appended in order. */
  apply(): void {
    const append: string[] = [];
    for (const n of this.changed()) {
      const e = this.entries.get(n);
      const w = this.wanted.get(n);
      if (this.removed.has(n) || !w) {
        if (e) this.ed.removeBlockEntry(e.item);
        continue;
      }
      if (e && 'value' in w && e.value && !this.appendOrder.includes(n)) {
        this.ed.setScalar(e.value, w.value);
        continue;
      }
      // another Secret key: edit name and key where they stand
      const ref =
        e && 'secretKeyRef' in w && e.secretKeyRef && !this.appendOrder.includes(n)
          ? getPath(e.item, 'valueFrom', 'secretKeyRef')
          : undefined;
      if (isMap(ref) && 'secretKeyRef' in w) {
        const nameNode = ref.get('name', true);
        const keyNode = ref.get('key', true);
        if (isScalar(nameNode) && isScalar(keyNode)) {
          if (scalarText(nameNode) !== w.secretKeyRef.name) this.ed.setScalar(nameNode, w.secretKeyRef.name);
          if (scalarText(keyNode) !== w.secretKeyRef.key) this.ed.setScalar(keyNode, w.secretKeyRef.key);
          continue;
        }
      }
      if (e) this.ed.removeBlockEntry(e.item);
      append.push(n);
    }
    const ordered = [...append.filter((n) => !this.appendOrder.includes(n)), ...this.appendOrder.filter((n) => append.includes(n))];
    const items = ordered.map((n) => renderBlock(toPlain(n, this.wanted.get(n) as Wanted)));
    if (items.length === 0) return;
    this.ed.appendUnder(this.container.node, 'env', 'seq', items);
  }
}

function toPlain(name: string, w: Wanted): PlainYaml {
  return 'value' in w
    ? { name, value: w.value }
    : { name, valueFrom: { secretKeyRef: { name: w.secretKeyRef.name, key: w.secretKeyRef.key } } };
}

function sameAs(e: Entry, w: Wanted): boolean {
  if ('value' in w) return e.value !== undefined && scalarText(e.value) === w.value;
  return e.secretKeyRef?.name === w.secretKeyRef.name && e.secretKeyRef.key === w.secretKeyRef.key && e.value === undefined;
}
