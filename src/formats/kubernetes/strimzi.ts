import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { usesSasl, usesTls, type SecretValue } from '../../spec/types.js';
import { scalarText } from '../yaml/nodes.js';
import { indentLines, renderBlock, type PlainYaml } from '../yaml/text.js';
import { getPath, seqAt, spanOf, textAt, type Resource } from './parse.js';
import { planId, rewireText, type K8sContext } from './context.js';

/** The Bridge container's variables that carry the customer's SASL username and password for `${strimzienv:…}`. */
const BRIDGE_ENV = { username: 'GRAFT_KAFKA_SASL_USERNAME', password: 'GRAFT_KAFKA_SASL_PASSWORD' } as const;
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
  if (r.kind === 'KafkaConnect' || r.kind === 'KafkaMirrorMaker2') changed.push(...grantSecretReads(ctx, r, auth));
  if (r.kind === 'KafkaBridge') changed.push(...bridgeSecretEnv(ctx, r, spec, auth));
  if (r.kind === 'KafkaConnect') changed.push(...prefixConnectNames(ctx, r, spec));
  const target = getPath(spec, 'target');
  if (r.kind === 'KafkaMirrorMaker2' && isMap(target) && targets.includes(target))
    changed.push(...prefixConnectNames(ctx, r, target, 'target.'));
  // v1beta2: the Connect cluster MirrorMaker 2 runs on is the `clusters[]` entry named by `connectCluster`; Strimzi takes
  // its group and internal topics from that entry's `config`
  const connectAlias = spec.get('connectCluster');
  if (r.kind === 'KafkaMirrorMaker2' && typeof connectAlias === 'string')
    seqAt(spec, 'clusters').forEach((c, i) => {
      if (isMap(c) && targets.includes(c) && scalarText(c.get('alias', true)) === connectAlias)
        changed.push(...prefixConnectNames(ctx, r, c, `clusters[${i}].`));
    });
  ctx.plan.rewired.push({
    service: r.id,
    id: planId(r),
    family: 'strimzi-operand',
    matched: ['spec.bootstrapServers'],
    changed,
    notes: r.kind === 'KafkaMirrorMaker2' ? mirrorMakerNames(spec, targets) : [],
    at: spanOf(r),
  });
}

/**
 * What a MirrorMaker 2 names on the customer's cluster beyond the stack's own topic names, as Kafka's
 * DefaultReplicationPolicy names it (MirrorSourceConnector, MirrorCheckpointConnector, MirrorHeartbeatConnector): a
 * topic prefix or allow-list cannot rename these, so the customer grants them. Where the customer's cluster is a
 * mirror's target: `<source>.<topic>` for each mirrored topic (created, written, its configs synced),
 * `<source>.checkpoints.internal`, `heartbeats`, and `mm2-offset-syncs.<target>.internal` when
 * `offset-syncs.topic.location` is `target`; where it is a mirror's source: the mirrored topics and groups are read
 * there, and the offset-syncs topic is written there by default.
 */
export function mirrorMakerNames(spec: YAMLMap, customer: readonly YAMLMap[]): string[] {
  const alias = (c: unknown): string => (isMap(c) ? scalarText(c.get('alias', true)) : '');
  const customerAliases = new Set(customer.map(alias).filter((a) => a !== ''));
  const v1Target = getPath(spec, 'target');
  const notes: string[] = [];
  for (const m of seqAt(spec, 'mirrors')) {
    if (!isMap(m)) continue;
    const source = isMap(getPath(m, 'source')) ? alias(getPath(m, 'source')) : scalarText(m.get('sourceCluster', true));
    const target = isMap(v1Target) ? alias(v1Target) : scalarText(m.get('targetCluster', true));
    if (!source || !target) continue;
    const topics = scalarText(m.get('topicsPattern', true)) || '.*';
    const groups = scalarText(m.get('groupsPattern', true));
    const location = textAt(m, 'sourceConnector', 'config', 'offset-syncs.topic.location');
    const syncs = `mm2-offset-syncs.${target}.internal`;
    const checkpoints = isMap(getPath(m, 'checkpointConnector'));
    if (customerAliases.has(target)) {
      const names = [
        `${source}.<topic> for each topic matching ${topics}`,
        ...(checkpoints ? [`${source}.checkpoints.internal`] : []),
        ...(isMap(getPath(m, 'heartbeatConnector')) ? ['heartbeats'] : []),
        ...(location === 'target' ? [syncs] : []),
      ];
      const others = [
        ...(names.includes('heartbeats') ? ['CREATE, WRITE and DESCRIBE on heartbeats'] : []),
        // the checkpoint connector reads the offset syncs back
        ...(location === 'target' ? [`CREATE, WRITE, READ and DESCRIBE on ${syncs}`] : []),
      ];
      notes.push(
        `MirrorMaker 2 mirrors ${source} into the customer's cluster (${target}) under names no topic prefix renames: ${names.join(', ')}; ` +
          `grant its principal CREATE, WRITE, DESCRIBE and ALTER_CONFIGS on the topic prefix "${source}."` +
          others.map((o) => `, ${o}`).join(''),
      );
    }
    if (customerAliases.has(source))
      notes.push(
        `MirrorMaker 2 mirrors the customer's cluster (${source}) into ${target}: grant its principal READ and DESCRIBE on the topics matching ${topics}` +
          (checkpoints && groups ? `, DESCRIBE on the groups matching ${groups}` : '') +
          (location === 'target' ? '' : `, and CREATE, WRITE and READ on ${syncs}, which it keeps on the source`),
      );
  }
  return notes;
}

/** The ServiceAccount Strimzi gives an operand's pods (KafkaConnectResources / KafkaMirrorMaker2Resources.serviceAccountName). */
function serviceAccountOf(r: Resource): string {
  return `${r.name}-${r.kind === 'KafkaMirrorMaker2' ? 'mirrormaker2' : 'connect'}`;
}

/**
 * A KafkaConnect or KafkaMirrorMaker2 whose `type: custom` authentication reads the customer's Secrets through the
 * Kubernetes API: its pods' ServiceAccount (Strimzi names it `<name>-connect`, `<name>-mirrormaker2`) may get exactly
 * those Secrets, through a Role and RoleBinding appended to its file (once: a later compile finds them there).
 */
function grantSecretReads(ctx: K8sContext, r: Resource, auth: PlainYaml | undefined): string[] {
  const custom = auth as { type?: string; config?: Record<string, string> } | undefined;
  if (custom?.type !== 'custom') return [];
  const jaas = custom.config?.['sasl.jaas.config'] ?? '';
  const secrets = [...new Set([...jaas.matchAll(/\$\{strimzisecrets:(?:[^/:}]+\/)?([^:}]+):[^}]+\}/g)].map((x) => x[1] ?? ''))].sort();
  if (secrets.length === 0) return [];
  // without a namespace, the Role and RoleBinding go where the resource goes (`kubectl apply -n`, a kustomization's
  // `namespace:`), and a RoleBinding's ServiceAccount subject without one is the binding's own namespace's
  const namespace: Record<string, string> = r.namespace ? { namespace: r.namespace } : {};
  const account = serviceAccountOf(r);
  const name = `${account}-kafka-secrets`;
  const exists = (kind: string): boolean =>
    ctx.analysis.resources.some((x) => x.kind === kind && x.name === name && x.namespace === r.namespace && !ctx.analysis.dropped.has(x));
  const out: string[] = [];
  const ed = ctx.editorOf(r);
  if (!exists('Role')) {
    ed.appendAtEnd(
      `---\n${renderBlock({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name, ...namespace },
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
        metadata: { name, ...namespace },
        subjects: [{ kind: 'ServiceAccount', name: account, ...namespace }],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      })}`,
    );
    out.push(`RoleBinding/${name}`);
  }
  if (out.length > 0)
    ctx.plan.notes.push(
      `${r.id}: its ${r.kind === 'KafkaMirrorMaker2' ? 'MirrorMaker 2' : 'Connect'} pods (ServiceAccount ${account}) read the customer's Secret${secrets.length === 1 ? '' : 's'} ${secrets.join(', ')} through the Kubernetes API (\`type: custom\` authentication, \${strimzisecrets:...}): Role and RoleBinding ${name} allow exactly that`,
    );
  return out;
}

/**
 * A KafkaBridge whose `type: custom` authentication reads `${strimzienv:…}`: the variables come from the customer's
 * Secrets through `spec.template.bridgeContainer.env` (`valueFrom.secretKeyRef`), which the operator copies into the
 * Bridge container. An entry already there with the same value stays (a later compile changes nothing).
 */
function bridgeSecretEnv(ctx: K8sContext, r: Resource, spec: YAMLMap, auth: PlainYaml | undefined): string[] {
  const jaas = (auth as { type?: string; config?: Record<string, string> } | undefined)?.config?.['sasl.jaas.config'] ?? '';
  const sasl = ctx.spec.sasl;
  if (!jaas.includes('${strimzienv:') || !sasl || typeof sasl.username === 'string' || !sasl.username || !sasl.password) return [];
  const wanted = [
    [BRIDGE_ENV.username, secretKey(ctx, sasl.username, r)],
    [BRIDGE_ENV.password, secretKey(ctx, sasl.password, r)],
  ] as const;
  const ed = ctx.editorOf(r);
  const env = getPath(spec, 'template', 'bridgeContainer', 'env');
  const items: string[] = [];
  for (const [name, k] of wanted) {
    if (!k) continue;
    const want = { name, valueFrom: { secretKeyRef: { name: k.secretName, key: k.key } } };
    const have = isSeq(env) ? env.items.find((i) => isMap(i) && scalarText(i.get('name', true)) === name) : undefined;
    if (have && JSON.stringify((have as Node).toJSON()) === JSON.stringify(want)) continue;
    if (have) ed.removeBlockEntry(have as Node);
    items.push(renderBlock(want));
  }
  if (items.length === 0) return [];
  const template = getPath(spec, 'template');
  const container = getPath(spec, 'template', 'bridgeContainer');
  const seq = (step: string): string => items.map((i) => `${step}- ${i.split('\n').join(`\n${step}  `)}`).join('\n');
  if (isMap(container)) ed.appendUnder(container, 'env', 'seq', items);
  else if (isMap(template)) ed.appendUnder(template, 'bridgeContainer', 'map', [`env:\n${seq('  ')}`]);
  else ed.appendUnder(spec, 'template', 'map', [`bridgeContainer:\n  env:\n${seq('    ')}`]);
  ctx.plan.notes.push(
    `${r.id}: its Bridge container reads the customer's SASL username and password from ${BRIDGE_ENV.username} and ${BRIDGE_ENV.password} (\`type: custom\` authentication, \${strimzienv:...}), set from the customer's Secrets in spec.template.bridgeContainer.env`,
  );
  return ['template.bridgeContainer.env'];
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
    // `type: custom` could name IAMLoginModule, but no Strimzi image ships aws-msk-iam-auth (not among the Kafka
    // image's third-party libraries), and a KafkaConnect's spec.build adds artifacts under plugin.path, whose isolated
    // class loaders serve connectors, not the worker's own clients' SASL login module and callback handler
    if (sasl.mechanism === 'AWS_MSK_IAM')
      return refuse(
        'AWS_MSK_IAM',
        `build an image from the operand's Strimzi image with the aws-msk-iam-auth jar on its classpath (/opt/kafka/libs for Connect and MirrorMaker 2), set spec.image to it, and write \`type: custom\` authentication by hand (sasl: true; sasl.mechanism: AWS_MSK_IAM; sasl.jaas.config: software.amazon.msk.auth.iam.IAMLoginModule required; sasl.client.callback.handler.class: software.amazon.msk.auth.iam.IAMClientCallbackHandler) with tls, and the IAM role on the pods' ServiceAccount (spec.template.serviceAccount); or give the operand a SCRAM or mTLS user on the customer's cluster`,
        ": Strimzi's images do not ship the aws-msk-iam-auth library that `type: custom` would have to name, and a KafkaConnect's spec.build plugins are not on the worker's classpath",
      );
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
      // placeholders the operand's Kafka clients resolve through the config providers Strimzi configures for them:
      // Connect and MirrorMaker 2 workers read `${strimzisecrets:<namespace>/<secret>:<key>}` through the API (or
      // `${strimzisecrets:<secret>:<key>}` for a resource without a namespace: Strimzi's kafka-kubernetes-config-provider
      // 1.0.0 and later, KubernetesResourceIdentifier.fromConfigString, reads it in the client's namespace, which in a
      // pod is its ServiceAccount's, the namespace the operator runs the resource's pods in), the
      // Bridge reads `${strimzienv:<VAR>}` from its container's environment (its strimzisecrets provider came only
      // with Strimzi 1.1.0; strimzienv is there in every version that has `type: custom`)
      if (sasl.username === undefined)
        return refuse(
          'a SASL mechanism without a username',
          'give the customer a username (literal or a Kubernetes Secret reference) in the spec',
        );
      const user = secretKey(ctx, sasl.username, r);
      const password = sasl.password ? secretKey(ctx, sasl.password, r) : undefined;
      if (!user || !password) return undefined;
      const ref = (k: { secretName: string; key: string }, env: string): string =>
        r.kind === 'KafkaBridge'
          ? `\${strimzienv:${env}}`
          : `\${strimzisecrets:${r.namespace ? `${r.namespace}/` : ''}${k.secretName}:${k.key}}`;
      const module =
        sasl.mechanism === 'PLAIN'
          ? 'org.apache.kafka.common.security.plain.PlainLoginModule'
          : 'org.apache.kafka.common.security.scram.ScramLoginModule';
      return {
        type: 'custom',
        sasl: true,
        config: {
          'sasl.mechanism': sasl.mechanism,
          'sasl.jaas.config': `${module} required username="${ref(user, BRIDGE_ENV.username)}" password="${ref(password, BRIDGE_ENV.password)}";`,
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
  // v1beta2 leaves the names to `config`; what it leaves out the operator sets to its defaults, which the customer's
  // prefixes must cover too: they are written out, prefixed (Strimzi 0.51.0 KafkaConnectConfiguration /
  // KafkaMirrorMaker2Configuration DEFAULTS)
  if (!r.apiVersion.endsWith('/v1beta2')) return out;
  const given = new Set(pairs.filter(({ p }) => isScalar(p.value)).map(({ key }) => key));
  const base = r.kind === 'KafkaMirrorMaker2' ? 'mirrormaker2-cluster' : 'connect-cluster';
  const defaults: [string, string][] = [
    ['group.id', base],
    ['offset.storage.topic', `${base}-offsets`],
    ['config.storage.topic', `${base}-configs`],
    ['status.storage.topic', `${base}-status`],
  ];
  const added: string[] = [];
  for (const [key, value] of defaults) {
    const kind = CONNECT_NAMES[key];
    const prefix = kind === 'topic' ? ctx.spec.topics?.prefix : ctx.spec.groups?.prefix;
    if (!prefix || given.has(key)) continue;
    added.push(`${key}: ${prefix}${value}`);
    ctx.plan.renames.push({
      service: r.id,
      id: planId(r),
      setting: `spec.${path}config.${key}`,
      from: value,
      to: prefix + value,
      kind: kind ?? 'topic',
    });
    out.push(`${path}config.${key}`);
  }
  if (added.length > 0) ctx.editorOf(r).appendUnder(at, 'config', 'map', added);
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
