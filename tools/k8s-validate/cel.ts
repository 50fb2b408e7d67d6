// A tiny subset of CEL, enough for the x-kubernetes-validations rules of the bundled CRDs:
// `self`, field selection, has(), size(), !, &&, ||, comparisons, parentheses and literals.
// Anything else is rejected at parse time, and the bundle builder lists such rules as unchecked.

type CelValue = string | number | boolean | null | CelValue[] | { [key: string]: CelValue };

/** A parsed rule of the supported CEL subset. */
export type CelExpr =
  | { op: 'lit'; value: CelValue }
  | { op: 'self' }
  | { op: 'select'; target: CelExpr; field: string }
  | { op: 'has'; target: CelExpr; field: string }
  | { op: 'size'; arg: CelExpr }
  | { op: 'not'; arg: CelExpr }
  | { op: 'and' | 'or'; left: CelExpr; right: CelExpr }
  | { op: '==' | '!=' | '<' | '<=' | '>' | '>='; left: CelExpr; right: CelExpr };

type Outcome = { ok: true; value: CelValue } | { ok: false; error: string };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|&&|\|\||[!<>().]))/y;

function tokenize(rule: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < rule.length) {
    if (/^\s*$/.test(rule.slice(at))) break;
    TOKEN.lastIndex = at;
    const match = TOKEN.exec(rule);
    if (match === null) throw new Error(`unsupported CEL syntax at ${at}: ${rule.slice(at, at + 20)}`);
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4]);
    at = TOKEN.lastIndex;
  }
  return tokens;
}

/** Parses a CEL rule of the supported subset, throwing on anything else. */
export function parseCel(rule: string): CelExpr {
  const tokens = tokenize(rule);
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];
  const take = (expected?: string): string => {
    const token = tokens[pos];
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new Error(`unsupported CEL: expected ${expected ?? 'a token'} at token ${pos} of "${rule}"`);
    }
    pos++;
    return token;
  };
  const selectChain = (): CelExpr => {
    take('self');
    let expr: CelExpr = { op: 'self' };
    while (peek() === '.') {
      take('.');
      const field = take();
      if (field === 'size' && peek() === '(') {
        take('(');
        take(')');
        expr = { op: 'size', arg: expr };
      } else {
        if (!/^[A-Za-z_]\w*$/.test(field)) throw new Error(`unsupported CEL field "${field}" in "${rule}"`);
        expr = { op: 'select', target: expr, field };
      }
    }
    return expr;
  };
  const primary = (): CelExpr => {
    const token = peek();
    if (token === undefined) throw new Error(`unexpected end of CEL rule "${rule}"`);
    if (token === '(') {
      take('(');
      const inner = or();
      take(')');
      return inner;
    }
    if (token === 'has') {
      take('has');
      take('(');
      const target = selectChain();
      take(')');
      if (target.op !== 'select') throw new Error(`has() needs a field selection in "${rule}"`);
      return { op: 'has', target: target.target, field: target.field };
    }
    if (token === 'size') {
      take('size');
      take('(');
      const arg = or();
      take(')');
      return { op: 'size', arg };
    }
    if (token === 'self') return selectChain();
    take();
    if (token === 'true' || token === 'false') return { op: 'lit', value: token === 'true' };
    if (token === 'null') return { op: 'lit', value: null };
    if (/^\d/.test(token)) return { op: 'lit', value: Number(token) };
    if (token.startsWith("'") || token.startsWith('"')) return { op: 'lit', value: token.slice(1, -1).replace(/\\(.)/g, '$1') };
    throw new Error(`unsupported CEL token "${token}" in "${rule}"`);
  };
  const unary = (): CelExpr => {
    if (peek() === '!') {
      take('!');
      return { op: 'not', arg: unary() };
    }
    return primary();
  };
  const comparison = (): CelExpr => {
    const left = unary();
    const op = peek();
    if (op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=') {
      take();
      return { op, left, right: unary() };
    }
    return left;
  };
  const and = (): CelExpr => {
    let left = comparison();
    while (peek() === '&&') {
      take('&&');
      left = { op: 'and', left, right: comparison() };
    }
    return left;
  };
  const or = (): CelExpr => {
    let left = and();
    while (peek() === '||') {
      take('||');
      left = { op: 'or', left, right: and() };
    }
    return left;
  };
  const expr = or();
  if (pos !== tokens.length) throw new Error(`unsupported CEL: trailing "${tokens.slice(pos).join(' ')}" in "${rule}"`);
  return expr;
}

function isObject(value: CelValue): value is { [key: string]: CelValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function evaluate(expr: CelExpr, self: CelValue): Outcome {
  switch (expr.op) {
    case 'lit':
      return { ok: true, value: expr.value };
    case 'self':
      return { ok: true, value: self };
    case 'select':
    case 'has': {
      const target = evaluate(expr.target, self);
      if (!target.ok) return target;
      if (!isObject(target.value)) return { ok: false, error: `no such key: ${expr.field}` };
      const present = Object.prototype.hasOwnProperty.call(target.value, expr.field);
      if (expr.op === 'has') return { ok: true, value: present };
      return present ? { ok: true, value: target.value[expr.field] } : { ok: false, error: `no such key: ${expr.field}` };
    }
    case 'size': {
      const arg = evaluate(expr.arg, self);
      if (!arg.ok) return arg;
      const value = arg.value;
      if (typeof value === 'string') return { ok: true, value: [...value].length };
      if (Array.isArray(value)) return { ok: true, value: value.length };
      if (isObject(value)) return { ok: true, value: Object.keys(value).length };
      return { ok: false, error: 'size() of a scalar' };
    }
    case 'not': {
      const arg = evaluate(expr.arg, self);
      if (!arg.ok) return arg;
      return typeof arg.value === 'boolean' ? { ok: true, value: !arg.value } : { ok: false, error: '! of a non-boolean' };
    }
    case 'and':
    case 'or': {
      // CEL's && and || are commutative over errors: a decisive side wins even if the other side errs.
      const decisive = expr.op === 'or';
      const left = evaluate(expr.left, self);
      if (left.ok && left.value === decisive) return left;
      const right = evaluate(expr.right, self);
      if (right.ok && right.value === decisive) return right;
      if (!left.ok) return left;
      if (!right.ok) return right;
      if (typeof left.value !== 'boolean' || typeof right.value !== 'boolean') return { ok: false, error: `${expr.op} of non-booleans` };
      return { ok: true, value: !decisive };
    }
    default: {
      const left = evaluate(expr.left, self);
      if (!left.ok) return left;
      const right = evaluate(expr.right, self);
      if (!right.ok) return right;
      const a = left.value;
      const b = right.value;
      if (expr.op === '==' || expr.op === '!=') {
        const equal = JSON.stringify(a) === JSON.stringify(b);
        return { ok: true, value: expr.op === '==' ? equal : !equal };
      }
      if (!((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string'))) {
        return { ok: false, error: `no such overload: ${expr.op}` };
      }
      const result = expr.op === '<' ? a < b : expr.op === '<=' ? a <= b : expr.op === '>' ? a > b : a >= b;
      return { ok: true, value: result };
    }
  }
}

/** Evaluates a parsed rule against `self`; returns undefined when the rule holds, else why it does not. */
export function checkCel(expr: CelExpr, self: unknown): string | undefined {
  const outcome = evaluate(expr, self as CelValue);
  if (!outcome.ok) return outcome.error;
  if (outcome.value === true) return undefined;
  return outcome.value === false ? 'rule evaluated to false' : 'rule did not evaluate to a boolean';
}
