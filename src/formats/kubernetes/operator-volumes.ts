import { isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import { usesSasl, usesTls, type SecretValue } from '../../spec/types.js';
import { scalarText } from '../yaml/nodes.js';
import { indentLines, renderBlock, type PlainYaml } from '../yaml/text.js';
import type { ContainerEnv } from './container-env.js';
import { getPath, seqAt, spanOf } from './parse.js';
import { planId, type K8sContext } from './context.js';
import type { Container, Workload } from './workloads.js';

/** A pod volume that mounts a Secret the dropped Kafka operator generated. */
export interface OperatorVolume {
  /** The volume's entry in `volumes:`. */
  node: YAMLMap;
  name: string;
  secret: string;
  /** Where each container mounts it (mount path, and the mount entry). */
  mounts: { container: Container; path: string; node: YAMLMap }[];
  /** The customer's Secret keys that take its place, file name → secret; undefined when none can. */
  replacement?: Map<string, SecretValue>;
  /** A KafkaUser's Secret mounted whole: keys no customer secret stands in for. */
  wholeUser?: boolean;
}

// what a Strimzi-generated Secret holds, file by file, and which customer secret can stand in for it
function standIns(ctx: K8sContext, kind: 'user' | 'cluster-ca'): Map<string, SecretValue> {
  const { spec } = ctx;
  const out = new Map<string, SecretValue>();
  if (!usesTls(spec.securityProtocol) && kind === 'cluster-ca') return out;
  if (kind === 'cluster-ca') {
    if (spec.tls?.ca) out.set('ca.crt', spec.tls.ca);
    return out;
  }
  if (spec.tls?.clientCert && spec.tls.clientKey && usesTls(spec.securityProtocol) && !usesSasl(spec.securityProtocol)) {
    out.set('user.crt', spec.tls.clientCert);
    out.set('user.key', spec.tls.clientKey);
  }
  const pw = spec.sasl?.password;
  if (pw && usesSasl(spec.securityProtocol) && /^SCRAM|^PLAIN$/.test(spec.sasl?.mechanism ?? '')) out.set('password', pw);
  return out;
}

/** The pod volumes of a workload that mount Secrets the dropped operator generated (cluster CA, KafkaUser). */
export function findOperatorVolumes(ctx: K8sContext, w: Workload): OperatorVolume[] {
  const out: OperatorVolume[] = [];
  for (const v of seqAt(w.podSpec, 'volumes')) {
    if (!isMap(v)) continue;
    const secret = scalarText(getPath(v, 'secret', 'secretName'));
    const kind = ctx.analysis.operatorSecrets.get(secret);
    if (!kind) continue;
    const name = scalarText(v.get('name', true));
    const mounts = w.containers.flatMap((c) =>
      seqAt(c.node, 'volumeMounts')
        .filter((m): m is YAMLMap => isMap(m) && scalarText(m.get('name', true)) === name)
        .map((m) => ({ container: c, path: scalarText(m.get('mountPath', true)).replace(/\/+$/, ''), node: m })),
    );
    const available = standIns(ctx, kind);
    // the files the pod reads from it: the listed items, or everything the customer can stand in for. A KafkaUser's
    // Secret mounted whole also holds what no customer secret stands in for (a SCRAM user's sasl.jaas.config with its
    // own username, a TLS user's user.p12 and its password): the customer's Secret under the same mount would hold
    // other keys than the pod reads, so the volume goes with its mounts instead
    const items = seqAt(v, 'secret', 'items').map((i) => ({ key: scalarText(getPath(i, 'key')), path: scalarText(getPath(i, 'path')) }));
    const wanted = items.length ? items : kind === 'user' ? [] : [...available.keys()].map((k) => ({ key: k, path: k }));
    const replacement =
      wanted.length > 0 && wanted.every((i) => available.has(i.key))
        ? new Map(wanted.map((i) => [i.path, available.get(i.key) as SecretValue]))
        : undefined;
    out.push({
      node: v,
      name,
      secret,
      mounts,
      ...(replacement ? { replacement } : {}),
      ...(kind === 'user' && !items.length ? { wholeUser: true } : {}),
    });
  }
  return out;
}

/** Removes the variables of a container that name files in an operator volume graft removes. */
export function dropEnvIntoRemovedVolumes(ctx: K8sContext, w: Workload, c: Container, env: ContainerEnv, vols: OperatorVolume[]): void {
  const paths = vols.filter((v) => !v.replacement).flatMap((v) => v.mounts.filter((m) => m.container === c).map((m) => m.path));
  if (paths.length === 0) return;
  for (const n of env.names()) {
    if (env.changed().includes(n)) continue;
    const value = env.literal(n);
    if (value === undefined || !paths.some((p) => value === p || value.startsWith(`${p}/`))) continue;
    env.remove(n);
    ctx.plan.removed.push({
      kind: 'env',
      name: n,
      from: `${w.resource.id}/${c.name}`,
      fromId: planId(w.resource, { container: c.name }),
      reason: `it named ${value}, a file in a Secret the dropped Kafka operator generated`,
      at: spanOf(w.resource, c.node),
    });
  }
}

/**
 * Points each operator volume at the customer's Secret keys under the same file names, or removes it with its mounts
 * when the customer has nothing to stand in for it: a pod that mounts a Secret that no longer exists never starts.
 * Containers in `graftMounts` get graft's own secret mount, so their `volumeMounts:` (and the pod's `volumes:`) stay.
 */
export function rewriteOperatorVolumes(ctx: K8sContext, w: Workload, vols: OperatorVolume[], graftMounts: ReadonlySet<Container>): void {
  if (vols.length === 0) return;
  const ed = ctx.editorOf(w.resource);
  const gone = vols.filter((v) => !v.replacement);
  for (const v of vols) {
    if (!v.replacement) continue;
    const sources = new Map<string, { key: string; path: string }[]>();
    for (const [path, secret] of v.replacement) {
      const k = ctx.secrets.keyOf(secret, planId(w.resource));
      if (!k) return;
      sources.set(k.name, [...(sources.get(k.name) ?? []), { key: k.key, path }]);
    }
    const block: PlainYaml =
      sources.size === 1
        ? { secret: { secretName: [...sources.keys()][0] ?? '', items: [...sources.values()][0] ?? [] } }
        : { projected: { sources: [...sources].map(([name, items]) => ({ secret: { name, items } })) } };
    const pair = v.node.items.find((p) => scalarText(p.key) === 'secret');
    if (pair) ed.removeBlockEntry(pair.key as Node);
    const [key, value] = Object.entries(block as Record<string, PlainYaml>)[0] ?? ['secret', {}];
    ed.appendToMap(v.node, [`${key}:\n${indentLines(renderBlock(value), '  ')}`]);
    ctx.plan.rewired.push({
      service: `${w.resource.id} volume ${v.name}`,
      id: planId(w.resource, { part: `volume ${v.name}` }),
      family: 'secret-volume',
      matched: [`Secret ${v.secret} (generated by the dropped Kafka operator)`],
      changed: [...v.replacement.keys()].map((p) => `${p} from the customer's ${v.replacement?.get(p)?.path ?? ''}`),
      notes: [],
      at: spanOf(w.resource, v.node),
    });
  }
  if (gone.length === 0) return;
  const goneNames = new Set(gone.map((v) => v.name));
  for (const c of w.containers) {
    const vm = c.node.get('volumeMounts', true);
    if (!isSeq(vm)) continue;
    const pair = c.node.items.find((p) => scalarText(p.key) === 'volumeMounts');
    ed.removeItems(vm, (m) => isMap(m) && goneNames.has(scalarText(m.get('name', true))), graftMounts.has(c) ? undefined : pair);
  }
  const volumes = w.podSpec.get('volumes', true);
  const pair = w.podSpec.items.find((p) => scalarText(p.key) === 'volumes');
  if (isSeq(volumes))
    ed.removeItems(volumes, (v) => isMap(v) && goneNames.has(scalarText(v.get('name', true))), graftMounts.size > 0 ? undefined : pair);
  for (const v of gone) {
    ctx.plan.removed.push({
      kind: 'volume',
      name: v.name,
      from: w.resource.id,
      fromId: planId(w.resource),
      reason: v.wholeUser
        ? `it mounted the whole Secret ${v.secret}, which the dropped Kafka operator generated for a KafkaUser: its keys (a SCRAM user's sasl.jaas.config, a TLS user's user.p12 and user.password) are not the customer's, and a Secret with other keys under the same mount would mislead what reads it`
        : `it mounted Secret ${v.secret}, which the dropped Kafka operator generated, and the customer's cluster has nothing to put in its place`,
      at: spanOf(w.resource, v.node),
    });
  }
}
