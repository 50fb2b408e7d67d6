import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { needsSecurity } from '../../configure/stage.js';
import { usesSasl, usesTls, type SecretValue } from '../../spec/types.js';
import { scalarText } from '../yaml/nodes.js';
import { renderBlock, type PlainYaml } from '../yaml/text.js';
import { spanOf, type Resource } from './parse.js';
import { planId, type K8sContext } from './context.js';

// Numaflow (numaflow.numaproj.io) Pipelines and MonoVertices read and write Kafka through a vertex's `source.kafka` or
// `sink.kafka` block, which carries its own security (pkg/apis/numaflow/v1alpha1: kafka_source.go, kafka_sink.go,
// tls.go, sasl.go), every credential a Secret key reference:
// - `tls: { caCertSecret, certSecret, keySecret, insecureSkipVerify }`: the block's presence turns TLS on; without
//   `caCertSecret` the system roots verify the brokers.
// - `sasl: { mechanism, plain | scramsha256 | scramsha512: { userSecret, passwordSecret, handshake } }`, or GSSAPI and
//   OAUTHBEARER (a client id and secret at a token endpoint); AWS_MSK_IAM is not among Numaflow's mechanisms.
// A username the customer's spec gives in clear goes into a Secret graft writes, as Numaflow reads it only from one.

/** Tells whether a resource is a Numaflow Pipeline or MonoVertex. */
export function isNumaflowVertexHolder(r: Resource): boolean {
  return (r.kind === 'Pipeline' || r.kind === 'MonoVertex') && r.apiVersion.startsWith('numaflow.numaproj.io/');
}

const SASL_KEYS: Record<string, string> = { PLAIN: 'plain', 'SCRAM-SHA-256': 'scramsha256', 'SCRAM-SHA-512': 'scramsha512' };

/** The Kafka blocks of a Pipeline's vertices or of a MonoVertex, with their paths and whether each is a source. */
function kafkaBlocks(r: Resource): { map: YAMLMap; path: string; source: boolean }[] {
  const out: { map: YAMLMap; path: string; source: boolean }[] = [];
  const visitVertex = (vertex: unknown, base: string): void => {
    if (!isMap(vertex)) return;
    for (const side of ['source', 'sink'] as const) {
      const holder = vertex.get(side, true);
      if (!isMap(holder)) continue;
      const kafka = holder.get('kafka', true);
      if (isMap(kafka)) out.push({ map: kafka, path: `${base}.${side}.kafka`, source: side === 'source' });
      // a sink's fallback (and on-success) sink may be a Kafka of its own
      for (const extra of ['fallback', 'onSuccess']) {
        const other = holder.get(extra, true);
        const k = isMap(other) ? other.get('kafka', true) : undefined;
        if (isMap(k)) out.push({ map: k, path: `${base}.${side}.${extra}.kafka`, source: false });
      }
    }
  };
  const spec = r.root.get('spec', true);
  if (!isMap(spec)) return out;
  if (r.kind === 'MonoVertex') visitVertex(spec, 'spec');
  else {
    const vertices = spec.get('vertices', true);
    if (isSeq(vertices)) vertices.items.forEach((v, i) => visitVertex(v, `spec.vertices[${i}]`));
  }
  return out;
}

/**
 * Gives the Kafka source and sink blocks of a Numaflow Pipeline or MonoVertex whose brokers graft rewired the customer's
 * TLS and SASL settings (Secret key references) and topic and group prefixes, or refuses a mechanism Numaflow does not
 * take (K8S_NUMAFLOW_AUTH_UNSUPPORTED). Returns what changed, an empty list after a refusal, and undefined when an
 * address was rewired outside the Kafka blocks.
 */
export function rewireNumaflowKafka(ctx: K8sContext, r: Resource, rewired: readonly string[]): string[] | undefined {
  const { spec } = ctx;
  const all = kafkaBlocks(r);
  // an address rewired anywhere but a Kafka block's brokers (a container's env, a UDF's args) is no setting of this
  // block: the resource is then refused as any custom resource whose security graft does not know
  if (!rewired.every((p) => all.some((b) => p.startsWith(`${b.path}.brokers`)))) return undefined;
  const blocks = all.filter((b) => rewired.some((p) => p.startsWith(`${b.path}.brokers`)));
  if (blocks.length === 0) return undefined;
  const changed: string[] = [];
  for (const b of blocks) changed.push(...prefixNames(ctx, r, b.map, b.path, b.source));
  if (!needsSecurity(spec)) return changed;
  const sasl = usesSasl(spec.securityProtocol) ? spec.sasl : undefined;
  const saslKey = sasl ? SASL_KEYS[sasl.mechanism] : undefined;
  if (sasl && !saslKey) {
    ctx.diagnostics.push({
      code: 'K8S_NUMAFLOW_AUTH_UNSUPPORTED',
      severity: 'error',
      message: `${r.id} now points at the customer's Kafka (${blocks.map((b) => `${b.path}.brokers`).join(', ')}), but Numaflow cannot authenticate with SASL/${sasl.mechanism}: its Kafka ${blocks.length > 1 ? 'blocks take' : 'block takes'} PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, GSSAPI and OAUTHBEARER with a client id and secret${sasl.mechanism === 'AWS_MSK_IAM' ? ', not AWS_MSK_IAM' : ' in its own sasl.oauth fields, which graft does not write'}`,
      help:
        sasl.mechanism === 'AWS_MSK_IAM'
          ? "give the customer's cluster a SCRAM or mTLS user for Numaflow, or read the topic with a client of another family"
          : "set the block's sasl.oauth (clientID, clientSecret, tokenEndpoint) by hand from the customer's Secrets",
      subject: spanOf(r),
    });
    return [];
  }
  const key = (s: SecretValue | undefined): { name: string; key: string } | undefined => {
    const k = s ? ctx.secrets.keyOf(s, planId(r)) : undefined;
    return k ? { name: k.name, key: k.key } : undefined;
  };
  const ca = key(spec.tls?.ca);
  const cert = key(spec.tls?.clientCert);
  const clientKey = key(spec.tls?.clientKey);
  const own = `${r.name}-kafka-sasl`;
  const user = sasl ? (typeof sasl.username === 'string' ? { name: own, key: 'user' } : key(sasl.username)) : undefined;
  const password = key(sasl?.password);
  if (sasl && (!user || !password)) return changed;
  const tls: Record<string, PlainYaml> | undefined = usesTls(spec.securityProtocol)
    ? {
        ...(ca ? { caCertSecret: { name: ca.name, key: ca.key } } : {}),
        ...(cert && clientKey && !sasl
          ? { certSecret: { name: cert.name, key: cert.key }, keySecret: { name: clientKey.name, key: clientKey.key } }
          : {}),
      }
    : undefined;
  const saslBlock: PlainYaml | undefined =
    sasl && saslKey && user && password
      ? {
          mechanism: sasl.mechanism,
          [saslKey]: {
            userSecret: { name: user.name, key: user.key },
            passwordSecret: { name: password.name, key: password.key },
            handshake: true,
          },
        }
      : undefined;
  for (const b of blocks) {
    const set = (name: string, value: PlainYaml | undefined): void => {
      const pair = b.map.items.find((p) => scalarText(p.key) === name);
      const have = pair?.value ? JSON.stringify((pair.value as Node).toJSON()) : undefined;
      if (value === undefined || have === JSON.stringify(value)) return;
      const ed = ctx.editorOf(r);
      if (pair) ed.removeBlockEntry(pair.key as Node);
      const body = renderBlock(value);
      ed.appendToMap(b.map, [
        typeof value === 'object' && value !== null && Object.keys(value).length > 0
          ? `${name}:\n${body
              .split('\n')
              .map((l) => `  ${l}`)
              .join('\n')}`
          : `${name}: {}`,
      ]);
      changed.push(`${b.path.replace(/^spec\./, '')}.${name}`);
    };
    set('tls', tls);
    set('sasl', saslBlock);
  }
  if (sasl && typeof sasl.username === 'string') {
    const exists = ctx.analysis.resources.some(
      (x) => x.kind === 'Secret' && x.name === own && x.namespace === r.namespace && !ctx.analysis.dropped.has(x),
    );
    if (!exists) {
      ctx.editorOf(r).appendAtEnd(
        `---\n${renderBlock({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: own, ...(r.namespace ? { namespace: r.namespace } : {}) },
          type: 'Opaque',
          stringData: { user: sasl.username },
        })}`,
      );
      changed.push(`Secret/${own}`);
      ctx.plan.notes.push(
        `${r.id}: Numaflow reads the SASL username only from a Secret; Secret ${own} holds the customer's username, which the spec gives in clear`,
      );
    }
  }
  return changed;
}

// a source's topic and consumer group, a sink's topic, get the customer's prefixes, as every client's names do
function prefixNames(ctx: K8sContext, r: Resource, block: YAMLMap, path: string, source: boolean): string[] {
  const out: string[] = [];
  const prefix = (name: string, kind: 'topic' | 'group'): void => {
    const p = kind === 'topic' ? ctx.spec.topics?.prefix : ctx.spec.groups?.prefix;
    const node = block.get(name, true);
    if (!p || !isScalar(node)) return;
    const value = scalarText(node);
    if (!value || value.startsWith(p)) return;
    ctx.editorOf(r).setScalar(node, p + value);
    ctx.plan.renames.push({ service: r.id, id: planId(r), setting: `${path}.${name}`, from: value, to: p + value, kind });
    out.push(`${path.replace(/^spec\./, '')}.${name}`);
  };
  prefix('topic', 'topic');
  if (source) prefix('consumerGroup', 'group');
  return out;
}
