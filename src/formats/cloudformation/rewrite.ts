import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { Bindings } from '../../bindings/types.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { Edit } from '../../core/edit.js';
import { fileId, type Plan } from '../../plan/types.js';
import type { CustomerKafka } from '../../spec/types.js';
import type { TemplateAnalysis } from './analyze.js';
import { planId, report, specSecrets, type CfnContext } from './context.js';
import { rewriteEcs } from './ecs.js';
import { CfnEditor } from './edit.js';
import { rewriteIam, rewriteSecurityGroups } from './iam.js';
import { rewriteEventSources, rewriteLambdaEnv } from './lambda.js';
import { TemplateParameters, type GraftParameter } from './params.js';
import { rewritePipes } from './pipes.js';
import { checkUserDataClients } from './userdata.js';
import { listOf, mapAt, pairOf, sectionOf, spanOf, textOf } from './parse.js';
import { collectRefs, resourceRefs, subNames, type Reference } from './refs.js';
import type { CfnValue } from './render.js';

/** What rewriting a nested stack's template took away from its interface, for the template that creates the stack. */
export interface NestedOutcome {
  /** The child template's path. */
  path: string;
  /** Parameters the rewrite removed: the parent must stop passing them. */
  removedParameters: Set<string>;
  /** Outputs the rewrite removed: the parent can no longer read them. */
  removedOutputs: Set<string>;
  /** The Graft parameters the rewrite declared: the parent declares them too and passes them on. */
  addedParameters: GraftParameter[];
}

/**
 * Rewrites one template: consumers first (they may drop more), then removals, then every remaining use. `nested` gives,
 * by logical id of each nested stack the template creates from a local file, what that child's rewrite removed.
 */
export function rewriteTemplate(
  a: TemplateAnalysis,
  spec: CustomerKafka,
  bindings: Bindings | undefined,
  plan: Plan,
  nested: ReadonlyMap<string, NestedOutcome> = new Map(),
): { edits: Edit[]; diagnostics: Diagnostic[]; parametersFile?: string; outcome: Omit<NestedOutcome, 'path'> } {
  const ctx: CfnContext = {
    a,
    ed: new CfnEditor(a.t),
    spec,
    ...(bindings ? { bindings } : {}),
    params: new TemplateParameters(),
    plan,
    diagnostics: [],
    handled: new Set(),
    secrets: specSecrets(spec),
  };
  rewriteIam(ctx);
  rewriteSecurityGroups(ctx);
  rewriteEventSources(ctx);
  rewritePipes(ctx);
  rewriteEcs(ctx);
  rewriteLambdaEnv(ctx);
  const passedOn = rewireNestedStacks(ctx, nested);
  const orphans = orphanedParameters(ctx);
  removeDropped(ctx, orphans, passedOn);
  const removedOutputs = rewireOutputs(ctx, nested);
  rewireRemaining(ctx);
  checkUserDataClients(ctx, a.dropped.size > 0 || a.droppedParameters.size > 0 || removedOutputs.size > 0);
  for (const k of a.kept) {
    ctx.plan.notes.push(
      `${a.t.source.path}: ${k.id} (${k.type}) served the dropped MSK resources but stays: ${k.users.join(', ')} still use it`,
    );
  }
  if (a.t.resources.every((r) => a.dropped.has(r.id))) keepDeployable(ctx);
  ctx.params.write(ctx.ed, a.t);
  const params = sectionOf(a.t, 'Parameters');
  if (params && params.items.length > 0 && params.items.every((q) => ctx.ed.isRemoved(params, q))) {
    const pair = a.t.root.items.find((q) => textOf(q.key) === 'Parameters');
    if (pair) ctx.ed.remove(a.t.root, pair);
  }
  const file = ctx.params.file();
  return {
    edits: ctx.ed.result(),
    diagnostics: ctx.diagnostics,
    ...(file ? { parametersFile: file } : {}),
    outcome: { removedParameters: new Set(a.droppedParameters), removedOutputs, addedParameters: ctx.params.list() },
  };
}

/**
 * Nested stacks whose template graft rewrote: the parameters the child no longer declares are no longer passed (a
 * stack given an undeclared parameter fails to create), and a `Fn::GetAtt Child.Outputs.X` of an output the child lost
 * stops the compile at its place.
 */
function rewireNestedStacks(ctx: CfnContext, nested: ReadonlyMap<string, NestedOutcome>): Set<string> {
  const { a } = ctx;
  const passedOn = new Set<string>();
  for (const r of a.t.resources) {
    const child = nested.get(r.id);
    if (!child || a.dropped.has(r.id)) continue;
    const props = mapAt(r.node, 'Properties');
    const params = props?.get('Parameters', true);
    // the child's Graft parameters come from the top: declared here too and passed on, so one value reaches the tree
    const passed = new Set(isMap(params) ? params.items.map((p) => textOf(p.key) ?? '') : []);
    const add = child.addedParameters.filter((p) => !passed.has(p.name)).map((p) => [p.name, ctx.params.use(p)] as [string, CfnValue]);
    if (add.length > 0)
      ctx.plan.notes.push(
        `${r.id}: passes ${add.map(([n]) => n).join(', ')} on to ${child.path}, whose parameters graft added (their values are set once, here)`,
      );
    if (!isMap(params)) {
      if (props && add.length > 0) ctx.ed.appendEntries(props, [['Parameters', Object.fromEntries(add)]]);
      continue;
    }
    const gone = params.items.filter((p) => child.removedParameters.has(textOf(p.key) ?? ''));
    for (const p of gone) {
      for (const x of collectRefs(p.value)) {
        ctx.handled.add(x.node);
        passedOn.add(x.target);
      }
      ctx.plan.removed.push({
        kind: 'env',
        name: `Parameters.${textOf(p.key) ?? ''}`,
        from: r.id,
        fromId: planId(ctx, r),
        reason: `${child.path} no longer declares it (graft removed it there)`,
        at: spanOf(a.t.source, p.key as Node),
      });
    }
    const pair = props ? pairOf(props, 'Parameters') : undefined;
    if (add.length === 0 && gone.length > 0 && gone.length === params.items.length && props && pair) ctx.ed.remove(props, pair);
    else for (const p of gone) ctx.ed.remove(params, p);
    ctx.ed.appendEntries(params, add);
  }
  const sites = [
    ...a.t.resources.filter((r) => !a.dropped.has(r.id)).flatMap((r) => resourceRefs(r.node)),
    ...collectRefs(sectionOf(a.t, 'Conditions')),
  ];
  for (const x of sites) {
    const child = nested.get(x.target);
    const output = x.attr?.startsWith('Outputs.') ? x.attr.slice('Outputs.'.length) : undefined;
    if (!child || output === undefined || !child.removedOutputs.has(output) || a.dropped.has(x.target) || ctx.handled.has(x.node)) continue;
    report(
      ctx,
      'CFN_NESTED_OUTPUT_REMOVED',
      'error',
      x.node,
      `${x.target}.Outputs.${output} is no longer an output of ${child.path}: graft removed it there because it exposed the dropped MSK cluster`,
      "take the customer's cluster settings from graft's GraftKafka* parameters instead, or remove this use, then compile again",
    );
  }
  return passedOn;
}

/**
 * Parameters every use of which a consumer rewrite replaced or removed (the vendor's cluster ARN or secret of an event
 * source): they go like those only dropped resources used.
 */
function orphanedParameters(ctx: CfnContext): Set<string> {
  const { a } = ctx;
  const uses = new Map<string, Node[]>();
  const note = (refs: Reference[]): void => {
    for (const x of refs) uses.set(x.target, [...(uses.get(x.target) ?? []), x.node]);
  };
  for (const r of a.t.resources) if (!a.dropped.has(r.id)) note(resourceRefs(r.node));
  note(collectRefs(sectionOf(a.t, 'Outputs')));
  note(collectRefs(sectionOf(a.t, 'Conditions')));
  note(collectRefs(a.t.root.get('Rules', true)));
  note(collectRefs(a.t.root.get('Mappings', true)));
  note(collectRefs(a.t.root.get('Metadata', true)).filter((x) => x.via !== 'Ref'));
  const out = new Set<string>();
  const graft = new Set(ctx.params.list().map((p) => p.name));
  const section = sectionOf(a.t, 'Parameters')?.items ?? [];
  for (const p of section) {
    const name = textOf(p.key) ?? '';
    const nodes = uses.get(name) ?? [];
    if (a.droppedParameters.has(name) || graft.has(name) || nodes.length === 0 || !nodes.every((n) => ctx.handled.has(n))) continue;
    out.add(name);
  }
  // a section emptied here and refilled with graft's parameters would be both removed and rewritten: keep it whole
  if (section.every((p) => out.has(textOf(p.key) ?? '') || a.droppedParameters.has(textOf(p.key) ?? ''))) return new Set();
  for (const name of out) a.droppedParameters.add(name);
  return out;
}

function removeDropped(ctx: CfnContext, orphans: Set<string>, passedOn: ReadonlySet<string>): void {
  const { a, ed } = ctx;
  const t = a.t;
  const resources = sectionOf(t, 'Resources');
  for (const r of t.resources) {
    if (!a.dropped.has(r.id) || !resources) continue;
    ed.remove(resources, r.pair);
    const why = a.dropped.get(r.id);
    ctx.plan.dropped.push({
      service: r.id,
      id: planId(ctx, r),
      role: `${why?.role ?? r.type} (${r.type})`,
      reason: why?.reason ?? '',
      at: spanOf(t.source, r.pair.key as Node),
    });
  }
  for (const [name, ids] of [
    ['Parameters', a.droppedParameters],
    ['Conditions', a.droppedConditions],
  ] as const) {
    const section = sectionOf(t, name);
    for (const p of section?.items ?? []) {
      const id = textOf(p.key) ?? '';
      if (!ids.has(id) || !section) continue;
      if (name === 'Conditions' && section.items.every((q) => ids.has(textOf(q.key) ?? ''))) {
        const pair = t.root.items.find((q) => textOf(q.key) === name);
        if (pair) ed.remove(t.root, pair);
      } else ed.remove(section, p);
      ctx.plan.removed.push({
        kind: 'env',
        name: `${name}.${id}`,
        fromId: fileId('cloudformation', t.source.path, name),
        reason: a.lookups.has(id)
          ? "it carried the dropped cluster's bootstrap brokers; its uses read GraftKafkaBootstrapServers"
          : !orphans.has(id)
            ? 'only dropped MSK resources used it'
            : passedOn.has(id)
              ? 'it was only passed on to nested stack parameters graft removed'
              : 'only the MSK event source graft replaced used it',
        at: spanOf(t.source, p.key as Node),
      });
    }
  }
  removeInterfaceEntries(ctx);
  // DependsOn on dropped resources
  for (const r of t.resources) {
    if (a.dropped.has(r.id)) continue;
    const dep = r.node.items.find((p) => textOf(p.key) === 'DependsOn');
    if (!dep) continue;
    const gone = listOf(dep.value).filter((n) => a.dropped.has(textOf(n) ?? ''));
    if (gone.length === 0) continue;
    for (const g of gone) {
      ctx.handled.add(g as Node);
      ctx.plan.removed.push({
        kind: 'depends_on',
        name: textOf(g) ?? '',
        from: r.id,
        fromId: planId(ctx, r),
        reason: 'it is dropped',
        at: spanOf(t.source, g as Node),
      });
    }
    if (!isSeq(dep.value) || gone.length === dep.value.items.length) ed.remove(r.node, dep);
    else for (const g of gone) ed.remove(dep.value, g as Node);
  }
}

// Metadata AWS::CloudFormation::Interface names parameters in groups and labels
function removeInterfaceEntries(ctx: CfnContext): void {
  const meta = ctx.a.t.root.get('Metadata', true);
  const iface = isMap(meta) ? meta.get('AWS::CloudFormation::Interface', true) : undefined;
  if (!isMap(iface)) return;
  const gone = ctx.a.droppedParameters;
  const groups = iface.get('ParameterGroups', true);
  for (const g of isSeq(groups) ? groups.items : []) {
    const list = isMap(g) ? g.get('Parameters', true) : undefined;
    if (!isSeq(list)) continue;
    const drop = list.items.filter((i) => gone.has(textOf(i) ?? ''));
    if (drop.length === list.items.length && drop.length > 0 && isSeq(groups)) ctx.ed.remove(groups, g as Node);
    else for (const d of drop) ctx.ed.remove(list, d as Node);
  }
  const labels = iface.get('ParameterLabels', true);
  if (isMap(labels)) for (const p of labels.items) if (gone.has(textOf(p.key) ?? '')) ctx.ed.remove(labels, p);
}

/**
 * Outputs that exposed a dropped resource go; so do outputs passing on a nested stack's output that graft removed
 * there (the template's own parent then sees them removed in turn).
 */
function rewireOutputs(ctx: CfnContext, nested: ReadonlyMap<string, NestedOutcome>): Set<string> {
  const { a } = ctx;
  const removed = new Set<string>();
  const outputs = sectionOf(a.t, 'Outputs');
  const goneFromChild = (x: Reference): boolean => {
    const output = x.attr?.startsWith('Outputs.') ? x.attr.slice('Outputs.'.length) : undefined;
    return output !== undefined && !a.dropped.has(x.target) && (nested.get(x.target)?.removedOutputs.has(output) ?? false);
  };
  for (const p of outputs?.items ?? []) {
    const all = collectRefs(p.value);
    const refs = all.filter((x) => a.dropped.has(x.target) || goneFromChild(x));
    if (refs.length === 0) continue;
    const name = textOf(p.key) ?? '';
    if (refs.every((x) => a.lookups.has(x.target))) continue; // rewired with every other look-up use
    for (const x of collectRefs(p.value)) ctx.handled.add(x.node);
    if (outputs) ctx.ed.remove(outputs, p);
    removed.add(name);
    if (outputs && outputs.items.every((q) => ctx.ed.isRemoved(outputs, q))) {
      const pair = a.t.root.items.find((q) => textOf(q.key) === 'Outputs');
      if (pair) ctx.ed.remove(a.t.root, pair);
    }
    const exported = isMap(p.value) && p.value.get('Export', true) !== undefined;
    ctx.plan.removed.push({
      kind: 'env',
      name: `Outputs.${name}`,
      fromId: fileId('cloudformation', a.t.source.path, 'Outputs'),
      reason: refs.every(goneFromChild)
        ? `it passed on ${[...new Set(refs.map((x) => `${x.target}.${x.attr ?? ''}`))].join(', ')}, which graft removed from ${[...new Set(refs.map((x) => nested.get(x.target)?.path ?? x.target))].join(', ')}`
        : `it exposed ${[...new Set(refs.filter((x) => a.dropped.has(x.target)).map((x) => x.target))].join(', ')}, which is dropped`,
      at: spanOf(a.t.source, p.key as Node),
    });
    if (exported) {
      ctx.plan.notes.push(
        `Output ${name} was exported; stacks that Fn::ImportValue it must now take the customer's cluster settings instead (graft cannot see other stacks)`,
      );
    }
  }
  return removed;
}

/** Rewires every use of a bootstrap look-up left in kept resources, outputs and conditions; anything else is an error. */
function rewireRemaining(ctx: CfnContext): void {
  const { a } = ctx;
  const sites: { refs: Reference[]; where: string; userData?: Node }[] = [];
  for (const r of a.t.resources) {
    if (a.dropped.has(r.id)) continue;
    const userData =
      mapAt(r.node, 'Properties')?.get('UserData', true) ?? mapAt(r.node, 'Properties', 'LaunchTemplateData')?.get('UserData', true);
    sites.push({ refs: resourceRefs(r.node), where: `resource ${r.id}`, ...(isNode(userData) ? { userData } : {}) });
  }
  const outputs = sectionOf(a.t, 'Outputs');
  for (const p of outputs?.items ?? [])
    if (!ctx.ed.isRemoved(outputs as YAMLMap, p)) sites.push({ refs: collectRefs(p.value, [], p), where: `output ${textOf(p.key) ?? ''}` });
  const conds = sectionOf(a.t, 'Conditions');
  for (const p of conds?.items ?? [])
    if (!a.droppedConditions.has(textOf(p.key) ?? ''))
      sites.push({ refs: collectRefs(p.value, [], p), where: `condition ${textOf(p.key) ?? ''}` });
  const subsDone = new Set<Node>();
  for (const { refs, where, userData } of sites) {
    for (const x of refs) {
      if (!a.dropped.has(x.target) || ctx.handled.has(x.node)) continue;
      if (a.lookups.has(x.target) && x.via !== 'DependsOn' && x.via !== 'Condition') {
        rewireLookupUse(ctx, x, subsDone);
        continue;
      }
      const what = a.byId.get(x.target)?.type ?? x.target;
      if (userData && within(x.node, userData)) {
        report(
          ctx,
          'CFN_UNREWIRABLE_REFERENCE',
          'error',
          x.node,
          `${where} passes ${x.target}${x.attr ? `.${x.attr}` : ''} (${what}, dropped) into its UserData script: a host that runs Kafka tools or the MSK API against the cluster from a shell script, whose client settings graft cannot rewrite for the customer's cluster (${describeCluster(ctx)})`,
          "this is the stack's own Kafka client host: remove the instance (or its script's use of the cluster) before compiling, and run such tools against the customer's cluster with the settings the handoff lists",
        );
        continue;
      }
      report(
        ctx,
        'CFN_UNREWIRABLE_REFERENCE',
        'error',
        x.node,
        `${where} uses ${x.target}${x.attr ? `.${x.attr}` : ''} (${what}) through ${x.via}, which is dropped, and graft has no customer equivalent for this use`,
        a.clusters.has(x.target)
          ? "a kept resource that needs the MSK cluster ARN itself (e.g. to call the MSK API) cannot work with the customer's cluster: remove that use, or give the value through a template parameter"
          : 'remove this use, or keep the resource out of the stack before compiling',
      );
    }
  }
}

function isNode(n: unknown): n is Node {
  return typeof n === 'object' && n !== null && 'range' in n;
}

function within(node: Node, outer: Node): boolean {
  const [s, e] = [node.range?.[0] ?? -1, node.range?.[1] ?? -1];
  return outer.range !== undefined && outer.range !== null && s >= outer.range[0] && e <= outer.range[1];
}

// the customer's cluster as a client must meet it: protocol, mechanism, the role to assume, the name prefixes
function describeCluster(ctx: CfnContext): string {
  const { spec } = ctx;
  const parts = [spec.securityProtocol + (spec.sasl ? ` with ${spec.sasl.mechanism}` : '')];
  const role = spec.sasl?.mechanism === 'AWS_MSK_IAM' ? spec.sasl.aws?.roleArn : undefined;
  if (role) parts.push(`assuming ${role}`);
  if (spec.topics?.prefix) parts.push(`topics under ${spec.topics.prefix}`);
  return parts.join(', ');
}

function rewireLookupUse(ctx: CfnContext, x: Reference, subsDone: Set<Node>): void {
  const param = ctx.params.bootstrap(ctx.spec.bootstrapServers);
  ctx.handled.add(x.node);
  if (x.via === 'Sub') {
    if (subsDone.has(x.node) || !isScalar(x.node) || typeof x.node.value !== 'string') return;
    subsDone.add(x.node);
    const text = x.node.value.replace(/\$\{([^!}][^}]*)\}/g, (m, raw: string) => {
      const [n] = subNames(`\${${raw}}`);
      return n && ctx.a.lookups.has(n.name) ? `\${${param.arg as string}}` : m;
    });
    ctx.ed.setString(x.node, text);
    return;
  }
  ctx.ed.replaceNode(x.node, param, x.pair && x.pair.value === x.node ? x.pair : undefined);
}

// a template whose every resource went (a stack that only ran MSK) keeps one inert resource so it stays deployable
function keepDeployable(ctx: CfnContext): void {
  const resources = sectionOf(ctx.a.t, 'Resources');
  if (!resources) return;
  ctx.ed.appendEntries(resources, [['GraftNoKafkaResources', { Type: 'AWS::CloudFormation::WaitConditionHandle' }]]);
  ctx.plan.notes.push(
    `${ctx.a.t.source.path}: every resource of this template served the dropped MSK cluster; graft left one inert AWS::CloudFormation::WaitConditionHandle so the template stays valid — consider deleting the stack instead`,
  );
}
