import type { WorkloadAccount } from '../types.js';
import { awsIdentityOn } from '../../spec/aws-identity.js';
import { samePlanId, workloadId } from '../../plan/types.js';
import { planId, type TfContext } from './context.js';
import { envTargets, targetId } from './clients.js';
import { firstOfType, type Node } from './hcl.js';
import { attribute, attrValue, bodyOf, nestedBlocks, refsWithin, stringValue, type TfEntity, type TfFile } from './parse.js';
import { hclString, PREFIX } from './variables.js';

/** The annotation that binds a ServiceAccount to an IAM role on EKS (IRSA), as Kubernetes manifests get it. */
const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';

const SERVICE_ACCOUNT = /^kubernetes_service_account(_v1)?$/;

const accounts = new WeakMap<TfContext, WorkloadAccount[]>();

/** The ServiceAccounts the rewired Kubernetes-provider workloads of a module run as (AWS_MSK_IAM on EKS). */
export function workloadAccountsOf(ctx: TfContext): WorkloadAccount[] {
  return accounts.get(ctx) ?? [];
}

/**
 * AWS_MSK_IAM on Kubernetes-provider workloads: every rewired workload must run as the customer's role. Names and
 * namespaces given as expressions are resolved where the module says their value (`resolveString`). With IRSA the
 * `kubernetes_service_account(_v1)` of the module its `service_account_name` names gets the role annotation in its
 * `metadata`; a ServiceAccount the module does not declare is left to the handoff (the `kubectl annotate` command);
 * with EKS Pod Identity the handoff gives the association per ServiceAccount. A workload that names no ServiceAccount
 * runs as the namespace's `default`, which graft does not bind to the role (every pod of the namespace would get it):
 * it gets a `kubernetes_service_account(_v1)` of its own (`<workload>-kafka`, after the workload's block, annotated
 * with the role for IRSA) and `service_account_name` naming it, as Kubernetes manifests do.
 */
export function bindTfWorkloadIdentity(ctx: TfContext): void {
  const identity = awsIdentityOn(ctx.spec, 'Kubernetes');
  const role = ctx.spec.sasl?.aws?.roleArn;
  if ((identity !== 'irsa' && identity !== 'eksPodIdentity') || !role) return;
  const out: WorkloadAccount[] = [];
  for (const e of ctx.mod.entities.values()) {
    if (e.kind !== 'resource' || ctx.dropped.has(e.address)) continue;
    const targets = envTargets(e).filter((t) => t.kind === 'k8s');
    const workload = planId(e);
    const items = ctx.plan.rewired.filter((i) => i.id.container !== undefined && samePlanId(workloadId(i.id), workload));
    const container = targets.find((t) => items.some((i) => samePlanId(i.id, targetId(t))))?.container;
    // the pod spec is the block that holds the containers
    const podSpec = container?.parent?.parent;
    if (!container || podSpec?.type !== 'block') continue;
    const metadata = nestedBlocks(e.body, 'metadata')[0];
    const ns = resolveString(ctx, e.file, attrValue(attribute(metadata ? bodyOf(metadata) : undefined, 'namespace')));
    const namespace = ns.value;
    const where = {
      ...(namespace !== undefined ? { namespace } : {}),
      ...(ns.unresolved ? { unresolved: { namespace: ns.unresolved } } : {}),
    };
    const attr = attribute(bodyOf(podSpec), 'service_account_name');
    const value = attrValue(attr);
    const note = (text: string): void => {
      for (const item of items) item.notes.push(text);
    };
    const declared = attr ? serviceAccountOf(ctx, e, attr) : undefined;
    const literal = stringValue(value);
    const resolved = declared || !value ? undefined : resolveString(ctx, e.file, value);
    if (!declared && value && literal === undefined && resolved?.value === undefined) {
      note(
        `runs as the ServiceAccount ${value.text}, which graft cannot resolve (${resolved?.unresolved ?? value.text}): bind it to ${role} (${identity === 'irsa' ? IRSA_ANNOTATION : 'EKS Pod Identity'})`,
      );
      out.push({
        workload: e.address,
        ...(namespace !== undefined ? { namespace } : {}),
        serviceAccount: value.text,
        state: 'external',
        unresolved: { ...where.unresolved, serviceAccount: resolved?.unresolved ?? value.text },
      });
      continue;
    }
    // no ServiceAccount named, or the namespace's default by name: its own one (a `default` through a variable stays the caller's)
    if (!declared && (value === undefined || literal === 'default')) {
      const created = createServiceAccount(ctx, e, podSpec, identity === 'irsa' ? role : undefined);
      note(
        `runs as the new ServiceAccount ${created.name} (${created.address}; it ran as the namespace's default), ` +
          (identity === 'irsa' ? `annotated ${IRSA_ANNOTATION}: ${role}` : 'for its EKS Pod Identity association'),
      );
      out.push({ workload: e.address, ...where, serviceAccount: created.name, state: 'created' });
      continue;
    }
    const saMeta = declared ? nestedBlocks(declared.body, 'metadata')[0] : undefined;
    const name = declared
      ? (resolveString(ctx, declared.file, attrValue(attribute(saMeta ? bodyOf(saMeta) : undefined, 'name'))).value ?? declared.address)
      : (literal ?? resolved?.value ?? '');
    let state: WorkloadAccount['state'];
    if (declared && identity === 'irsa' && saMeta) {
      annotate(ctx, declared, saMeta, role);
      state = 'annotated';
      note(`its ServiceAccount ${declared.address} is annotated ${IRSA_ANNOTATION}: ${role}`);
    } else {
      state = declared ? 'declared' : 'external';
      note(
        identity === 'irsa'
          ? `runs as ServiceAccount ${name}, which the module does not declare: annotate it with ${IRSA_ANNOTATION}: ${role} (the handoff says how)`
          : `runs as ServiceAccount ${name}, for its EKS Pod Identity association`,
      );
    }
    out.push({ workload: e.address, ...where, serviceAccount: name, state });
  }
  accounts.set(ctx, out);
}

const NAMED = /^kubernetes_(?:namespace|service_account)(?:_v1)?$/;

/**
 * The string an expression of the module stands for, where the module says it: a literal, a local, a variable's
 * default, or the `metadata[0].name` of a namespace or ServiceAccount it declares (followed through each other);
 * otherwise `unresolved` says what it is and why its value is not known before `terraform apply`.
 */
export function resolveString(ctx: TfContext, file: TfFile, node: Node | undefined, depth = 0): { value?: string; unresolved?: string } {
  if (!node) return {};
  const literal = stringValue(node);
  if (literal !== undefined) return { value: literal };
  const refs = refsWithin(ctx.mod, file, node.startIndex, node.endIndex);
  const only = refs.length === 1 && refs[0] && refs[0].start === node.startIndex && refs[0].end === node.endIndex ? refs[0] : undefined;
  const target = only ? ctx.mod.entities.get(only.target) : undefined;
  const unknown = `\`${node.text}\` is only known when Terraform evaluates it`;
  if (!target || depth > 8) return { unresolved: unknown };
  const via = (r: { value?: string; unresolved?: string }): { value?: string; unresolved?: string } =>
    r.value !== undefined ? r : { unresolved: `\`${node.text}\` → ${r.unresolved ?? ''}` };
  if (target.kind === 'variable') {
    const def = attrValue(attribute(target.body, 'default'));
    if (!def)
      return {
        unresolved: `\`${node.text}\` has no default: its value comes from the caller (a \`-var\`, a \`.tfvars\` file, the module's caller)`,
      };
    return via(resolveString(ctx, target.file, def, depth + 1));
  }
  if (target.kind === 'local') return via(resolveString(ctx, target.file, attrValue(target.node), depth + 1));
  if (target.kind === 'resource' && NAMED.test(target.type) && only?.attr === 'metadata' && /\.name$/.test(node.text)) {
    const meta = nestedBlocks(target.body, 'metadata')[0];
    return via(resolveString(ctx, target.file, attrValue(attribute(meta ? bodyOf(meta) : undefined, 'name')), depth + 1));
  }
  return { unresolved: unknown };
}

/**
 * Gives a workload that ran as `default` a ServiceAccount of its own: a `kubernetes_service_account(_v1)` (the kind of
 * resource the workload's own type is) after the workload's block, in the workload's namespace (its expression, as
 * written), annotated with the role for IRSA; the pod spec's `service_account_name` names it.
 */
function createServiceAccount(ctx: TfContext, e: TfEntity, podSpec: Node, role: string | undefined): { name: string; address: string } {
  const file = e.file;
  const metadata = bodyOf(nestedBlocks(e.body, 'metadata')[0]);
  const name = `${stringValue(attrValue(attribute(metadata, 'name'))) ?? e.name}-kafka`;
  const namespace = attrValue(attribute(metadata, 'namespace'))?.text;
  const type = e.type.endsWith('_v1') ? 'kubernetes_service_account_v1' : 'kubernetes_service_account';
  const taken = (label: string): boolean => ctx.mod.entities.has(`${type}.${label}`) || createdLabels(ctx).has(label);
  let label = `${PREFIX}_${e.name}`;
  if (taken(label)) label = `${PREFIX}_${e.type.replace(/^kubernetes_|_v1$/g, '')}_${e.name}`;
  createdLabels(ctx).add(label);
  const address = `${type}.${label}`;
  const lines = [
    '',
    `resource "${type}" "${label}" {`,
    '  metadata {',
    ...(namespace !== undefined
      ? [`    name      = ${hclString(name)}`, `    namespace = ${namespace}`]
      : [`    name = ${hclString(name)}`]),
    ...(role !== undefined ? ['    annotations = {', `      ${hclString(IRSA_ANNOTATION)} = ${hclString(role)}`, '    }'] : []),
    '  }',
    '}',
  ];
  ctx.ed.insert(file, e.node.endIndex, '\n' + lines.join('\n'));
  const reference = `${address}.metadata[0].name`;
  const attr = attribute(bodyOf(podSpec), 'service_account_name');
  const value = attrValue(attr);
  if (value) ctx.ed.replace(file, value.startIndex, value.endIndex, reference);
  else {
    const first = bodyOf(podSpec)?.firstNamedChild;
    // a blank line after it unless a block follows, so `terraform fmt` aligns no attribute of the spec with it
    const gap = first?.type === 'attribute' ? '\n' : '';
    if (first)
      ctx.ed.insert(file, first.startIndex, `service_account_name = ${reference}\n${gap}${indentOf(file.source.text, first.startIndex)}`);
  }
  return { name, address };
}

const created = new WeakMap<TfContext, Set<string>>();

/** The labels of the ServiceAccounts graft added to a module in this compile. */
function createdLabels(ctx: TfContext): Set<string> {
  let s = created.get(ctx);
  if (!s) created.set(ctx, (s = new Set()));
  return s;
}

/** The module's `kubernetes_service_account(_v1)` a `service_account_name` refers to. */
function serviceAccountOf(ctx: TfContext, e: TfEntity, attr: NonNullable<ReturnType<typeof attribute>>): TfEntity | undefined {
  const refs = refsWithin(ctx.mod, e.file, attr.startIndex, attr.endIndex);
  const t = refs.length === 1 ? ctx.mod.entities.get(refs[0].target) : undefined;
  return t && t.kind === 'resource' && SERVICE_ACCOUNT.test(t.type) && !ctx.dropped.has(t.address) ? t : undefined;
}

/** Sets the IRSA annotation in a ServiceAccount's `metadata`: in its `annotations` map, or a new one. */
function annotate(ctx: TfContext, sa: TfEntity, metadata: NonNullable<ReturnType<typeof bodyOf>>, role: string): void {
  const file = sa.file;
  const body = bodyOf(metadata);
  const annotations = attrValue(attribute(body, 'annotations'));
  const entry = `${hclString(IRSA_ANNOTATION)} = ${hclString(role)}`;
  const obj = annotations ? firstOfType(annotations, 'object') : undefined;
  if (annotations && !obj) return;
  if (obj) {
    const existing = obj.descendantsOfType('object_elem').find((el) => stringValue(el?.childForFieldName('key')) === IRSA_ANNOTATION);
    const val = existing?.childForFieldName('val');
    if (val) {
      if (stringValue(val) !== role) ctx.ed.replace(file, val.startIndex, val.endIndex, hclString(role));
      return;
    }
    const last = obj.namedChildren.filter((n) => n?.type === 'object_elem').at(-1);
    const indent = last ? indentOf(file.source.text, last.startIndex) : '';
    if (last && obj.text.includes('\n')) ctx.ed.insert(file, last.endIndex, `\n${indent}${entry}`);
    else if (last) ctx.ed.insert(file, last.endIndex, `, ${entry}`);
    else ctx.ed.replace(file, obj.startIndex, obj.endIndex, `{ ${entry} }`);
    return;
  }
  const last = body?.lastNamedChild;
  if (!last) return;
  ctx.ed.insert(
    file,
    last.endIndex,
    `\n${indentOf(file.source.text, last.startIndex)}annotations = {\n${indentOf(file.source.text, last.startIndex)}  ${entry}\n${indentOf(file.source.text, last.startIndex)}}`,
  );
}

function indentOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}
