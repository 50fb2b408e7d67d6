import { lambdaBootstrapServers, lambdaSourceAccess } from '../aws/lambda-kafka.js';
import { nameSite, type NamingOutcome } from '../../configure/naming.js';
import { usesSasl, usesTls } from '../../spec/types.js';
import { planId, useSecret, type TfContext } from './context.js';
import { firstOfType, kid, kids, type Node } from './hcl.js';
import {
  attribute,
  attrValue,
  blockType,
  bodyOf,
  nestedBlocks,
  refsWithin,
  spanOf,
  stringValue,
  type TfEntity,
  type TfFile,
} from './parse.js';
import { configureClients } from './clients.js';
import { grantRoles, needsRead } from './grants.js';
import { pollsWithRole } from './source-roles.js';
import { bindTfWorkloadIdentity } from './workload-identity.js';
import { jsonEntry, parseHeredocJson, type TextRange } from './heredoc-json.js';
import { refuseConfluentKsql, rewireConfluentConnector } from './confluent.js';

/** Rewrites the consumers of the cluster itself: event sources and IAM statements (before what only served it is known). */
export function rewireConsumers(ctx: TfContext): void {
  for (const e of ctx.mod.entities.values()) {
    if (ctx.dropped.has(e.address)) continue;
    if (e.kind === 'resource' && e.type === 'aws_lambda_event_source_mapping') rewireEventSource(ctx, e);
    if (e.kind === 'data' && e.type === 'aws_iam_policy_document') rewirePolicyDocument(ctx, e);
    if (e.kind === 'resource' && /^aws_iam_(policy|role_policy|role|user_policy|group_policy)$/.test(e.type)) {
      const jsonencoded = rewireJsonPolicies(ctx, e);
      const heredocs = rewireHeredocPolicies(ctx, e);
      emptyPolicy(ctx, e, { total: jsonencoded.total + heredocs.total, removed: jsonencoded.removed + heredocs.removed });
    }
    if (e.kind === 'module') rewireModulePolicies(ctx, e);
    if (e.kind === 'resource' && e.type === 'aws_mskconnect_connector') rewireConnector(ctx, e);
    if (e.kind === 'resource' && e.type === 'confluent_connector') rewireConfluentConnector(ctx, e);
    if (e.kind === 'resource' && e.type === 'confluent_ksql_cluster') refuseConfluentKsql(ctx, e);
  }
  dropPoliciesOfDroppedDocuments(ctx);
}

interface StatementCount {
  total: number;
  removed: number;
}

/** A standalone policy whose every statement went is dropped (its attachments follow), never left with no statement. */
function emptyPolicy(ctx: TfContext, e: TfEntity, n: StatementCount): void {
  const standalone = e.kind === 'data' || /^aws_iam_(policy|role_policy|user_policy|group_policy)$/.test(e.type);
  if (!standalone || n.total === 0 || n.removed < n.total) return;
  ctx.dropped.set(e.address, "each of its statements granted Kafka actions on the dropped cluster, which the customer's does not take");
}

/**
 * Policy documents passed to a module as arguments (`policy_json = <<EOF` of terraform-aws-modules/lambda): their
 * Kafka statements are rewritten like a resource's. A module's policy argument cannot go with its last statement —
 * the module decides what it creates from it — so a document left with none is an error.
 */
function rewireModulePolicies(ctx: TfContext, e: TfEntity): void {
  const jsonencoded = rewireJsonPolicies(ctx, e);
  const heredocs = rewireHeredocPolicies(ctx, e);
  const total = jsonencoded.total + heredocs.total;
  if (total === 0 || jsonencoded.removed + heredocs.removed < total) return;
  const at = ['policy_json', 'policy_jsons', 'policy'].map((n) => attribute(e.body, n)).find((a) => a !== undefined);
  ctx.report(
    'TF_DANGLING_REFERENCE',
    'error',
    e.file,
    at ?? e.node,
    `${e.address} passes the module a policy whose every statement grants Kafka actions on the dropped cluster, which the customer's does not take`,
    'remove the policy argument (and the module flag that attaches it), then compile again',
  );
}

/** Policies whose document is a dropped `aws_iam_policy_document` go with it. */
function dropPoliciesOfDroppedDocuments(ctx: TfContext): void {
  for (const e of ctx.mod.entities.values()) {
    if (e.kind !== 'resource' || !/^aws_iam_(policy|role_policy|user_policy|group_policy)$/.test(e.type) || ctx.dropped.has(e.address))
      continue;
    const policy = attribute(e.body, 'policy');
    if (!policy) continue;
    const refs = refsWithin(ctx.mod, e.file, policy.startIndex, policy.endIndex);
    const doc = refs.find((r) => ctx.dropped.has(r.target) && r.target.startsWith('data.aws_iam_policy_document.'));
    if (doc && refs.every((r) => ctx.dropped.has(r.target))) ctx.dropped.set(e.address, `its document ${doc.target} lost every statement`);
  }
}

/**
 * An MSK Connect connector on the dropped cluster keeps running against the customer's: MSK Connect authenticates
 * with IAM or not at all, so only an MSK IAM, PLAINTEXT or server-TLS customer cluster can take it.
 */
function rewireConnector(ctx: TfContext, e: TfEntity): void {
  const cluster = nestedBlocks(e.body, 'kafka_cluster')[0];
  if (!cluster || !refersToDropped(ctx, e.file, cluster)) return;
  const { spec } = ctx;
  const mech = usesSasl(spec.securityProtocol) ? spec.sasl?.mechanism : undefined;
  const auth = mech === 'AWS_MSK_IAM' ? 'IAM' : !mech && !spec.tls?.clientCert ? 'NONE' : undefined;
  if (!auth) {
    ctx.report(
      'TF_CONNECTOR_AUTH_UNSUPPORTED',
      'error',
      e.file,
      cluster,
      `${e.address}: MSK Connect authenticates with IAM or not at all, and the customer's cluster needs ${mech ?? 'mTLS'}`,
      'run the connector on a Connect cluster of your own (a Kafka Connect client graft can configure), or ask for an IAM or unauthenticated listener',
    );
    return;
  }
  const set = (block: string, attr: string, value: string): void => {
    const b = nestedBlocks(e.body, block)[0];
    const v = attrValue(attribute(b ? bodyOf(b) : undefined, attr));
    if (v && stringValue(v) !== value) ctx.ed.replace(e.file, v.startIndex, v.endIndex, `"${value}"`);
  };
  set('kafka_cluster_client_authentication', 'authentication_type', auth);
  set('kafka_cluster_encryption_in_transit', 'encryption_type', usesTls(spec.securityProtocol) ? 'TLS' : 'PLAINTEXT');
  ctx.plan.rewired.push({
    service: e.address,
    id: planId(e),
    family: 'msk-connect',
    matched: ['kafka_cluster.apache_kafka_cluster.bootstrap_servers'],
    changed: [`authentication_type = ${auth}`, `encryption_type = ${usesTls(spec.securityProtocol) ? 'TLS' : 'PLAINTEXT'}`],
    notes: ['its vpc block must reach the customer brokers: check the subnets and security groups'],
    at: spanOf(e.file, e.node),
  });
}

/** After everything dropped is known: security group rules and depends_on entries that named it, then client settings. */
export function finishConsumers(ctx: TfContext): void {
  for (const e of ctx.mod.entities.values()) {
    if (ctx.dropped.has(e.address)) continue;
    if (e.kind === 'resource' && e.type === 'aws_security_group') removeInlineRules(ctx, e);
    removeDependsOn(ctx, e);
  }
  configureClients(ctx);
  grantRoles(ctx);
  bindTfWorkloadIdentity(ctx);
}

/** Ranges whose references order or allow traffic but do not use: `depends_on` lists and inline security group rules. */
export function weakRanges(ctx: TfContext): { file: TfFile; start: number; end: number }[] {
  const out: { file: TfFile; start: number; end: number }[] = [];
  for (const e of ctx.mod.entities.values()) {
    const dep = attribute(e.body, 'depends_on');
    if (dep) out.push({ file: e.file, start: dep.startIndex, end: dep.endIndex });
    if (e.kind === 'resource' && e.type === 'aws_security_group') {
      for (const b of [...nestedBlocks(e.body, 'ingress'), ...nestedBlocks(e.body, 'egress')])
        out.push({ file: e.file, start: b.startIndex, end: b.endIndex });
    }
  }
  return out;
}

/** Tells whether a node's text refers to a dropped entity. */
export function refersToDropped(ctx: TfContext, file: TfFile, node: TextRange): string | undefined {
  return refsWithin(ctx.mod, file, node.startIndex, node.endIndex).find((r) => ctx.dropped.has(r.target))?.target;
}

function ignore(ctx: TfContext, file: TfFile, node: TextRange): void {
  ctx.ignored.push({ file, start: node.startIndex, end: node.endIndex });
}

function indentOf(file: TfFile, node: TextRange): string {
  const text = file.source.text;
  const lineStart = text.lastIndexOf('\n', node.startIndex - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

function removeDependsOn(ctx: TfContext, e: TfEntity): void {
  const dep = attribute(e.body, 'depends_on');
  if (!dep) return;
  const value = attrValue(dep);
  const tuple = value ? firstOfType(value, 'tuple') : undefined;
  if (!tuple) return;
  const elems = kids(tuple).filter((n) => n.type === 'expression');
  const gone = elems.filter((n) => refersToDropped(ctx, e.file, n));
  if (gone.length === 0) return;
  ignore(ctx, e.file, dep);
  if (gone.length === elems.length) ctx.ed.removeLines(e.file, dep);
  else for (const g of gone) ctx.ed.removeTupleElement(e.file, g);
  for (const g of gone)
    ctx.plan.removed.push({
      kind: 'depends_on',
      name: g.text,
      from: e.address,
      fromId: planId(e),
      reason: 'it named what graft dropped',
      at: spanOf(e.file, g),
    });
}

function removeInlineRules(ctx: TfContext, e: TfEntity): void {
  for (const b of [...nestedBlocks(e.body, 'ingress'), ...nestedBlocks(e.body, 'egress')]) {
    const target = refersToDropped(ctx, e.file, b);
    if (!target) continue;
    ignore(ctx, e.file, b);
    ctx.ed.removeLines(e.file, b);
    ctx.plan.removed.push({
      kind: 'security-group-rule',
      name: blockType(b),
      from: e.address,
      fromId: planId(e),
      reason: `it allowed traffic with ${target}; allow egress to the customer's brokers instead (see handoff/egress.md)`,
      at: spanOf(e.file, b),
    });
  }
}

const KAFKA_ACTION = /"kafka(-cluster)?:/;

function iamResources(ctx: TfContext, multiline: string | undefined, json = false): string {
  const cluster = ctx.vars.ref('cluster_arn');
  const tp = ctx.spec.topics?.prefix ?? '';
  const gp = ctx.spec.groups?.prefix ?? '';
  const list = [
    json ? `"\${${cluster}}"` : cluster,
    `"\${replace(${cluster}, ":cluster/", ":topic/")}/${tp}*"`,
    `"\${replace(${cluster}, ":cluster/", ":group/")}/${gp}*"`,
    `"\${replace(${cluster}, ":cluster/", ":transactional-id/")}/*"`,
  ];
  if (multiline === undefined) return `[${list.join(', ')}]`;
  // JSON allows no trailing comma
  return `[\n${list.map((x, i) => `${multiline}  ${x}${json && i === list.length - 1 ? '' : ','}`).join('\n')}\n${multiline}]`;
}

/** Points a Kafka statement on the dropped cluster at the customer's MSK cluster, or removes it; says which. */
function rewritePolicyStatement(
  ctx: TfContext,
  e: TfEntity,
  stmt: TextRange,
  resources: TextRange | undefined,
  removeStmt: () => void,
  json = false,
): 'rewritten' | 'removed' | undefined {
  const target = refersToDropped(ctx, e.file, stmt);
  if (!target || !KAFKA_ACTION.test(stmt.text)) return undefined;
  const at = { file: e.file.source.path, start: stmt.startIndex, end: stmt.endIndex };
  ignore(ctx, e.file, stmt);
  if (ctx.vars.has('cluster_arn') && resources) {
    const ml = resources.text.includes('\n') ? indentOf(e.file, resources) : undefined;
    ctx.ed.replace(e.file, resources.startIndex, resources.endIndex, iamResources(ctx, ml, json));
    ctx.plan.removed.push({
      kind: 'iam-statement',
      name: 'resources',
      from: e.address,
      fromId: planId(e),
      reason: `pointed at the customer's MSK cluster, topics and groups instead of ${target}`,
      at,
    });
    return 'rewritten';
  }
  removeStmt();
  ctx.plan.removed.push({
    kind: 'iam-statement',
    name: (/"(kafka(-cluster)?:[A-Za-z*]+)"/.exec(stmt.text)?.[1] ?? 'kafka') + ', ...',
    from: e.address,
    fromId: planId(e),
    reason: `it granted Kafka actions on ${target}; the customer's cluster authenticates with ${ctx.spec.sasl?.mechanism ?? ctx.spec.securityProtocol}, not IAM`,
    at,
  });
  return 'removed';
}

function rewirePolicyDocument(ctx: TfContext, e: TfEntity): void {
  const n: StatementCount = { total: 0, removed: 0 };
  for (const stmt of nestedBlocks(e.body, 'statement')) {
    const resources = attrValue(attribute(bodyOf(stmt), 'resources'));
    n.total++;
    if (rewritePolicyStatement(ctx, e, stmt, resources, () => ctx.ed.removeLines(e.file, stmt)) === 'removed') n.removed++;
  }
  emptyPolicy(ctx, e, n);
}

function objectOf(expr: Node | undefined | null): Node | undefined {
  let n: Node | undefined | null = expr;
  while (n && (n.type === 'expression' || n.type === 'collection_value')) n = n.namedChildren[0];
  return n?.type === 'object' ? n : undefined;
}

function elem(obj: Node, key: string): Node | undefined {
  for (const el of kids(obj).filter((n) => n.type === 'object_elem')) {
    const k = el.childForFieldName('key');
    if (k && (stringValue(k) ?? k.text) === key) return el.childForFieldName('val') ?? undefined;
  }
  return undefined;
}

function rewireJsonPolicies(ctx: TfContext, e: TfEntity): StatementCount {
  const n: StatementCount = { total: 0, removed: 0 };
  for (const tuple of e.node.descendantsOfType('tuple')) {
    if (!tuple) continue;
    const owner = tuple.parent?.parent?.parent;
    if (owner?.type !== 'object_elem') continue;
    const key = owner.childForFieldName('key');
    if (!key || (stringValue(key) ?? key.text) !== 'Statement') continue;
    for (const item of kids(tuple).filter((n) => n.type === 'expression')) {
      const obj = objectOf(item);
      if (!obj) continue;
      n.total++;
      if (rewritePolicyStatement(ctx, e, item, elem(obj, 'Resource'), () => ctx.ed.removeTupleElement(e.file, item)) === 'removed')
        n.removed++;
    }
  }
  return n;
}

/** Policies written as heredoc JSON (`<<EOF`, `<<-EOT`): the same statements, edited in the JSON text. */
function rewireHeredocPolicies(ctx: TfContext, e: TfEntity): StatementCount {
  const n: StatementCount = { total: 0, removed: 0 };
  const text = e.file.source.text;
  for (const h of e.node.descendantsOfType('heredoc_template')) {
    const ids = h ? kids(h).filter((k) => k.type === 'heredoc_identifier') : [];
    if (ids.length < 2) continue;
    const doc = parseHeredocJson(text, ids[0].endIndex, ids[ids.length - 1].startIndex);
    const st = jsonEntry(doc, 'Statement');
    const items = st?.kind === 'array' ? st.items : st ? [st] : [];
    const removed = new Set<number>();
    items.forEach((item, i) => {
      if (item.kind !== 'object') return;
      n.total++;
      const done = rewritePolicyStatement(ctx, e, item, jsonEntry(item, 'Resource'), () => removed.add(i), true);
      if (done === 'removed') n.removed++;
    });
    if (removed.size === 0 || removed.size === items.length) continue;
    // each removed statement goes with the separator towards a kept neighbour
    for (const i of removed) {
      const keptAfter = items.some((_, j) => j > i && !removed.has(j));
      if (keptAfter) ctx.ed.replace(e.file, items[i].startIndex, items[i + 1].startIndex, '');
      else ctx.ed.replace(e.file, items[i - 1].endIndex, items[i].endIndex, '');
    }
  }
  return n;
}

function lambdaAccess(ctx: TfContext, e: TfEntity, at: Node): { type: string; uri: string }[] | undefined {
  const { access, problems } = lambdaSourceAccess(ctx.spec);
  const servers = lambdaBootstrapServers(ctx.spec).problem;
  for (const p of servers ? [...problems, servers] : problems) {
    ctx.report('TF_EVENT_SOURCE_UNSUPPORTED', 'error', e.file, at, `${e.address}: ${p.message}`, p.help);
  }
  if (problems.length || servers) return undefined;
  needsRead(
    ctx,
    e,
    e.address,
    'lambda',
    access.flatMap((a) => a.secrets),
  );
  return access.map((a) => {
    for (const s of a.secrets) useSecret(ctx, s, planId(e));
    return { type: a.type, uri: `var.${ctx.vars.secretVar(a.secrets[0])!}` };
  });
}

function prefixLiteral(ctx: TfContext, e: TfEntity, node: Node, kind: 'topic' | 'group'): void {
  const v = stringValue(node);
  const str = firstOfType(node, 'template_literal');
  if (v === undefined || !str) return;
  const out: NamingOutcome = { diagnostics: [], renames: [] };
  const setting = kind === 'topic' ? 'topics' : 'consumer_group_id';
  nameSite(
    ctx.spec,
    { subject: e.address, id: planId(e) },
    kind,
    { setting, value: v, at: spanOf(e.file, node), replace: (next) => ctx.ed.replace(e.file, str.startIndex, str.endIndex, next) },
    out,
  );
  ctx.diagnostics.push(...out.diagnostics);
  ctx.plan.renames.push(...out.renames);
}

/** An MSK trigger becomes a self-managed Kafka trigger on the customer's cluster (or stays MSK for an MSK IAM customer). */
function rewireEventSource(ctx: TfContext, e: TfEntity): void {
  const arnAttr = attribute(e.body, 'event_source_arn');
  const arnExpr = attrValue(arnAttr);
  if (!arnAttr || !arnExpr) return;
  const target = refersToDropped(ctx, e.file, arnExpr);
  if (!target) return;
  const { ed, vars, spec } = ctx;
  const ind = indentOf(e.file, arnAttr);
  const changed: string[] = [];
  const oldAccess = nestedBlocks(e.body, 'source_access_configuration');
  for (const b of [...oldAccess, ...nestedBlocks(e.body, 'dynamic').filter((d) => d.text.includes('"source_access_configuration"'))]) {
    ignore(ctx, e.file, b);
    ed.removeLines(e.file, b);
  }
  ignore(ctx, e.file, arnAttr);
  const topics = attrValue(attribute(e.body, 'topics'));
  for (const t of topics?.descendantsOfType('string_lit') ?? []) if (t) prefixLiteral(ctx, e, t, 'topic');
  const msk = nestedBlocks(e.body, 'amazon_managed_kafka_event_source_config')[0];
  const group = msk ? attrValue(attribute(bodyOf(msk), 'consumer_group_id')) : undefined;
  if (group) prefixLiteral(ctx, e, group, 'group');

  if (spec.sasl?.mechanism === 'AWS_MSK_IAM' && vars.has('cluster_arn')) {
    ed.replace(e.file, arnExpr.startIndex, arnExpr.endIndex, vars.ref('cluster_arn'));
    changed.push('event_source_arn');
    pollsWithRole(ctx, e);
  } else {
    const access = lambdaAccess(ctx, e, arnAttr);
    if (!access) return;
    const lines = [
      `${ind}self_managed_event_source {`,
      `${ind}  endpoints = {`,
      `${ind}    KAFKA_BOOTSTRAP_SERVERS = ${vars.ref('bootstrap_servers')}`,
      `${ind}  }`,
      `${ind}}`,
    ];
    for (const a of access) {
      lines.push('', `${ind}source_access_configuration {`, `${ind}  type = "${a.type}"`, `${ind}  uri  = ${a.uri}`, `${ind}}`);
    }
    for (const [kind, short, scheme] of [
      ['VPC_SUBNET', 'subnet_ids', 'subnet'],
      ['VPC_SECURITY_GROUP', 'security_group_ids', 'security_group'],
    ] as const) {
      lines.push(
        '',
        `${ind}dynamic "source_access_configuration" {`,
        `${ind}  for_each = ${vars.ref(short)}`,
        `${ind}  content {`,
        `${ind}    type = "${kind}"`,
        `${ind}    uri  = "${scheme}:\${source_access_configuration.value}"`,
        `${ind}  }`,
        `${ind}}`,
      );
    }
    ed.replace(e.file, arnAttr.startIndex, arnAttr.endIndex, lines.join('\n').slice(ind.length) + '\n');
    changed.push('self_managed_event_source', 'source_access_configuration');
    if (msk) {
      const name = kid(msk, 'identifier')!;
      ed.replace(e.file, name.startIndex, name.endIndex, 'self_managed_kafka_event_source_config');
      changed.push('self_managed_kafka_event_source_config');
    }
  }
  ctx.plan.rewired.push({
    service: e.address,
    id: planId(e),
    family: 'lambda-event-source',
    matched: [`event_source_arn = ${arnExpr.text}`],
    changed,
    notes: oldAccess.length ? [`removed ${oldAccess.length} source_access_configuration block(s) of the origin's cluster`] : [],
    at: spanOf(e.file, e.node),
  });
}
