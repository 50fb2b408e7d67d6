// Variable definitions files of the root module (`terraform.tfvars`, `*.auto.tfvars`, their `.tfvars.json` twins,
// `-var-file` files beside it): the values that reach the variables graft reads and drops.
import type { Diagnostic } from '../../core/diagnostic.js';
import type { SourceFile } from '../../core/span.js';
import { fileId } from '../../plan/types.js';
import type { TfContext } from './context.js';
import { kid, parseHclKept } from './hcl.js';
import { attrValue, bodyItems, syntaxError, type TfvarsAssignment, type TfvarsFile } from './parse.js';

/** A `.tfvars.json` file: Terraform reads `terraform.tfvars.json` and `*.auto.tfvars.json` like their HCL twins. */
export const isJsonTfvars = (path: string): boolean => path.endsWith('.tfvars.json');

/** Parses the root module's variable definitions files; one that is not valid HCL (or JSON) is a TF_SYNTAX error. */
export function parseTfvars(sources: readonly SourceFile[], diagnostics: Diagnostic[]): TfvarsFile[] {
  const files: TfvarsFile[] = [];
  for (const source of sources) {
    if (isJsonTfvars(source.path)) {
      const file = parseJsonTfvars(source, diagnostics);
      if (file) files.push(file);
      continue;
    }
    const tree = parseHclKept(source.text);
    if (syntaxError(source, tree, 'terraform plan -var-file', diagnostics)) continue;
    const file: TfvarsFile = { source, tree, assignments: [] };
    file.assignments = bodyItems(kid(tree.rootNode, 'body'))
      .filter((a) => a.type === 'attribute')
      .map((node) => ({
        file,
        name: kid(node, 'identifier')?.text ?? '',
        start: node.startIndex,
        end: node.endIndex,
        node,
        value: attrValue(node),
      }));
    files.push(file);
  }
  return files;
}

/** A JSON variable definitions file: one object whose members are the variables, each value read as an expression. */
function parseJsonTfvars(source: SourceFile, diagnostics: Diagnostic[]): TfvarsFile | undefined {
  const text = source.text;
  const fail = (at: number, what: string): undefined => {
    diagnostics.push({
      code: 'TF_SYNTAX',
      severity: 'error',
      message: `${source.path.split('/').pop() ?? source.path} is not a JSON object of variable values: ${what}`,
      help: 'fix the syntax (terraform plan -var-file shows the same place), then compile again',
      subject: { file: source.path, start: at, end: Math.min(text.length, at + 1) },
    });
    return undefined;
  };
  try {
    // a byte-order mark is read as the space it stands in for, so offsets stay the file's
    const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ' '));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail(skipSpace(text, 0), 'not an object');
  } catch (e) {
    const at = /position (\d+)/.exec(String(e))?.[1];
    return fail(at ? Number(at) : 0, (e as Error).message);
  }
  const file: TfvarsFile = { source, assignments: [] };
  let at = skipSpace(text, text.indexOf('{') + 1);
  while (text[at] === '"') {
    const keyEnd = scanValue(text, at);
    const name = JSON.parse(text.slice(at, keyEnd)) as string;
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const valueEnd = scanValue(text, valueStart);
    const tree = parseHclKept(`v = ${text.slice(valueStart, valueEnd)}\n`);
    const attr = bodyItems(kid(tree.rootNode, 'body')).find((n) => n.type === 'attribute');
    file.assignments.push({ file, name, start: at, end: valueEnd, value: attrValue(attr) });
    at = skipSpace(text, valueEnd);
    if (text[at] === ',') at = skipSpace(text, at + 1);
  }
  return file;
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && /\s/.test(text[at])) at++;
  return at;
}

/** The end of the JSON value starting at `at` (the text is valid JSON). */
function scanValue(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (depth === 0) return i + 1;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) return i;
      if (--depth === 0) return i + 1;
    } else if (depth === 0 && (c === ',' || /\s/.test(c))) return i;
  }
  return text.length;
}

/** Every assignment of the files, in file order. */
export function tfvarsAssignments(files: readonly TfvarsFile[]): TfvarsAssignment[] {
  return files.flatMap((file) => file.assignments);
}

/**
 * A root variable graft dropped loses its assignments: Terraform would only warn about a value for an undeclared
 * variable, so the stale setting of the dropped cluster would stay unnoticed.
 */
export function pruneTfvars(ctx: TfContext): void {
  for (const file of ctx.tfvars) {
    const mine = file.assignments;
    const gone = mine.filter((a) => ctx.dropped.has(`var.${a.name}`));
    if (gone.length === 0) continue;
    if (file.tree) pruneHcl(ctx, file, gone);
    else pruneJson(ctx, file, gone);
    for (const a of gone) {
      const reason = ctx.dropped.get(`var.${a.name}`) ?? '';
      ctx.plan.removed.push({
        kind: 'setting',
        name: a.name,
        fromId: fileId('terraform', file.source.path),
        reason: `var.${a.name} was dropped (${reason})`,
        at: { file: file.source.path, start: a.start, end: a.end },
      });
    }
  }
}

function pruneHcl(ctx: TfContext, file: TfvarsFile, gone: TfvarsAssignment[]): void {
  // the assignments after the last kept one go as one range, so no blank line is left at the end of the file
  const lastKept = file.assignments.filter((a) => !gone.includes(a)).at(-1);
  const text = file.source.text;
  const tailFrom = lastKept ? text.indexOf('\n', lastKept.end - 1) + 1 : -1;
  for (const a of gone) if (a.node && (!lastKept || a.start < tailFrom)) ctx.ed.removeLines(file, a.node);
  if (lastKept && tailFrom > 0 && gone.some((a) => a.start >= tailFrom)) ctx.ed.replace(file, tailFrom, text.length, '');
}

/**
 * A JSON file's members go with their commas: one before a kept member up to that member's key, the ones after the
 * last kept member from the end of its value (so no trailing comma is left); the object of a file emptied is `{}`.
 */
function pruneJson(ctx: TfContext, file: TfvarsFile, gone: TfvarsAssignment[]): void {
  const all = file.assignments;
  const text = file.source.text;
  const lastKeptIndex = all.findLastIndex((a) => !gone.includes(a));
  if (lastKeptIndex < 0) {
    ctx.ed.replace(file, text.indexOf('{') + 1, text.lastIndexOf('}'), '');
    return;
  }
  all.forEach((a, i) => {
    if (!gone.includes(a) || i > lastKeptIndex) return;
    ctx.ed.replace(file, a.start, all[i + 1].start, '');
  });
  if (lastKeptIndex < all.length - 1) ctx.ed.replace(file, all[lastKeptIndex].end, all.at(-1)!.end, '');
}
