// Compose variable interpolation as docker compose v2 performs it (compose-go `template.Substitute`):
// `$$` is a literal `$`; `$VAR` and `${VAR}` take the variable (blank, with a warning, when unset);
// `${VAR:-d}` / `${VAR-d}` default when unset-or-empty / unset; `${VAR:?m}` / `${VAR?m}` fail when
// unset-or-empty / unset; `${VAR:+r}` / `${VAR+r}` give r when set-and-non-empty / set. Defaults,
// messages and replacements are interpolated themselves, so `${A:-${B}}` nests. Any other `$` is an
// invalid template, which Compose refuses.

/** The variables Compose interpolates from (the shell environment and `.env` of `docker compose`). */
export type ComposeVariables = Readonly<Record<string, string>>;

/** A template Compose would refuse to load: invalid syntax or a required variable without a value. */
export class InterpolationError extends Error {
  override name = 'InterpolationError';
}

const NAME = /^[_A-Za-z][_A-Za-z0-9]*/;
const OPERATORS = [':-', ':?', ':+', '-', '?', '+'] as const;

/** Interpolates one string value; `warnings` collects unset variables that became blank. */
export function interpolate(template: string, vars: ComposeVariables, warnings: string[] = []): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) return out + template.slice(i);
    out += template.slice(i, dollar);
    const next = template[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
    } else if (next === '{') {
      const close = closingBrace(template, dollar);
      if (close < 0) throw new InterpolationError(`Invalid template: ${JSON.stringify(template)}`);
      out += substitute(template.slice(dollar + 2, close), template, vars, warnings);
      i = close + 1;
    } else {
      const name = NAME.exec(template.slice(dollar + 1))?.[0];
      if (!name) throw new InterpolationError(`Invalid template: ${JSON.stringify(template)}`);
      out += lookup(name, vars, warnings);
      i = dollar + 1 + name.length;
    }
  }
  return out;
}

// The index of the `}` closing the `${` at `start`, counting nested `${`.
function closingBrace(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    if (s.startsWith('${', i)) {
      depth++;
      i++;
    } else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function substitute(body: string, template: string, vars: ComposeVariables, warnings: string[]): string {
  const name = NAME.exec(body)?.[0];
  if (!name) throw new InterpolationError(`Invalid template: ${JSON.stringify(template)}`);
  const rest = body.slice(name.length);
  if (rest === '') return lookup(name, vars, warnings);
  const op = OPERATORS.find((o) => rest.startsWith(o));
  if (!op) throw new InterpolationError(`Invalid template: ${JSON.stringify(template)}`);
  const arg = (): string => interpolate(rest.slice(op.length), vars, warnings);
  const value = vars[name];
  const isSet = value !== undefined;
  const hasValue = isSet && value !== '';
  switch (op) {
    case ':-':
      return hasValue ? value : arg();
    case '-':
      return isSet ? value : arg();
    case ':+':
      return hasValue ? arg() : '';
    case '+':
      return isSet ? arg() : '';
    case ':?':
    case '?':
      if (op === ':?' ? hasValue : isSet) return value ?? '';
      throw new InterpolationError(`required variable ${name} is missing a value: ${arg()}`);
  }
}

function lookup(name: string, vars: ComposeVariables, warnings: string[]): string {
  const value = vars[name];
  if (value === undefined) warnings.push(`The "${name}" variable is not set. Defaulting to a blank string.`);
  return value ?? '';
}

/** Interpolates every string value of a parsed Compose document (keys stay as written, as in Compose). */
export function interpolateTree(node: unknown, vars: ComposeVariables, warnings: string[] = []): unknown {
  if (typeof node === 'string') return interpolate(node, vars, warnings);
  if (Array.isArray(node)) return node.map((n) => interpolateTree(n, vars, warnings));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateTree(v, vars, warnings)]));
  }
  return node;
}
