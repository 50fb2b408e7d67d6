import { isMap, type Pair, type YAMLMap } from 'yaml';
import { mapAt, sectionOf, textOf, type Resource, type Template } from './parse.js';
import { collectRefs, resourceRefs, type Reference } from './refs.js';

/** MSK resource types graft drops, with the role the plan shows. */
export const MSK_TYPES: Record<string, string> = {
  'AWS::MSK::Cluster': 'MSK cluster',
  'AWS::MSK::ServerlessCluster': 'MSK serverless cluster',
  'AWS::MSK::Configuration': 'MSK configuration',
  'AWS::MSK::BatchScramSecret': 'MSK SCRAM secret association',
  'AWS::MSK::ClusterPolicy': 'MSK cluster policy',
  'AWS::MSK::VpcConnection': 'MSK VPC connection',
  'AWS::MSK::Replicator': 'MSK replicator',
};

const CLUSTER_TYPES = new Set(['AWS::MSK::Cluster', 'AWS::MSK::ServerlessCluster']);

// resources that exist only to serve something else: dropped when only dropped resources use them
const SUPPORT_TYPES = new Set([
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::KMS::Key',
  'AWS::KMS::Alias',
  'AWS::Logs::LogGroup',
  'AWS::SecretsManager::Secret',
  'AWS::SecretsManager::SecretTargetAttachment',
  'AWS::SecretsManager::ResourcePolicy',
  'AWS::SecretsManager::RotationSchedule',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::Lambda::Function',
  'AWS::Lambda::Permission',
  'AWS::Lambda::Version',
  'AWS::Lambda::Alias',
  'AWS::ACMPCA::CertificateAuthority',
  'AWS::ACMPCA::Certificate',
  'AWS::ACMPCA::CertificateAuthorityActivation',
  'AWS::ACMPCA::Permission',
]);

// attached to another resource: dropped with what they attach to
const ATTACHMENT_TYPES = new Set([
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::KMS::Alias',
  'AWS::Logs::LogGroup',
  'AWS::SecretsManager::SecretTargetAttachment',
  'AWS::SecretsManager::ResourcePolicy',
  'AWS::SecretsManager::RotationSchedule',
  'AWS::IAM::Policy',
  'AWS::Lambda::Permission',
  'AWS::Lambda::Version',
  'AWS::Lambda::Alias',
  'AWS::ACMPCA::Certificate',
  'AWS::ACMPCA::CertificateAuthorityActivation',
  'AWS::ACMPCA::Permission',
]);

const LOOKUP_CODE = /get_?bootstrap_?brokers|GetBootstrapBrokers|BootstrapBrokerString/i;

/** Why a resource goes. */
export interface DropReason {
  role: string;
  reason: string;
}

/** What one template holds of the dropped Kafka, and what goes with it. */
export interface TemplateAnalysis {
  t: Template;
  byId: Map<string, Resource>;
  refs: Map<string, Reference[]>;
  dropped: Map<string, DropReason>;
  /** MSK clusters (provisioned or serverless). */
  clusters: Set<string>;
  /** Custom resources that looked up the cluster's bootstrap brokers: their attributes become the customer's bootstrap. */
  lookups: Set<string>;
  /** Outputs of nested stacks (by the stack's logical id) that carry a bootstrap look-up of the child: read like one. */
  lookupOutputs: Map<string, Set<string>>;
  droppedParameters: Set<string>;
  droppedConditions: Set<string>;
  /** Supporting resources the dropped ones used that stay because something kept uses them too. */
  kept: { id: string; type: string; users: string[] }[];
}

/** Decides what a template drops: MSK resources, bootstrap look-ups, and whatever only they used. */
export function analyzeTemplate(t: Template): TemplateAnalysis {
  const byId = new Map(t.resources.map((r) => [r.id, r]));
  const refs = new Map(t.resources.map((r) => [r.id, resourceRefs(r.node)]));
  const dropped = new Map<string, DropReason>();
  const clusters = new Set<string>();
  const lookups = new Set<string>();
  for (const r of t.resources) {
    const role = MSK_TYPES[r.type];
    if (!role) continue;
    dropped.set(r.id, { role, reason: 'the customer brings their own Kafka' });
    if (CLUSTER_TYPES.has(r.type)) clusters.add(r.id);
  }
  for (const r of t.resources) {
    if (!r.type.startsWith('Custom::') && r.type !== 'AWS::CloudFormation::CustomResource') continue;
    const own = refs.get(r.id) ?? [];
    const usesCluster = own.some((x) => clusters.has(x.target));
    const token = own.find((x) => x.pair && textOf(x.pair.key) === 'Properties' && isServiceToken(r, x));
    const fn = token ? byId.get(token.target) : undefined;
    const code = fn ? JSON.stringify(mapAt(fn.node, 'Properties', 'Code')?.toJSON() ?? '') : '';
    const looksUp = LOOKUP_CODE.test(code) || /bootstrap|broker/i.test(r.type);
    if (looksUp && (usesCluster || token !== undefined || /bootstrap|broker/i.test(r.type))) {
      dropped.set(r.id, { role: 'bootstrap broker look-up', reason: 'it read the bootstrap brokers of the dropped cluster' });
      lookups.add(r.id);
    }
  }
  // inline rules of another security group naming a broker group go with it (they are removed from the kept group)
  const usesOf = (r: Resource): Reference[] =>
    r.type === 'AWS::EC2::SecurityGroup' ? resourceRefs(withoutRules(r.node)) : (refs.get(r.id) ?? []);
  const users = (id: string, keptOnly: boolean): string[] =>
    t.resources
      .filter((r) => r.id !== id && usesOf(r).some((x) => x.target === id && x.via !== 'DependsOn'))
      .filter((r) => dropped.has(r.id) !== keptOnly)
      .map((r) => r.id);
  const kept = new Map<string, { id: string; type: string; users: string[] }>();
  for (let changed = true; changed;) {
    changed = false;
    for (const r of t.resources) {
      if (dropped.has(r.id) || !SUPPORT_TYPES.has(r.type)) continue;
      const droppedUsers = users(r.id, false);
      // an attachment (a log group of a function, an alias of a key, a private CA's own certificate) goes with what it
      // attaches to, unless something kept other than attachments uses the attachment itself
      const attachment = (u: string): boolean =>
        ATTACHMENT_TYPES.has(byId.get(u)?.type ?? '') && users(u, true).every((v) => ATTACHMENT_TYPES.has(byId.get(v)?.type ?? ''));
      const keptUsers = users(r.id, true).filter((u) => !attachment(u));
      const targets = [...new Set((refs.get(r.id) ?? []).map((x) => x.target).filter((x) => byId.has(x)))];
      const attachedTo = targets.filter((x) => dropped.has(x));
      const sgRule = /SecurityGroup(In|E)gress$/.test(r.type) && attachedTo.some((x) => byId.get(x)?.type === 'AWS::EC2::SecurityGroup');
      if (
        keptUsers.length === 0 &&
        (droppedUsers.length > 0 ||
          (ATTACHMENT_TYPES.has(r.type) && attachedTo.length > 0 && (sgRule || attachedTo.length === targets.length)))
      ) {
        const by = droppedUsers[0] ?? attachedTo[0] ?? '';
        dropped.set(r.id, {
          role: roleOf(r.type),
          reason: sgRule ? `it opened traffic to or from ${by}, which is dropped` : `only ${by} (dropped) used it`,
        });
        kept.delete(r.id);
        changed = true;
      } else if (
        droppedUsers.some((u) => !(r.type === 'AWS::EC2::SecurityGroup' && /SecurityGroup/.test(byId.get(u)?.type ?? ''))) &&
        keptUsers.length > 0
      )
        kept.set(r.id, { id: r.id, type: r.type, users: keptUsers });
    }
  }
  const { droppedParameters, droppedConditions } = dropUnusedNames(t, refs, dropped);
  return {
    t,
    byId,
    refs,
    dropped,
    clusters,
    lookups,
    lookupOutputs: new Map(),
    droppedParameters,
    droppedConditions,
    kept: [...kept.values()].filter((k) => !dropped.has(k.id)),
  };
}

function withoutRules(node: YAMLMap): YAMLMap {
  const copy = node.clone() as YAMLMap;
  const props = copy.get('Properties', true);
  if (isMap(props)) for (const k of ['SecurityGroupIngress', 'SecurityGroupEgress']) props.delete(k);
  return copy;
}

function isServiceToken(r: Resource, x: Reference): boolean {
  const token = mapAt(r.node, 'Properties')?.get('ServiceToken', true);
  return token !== undefined && collectRefs(token).some((y) => y.target === x.target);
}

function roleOf(type: string): string {
  return type.replace(/^AWS::/, '').replace('::', ' ');
}

// parameters and conditions that only dropped resources used
function dropUnusedNames(
  t: Template,
  refs: Map<string, Reference[]>,
  dropped: Map<string, DropReason>,
): { droppedParameters: Set<string>; droppedConditions: Set<string> } {
  const params = sectionOf(t, 'Parameters');
  const conds = sectionOf(t, 'Conditions');
  const droppedParameters = new Set<string>();
  const droppedConditions = new Set<string>();
  const condRefs = new Map<string, Reference[]>((conds?.items ?? []).map((p: Pair) => [textOf(p.key) ?? '', collectRefs(p.value)]));
  const outputs = sectionOf(t, 'Outputs');
  const otherRefs = [
    ...(outputs ? collectRefs(outputs) : []),
    ...collectRefs(t.root.get('Rules', true)),
    ...collectRefs(t.root.get('Mappings', true)),
  ];
  for (let changed = true; changed;) {
    changed = false;
    const live: Reference[] = [...otherRefs];
    const dead: Reference[] = [];
    for (const [id, list] of refs) (dropped.has(id) ? dead : live).push(...list);
    for (const [id, list] of condRefs) (droppedConditions.has(id) ? dead : live).push(...list);
    const check = (name: string, into: Set<string>): void => {
      if (into.has(name)) return;
      if (dead.some((x) => x.target === name) && !live.some((x) => x.target === name)) {
        into.add(name);
        changed = true;
      }
    };
    for (const p of params?.items ?? []) check(textOf(p.key) ?? '', droppedParameters);
    for (const p of conds?.items ?? []) check(textOf(p.key) ?? '', droppedConditions);
  }
  return { droppedParameters, droppedConditions };
}

/** Tells whether a reference reads the dropped cluster's bootstrap: a look-up, or a nested stack's output carrying one. */
export function readsBootstrap(a: TemplateAnalysis, x: Reference): boolean {
  if (a.lookups.has(x.target)) return true;
  const output = x.attr?.startsWith('Outputs.') ? x.attr.slice('Outputs.'.length) : undefined;
  return output !== undefined && (a.lookupOutputs.get(x.target)?.has(output) ?? false);
}

/** Tells whether a map node is a template section value holding a resource's Properties. */
export function propertiesOf(r: Resource): ReturnType<typeof mapAt> {
  const p = r.node.get('Properties', true);
  return isMap(p) ? p : undefined;
}
