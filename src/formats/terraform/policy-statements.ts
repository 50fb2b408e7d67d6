import { statementFromJson, type PolicyResource, type PolicyStatement } from '../aws/iam-policy.js';
import { kids, type Node } from './hcl.js';
import { jsonEntry, parseHeredocJson, type JsonNode } from './heredoc-json.js';
import { attribute, attrValue, bodyOf, nestedBlocks, stringValue, type TfEntity } from './parse.js';

// The IAM statements a Terraform entity writes, read as values: `jsonencode({ Statement = [...] })`, heredoc JSON
// (`<<EOF`), and `data "aws_iam_policy_document"` `statement` blocks. A role's `assume_role_policy` says who may
// assume it, not what it may do: its statements are never read.

/** Unwraps `expression`, `collection_value` and `literal_value` wrappers. */
function bare(node: Node | undefined | null): Node | undefined {
  let n: Node | undefined | null = node;
  while (n && (n.type === 'expression' || n.type === 'collection_value' || n.type === 'literal_value')) n = n.namedChildren[0];
  return n ?? undefined;
}

/** A string (its `${…}` interpolations matching anything) as a pattern; any other expression as itself. */
function hclValue(node: Node): PolicyResource | undefined {
  const n = bare(node);
  if (!n) return undefined;
  if (n.type === 'string_lit' || n.type === 'template_expr') {
    const inner = n.type === 'template_expr' ? n.namedChildren[0] : n;
    if (!inner) return undefined;
    const parts = kids(inner);
    if (parts.some((p) => p.type === 'template_directive')) return { expression: n.text };
    return {
      pattern: parts
        .filter((p) => p.type === 'template_literal' || p.type === 'template_interpolation')
        .map((p) => (p.type === 'template_literal' ? p.text : '*'))
        .join(''),
    };
  }
  return { expression: n.text };
}

/** The items of a tuple, or the value itself. */
function hclList(node: Node): Node[] {
  const n = bare(node);
  return n?.type === 'tuple' ? kids(n).filter((k) => k.type === 'expression') : [node];
}

function hclObject(node: Node | undefined | null): Node | undefined {
  const n = bare(node);
  return n?.type === 'object' ? n : undefined;
}

function hclEntry(obj: Node, key: string): Node | undefined {
  for (const el of kids(obj).filter((n) => n.type === 'object_elem')) {
    const k = el.childForFieldName('key');
    if (k && (stringValue(k) ?? k.text) === key) return el.childForFieldName('val') ?? undefined;
  }
  return undefined;
}

/** Whether a node sits in the entity's `assume_role_policy`. */
function inTrustPolicy(node: Node, e: TfEntity): boolean {
  for (let n: Node | null = node.parent; n && n.id !== e.node.id; n = n.parent)
    if (n.type === 'attribute' && kids(n)[0]?.text === 'assume_role_policy') return true;
  return false;
}

/** `Statement = [...]` (or one statement) of each `jsonencode`d document in the entity. */
function jsonencodedStatements(e: TfEntity): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  for (const el of e.node.descendantsOfType('object_elem')) {
    if (!el || inTrustPolicy(el, e)) continue;
    const key = el.childForFieldName('key');
    const val = el.childForFieldName('val');
    if (!key || !val || (stringValue(key) ?? key.text) !== 'Statement') continue;
    for (const item of hclList(val)) {
      const obj = hclObject(item);
      if (!obj) continue;
      const st = statementFromJson<Node>(
        (k) => hclEntry(obj, k),
        hclList,
        hclValue,
        (k) => hclEntry(obj, k) !== undefined,
      );
      if (st) out.push(st);
    }
  }
  return out;
}

/** A heredoc JSON value: a string (its `${…}` interpolations matching anything), or an interpolation standing for a value. */
function jsonValue(node: JsonNode): PolicyResource | undefined {
  if (node.kind !== 'scalar') return undefined;
  const t = node.text.trim();
  if (t.startsWith('"')) {
    const raw = t.slice(1, -1).replace(/\\(["\\/])/g, '$1');
    return { pattern: raw.replace(/\$\{[^}]*\}/g, '*') };
  }
  return { expression: t };
}

/** The statements of each heredoc JSON document in the entity. */
function heredocStatements(e: TfEntity): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  const text = e.file.source.text;
  for (const h of e.node.descendantsOfType('heredoc_template')) {
    if (!h || inTrustPolicy(h, e)) continue;
    const ids = kids(h).filter((k) => k.type === 'heredoc_identifier');
    if (ids.length < 2) continue;
    const doc = parseHeredocJson(text, ids[0].endIndex, ids[ids.length - 1].startIndex);
    const st = jsonEntry(doc, 'Statement');
    const items = st?.kind === 'array' ? st.items : st ? [st] : [];
    for (const item of items) {
      if (item.kind !== 'object') continue;
      const read = statementFromJson<JsonNode>(
        (k) => jsonEntry(item, k),
        (v) => (v.kind === 'array' ? v.items : [v]),
        jsonValue,
        (k) => jsonEntry(item, k) !== undefined,
      );
      if (read) out.push(read);
    }
  }
  return out;
}

/** The `statement` blocks of a `data "aws_iam_policy_document"` (`effect` defaults to Allow). */
function documentStatements(e: TfEntity): PolicyStatement[] {
  return nestedBlocks(e.body, 'statement').flatMap((block): PolicyStatement[] => {
    const body = bodyOf(block);
    const effectNode = attrValue(attribute(body, 'effect'));
    const effect = effectNode ? stringValue(effectNode) : 'Allow';
    if (effect !== 'Allow' && effect !== 'Deny') return [];
    const values = (name: string): PolicyResource[] | undefined => {
      const v = attrValue(attribute(body, name));
      return v ? hclList(v).flatMap((x) => hclValue(x) ?? []) : undefined;
    };
    const patterns = (name: string): string[] | undefined => values(name)?.flatMap((v) => ('pattern' in v ? [v.pattern] : []));
    const actions = patterns('actions');
    const notActions = patterns('not_actions');
    const resources = values('resources');
    const notResources = values('not_resources');
    return [
      {
        effect,
        ...(actions ? { actions } : {}),
        ...(notActions ? { notActions } : {}),
        ...(resources ? { resources } : {}),
        ...(notResources ? { notResources } : {}),
        conditional: nestedBlocks(body, 'condition').length > 0,
      },
    ];
  });
}

/** Every IAM statement an entity writes (none for an entity that writes no policy). */
export function entityStatements(e: TfEntity): PolicyStatement[] {
  if (e.kind === 'data' && e.type === 'aws_iam_policy_document') return documentStatements(e);
  if (!/^aws_iam_/.test(e.type)) return [];
  return [...jsonencodedStatements(e), ...heredocStatements(e)];
}
