import { dirname, resolve } from 'node:path';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { SourceFile, Span } from '../../core/span.js';
import { firstError, kid, kids, parseHclKept, type Node, type Tree } from './hcl.js';

/** One parsed `.tf` file. */
export interface TfFile {
  source: SourceFile;
  tree: Tree;
}

/** One variable definitions file: HCL (with its syntax tree) or JSON (one object, each member a variable). */
export interface TfvarsFile {
  source: SourceFile;
  /** The syntax tree of an HCL file; a JSON file has none. */
  tree?: Tree;
  assignments: TfvarsAssignment[];
}

/** One assignment of a variable definitions file: `name = value`, or a JSON file's `"name": value`. */
export interface TfvarsAssignment {
  file: TfvarsFile;
  name: string;
  /** The offsets of the whole assignment (a JSON member from its key to the end of its value). */
  start: number;
  end: number;
  /** The attribute node of an HCL file. */
  node?: Node;
  /** The value as an HCL expression (a JSON value is one). */
  value: Node | undefined;
}

/** A top-level block (or, for `locals`, one local value): the unit graft keeps, drops or rewires. */
export interface TfEntity {
  /** `aws_msk_cluster.this`, `data.aws_msk_cluster.x`, `module.msk`, `var.x`, `local.x`, `output.x`, `provider.aws`... */
  address: string;
  /** resource, data, module, variable, local, output, provider, terraform, moved, import, removed, check. */
  kind: string;
  /** Resource or data type (`aws_msk_cluster`), empty for others. */
  type: string;
  name: string;
  file: TfFile;
  /** The block node (for a local: its attribute node). */
  node: Node;
  /** The block body, when it is a block. */
  body?: Node;
}

/** A reference in an expression: a traversal that starts at a declared entity. */
export interface TfRef {
  /** Address of the entity referred to. */
  target: string;
  /** The first attribute after the address (`bootstrap_brokers_tls`), if any. */
  attr?: string;
  /** Address of the entity whose text holds the reference. */
  from: string;
  file: TfFile;
  /** The traversal's range: from its root name to its last accessor. */
  start: number;
  end: number;
  /** The expression node of the traversal. */
  node: Node;
}

/** A Terraform module: the `.tf` files of one directory. */
export interface TfModule {
  dir: string;
  files: TfFile[];
  entities: Map<string, TfEntity>;
  refs: TfRef[];
  /** The references of each file, by start offset, for range look-ups. */
  refsByFile: Map<string, TfRef[]>;
}

/** The text of a string literal node without quotes, or undefined when it interpolates. */
export function stringValue(node: Node | undefined | null): string | undefined {
  if (!node) return undefined;
  let n: Node | null = node;
  while (n && (n.type === 'expression' || n.type === 'literal_value')) n = n.namedChildren[0] ?? null;
  if (!n) return undefined;
  if (n.type === 'string_lit' || n.type === 'template_expr') {
    const inner = n.type === 'template_expr' ? n.namedChildren[0] : n;
    if (!inner) return undefined;
    const parts = kids(inner);
    if (parts.some((p) => p.type === 'template_interpolation' || p.type === 'template_directive')) return undefined;
    return parts
      .filter((p) => p.type === 'template_literal')
      .map((p) => p.text)
      .join('');
  }
  return undefined;
}

/** The label texts of a block. */
export function blockLabels(block: Node): string[] {
  return kids(block)
    .filter((n) => n.type === 'string_lit' || n.type === 'identifier')
    .slice(1)
    .map((n) => (n.type === 'identifier' ? n.text : (stringValue(n) ?? n.text)));
}

/** The type identifier of a block (`resource`, `dynamic`, `statement`...). */
export function blockType(block: Node): string {
  return kid(block, 'identifier')?.text ?? '';
}

/** The attributes and nested blocks directly inside a body. */
export function bodyItems(body: Node | undefined): Node[] {
  return body ? kids(body).filter((n) => n.type === 'attribute' || n.type === 'block') : [];
}

/** An attribute of a body by name. */
export function attribute(body: Node | undefined, name: string): Node | undefined {
  return bodyItems(body).find((n) => n.type === 'attribute' && kid(n, 'identifier')?.text === name);
}

/** The value expression of an attribute. */
export function attrValue(attr: Node | undefined): Node | undefined {
  return attr ? kid(attr, 'expression') : undefined;
}

/** Nested blocks of a body by type. */
export function nestedBlocks(body: Node | undefined, type: string): Node[] {
  return bodyItems(body).filter((n) => n.type === 'block' && blockType(n) === type);
}

/** The body of a block. */
export function bodyOf(block: Node): Node | undefined {
  return kid(block, 'body');
}

function addressOf(kind: string, labels: string[]): { address: string; type: string; name: string } {
  switch (kind) {
    case 'resource':
      return { address: `${labels[0]}.${labels[1]}`, type: labels[0] ?? '', name: labels[1] ?? '' };
    case 'data':
      return { address: `data.${labels[0]}.${labels[1]}`, type: labels[0] ?? '', name: labels[1] ?? '' };
    case 'module':
      return { address: `module.${labels[0]}`, type: '', name: labels[0] ?? '' };
    case 'variable':
      return { address: `var.${labels[0]}`, type: '', name: labels[0] ?? '' };
    case 'output':
      return { address: `output.${labels[0]}`, type: '', name: labels[0] ?? '' };
    default:
      return { address: `${kind}.${labels.join('.')}`, type: '', name: labels[0] ?? '' };
  }
}

/** Parses one module's files: entities and every reference between them; syntax errors become diagnostics. */
export function parseModule(sources: SourceFile[], diagnostics: Diagnostic[]): TfModule {
  const mod: TfModule = {
    dir: sources[0] ? dirname(sources[0].path) : '.',
    files: [],
    entities: new Map(),
    refs: [],
    refsByFile: new Map(),
  };
  for (const source of sources) {
    const tree = parseHclKept(source.text);
    const file: TfFile = { source, tree };
    if (syntaxError(source, tree, 'terraform validate', diagnostics)) continue;
    mod.files.push(file);
    for (const block of bodyItems(kid(tree.rootNode, 'body'))) {
      if (block.type !== 'block') continue;
      const kind = blockType(block);
      const body = bodyOf(block);
      if (kind === 'locals') {
        for (const a of bodyItems(body)) {
          if (a.type !== 'attribute') continue;
          const name = kid(a, 'identifier')?.text ?? '';
          mod.entities.set(`local.${name}`, { address: `local.${name}`, kind: 'local', type: '', name, file, node: a });
        }
        continue;
      }
      const { address, type, name } = addressOf(kind, blockLabels(block));
      mod.entities.set(address, { address, kind, type, name, file, node: block, ...(body ? { body } : {}) });
    }
  }
  for (const entity of mod.entities.values()) collectRefs(mod, entity);
  for (const r of mod.refs) {
    const list = mod.refsByFile.get(r.file.source.path);
    if (list) list.push(r);
    else mod.refsByFile.set(r.file.source.path, [r]);
  }
  for (const list of mod.refsByFile.values()) list.sort((a, b) => a.start - b.start);
  return mod;
}

/** The references that lie inside a range of a file. */
export function refsWithin(mod: TfModule, file: TfFile, start: number, end: number): TfRef[] {
  const list = mod.refsByFile.get(file.source.path) ?? [];
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  const out: TfRef[] = [];
  for (let i = lo; i < list.length && list[i].start < end; i++) if (list[i].end <= end) out.push(list[i]);
  return out;
}

const ACCESSORS = new Set(['get_attr', 'index', 'splat']);

/**
 * Every `variable_expr` under a node with its parent (when an `expression`) and grandparent (when an `object_elem`), found
 * with one cursor walk: tree-sitter's Node.parent searches down from the tree's root, so asking it for each reference is
 * quadratic in a large file.
 */
function variablesWithParents(top: Node): { v: Node; parent?: Node; grand?: Node }[] {
  const out: { v: Node; parent?: Node; grand?: Node }[] = [];
  // only those become nodes (each costs calls into the parser); every other ancestor is kept as its type
  const ancestors: (Node | string)[] = [];
  const cursor = top.walk();
  const asNode = (a: Node | string | undefined): Node | undefined => (typeof a === 'object' ? a : undefined);
  try {
    for (;;) {
      const type = cursor.nodeType;
      const here = type === 'variable_expr' || type === 'expression' || type === 'object_elem' ? cursor.currentNode : type;
      if (typeof here === 'object' && type === 'variable_expr')
        out.push({ v: here, parent: asNode(ancestors.at(-1)), grand: asNode(ancestors.at(-2)) });
      if (cursor.gotoFirstChild()) {
        ancestors.push(here);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return out;
        ancestors.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}

function collectRefs(mod: TfModule, entity: TfEntity): void {
  for (const { v, parent: expr, grand } of variablesWithParents(entity.node)) {
    if (!expr || expr.type !== 'expression') continue;
    // object keys parse as variables: `{ name = ... }`
    if (grand?.type === 'object_elem' && grand.childForFieldName('key')?.id === expr.id) continue;
    const chain: Node[] = [];
    let started = false;
    for (const c of kids(expr)) {
      if (c.id === v.id) {
        started = true;
        continue;
      }
      if (!started) continue;
      if (!ACCESSORS.has(c.type)) break;
      chain.push(c);
    }
    const attrs = chain.map((c) => (c.type === 'get_attr' ? (kid(c, 'identifier')?.text ?? '') : undefined));
    const root = v.text;
    let target: string | undefined;
    let rest: (string | undefined)[] = [];
    if (root === 'var' || root === 'local' || root === 'module') {
      if (attrs[0]) [target, rest] = [`${root}.${attrs[0]}`, attrs.slice(1)];
    } else if (root === 'data') {
      if (attrs[0] && attrs[1]) [target, rest] = [`data.${attrs[0]}.${attrs[1]}`, attrs.slice(2)];
    } else if (attrs[0] && mod.entities.has(`${root}.${attrs[0]}`)) {
      [target, rest] = [`${root}.${attrs[0]}`, attrs.slice(1)];
    }
    if (!target) continue;
    const attr = rest.find((a) => a !== undefined);
    const last = chain[chain.length - 1] ?? v;
    mod.refs.push({
      target,
      ...(attr ? { attr } : {}),
      from: entity.address,
      file: entity.file,
      start: v.startIndex,
      end: last.endIndex,
      node: expr,
    });
  }
}

/** The root module's directory of a stack's Terraform files: the shallowest one (absolute). */
export function rootDirOf(files: readonly SourceFile[]): string {
  const depth = (p: string): number => p.split('/').length;
  const shallowest = [...files].sort((a, b) => depth(a.path) - depth(b.path))[0];
  return resolve(shallowest ? dirname(shallowest.path) : '.');
}

/** The span of a node in its file. */
export function spanOf(file: TfFile, node: Node): Span {
  return { file: file.source.path, start: node.startIndex, end: node.endIndex };
}

/** A TF_SYNTAX error at the first error node of a file that is not valid HCL; `tool` is what shows the same place. */
export function syntaxError(source: SourceFile, tree: Tree, tool: string, diagnostics: Diagnostic[]): boolean {
  const err = firstError(tree.rootNode);
  if (!err) return false;
  diagnostics.push({
    code: 'TF_SYNTAX',
    severity: 'error',
    message: `${source.path.split('/').pop() ?? source.path} is not valid HCL${err.isMissing ? `: missing ${err.type}` : ''}`,
    help: `fix the syntax (${tool} shows the same place), then compile again`,
    subject: { file: source.path, start: err.startIndex, end: Math.max(err.endIndex, err.startIndex + 1) },
  });
  return true;
}
