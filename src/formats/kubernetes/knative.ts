import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { needsSecurity } from '../../configure/stage.js';
import { usesSasl, usesTls, type SecretValue } from '../../spec/types.js';
import { scalarText } from '../yaml/nodes.js';
import { renderBlock, type PlainYaml } from '../yaml/text.js';
import { getPath, spanOf, type Resource } from './parse.js';
import { planId, type K8sContext } from './context.js';

// Knative's Kafka resources (eventing-kafka-broker) take security from Kubernetes Secrets, never from literals:
// - KafkaSource (sources.knative.dev): `spec.net.sasl.{enable,user,password,type}` and `spec.net.tls.{enable,caCert,
//   cert,key}`, each a `secretKeyRef` of its own (control-plane/pkg/security/secrets_provider_net_spec.go: the protocol
//   follows from the two `enable` flags, the mechanism from `type` and PLAIN without it, no `ca.crt` means the system
//   roots, and SSL without a client certificate fails for want of `user.key`).
// - KafkaSink (eventing.knative.dev): `spec.auth.secret.ref.name`, one Secret holding every setting under Knative's key
//   names (`protocol`, `sasl.mechanism`, `user`, `password`, `ca.crt`, `user.crt`, `user.key`).
// AWS_MSK_IAM (Knative 1.20+: SASL/OAUTHBEARER with an MSK token provider) also needs the data plane's Java properties
// and the IAM role of the knative-eventing controller and data plane, set where Knative is installed, not in this stack.

/** Tells whether a resource is a Knative Kafka source or sink. */
export function isKnativeKafka(r: Resource): boolean {
  return (
    (r.kind === 'KafkaSource' && r.apiVersion.startsWith('sources.knative.dev/')) ||
    (r.kind === 'KafkaSink' && r.apiVersion.startsWith('eventing.knative.dev/'))
  );
}

/**
 * Gives a Knative KafkaSource the customer's security through `spec.net`, or refuses a KafkaSink or a mechanism Knative
 * cannot take per resource (K8S_KNATIVE_AUTH_UNSUPPORTED). Returns what changed; an empty list after a refusal.
 */
export function rewireKnativeKafka(ctx: K8sContext, r: Resource): string[] {
  const { spec } = ctx;
  if (!needsSecurity(spec)) return [];
  const sasl = usesSasl(spec.securityProtocol) ? spec.sasl : undefined;
  const refuse = (why: string, help: string): string[] => {
    ctx.diagnostics.push({
      code: 'K8S_KNATIVE_AUTH_UNSUPPORTED',
      severity: 'error',
      message: `${r.id} now points at the customer's Kafka, but graft cannot give it ${spec.securityProtocol}${sasl ? `/${sasl.mechanism}` : ''}: ${why}`,
      help,
      subject: spanOf(r),
    });
    return [];
  };
  if (sasl?.mechanism === 'AWS_MSK_IAM')
    return refuse(
      "Knative takes MSK IAM (1.20 and later) as SASL/OAUTHBEARER with an MSK token provider, which also needs the data plane's Java properties (config-kafka-source-*/config-kafka-broker-* in knative-eventing) and the IAM role of Knative's controller and data plane ServiceAccounts: settings of the Knative installation, outside this stack",
      "configure MSK IAM in the Knative installation as its documentation says, then set this resource's authentication by hand; or give the customer's cluster a SCRAM or mTLS user for Knative",
    );
  if (sasl?.mechanism === 'OAUTHBEARER')
    return refuse(
      "Knative's OAUTHBEARER takes only its MSK token providers, not a client id and secret at a token endpoint",
      'give the customer a SCRAM, PLAIN or mTLS user for Knative',
    );
  const key = (s: SecretValue | undefined): { name: string; key: string } | undefined => {
    const k = s ? ctx.secrets.keyOf(s, planId(r)) : undefined;
    return k ? { name: k.name, key: k.key } : undefined;
  };
  const tls = usesTls(spec.securityProtocol);
  const ca = key(spec.tls?.ca);
  const cert = key(spec.tls?.clientCert);
  const clientKey = key(spec.tls?.clientKey);
  const user = sasl && typeof sasl.username !== 'string' ? key(sasl.username) : undefined;
  const password = key(sasl?.password);
  if (r.kind === 'KafkaSink') {
    const from = (k: { name: string; key: string } | undefined): string => (k ? `Secret ${k.name} key ${k.key}` : 'the customer');
    const keys = [
      `protocol=${spec.securityProtocol}`,
      ...(sasl ? [`sasl.mechanism=${sasl.mechanism}`] : []),
      ...(sasl ? [`user (${typeof sasl.username === 'string' ? sasl.username : from(user)})`, `password (${from(password)})`] : []),
      ...(tls && ca ? [`ca.crt (${from(ca)})`] : []),
      ...(tls && !sasl ? [`user.crt (${from(cert)})`, `user.key (${from(clientKey)})`] : []),
    ];
    return refuse(
      "a KafkaSink reads every security setting from one Secret under Knative's own key names (spec.auth.secret.ref.name), and graft writes no secret value into a Secret",
      `create a Secret in the KafkaSink's namespace with the keys ${keys.join(', ')}, and set spec.auth.secret.ref.name to its name`,
    );
  }
  if (tls && !sasl && (!cert || !clientKey))
    return refuse(
      "a KafkaSource on SSL requires a client certificate and key (spec.net.tls.cert and key): Knative's net spec cannot skip client authentication",
      'give the customer an mTLS certificate and key in a Kubernetes Secret, or SASL over TLS',
    );
  const ref = (k: { name: string; key: string }): PlainYaml => ({ secretKeyRef: { name: k.name, key: k.key } });
  // the literals Knative reads only from a Secret (the mechanism, a username the spec gives in clear): a Secret of graft's
  const literals: Record<string, string> = {};
  if (sasl && sasl.mechanism !== 'PLAIN') literals['sasl.mechanism'] = sasl.mechanism;
  if (sasl && typeof sasl.username === 'string') literals['user'] = sasl.username;
  const own = `${r.name}-kafka-sasl`;
  const net: Record<string, PlainYaml> = {};
  if (sasl) {
    const u = typeof sasl.username === 'string' ? { name: own, key: 'user' } : user;
    if (!u || !password) return [];
    net['sasl'] = {
      enable: true,
      user: ref(u),
      password: ref(password),
      ...(literals['sasl.mechanism'] ? { type: ref({ name: own, key: 'sasl.mechanism' }) } : {}),
    };
  }
  if (tls)
    net['tls'] = {
      enable: true,
      ...(ca ? { caCert: ref(ca) } : {}),
      ...(cert && clientKey && !sasl ? { cert: ref(cert), key: ref(clientKey) } : {}),
    };
  const ed = ctx.editorOf(r);
  const specNode = getPath(r.root, 'spec');
  if (!isMap(specNode)) return [];
  const changed: string[] = [];
  const pair = specNode.items.find((p) => scalarText(p.key) === 'net');
  const have = pair?.value ? JSON.stringify((pair.value as Node).toJSON()) : undefined;
  if (have !== JSON.stringify(net)) {
    if (pair) ed.removeBlockEntry(pair.key as Node);
    ed.appendToMap(specNode, [
      `net:\n${renderBlock(net)
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n')}`,
    ]);
    changed.push('net');
  }
  changed.push(...prefixNames(ctx, r, specNode));
  if (Object.keys(literals).length > 0) {
    const exists = ctx.analysis.resources.some(
      (x) => x.kind === 'Secret' && x.name === own && x.namespace === r.namespace && !ctx.analysis.dropped.has(x),
    );
    if (!exists) {
      ed.appendAtEnd(
        `---\n${renderBlock({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: own, ...(r.namespace ? { namespace: r.namespace } : {}) },
          type: 'Opaque',
          stringData: literals,
        })}`,
      );
      changed.push(`Secret/${own}`);
      ctx.plan.notes.push(
        `${r.id}: Knative reads ${Object.keys(literals).join(' and ')} only from a Secret; Secret ${own} holds ${Object.keys(literals)
          .map((k) => `${k} (${literals[k] ?? ''})`)
          .join(', ')}, values of the customer's spec that are no secret`,
      );
    }
  }
  return changed;
}

// the KafkaSource's consumer group and topics get the customer's prefixes, as every client's names do
function prefixNames(ctx: K8sContext, r: Resource, spec: YAMLMap): string[] {
  const out: string[] = [];
  const prefix = (node: unknown, kind: 'topic' | 'group', setting: string): void => {
    const p = kind === 'topic' ? ctx.spec.topics?.prefix : ctx.spec.groups?.prefix;
    if (!p || !isScalar(node)) return;
    const value = scalarText(node);
    if (!value || value.startsWith(p)) return;
    ctx.editorOf(r).setScalar(node, p + value);
    ctx.plan.renames.push({ service: r.id, id: planId(r), setting, from: value, to: p + value, kind });
    out.push(setting.replace(/^spec\./, ''));
  };
  prefix(spec.get('consumerGroup', true), 'group', 'spec.consumerGroup');
  const topics = spec.get('topics', true);
  if (isSeq(topics)) topics.items.forEach((t, i) => prefix(t, 'topic', `spec.topics[${i}]`));
  return out;
}
