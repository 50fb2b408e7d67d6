import { isMap, isSeq, type YAMLMap } from 'yaml';
import { statementFromJson, type PolicyResource, type PolicyStatement } from '../aws/iam-policy.js';
import type { CfnContext } from './context.js';
import { listOf, mapAt, textOf, type Resource } from './parse.js';
import { collectRefs, intrinsicOf } from './refs.js';

/**
 * A value of a statement as a pattern or an expression: a string; `Fn::Sub` (its `${…}` placeholders match anything);
 * `Fn::Join` of strings and expressions (each expression matching anything); any other intrinsic is an expression.
 */
function valueOf(node: unknown): PolicyResource | undefined {
  const call = intrinsicOf(node);
  if (!call) {
    const text = textOf(node);
    return text === undefined ? undefined : { pattern: text };
  }
  if (call.fn === 'Fn::Sub') {
    const template = textOf(isSeq(call.arg) ? call.arg.items[0] : call.arg);
    if (template !== undefined) return { pattern: template.replace(/\$\{[^}]*\}/g, '*') };
  }
  if (call.fn === 'Fn::Join' && isSeq(call.arg)) {
    const [sep, parts] = call.arg.items;
    const delimiter = textOf(sep);
    if (delimiter !== undefined && isSeq(parts)) {
      const texts = parts.items.map((p) => {
        const v = valueOf(p);
        return v && 'pattern' in v ? v.pattern : '*';
      });
      return { pattern: texts.join(delimiter) };
    }
  }
  return { expression: call.fn };
}

/** The statements of one policy document node (`Statement`: a list or one statement). */
export function documentStatements(doc: unknown): PolicyStatement[] {
  if (!isMap(doc)) return [];
  return listOf(doc.get('Statement', true)).flatMap((st) => {
    if (!isMap(st)) return [];
    const read = statementFromJson<unknown>(
      (key) => st.get(key, true) ?? undefined,
      (v) => (isSeq(v) && !intrinsicOf(v) ? v.items : [v]),
      valueOf,
      (key) => st.has(key),
    );
    return read ? [read] : [];
  });
}

/**
 * The statements of a `Policies` property: a role's `[{PolicyName, PolicyDocument}]`, or a SAM function's list of
 * documents (`{Statement: …}`); managed policy names and SAM policy templates are not statements graft can read.
 */
function policiesStatements(policies: unknown): PolicyStatement[] {
  return listOf(policies).flatMap((p) => {
    if (!isMap(p)) return [];
    if (p.has('PolicyDocument')) return documentStatements(p.get('PolicyDocument', true));
    if (p.has('Statement')) return documentStatements(p);
    return [];
  });
}

/** Whether a resource list property (`Roles`, `ManagedPolicyArns`) names the template's resource `id`. */
function names(props: YAMLMap | undefined, key: string, id: string): boolean {
  const value = props?.get(key, true);
  return value !== undefined && collectRefs(value).some((r) => r.target === id);
}

/**
 * Every statement the template gives a consumer's identity: the consumer's own `Policies` (a SAM function whose role
 * SAM makes; an event source mapping's function's), and for the template's role it runs as, the role's `Policies`, its
 * `ManagedPolicyArns` that are the template's `AWS::IAM::ManagedPolicy`, and every `AWS::IAM::Policy` or
 * `AWS::IAM::ManagedPolicy` whose `Roles` name it. Dropped resources give none.
 */
export function identityStatements(ctx: CfnContext, consumer: Resource, role: Resource | undefined): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  const own = [consumer];
  if (consumer.type === 'AWS::Lambda::EventSourceMapping') {
    const fn = collectRefs(mapAt(consumer.node, 'Properties')?.get('FunctionName', true))
      .map((x) => ctx.a.byId.get(x.target))
      .find((r) => r !== undefined && r !== consumer);
    if (fn) own.push(fn);
  }
  for (const r of own) out.push(...policiesStatements(mapAt(r.node, 'Properties')?.get('Policies', true)));
  if (!role) return out;
  const roleProps = mapAt(role.node, 'Properties');
  out.push(...policiesStatements(roleProps?.get('Policies', true)));
  for (const r of ctx.a.byId.values()) {
    if (ctx.a.dropped.has(r.id) || (r.type !== 'AWS::IAM::Policy' && r.type !== 'AWS::IAM::ManagedPolicy')) continue;
    const props = mapAt(r.node, 'Properties');
    const attached =
      names(props, 'Roles', role.id) || (r.type === 'AWS::IAM::ManagedPolicy' && names(roleProps, 'ManagedPolicyArns', r.id));
    if (attached) out.push(...documentStatements(props?.get('PolicyDocument', true)));
  }
  return out;
}
