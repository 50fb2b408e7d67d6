// Variable definitions files of the root module (`terraform.tfvars`, `*.auto.tfvars`, `-var-file` files beside it):
// the values that reach the variables graft reads and drops.
import type { Diagnostic } from '../../core/diagnostic.js';
import type { SourceFile } from '../../core/span.js';
import { fileId } from '../../plan/types.js';
import type { TfContext } from './context.js';
import { kid, parseHclKept, type Node } from './hcl.js';
import { attrValue, bodyItems, spanOf, syntaxError, type TfFile } from './parse.js';

/** One assignment of a variable definitions file: `name = value`. */
export interface TfvarsAssignment {
  file: TfFile;
  name: string;
  node: Node;
  value: Node | undefined;
}

/** Parses the root module's variable definitions files; one that is not valid HCL is a TF_SYNTAX error. */
export function parseTfvars(sources: readonly SourceFile[], diagnostics: Diagnostic[]): TfFile[] {
  const files: TfFile[] = [];
  for (const source of sources) {
    const tree = parseHclKept(source.text);
    if (syntaxError(source, tree, 'terraform plan -var-file', diagnostics)) continue;
    files.push({ source, tree });
  }
  return files;
}

/** Every `name = value` of the files, in file order. */
export function tfvarsAssignments(files: readonly TfFile[]): TfvarsAssignment[] {
  return files.flatMap((file) =>
    bodyItems(kid(file.tree.rootNode, 'body'))
      .filter((a) => a.type === 'attribute')
      .map((node) => ({ file, name: kid(node, 'identifier')?.text ?? '', node, value: attrValue(node) })),
  );
}

/**
 * A root variable graft dropped loses its assignments: Terraform would only warn about a value for an undeclared
 * variable, so the stale setting of the dropped cluster would stay unnoticed.
 */
export function pruneTfvars(ctx: TfContext): void {
  const all = tfvarsAssignments(ctx.tfvars);
  for (const file of ctx.tfvars) {
    const mine = all.filter((a) => a.file === file);
    const gone = mine.filter((a) => ctx.dropped.has(`var.${a.name}`));
    if (gone.length === 0) continue;
    // the assignments after the last kept one go as one range, so no blank line is left at the end of the file
    const lastKept = mine.filter((a) => !gone.includes(a)).at(-1);
    const text = file.source.text;
    const tailFrom = lastKept ? text.indexOf('\n', lastKept.node.endIndex - 1) + 1 : -1;
    for (const a of gone) {
      const reason = ctx.dropped.get(`var.${a.name}`) ?? '';
      if (!lastKept || a.node.startIndex < tailFrom) ctx.ed.removeLines(file, a.node);
      ctx.plan.removed.push({
        kind: 'setting',
        name: a.name,
        fromId: fileId('terraform', file.source.path),
        reason: `var.${a.name} was dropped (${reason})`,
        at: spanOf(file, a.node),
      });
    }
    if (lastKept && tailFrom > 0 && gone.some((a) => a.node.startIndex >= tailFrom)) ctx.ed.replace(file, tailFrom, text.length, '');
  }
}
