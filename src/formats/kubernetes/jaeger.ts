// Jaeger operator CRs (`jaegertracing.io/v1` `Jaeger`) with the streaming strategy: the collector produces spans to
// Kafka (`kafka.producer.*` options) and the ingester consumes them (`kafka.consumer.*`). Without brokers in either, the
// operator provisions a Strimzi Kafka of its own. Jaeger reads its Kafka security from the same options: `authentication`
// (none, tls, plaintext — SASL PLAIN/SCRAM —, kerberos), `tls.enabled`, `tls.ca`, `tls.cert`, `tls.key` (file paths) and
// `plaintext.username` / `plaintext.password` / `plaintext.mechanism` (literal values only).
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { usesSasl, usesTls, type SecretValue } from '../../spec/types.js';
import { scalarText } from '../yaml/nodes.js';
import { indentLines, renderBlock, type PlainYaml } from '../yaml/text.js';
import { planId, rewireText, type K8sContext } from './context.js';
import { getPath, spanOf, textAt, type Resource } from './parse.js';
import { SECRETS_DIR } from './secrets.js';

/** The Jaeger components that talk to Kafka in the streaming strategy, and which side of Kafka each is. */
const SIDES = [
  { component: 'collector', side: 'producer' },
  { component: 'ingester', side: 'consumer' },
] as const;
/** Jaeger's defaults when the options name no topic or group. */
const DEFAULT_TOPIC = 'jaeger-spans';
const DEFAULT_GROUP = 'jaeger-ingester';
/** Option keys (below `kafka.<side>.`) that carry security settings graft replaces. */
const SECURITY_KEY = /^(authentication|tls(\..+)?|plaintext\..+|kerberos\..+)$/;

/** Tells whether a resource is a Jaeger instance that moves spans through Kafka. */
export function isJaegerStreaming(r: Resource): boolean {
  return r.apiVersion.startsWith('jaegertracing.io/') && r.kind === 'Jaeger' && textAt(r.root, 'spec', 'strategy') === 'streaming';
}

/** An option found in a Jaeger `options` map, nested (`kafka: {producer: …}`) or flattened (`kafka.producer.brokers`). */
interface Found {
  key: string;
  value: Node;
  parent: YAMLMap;
}

// every option below `map`, with its flattened key, as the operator flattens them
function flatten(map: YAMLMap, prefix = ''): Found[] {
  const out: Found[] = [];
  for (const p of map.items) {
    const key = prefix + scalarText(p.key);
    if (isMap(p.value)) out.push(...flatten(p.value, `${key}.`));
    else if (p.value) out.push({ key, value: p.value as Node, parent: map });
  }
  return out;
}

// the deepest map along `path` (nested keys, or a flattened key for several segments), and the segments left below it
function deepest(map: YAMLMap, path: readonly string[]): { map: YAMLMap; rest: string[] } {
  for (let n = path.length; n > 0; n--) {
    const next = map.get(path.slice(0, n).join('.'), true);
    if (isMap(next)) return deepest(next, path.slice(n));
  }
  return { map, rest: [...path] };
}

function nest(rest: readonly string[], leaf: Record<string, PlainYaml>): PlainYaml {
  return rest.reduceRight<PlainYaml>((acc, k) => ({ [k]: acc }), leaf);
}

function indented(block: string): string {
  return indentLines(block, '  ');
}

/** Points a streaming Jaeger's collector and ingester at the customer's Kafka, with the security Jaeger can read. */
export function rewireJaeger(ctx: K8sContext, r: Resource): void {
  const spec = getPath(r.root, 'spec');
  if (!isMap(spec)) return;
  const ed = ctx.editorOf(r);
  const { spec: customer } = ctx;
  const at = spanOf(r);
  const brokersOf = (component: string, side: string): Found | undefined => {
    const options = getPath(spec, component, 'options');
    return isMap(options) ? flatten(options).find((f) => f.key === `kafka.${side}.brokers`) : undefined;
  };
  // a cluster outside the stack: left as it is, like any Kafka the stack does not bring
  const outside = SIDES.map((s) => ({ ...s, found: brokersOf(s.component, s.side) })).filter(
    (s) =>
      s.found &&
      isScalar(s.found.value) &&
      !rewireText(ctx, scalarText(s.found.value)).matched &&
      !rewireText(ctx, scalarText(s.found.value)).customer,
  );
  if (outside.length > 0) {
    const names = [...new Set(outside.map((s) => scalarText(s.found?.value)))];
    ctx.plan.notes.push(`${r.id}: Kafka ${names.join(', ')} is not part of the stack; graft leaves it as it is`);
    ctx.diagnostics.push({
      code: 'K8S_KAFKA_OUTSIDE_STACK',
      severity: 'warning',
      message: `${r.id} sends spans through Kafka at ${names.join(', ')}, which no resource of the stack defines; graft leaves it as it is`,
      help: "if it is the vendor's Kafka that the customer's cluster replaces, add its manifests (the Strimzi Kafka) to the stack so graft drops it and configures this Jaeger",
      subject: spanOf(r, outside[0]?.found?.value),
    });
    return;
  }
  const provisioned = SIDES.every((s) => !brokersOf(s.component, s.side));
  const security = jaegerSecurity(ctx, r);
  if (!security) return;
  const changed: string[] = [];
  const matched: string[] = [];
  const files = new Set<string>();
  for (const { component, side } of SIDES) {
    const base = [component, 'options', 'kafka', side];
    const options = getPath(spec, component, 'options');
    const existing = isMap(options) ? flatten(options).filter((f) => f.key.startsWith(`kafka.${side}.`)) : [];
    const value = (k: string): Found | undefined => existing.find((f) => f.key === `kafka.${side}.${k}`);
    const want: Record<string, string> = {};
    const brokers = value('brokers');
    if (brokers && isScalar(brokers.value)) {
      const next = rewireText(ctx, scalarText(brokers.value));
      matched.push(`${component} kafka.${side}.brokers`);
      if (next.matched) want.brokers = next.text;
    } else {
      want.brokers = customer.bootstrapServers.join(',');
    }
    const topic = value('topic');
    const topicName = topic ? scalarText(topic.value) : DEFAULT_TOPIC;
    const topicPrefix = customer.topics?.prefix;
    const finalTopic = topicPrefix && !topicName.startsWith(topicPrefix) ? topicPrefix + topicName : topicName;
    if (finalTopic !== topicName) {
      want.topic = finalTopic;
      ctx.plan.renames.push({
        service: r.id,
        id: planId(r),
        setting: `spec.${component}.options.kafka.${side}.topic`,
        from: topicName,
        to: finalTopic,
        kind: 'topic',
      });
    }
    if (provisioned) ctx.plan.topicsToCreate.push(finalTopic);
    if (side === 'consumer') {
      const group = value('group-id');
      const groupName = group ? scalarText(group.value) : DEFAULT_GROUP;
      const groupPrefix = customer.groups?.prefix;
      if (groupPrefix && !groupName.startsWith(groupPrefix)) {
        want['group-id'] = groupPrefix + groupName;
        ctx.plan.renames.push({
          service: r.id,
          id: planId(r),
          setting: `spec.${component}.options.kafka.${side}.group-id`,
          from: groupName,
          to: groupPrefix + groupName,
          kind: 'group',
        });
      }
    }
    for (const [k, v] of Object.entries(security.options)) want[k] = v;
    for (const f of security.files) files.add(f);
    // stale security options of the bundled Kafka go
    for (const f of existing) {
      const k = f.key.slice(`kafka.${side}.`.length);
      if (SECURITY_KEY.test(k) && !(k in want)) {
        ed.removeBlockEntry(f.parent.items.find((p) => p.value === f.value)?.key as Node);
        ctx.plan.removed.push({
          kind: 'setting',
          name: `kafka.${side}.${k}`,
          from: `${r.id} ${component}`,
          fromId: planId(r, { part: component }),
          reason: "a security setting of the bundled Kafka; the customer's cluster needs its own",
          at,
        });
      }
    }
    const add: Record<string, string> = {};
    for (const [k, v] of Object.entries(want)) {
      const have = value(k);
      if (have && isScalar(have.value)) {
        if (scalarText(have.value) !== v) ed.setScalar(have.value, v);
        else continue;
      } else add[k] = v;
      changed.push(`${component} kafka.${side}.${k}`);
    }
    if (Object.keys(add).length === 0) continue;
    // beside the side's options as they are written (a flattened `kafka.consumer.brokers` gets flattened siblings)
    const sibling = existing[0];
    const siblingKey = sibling ? scalarText(sibling.parent.items.find((p) => p.value === sibling.value)?.key) : '';
    const above = sibling ? sibling.key.slice(0, sibling.key.length - siblingKey.length) : '';
    if (sibling && `kafka.${side}.`.startsWith(above) && siblingKey.includes('.')) {
      const rel = `kafka.${side}.`.slice(above.length);
      ed.appendToMap(
        sibling.parent,
        Object.entries(add).map(([k, v]) => renderBlock({ [rel + k]: v })),
      );
      continue;
    }
    const { map, rest } = deepest(spec, base);
    if (rest.length === 0)
      ed.appendToMap(
        map,
        Object.entries(add).map(([k, v]) => renderBlock({ [k]: v })),
      );
    else {
      const [head, ...below] = rest;
      ed.appendToMap(map, [`${head ?? ''}:\n${indented(renderBlock(nest(below, add)))}`]);
    }
  }
  if (files.size > 0) changed.push(...mountSecrets(ctx, r, spec, [...files].sort()));
  ctx.plan.rewired.push({
    service: r.id,
    id: planId(r),
    family: 'jaeger',
    matched: provisioned ? ['strategy streaming without brokers: the operator would provision its own Kafka'] : matched,
    changed,
    notes: provisioned ? ['with brokers set, the Jaeger operator no longer provisions a Kafka cluster'] : [],
    at,
  });
  if (provisioned)
    ctx.plan.dropped.push({
      service: `${r.id} (operator-provisioned Kafka)`,
      id: planId(r, { part: '(operator-provisioned Kafka)' }),
      role: 'jaeger-provisioned-kafka',
      reason: 'the Jaeger operator provisions a Strimzi Kafka for a streaming Jaeger whose collector and ingester name no brokers',
      at,
    });
}

/** The options Jaeger needs for the customer's security, and the secret files they read; undefined after a refusal. */
function jaegerSecurity(ctx: K8sContext, r: Resource): { options: Record<string, string>; files: string[] } | undefined {
  const { spec } = ctx;
  if (usesSasl(spec.securityProtocol)) {
    const mechanism = spec.sasl?.mechanism ?? '?';
    const supported = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'].includes(mechanism);
    ctx.diagnostics.push({
      code: 'K8S_JAEGER_AUTH_UNSUPPORTED',
      severity: 'error',
      message: supported
        ? `${r.id} would need the customer's SASL ${mechanism} password as a literal option (kafka.producer.plaintext.password, kafka.consumer.plaintext.password): the Jaeger CR cannot read it from a Secret`
        : `${r.id} cannot authenticate with SASL ${mechanism}: Jaeger's Kafka clients support SASL PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 and Kerberos only`,
      help: supported
        ? "deploy the collector and ingester yourself with KAFKA_PRODUCER_PLAINTEXT_PASSWORD / KAFKA_CONSUMER_PLAINTEXT_PASSWORD from a secretKeyRef, or give Jaeger a client certificate (mTLS) on the customer's cluster"
        : "give Jaeger a SASL/SCRAM, SASL/PLAIN or mTLS principal on the customer's cluster",
      subject: spanOf(r),
    });
    return undefined;
  }
  const options: Record<string, string> = {};
  const files: string[] = [];
  if (!usesTls(spec.securityProtocol)) return { options, files };
  const file = (s: SecretValue): string => {
    const f = ctx.secrets.fileOf(s, planId(r));
    files.push(f.name);
    return f.path;
  };
  const { ca, clientCert, clientKey } = spec.tls ?? {};
  if (clientCert && clientKey) options.authentication = 'tls';
  options['tls.enabled'] = 'true';
  if (ca) options['tls.ca'] = file(ca);
  if (clientCert && clientKey) {
    options['tls.cert'] = file(clientCert);
    options['tls.key'] = file(clientKey);
  }
  return { options, files };
}

// the customer's secret files in every Jaeger component: `spec.volumes` and `spec.volumeMounts` apply to all of them
function mountSecrets(ctx: K8sContext, r: Resource, spec: YAMLMap, names: string[]): string[] {
  const ed = ctx.editorOf(r);
  const sources = names.flatMap((name) => {
    const u = ctx.secrets.used.get(name);
    const key = u ? ctx.secrets.keyOf(u.secret, planId(r)) : undefined;
    return key ? [{ secret: { name: key.name, items: [{ key: key.key, path: name }] } }] : [];
  });
  if (sources.length === 0) return [];
  const changed: string[] = [];
  const wanted: [string, PlainYaml][] = [
    ['volumeMounts', { name: 'graft-secrets', mountPath: SECRETS_DIR, readOnly: true }],
    ['volumes', { name: 'graft-secrets', projected: { sources } }],
  ];
  for (const [key, want] of wanted) {
    const list = spec.get(key, true);
    const existing = isSeq(list) ? list.items.find((v) => isMap(v) && scalarText(v.get('name', true)) === 'graft-secrets') : undefined;
    if (existing && JSON.stringify((existing as Node).toJSON()) === JSON.stringify(want)) continue;
    if (existing) ed.removeBlockEntry(existing as Node);
    ed.appendUnder(spec, key, 'seq', [renderBlock(want)]);
    changed.push(`${key} graft-secrets`);
  }
  return changed;
}
