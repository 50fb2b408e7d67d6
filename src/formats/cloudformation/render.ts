import { indentLines, renderScalar } from '../yaml/text.js';

/** An intrinsic function graft writes, e.g. `Fn('Ref', 'GraftKafkaBootstrapServers')`. */
export class Fn {
  constructor(
    readonly name: 'Ref' | 'Sub' | 'GetAtt' | 'Join' | 'Select' | 'Split' | 'If',
    readonly arg: CfnValue,
  ) {}

  /** The long form key, e.g. `Fn::Sub`. */
  get longName(): string {
    return this.name === 'Ref' ? 'Ref' : `Fn::${this.name}`;
  }
}

/** A value graft adds to a template. */
export type CfnValue = string | number | boolean | Fn | CfnValue[] | { [key: string]: CfnValue };

/** `!Ref name`. */
export const ref = (name: string): Fn => new Fn('Ref', name);
/** `!Sub text`. */
export const sub = (text: string): Fn => new Fn('Sub', text);

function toJsonValue(v: CfnValue): unknown {
  if (v instanceof Fn) return { [v.longName]: toJsonValue(v.arg) };
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJsonValue(x)]));
  return v;
}

/** Renders a value as JSON in the file's indentation unit; continuation lines start at `base`. */
export function renderJson(v: CfnValue, unit: string, base: string): string {
  return JSON.stringify(toJsonValue(v), null, unit)
    .split('\n')
    .join('\n' + base);
}

/** Renders a value in YAML flow style (intrinsics in short form), for one-line values. */
export function renderFlow(v: CfnValue): string {
  if (v instanceof Fn) return `!${v.name} ${renderFlow(v.arg)}`;
  if (Array.isArray(v)) return `[${v.map(renderFlow).join(', ')}]`;
  if (typeof v === 'object')
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${k}: ${renderFlow(x)}`)
      .join(', ')} }`;
  if (typeof v === 'string') return /[[\]{},]/.test(v) ? JSON.stringify(v) : renderScalar(v);
  return String(v);
}

function isInline(v: CfnValue): boolean {
  if (v instanceof Fn) return true;
  return typeof v !== 'object' || (Array.isArray(v) && v.length === 0) || (!Array.isArray(v) && Object.keys(v).length === 0);
}

/** Renders a value for a YAML value position: one line, or lines to place under the key (two-space steps). */
export function renderYamlValue(v: CfnValue): { inline: string } | { block: string } {
  if (isInline(v)) return { inline: v instanceof Fn && typeof v.arg === 'string' ? `!${v.name} ${renderScalar(v.arg)}` : renderFlow(v) };
  if (Array.isArray(v)) return { block: v.map((item) => `- ${indentRest(renderYamlItem(item), '  ')}`).join('\n') };
  const obj = v as { [key: string]: CfnValue };
  return {
    block: Object.entries(obj)
      .map(([k, x]) => renderYamlEntry(k, x))
      .join('\n'),
  };
}

/** Renders `key: value` as YAML lines (nested lines two spaces deeper). */
export function renderYamlEntry(key: string, v: CfnValue): string {
  const r = renderYamlValue(v);
  return 'inline' in r ? `${key}: ${r.inline}` : `${key}:\n${indentAll(r.block, '  ')}`;
}

/** Renders a sequence item's content (the text after `- `), nested lines relative to the item. */
export function renderYamlItem(v: CfnValue): string {
  const r = renderYamlValue(v);
  return 'inline' in r ? r.inline : r.block;
}

function indentAll(text: string, pad: string): string {
  return indentLines(text, pad, { skipBlank: true });
}

function indentRest(text: string, pad: string): string {
  const [first = '', ...rest] = text.split('\n');
  return [first, ...rest.map((l) => (l ? pad + l : l))].join('\n');
}
