import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { usesSasl, usesTls, type SecretValue } from '../../spec/types.js';
import { scalarText } from '../yaml/nodes.js';
import { indentLines, renderBlock, type PlainYaml } from '../yaml/text.js';
import { getPath, seqAt, spanOf, type Resource } from './parse.js';
import { planId, rewireText, type K8sContext } from './context.js';

const OPERANDS = new Set(['KafkaConnect', 'KafkaBridge', 'KafkaMirrorMaker2']);
const CONNECT_NAMES: Record<string, 'topic' | 'group'> = {
  'group.id': 'group',
  'offset.storage.topic': 'topic',
  'config.storage.topic': 'topic',
  'status.storage.topic': 'topic',
};

/** The v1 fields that carry the same names, by the Connect setting they set. */
const CONNECT_FIELDS: Record<string, string> = {
  groupId: 'group.id',
  offsetStorageTopic: 'offset.storage.topic',
  configStorageTopic: 'config.storage.topic',
  statusStorageTopic: 'status.storage.topic',
};

/** Tells whether a resource is a Strimzi operand that stays and connects to Kafka. */
export function isStrimziOperand(r: Resource): boolean {
  return r.apiVersion.startsWith('kafka.strimzi.io/') && OPERANDS.has(r.kind);
}

/** Points a KafkaConnect, KafkaBridge or MirrorMaker 2 cluster at the customer's Kafka: bootstrap, authentication, TLS. */
export function rewireStrimziOperand(ctx: K8sContext, r: Resource): void {
  const spec = getPath(r.root, 'spec');
  if (!isMap(spec)) return;
  const targets: YAMLMap[] = [];
  if (r.kind === 'KafkaMirrorMaker2') {
    // v1beta2: `clusters[]`; v1: `target` and `mirrors[].source`
    const sides = [...seqAt(spec, 'clusters'), getPath(spec, 'target'), ...seqAt(spec, 'mirrors').map((m) => getPath(m, 'source'))];
    for (const c of sides) if (isMap(c) && pointsAtDropped(ctx, c)) targets.push(c);
    if (collapsesClusters(ctx, r, targets)) return;
  } else if (pointsAtDropped(ctx, spec)) targets.push(spec);
  if (targets.length === 0) return;
  const ed = ctx.editorOf(r);
  const changed: string[] = [];
  let auth: PlainYaml | undefined;
  for (const t of targets) {
    const bs = t.get('bootstrapServers', true);
    if (isScalar(bs)) {
      const next = rewireText(ctx, scalarText(bs));
      if (next.matched) {
        ed.setScalar(bs, next.text);
        changed.push('bootstrapServers');
      }
    }
    auth = authentication(ctx, r);
    const tls = usesTls(ctx.spec.securityProtocol) ? trust(ctx, r) : undefined;
    for (const [key, want] of [
      ['authentication', auth],
      ['tls', tls],
    ] as const) {
      const pair = t.items.find((p) => scalarText(p.key) === key);
      const have = pair?.value ? JSON.stringify((pair.value as Node).toJSON()) : undefined;
      if (have === (want === undefined ? undefined : JSON.stringify(want))) continue;
      if (pair) ed.removeBlockEntry(pair.key as Node);
      if (want !== undefined) ed.appendToMap(t, [`${key}:\n${indent(renderBlock(want))}`]);
      changed.push(key);
    }
  }
  if (r.kind === 'KafkaConnect') changed.push(...grantSecretReads(ctx, r, auth), ...prefixConnectNames(ctx, r, spec));
  const target = getPath(spec, 'target');
  if (r.kind === 'KafkaMirrorMaker2' && isMap(target) && targets.includes(target))
    changed.push(...prefixConnectNames(ctx, r, target, 'target.'));
  ctx.plan.rewired.push({
    service: r.id,
    id: planId(r),
    family: 'strimzi-operand',
    matched: ['spec.bootstrapServers'],
    changed,
    notes: [],
    at: spanOf(r),
  });
}

/**
 * A KafkaConnect whose `type: custom` authentication reads the customer's Secrets through the Kubernetes API: its
 * pods' ServiceAccount (Strimzi names it `<name>-connect`) may get exactly those Secrets, through a Role and
 * RoleBinding appended to its file (once: a later compile finds them there).
 */
function grantSecretReads(ctx: K8sContext, r: Resource, auth: PlainYaml | undefined): string[] {
  const custom = auth as { type?: string; config?: Record<string, string> } | undefined;
  if (custom?.type !== 'custom') return [];
  const jaas = custom.config?.['sasl.jaas.config'] ?? '';
  const secrets = [...new Set([...jaas.matchAll(/\$\{strimzisecrets:[^/}]+\/([^:}]+):[^}]+\}/g)].map((x) => x[1] ?? ''))].sort();
  if (secrets.length === 0) return [];
  const namespace = r.namespace ?? '';
  const name = `${r.name}-connect-kafka-secrets`;
  const account = `${r.name}-connect`;
  const exists = (kind: string): boolean =>
    ctx.analysis.resources.some((x) => x.kind === kind && x.name === name && x.namespace === r.namespace && !ctx.analysis.dropped.has(x));
  const out: string[] = [];
  const ed = ctx.editorOf(r);
  if (!exists('Role')) {
    ed.appendAtEnd(
      `---\n${renderBlock({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name, namespace },
        rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: secrets, verbs: ['get'] }],
      })}`,
    );
    out.push(`Role/${name}`);
  }
  if (!exists('RoleBinding')) {
    ed.appendAtEnd(
      `---\n${renderBlock({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name, namespace },
        subjects: [{ kind: 'ServiceAccount', name: account, namespace }],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      })}`,
    );
    out.push(`RoleBinding/${name}`);
  }
  if (out.length > 0)
    ctx.plan.notes.push(
      `${r.id}: its Connect pods (ServiceAccount ${account}) read the customer's Secret${secrets.length === 1 ? '' : 's'} ${secrets.join(', ')} through the Kubernetes API (\`type: custom\` authentication, \${strimzisecrets:...}): Role and RoleBinding ${name} allow exactly that`,
    );
  return out;
}

// two different bundled clusters would both become the customer's one cluster: MirrorMaker would copy it onto itself
function collapsesClusters(ctx: K8sContext, r: Resource, sides: YAMLMap[]): boolean {
  const dropped = sides.filter((c) => rewireText(ctx, scalarText(c.get('bootstrapServers', true))).matched);
  const distinct = new Map(dropped.map((c) => [scalarText(c.get('bootstrapServers', true)), c]));
  if (distinct.size < 2) return false;
  const named = [...distinct].map(([bs, c]) => `${scalarText(c.get('alias', true)) || '?'} (${bs})`);
  ctx.diagnostics.push({
    code: 'K8S_CLUSTERS_COLLAPSE',
    severity: 'error',
    message: `${r.id} connects ${named.join(' and ')}, different bundled Kafka clusters that would all become the customer's one cluster: MirrorMaker 2 would mirror that cluster onto itself`,
    help: "remove the KafkaMirrorMaker2 from the stack if the customer's cluster replaces all of them, or keep the clusters it mirrors outside the stack",
    subject: spanOf(r, [...distinct.values()][1]),
  });
  return true;
}

function pointsAtDropped(ctx: K8sContext, m: YAMLMap): boolean {
  const r = rewireText(ctx, scalarText(m.get('bootstrapServers', true)));
  return r.matched || r.customer;
}

function indent(block: string): string {
  return indentLines(block, '  ');
}

function secretKey(ctx: K8sContext, s: SecretValue, r: Resource): { secretName: string; key: string } | undefined {
  const k = ctx.secrets.keyOf(s, planId(r));
  return k ? { secretName: k.name, key: k.key } : undefined;
}

function authentication(ctx: K8sContext, r: Resource): PlainYaml | undefined {
  const { spec } = ctx;
  const sasl = spec.sasl;
  const refuse = (
    what: string,
    help = 'the customer must offer SCRAM, PLAIN, OAuth or mTLS with a literal username and Kubernetes Secrets',
    why = '',
  ): undefined => {
    ctx.diagnostics.push({
      code: 'K8S_STRIMZI_AUTH_UNSUPPORTED',
      severity: 'error',
      message: `${r.id} cannot authenticate with ${what} through Strimzi's authentication block${why}`,
      help,
      subject: spanOf(r),
    });
    return undefined;
  };
  if (sasl && usesSasl(spec.securityProtocol)) {
    if (sasl.mechanism === 'AWS_MSK_IAM') return refuse('AWS_MSK_IAM');
    // Strimzi's kafka.strimzi.io/v1 API has no `type: oauth` (its CRD allows tls, scram-sha-256/512, plain, custom); an
    // OAuth client secret in `type: custom` would need a Role for the Secret, which the operator grants only for its own
    if (sasl.mechanism === 'OAUTHBEARER' && r.apiVersion === 'kafka.strimzi.io/v1')
      return refuse(
        'OAUTHBEARER',
        "write the resource as kafka.strimzi.io/v1beta2 (served up to Strimzi 0.51) to get `type: oauth`, or configure `type: custom` authentication with the customer's OAuth settings by hand",
        ': the kafka.strimzi.io/v1 API has no oauth type (Strimzi 1.x serves only v1)',
      );
    if (sasl.mechanism === 'OAUTHBEARER' && sasl.oauth) {
      const o = sasl.oauth;
      if (typeof o.clientId !== 'string') return refuse('a client id kept in a secret');
      const secret = secretKey(ctx, o.clientSecret, r);
      return secret
        ? {
            type: 'oauth',
            tokenEndpointUri: o.tokenEndpoint,
            clientId: o.clientId,
            clientSecret: { secretName: secret.secretName, key: secret.key },
            ...(o.scope ? { scope: o.scope } : {}),
            ...(o.audience ? { audience: o.audience } : {}),
          }
        : undefined;
    }
    if (typeof sasl.username !== 'string') {
      // Strimzi's plain and scram types take a literal username; `type: custom` takes the whole JAAS line, whose
      // `${strimzisecrets:<namespace>/<secret>:<key>}` placeholders the Connect worker resolves through the API
      if (sasl.username === undefined || r.kind !== 'KafkaConnect')
        return refuse(
          'a username kept in a secret',
          'give the customer a literal username in the spec, or configure `type: custom` authentication of this resource by hand',
          `: Strimzi's plain and scram types take a literal username, and graft writes \`type: custom\` with the Secret read through the API only for a KafkaConnect`,
        );
      if (!r.namespace)
        return refuse(
          'a username kept in a secret',
          `give ${r.id} a metadata.namespace, then compile again`,
          ': the `type: custom` authentication that reads it names the Secret as <namespace>/<secret>, and the resource has no namespace',
        );
      const user = secretKey(ctx, sasl.username, r);
      const password = sasl.password ? secretKey(ctx, sasl.password, r) : undefined;
      if (!user || !password) return undefined;
      const ref = (k: { secretName: string; key: string }): string => `\${strimzisecrets:${r.namespace ?? ''}/${k.secretName}:${k.key}}`;
      const module =
        sasl.mechanism === 'PLAIN'
          ? 'org.apache.kafka.common.security.plain.PlainLoginModule'
          : 'org.apache.kafka.common.security.scram.ScramLoginModule';
      return {
        type: 'custom',
        sasl: true,
        config: {
          'sasl.mechanism': sasl.mechanism,
          'sasl.jaas.config': `${module} required username="${ref(user)}" password="${ref(password)}";`,
        },
      };
    }
    const pw = sasl.password ? secretKey(ctx, sasl.password, r) : undefined;
    const type = sasl.mechanism === 'PLAIN' ? 'plain' : sasl.mechanism.toLowerCase();
    return pw ? { type, username: sasl.username, passwordSecret: { secretName: pw.secretName, password: pw.key } } : undefined;
  }
  const cert = spec.tls?.clientCert;
  const key = spec.tls?.clientKey;
  if (cert && key && usesTls(spec.securityProtocol)) {
    const c = secretKey(ctx, cert, r);
    const k = secretKey(ctx, key, r);
    if (!c || !k) return undefined;
    if (c.secretName !== k.secretName) return refuse('a certificate and key in different Secrets (Strimzi needs both in one)');
    return { type: 'tls', certificateAndKey: { secretName: c.secretName, certificate: c.key, key: k.key } };
  }
  return undefined;
}

function trust(ctx: K8sContext, r: Resource): PlainYaml {
  const ca = ctx.spec.tls?.ca ? secretKey(ctx, ctx.spec.tls.ca, r) : undefined;
  return { trustedCertificates: ca ? [{ secretName: ca.secretName, certificate: ca.key }] : [] };
}

// Connect's group and internal topics: `config` keys (v1beta2) or fields of the cluster (v1: `groupId`, `*StorageTopic`)
function prefixConnectNames(ctx: K8sContext, r: Resource, at: YAMLMap, path = ''): string[] {
  const config = at.get('config', true);
  const out: string[] = [];
  const pairs = [
    ...(isMap(config) ? config.items.map((p) => ({ p, key: scalarText(p.key), setting: `config.${scalarText(p.key)}` })) : []),
    ...at.items.map((p) => ({ p, key: CONNECT_FIELDS[scalarText(p.key)] ?? '', setting: scalarText(p.key) })),
  ];
  for (const { p, key, setting } of pairs) {
    const kind = CONNECT_NAMES[key];
    if (!kind || !isScalar(p.value)) continue;
    const prefix = kind === 'topic' ? ctx.spec.topics?.prefix : ctx.spec.groups?.prefix;
    const value = scalarText(p.value);
    if (!prefix || value.startsWith(prefix)) continue;
    ctx.editorOf(r).setScalar(p.value, prefix + value);
    ctx.plan.renames.push({ service: r.id, id: planId(r), setting: `spec.${path}${setting}`, from: value, to: prefix + value, kind });
    out.push(`${path}${setting}`);
  }
  return out;
}

/** Replaces NetworkPolicy egress rules that allowed the dropped Kafka pods with egress to the customer's broker ports. */
export function rewireEgress(ctx: K8sContext, r: Resource, podLabelsOfDropped: Record<string, string>[]): void {
  const ed = ctx.editorOf(r);
  const ports = [...new Set(ctx.spec.bootstrapServers.map((s) => Number(s.split(':').pop())))].sort((a, b) => a - b);
  for (const rule of seqAt(r.root, 'spec', 'egress')) {
    if (!isMap(rule)) continue;
    const peers = seqAt(rule, 'to');
    const hitsDropped = peers.some((p) => {
      const sel = getPath(p, 'podSelector', 'matchLabels');
      if (!isMap(sel)) return false;
      const labels = Object.fromEntries(sel.items.map((i) => [scalarText(i.key), scalarText(i.value)]));
      const keys = Object.keys(labels);
      const cluster = labels['strimzi.io/cluster'];
      return (
        (cluster !== undefined && ctx.analysis.clusters.has(cluster)) ||
        podLabelsOfDropped.some((pl) => keys.length > 0 && keys.every((k) => pl[k] === labels[k]))
      );
    });
    if (!hitsDropped) continue;
    const want = { ports: ports.map((port) => ({ port, protocol: 'TCP' })) };
    ed.removeBlockEntry(rule);
    const egress = getPath(r.root, 'spec', 'egress');
    if (isSeq(egress)) ed.appendToSeq(egress, [renderBlock(want)]);
    ctx.plan.rewired.push({
      service: r.id,
      id: planId(r),
      family: 'network-policy',
      matched: ['egress to the dropped Kafka pods'],
      changed: [`egress to TCP ${ports.join(', ')}`],
      notes: ["the customer's broker addresses are outside the cluster: narrow the rule with ipBlock once they are known"],
      at: spanOf(r, rule),
    });
  }
}
