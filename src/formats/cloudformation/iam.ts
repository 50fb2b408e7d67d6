import type { PlanId } from '../../plan/types.js';
import { isMap, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { kafkaActionFate, kafkaActionKinds } from '../aws/iam.js';
import { mskNamePatterns, type MskResourceKind } from '../aws/msk-arn.js';
import { planId, type CfnContext } from './context.js';
import { PARAM } from './params.js';
import { listOf, mapAt, pairOf, spanOf, textOf, type Resource } from './parse.js';
import { collectRefs } from './refs.js';
import { Fn, ref, type CfnValue } from './render.js';

interface PolicyDoc {
  r: Resource;
  doc: YAMLMap;
  /** Removing the whole policy: the inline policy item of a role, or the policy resource. */
  removeAll: () => void;
  label: string;
  id: PlanId;
}

/**
 * MSK statements of IAM policies: `kafka:*` (cluster management, bootstrap look-ups) go; `kafka-cluster:*` (Kafka
 * requests) point at the customer's cluster under AWS_MSK_IAM and go otherwise. A policy left empty goes too.
 */
export function rewriteIam(ctx: CfnContext): void {
  for (const p of policyDocs(ctx)) rewriteDoc(ctx, p);
}

function policyDocs(ctx: CfnContext): PolicyDoc[] {
  const out: PolicyDoc[] = [];
  for (const r of ctx.a.t.resources) {
    if (ctx.a.dropped.has(r.id)) continue;
    const props = mapAt(r.node, 'Properties');
    if (!props) continue;
    if (r.type === 'AWS::IAM::Policy' || r.type === 'AWS::IAM::ManagedPolicy') {
      const doc = mapAt(props, 'PolicyDocument');
      if (doc) out.push({ r, doc, label: `${r.id}`, id: planId(ctx, r), removeAll: () => dropResource(ctx, r) });
    } else if (r.type === 'AWS::IAM::Role' || r.type === 'AWS::IAM::User' || r.type === 'AWS::IAM::Group') {
      const policies = props.get('Policies', true);
      if (!isSeq(policies)) continue;
      for (const item of policies.items) {
        const doc = isMap(item) ? mapAt(item, 'PolicyDocument') : undefined;
        if (!doc || !isMap(item)) continue;
        const name = textOf(item.get('PolicyName', true)) ?? '?';
        out.push({
          r,
          doc,
          label: `${r.id} policy ${name}`,
          id: planId(ctx, r, { part: `policy ${name}` }),
          removeAll: () => removeInline(ctx, props, policies, item),
        });
      }
    } else if (r.type === 'AWS::Serverless::Function') {
      // SAM `Policies`: managed policy names and policy templates stay; inline documents ({Statement: ...}) are edited
      const policies = props.get('Policies', true);
      const items = isSeq(policies) ? policies.items : isMap(policies) ? [policies] : [];
      items.forEach((item, i) => {
        if (!isMap(item) || !item.has('Statement')) return;
        const removeAll = (): void => {
          if (isSeq(policies)) ctx.ed.remove(policies, item);
          else {
            const pair = pairOf(props, 'Policies');
            if (pair) ctx.ed.remove(props, pair);
          }
        };
        out.push({ r, doc: item, label: `${r.id} Policies[${i}]`, id: planId(ctx, r, { part: `Policies[${i}]` }), removeAll });
      });
    }
  }
  return out;
}

function rewriteDoc(ctx: CfnContext, p: PolicyDoc): void {
  const statements = p.doc.get('Statement', true);
  const list = isSeq(statements) ? statements.items : isMap(statements) ? [statements] : [];
  const removed: Node[] = [];
  const changes: string[] = [];
  for (const st of list) {
    if (!isMap(st)) continue;
    const actionPair = pairOf(st, 'Action');
    const actions = listOf(actionPair?.value).map((a) => textOf(a) ?? '');
    if (!actionPair || actions.every((a) => kafkaActionFate(a) === 'keep')) continue;
    const iam = ctx.spec.sasl?.mechanism === 'AWS_MSK_IAM';
    // on a customer's MSK with IAM, both kinds follow the customer's cluster (Lambda's MSK poller needs the control plane too)
    const goes = (a: string): boolean => !iam && kafkaActionFate(a) !== 'keep';
    const left = actions.filter((a) => !goes(a));
    const gone = actions.filter(goes);
    for (const x of collectRefs(st))
      if (gone.length === actions.length || kafkaActionFate(left[0] ?? '') !== 'keep') ctx.handled.add(x.node);
    if (left.length === 0) {
      removed.push(st);
      changes.push(`removed statement ${gone.join(', ')}`);
      continue;
    }
    if (gone.length > 0 && isSeq(actionPair.value)) {
      for (const item of actionPair.value.items) if (goes(textOf(item) ?? '')) ctx.ed.remove(actionPair.value, item as Node);
      changes.push(`removed ${gone.join(', ')}`);
    }
    if (iam && left.every((a) => kafkaActionFate(a) !== 'keep')) {
      const res = pairOf(st, 'Resource');
      const kinds = kafkaActionKinds(left);
      if (left.some((a) => kafkaActionFate(a) === 'control-plane') && !kinds.includes('cluster')) kinds.unshift('cluster');
      // a Resource that names only the customer's cluster parameter already points where it should (graft wrote it)
      const targets = collectRefs(res?.value).map((x) => x.target);
      const customers = targets.length > 0 && targets.every((t) => t === PARAM.clusterArn);
      if (res?.value && !customers) {
        ctx.ed.replaceNode(res.value as Node, customerArns(ctx, kinds), res);
        changes.push(`Resource of ${left.join(', ')} → the customer's cluster`);
      }
    }
  }
  if (changes.length === 0) return;
  if (removed.length === list.length) {
    p.removeAll();
    changes.push('policy left empty: removed');
  } else if (isSeq(statements)) for (const st of removed) ctx.ed.remove(statements, st);
  ctx.plan.rewired.push({
    service: p.label,
    id: p.id,
    family: 'iam-policy',
    matched: ['MSK actions (kafka:*, kafka-cluster:*)'],
    changed: changes,
    notes: [],
    at: spanOf(ctx.a.t.source, p.doc),
  });
}

/** The customer's MSK resources of some kinds as ARNs built from GraftKafkaClusterArn, topics and groups under their naming. */
export function customerArns(ctx: CfnContext, kinds: MskResourceKind[]): CfnValue {
  const out: CfnValue[] = [];
  for (const kind of kinds) {
    const naming = kind === 'topic' ? ctx.spec.topics : kind === 'group' ? ctx.spec.groups : undefined;
    for (const pattern of kind === 'cluster' ? ['*'] : mskNamePatterns(naming)) out.push(customerArn(ctx, kind, pattern));
  }
  return out.length === 1 ? out[0] : out;
}

/** The ARN of the customer's cluster, or of a topic, group or transactional id of it (`pattern` a name or a prefix ending in `*`). */
export function customerArn(ctx: CfnContext, kind: MskResourceKind, pattern: string): CfnValue {
  const cluster = ctx.params.clusterArn();
  if (kind === 'cluster') return ref(PARAM.clusterArn);
  const split = new Fn('Split', [':cluster/', cluster]);
  // arn:aws:kafka:r:a:cluster/name/uuid → arn:aws:kafka:r:a:topic/name/uuid/<pattern>
  return new Fn('Join', ['', [new Fn('Select', [0, split]), `:${kind}/`, new Fn('Select', [1, split]), `/${pattern}`]]);
}

/**
 * What an MSK event source or pipe reading the customer's MSK cluster with IAM needs on it: the managed policies cover
 * only the control plane (kafka:DescribeClusterV2, GetBootstrapBrokers), the poller also connects, reads the topics and
 * commits the group's offsets as the role.
 */
export function clusterAccessStatements(ctx: CfnContext): CfnValue[] {
  return [
    {
      Effect: 'Allow',
      Action: [
        'kafka-cluster:Connect',
        'kafka-cluster:DescribeClusterDynamicConfiguration',
        'kafka:DescribeClusterV2',
        'kafka:GetBootstrapBrokers',
      ],
      Resource: customerArns(ctx, ['cluster']),
    },
    { Effect: 'Allow', Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'], Resource: customerArns(ctx, ['topic']) },
    { Effect: 'Allow', Action: ['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup'], Resource: customerArns(ctx, ['group']) },
  ];
}

function dropResource(ctx: CfnContext, r: Resource): void {
  ctx.a.dropped.set(r.id, { role: 'IAM policy', reason: 'its only statements were for the dropped MSK cluster' });
}

function removeInline(ctx: CfnContext, props: YAMLMap, policies: YAMLSeq, item: YAMLMap): void {
  const remaining = policies.items.filter((i) => i !== item && !ctx.ed.isRemoved(policies, i as Node));
  const pair = pairOf(props, 'Policies');
  if (remaining.length === 0 && pair) ctx.ed.remove(props, pair);
  else ctx.ed.remove(policies, item);
}

/** Removes inline security group rules that let traffic to or from a dropped broker security group. */
export function rewriteSecurityGroups(ctx: CfnContext): void {
  for (const r of ctx.a.t.resources) {
    if (ctx.a.dropped.has(r.id) || r.type !== 'AWS::EC2::SecurityGroup') continue;
    const props = mapAt(r.node, 'Properties');
    for (const key of ['SecurityGroupIngress', 'SecurityGroupEgress']) {
      const rules = props?.get(key, true);
      if (!isSeq(rules) || !props) continue;
      const gone = rules.items.filter((rule) => isMap(rule) && collectRefs(rule).some((x) => ctx.a.dropped.has(x.target)));
      if (gone.length === 0) continue;
      for (const g of gone) for (const x of collectRefs(g)) ctx.handled.add(x.node);
      const pair = pairOf(props, key);
      if (gone.length === rules.items.length && pair) ctx.ed.remove(props, pair);
      else for (const g of gone) ctx.ed.remove(rules, g as Node);
      ctx.plan.rewired.push({
        service: r.id,
        id: planId(ctx, r),
        family: 'security-group',
        matched: [`${key} rules naming the dropped broker security group`],
        changed: [`removed ${gone.length} ${key} rule(s)`],
        notes: [],
        at: spanOf(ctx.a.t.source, r.pair.key as Node),
      });
    }
  }
  if (
    ctx.plan.rewired.some((i) => i.family === 'security-group') ||
    [...ctx.a.dropped.values()].some((d) => /SecurityGroup/.test(d.role))
  ) {
    const ports = [...new Set(ctx.spec.bootstrapServers.map((s) => s.replace(/^.*:/, '')))].join(', ');
    const note = `security group rules that allowed the app to reach the MSK brokers are gone: the customer must allow egress from the app's security groups to their brokers (ports ${ports})`;
    if (!ctx.plan.notes.includes(note)) ctx.plan.notes.push(note);
  }
  void isScalar;
}
