import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { isStringScalar, listOf, textOf } from './parse.js';

/** The name of an intrinsic function, in long form (`Ref`, `Fn::GetAtt`, `Condition`). */
export type IntrinsicName = string;

/** An intrinsic function call found in a template: `!Ref X`, `{ "Fn::GetAtt": [X, Arn] }`, ... */
export interface Intrinsic {
  fn: IntrinsicName;
  /** The argument node. */
  arg: unknown;
  /** The whole call: the tagged node, or the one-entry map of the long form. */
  node: Node;
}

/** Recognizes an intrinsic call in either form. */
export function intrinsicOf(node: unknown): Intrinsic | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const n = node as Node;
  if (n.tag?.startsWith('!') && !n.tag.startsWith('!!')) {
    const short = n.tag.slice(1);
    const fn = short === 'Ref' || short === 'Condition' ? short : `Fn::${short}`;
    return { fn, arg: isScalar(n) ? n : n, node: n };
  }
  if (isMap(n) && n.items.length === 1) {
    const key = textOf(n.items[0]?.key);
    if (key === 'Ref' || key === 'Condition' || key?.startsWith('Fn::')) return { fn: key, arg: n.items[0]?.value, node: n };
  }
  return undefined;
}

/** A reference from one place of a template to a logical name (resource, parameter or condition). */
export interface Reference {
  target: string;
  /** The attribute of `GetAtt` or `${X.Attr}`. */
  attr?: string;
  via: 'Ref' | 'GetAtt' | 'Sub' | 'DependsOn' | 'Condition';
  /** The intrinsic call (Ref/GetAtt/Condition), the Sub string scalar, or the DependsOn entry. */
  node: Node;
  /** The map entry whose value is `node`, when it is one (for replacing block values). */
  pair?: Pair;
}

/** Names `${...}` in a Fn::Sub string refers to (`${!Literal}` is not a reference). */
export function subNames(text: string): { name: string; attr?: string }[] {
  const out: { name: string; attr?: string }[] = [];
  for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
    const raw = (m[1] ?? '').trim();
    const dot = raw.indexOf('.');
    if (dot < 0) out.push({ name: raw });
    else out.push({ name: raw.slice(0, dot), attr: raw.slice(dot + 1) });
  }
  return out;
}

/** Collects every reference in a subtree. */
export function collectRefs(root: unknown, out: Reference[] = [], pair?: Pair): Reference[] {
  const call = intrinsicOf(root);
  if (call) {
    const node = call.node;
    const with_ = (r: Omit<Reference, 'node' | 'pair'>): Reference => ({ ...r, node, ...(pair ? { pair } : {}) });
    switch (call.fn) {
      case 'Ref': {
        const t = textOf(call.arg);
        if (t !== undefined) out.push(with_({ target: t, via: 'Ref' }));
        return out;
      }
      case 'Condition': {
        const t = textOf(call.arg);
        if (t !== undefined) out.push(with_({ target: t, via: 'Condition' }));
        return out;
      }
      case 'Fn::GetAtt': {
        const parts = isSeq(call.arg) ? call.arg.items.map(textOf) : (textOf(call.arg) ?? '').split(/\.(.*)/s);
        const [target, attr] = parts;
        if (target) out.push(with_({ target, ...(attr ? { attr } : {}), via: 'GetAtt' }));
        if (isSeq(call.arg)) for (const item of call.arg.items.slice(1)) if (!isScalar(item)) collectRefs(item, out);
        return out;
      }
      case 'Fn::Sub': {
        const [template, vars] = isSeq(call.arg) ? call.arg.items : [call.arg];
        const shadow = new Set(isMap(vars) ? vars.items.map((p) => textOf(p.key) ?? '') : []);
        if (isStringScalar(template)) {
          for (const n of subNames(template.value)) {
            if (shadow.has(n.name) || n.name.startsWith('AWS::')) continue;
            out.push({ target: n.name, ...(n.attr ? { attr: n.attr } : {}), via: 'Sub', node: template, ...(pair ? { pair } : {}) });
          }
        }
        if (vars) collectRefs(vars, out);
        return out;
      }
      case 'Fn::If': {
        const [cond, ...rest] = listOf(call.arg);
        const t = textOf(cond);
        if (t && cond) out.push({ target: t, via: 'Condition', node: cond as Node });
        for (const r of rest) collectRefs(r, out);
        return out;
      }
    }
    if (call.arg !== call.node) {
      if (!isScalar(call.arg)) collectRefs(call.arg, out);
    } else if (isMap(call.node)) for (const p of call.node.items) collectRefs(p.value, out);
    else if (isSeq(call.node)) for (const item of call.node.items) collectRefs(item, out);
    return out;
  }
  if (isMap(root)) for (const p of root.items) collectRefs(p.value, out, isPair(p) ? p : undefined);
  else if (isSeq(root)) for (const item of root.items) collectRefs(item, out);
  return out;
}

/** The references of one resource: its body, `DependsOn` entries and its `Condition`. */
export function resourceRefs(node: YAMLMap): Reference[] {
  const out: Reference[] = [];
  for (const p of node.items) {
    const key = textOf(p.key);
    if (key === 'DependsOn') {
      for (const item of listOf(p.value)) {
        const t = textOf(item);
        if (t) out.push({ target: t, via: 'DependsOn', node: item as Node, pair: p });
      }
    } else if (key === 'Condition') {
      const t = textOf(p.value);
      if (t) out.push({ target: t, via: 'Condition', node: p.value as Node, pair: p });
    } else collectRefs(p.value, out, p);
  }
  return out;
}
