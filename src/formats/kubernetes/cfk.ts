import { isMap, type Node, type YAMLMap } from 'yaml';
import { usesSasl, usesTls } from '../../spec/types.js';
import { scalarText } from '../compose/parse.js';
import { renderBlock, type PlainYaml } from '../yaml/text.js';
import { getPath, spanOf, type Resource } from './parse.js';
import type { K8sContext } from './rewrite.js';

/** The Secrets a CFK component reads its credentials from, in the formats CFK requires. */
export const CFK_CREDENTIALS = 'graft-cfk-kafka-credentials';
/** The Secret holding PEM files for CFK's TLS settings. */
export const CFK_TLS = 'graft-cfk-kafka-tls';

const COMPONENTS = new Set(['Connect', 'SchemaRegistry', 'KafkaRestProxy', 'KsqlDB', 'ControlCenter']);

/** Tells whether a resource is a Confluent for Kubernetes component that connects to Kafka through `spec.dependencies.kafka`. */
export function isCfkComponent(r: Resource): boolean {
  return r.apiVersion.startsWith('platform.confluent.io/') && COMPONENTS.has(r.kind);
}

/**
 * Gives a kept CFK component the customer's authentication and TLS in `spec.dependencies.kafka`. CFK reads
 * credentials only from Secrets in its own formats (`plain.txt`, PEM files), which the plan tells the customer to create.
 */
export function rewireCfkComponent(ctx: K8sContext, r: Resource): string[] {
  const kafka = getPath(r.root, 'spec', 'dependencies', 'kafka');
  if (!isMap(kafka)) return [];
  const { spec } = ctx;
  const changed: string[] = [];
  const refuse = (what: string): void => {
    ctx.diagnostics.push({
      code: 'K8S_CFK_MECHANISM_UNSUPPORTED',
      severity: 'error',
      message: `${r.id} (Confluent for Kubernetes) cannot authenticate to Kafka with ${what}: CFK components support SASL/PLAIN and mTLS`,
      help: 'the customer must offer SASL/PLAIN or mTLS for this component',
      subject: spanOf(r),
    });
  };
  let auth: PlainYaml | undefined;
  const tlsOn = usesTls(spec.securityProtocol);
  const mtls = tlsOn && spec.tls?.clientCert !== undefined;
  if (spec.sasl && usesSasl(spec.securityProtocol)) {
    if (spec.sasl.mechanism !== 'PLAIN') refuse(spec.sasl.mechanism);
    else auth = { type: 'plain', jaasConfig: { secretRef: CFK_CREDENTIALS } };
  } else if (mtls) auth = { type: 'mtls' };
  const tls: PlainYaml | undefined = !tlsOn
    ? undefined
    : spec.tls?.ca || mtls
      ? { enabled: true, secretRef: CFK_TLS }
      : { enabled: true, ignoreTrustStoreConfig: true };
  const ed = ctx.editorOf(r);
  for (const [key, want] of [
    ['authentication', auth],
    ['tls', tls],
  ] as const) {
    const pair = kafka.items.find((p) => scalarText(p.key) === key);
    const have = pair?.value ? JSON.stringify((pair.value as Node).toJSON()) : undefined;
    if (have === (want === undefined ? undefined : JSON.stringify(want))) continue;
    if (pair) ed.removeBlockEntry(pair.key as Node);
    if (want !== undefined) appendBlock(ctx, r, kafka, key, want);
    changed.push(`spec.dependencies.kafka.${key}`);
  }
  if (auth && typeof auth === 'object' && !Array.isArray(auth) && auth.type === 'plain') {
    ctx.plan.notes.push(
      `${r.id}: create Secret ${CFK_CREDENTIALS} with key plain.txt holding "username=<sasl.username>" and "password=<sasl.password>" lines (CFK's format)`,
    );
  }
  if (tls && typeof tls === 'object' && !Array.isArray(tls) && tls.secretRef) {
    ctx.plan.notes.push(
      `${r.id}: create Secret ${CFK_TLS} with cacerts.pem${mtls ? ', fullchain.pem and privkey.pem' : ''} (CFK's format) from the customer's CA${mtls ? ' and client certificate' : ''}`,
    );
  }
  return changed;
}

function appendBlock(ctx: K8sContext, r: Resource, map: YAMLMap, key: string, value: PlainYaml): void {
  const body = renderBlock(value)
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  ctx.editorOf(r).appendToMap(map, [`${key}:\n${body}`]);
}
