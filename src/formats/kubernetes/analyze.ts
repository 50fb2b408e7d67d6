import { findEndpointRuns, k8sHostSuffix } from '../../core/endpoints.js';
import { imageRole, topicsCreatedBy, type InfraRole } from '../../detect/images.js';
import { detectRole, isZookeeperKey } from '../../detect/behaviour.js';
import { scalarText } from '../yaml/nodes.js';
import type { CustomerKafka } from '../../spec/types.js';
import { getPath, labelsAt, seqAt, textAt, type Resource } from './parse.js';
import { readWorkload, selects, type Workload } from './workloads.js';
import { deployedNamespaces } from './kustomize.js';

/** Why a resource is dropped. */
export interface K8sDrop {
  role: string;
  reason: string;
}

/** What graft found in a set of Kubernetes manifests before rewriting them. */
export interface K8sAnalysis {
  resources: Resource[];
  workloads: Workload[];
  dropped: Map<Resource, K8sDrop>;
  /** Host names (first DNS label onwards) of the dropped Kafka brokers. */
  kafkaHosts: Set<string>;
  registryHosts: Set<string>;
  /** Secrets an operator generated for the dropped cluster, by name: what they held. */
  operatorSecrets: Map<string, 'user' | 'cluster-ca'>;
  /** The operator cluster (Strimzi, CFK, Redpanda resource name) each dropped Kafka host belongs to. */
  hostClusters: Map<string, string>;
  /** Strimzi cluster names that were dropped. */
  clusters: Set<string>;
  /** Host names of dropped ZooKeeper Services. */
  zookeeperHosts: Set<string>;
  /** The namespaces a dropped Service's DNS names may carry (`svc.ns`); undefined when one has none, so any. */
  namespaces?: string[];
  /** Topics dropped helper Jobs created. */
  creates: string[];
  /** Infrastructure kept because a workload that stays uses it; `forItself`: no dropped broker used it, what each user reads. */
  kept: { resource: Resource; users: string[]; forItself?: string[] }[];
}

const STRIMZI = 'kafka.strimzi.io';
const STRIMZI_DROP = new Set(['Kafka', 'KafkaNodePool', 'KafkaTopic', 'KafkaUser', 'KafkaRebalance']);
const CFK = 'platform.confluent.io';
const CFK_DROP = new Set(['Kafka', 'KRaftController', 'Zookeeper', 'KafkaTopic', 'KafkaRestClass', 'ConfluentRolebinding']);
const REDPANDA = 'cluster.redpanda.com';

function group(r: Resource): string {
  return r.apiVersion.includes('/') ? (r.apiVersion.split('/')[0] ?? '') : '';
}

/** Decides which resources are the embedded Kafka and what only served it. */
export function analyzeManifests(
  resources: Resource[],
  spec: CustomerKafka,
  kustomized: ReadonlyMap<string, readonly (string | undefined)[]> = new Map(),
): K8sAnalysis {
  const dropped = new Map<Resource, K8sDrop>();
  const kafkaHosts = new Set<string>();
  const registryHosts = new Set<string>();
  const operatorSecrets = new Map<string, 'user' | 'cluster-ca'>();
  const clusters = new Set<string>();
  const zookeeperHosts = new Set<string>();
  const hostClusters = new Map<string, string>();
  const clusterHosts = (cluster: string, hosts: string[]): void => {
    for (const h of hosts) {
      kafkaHosts.add(h);
      if (!hostClusters.has(h)) hostClusters.set(h, cluster);
    }
  };
  const drop = (r: Resource, role: string, reason: string): void => {
    if (!dropped.has(r)) dropped.set(r, { role, reason });
  };
  const brokerNames = (base: string, count: number): string[] => Array.from({ length: Math.min(count, 32) }, (_, i) => `${base}-${i}`);

  for (const r of resources) {
    const g = group(r);
    if (g === STRIMZI && STRIMZI_DROP.has(r.kind)) {
      const cluster = r.kind === 'Kafka' ? r.name : (labelsAt(r.root, 'metadata', 'labels')['strimzi.io/cluster'] ?? '');
      drop(r, `strimzi-${r.kind.toLowerCase()}`, `Strimzi ${r.kind} of cluster ${cluster || '?'}`);
      if (r.kind === 'Kafka') {
        clusters.add(r.name);
        const replicas = Number(textAt(r.root, 'spec', 'kafka', 'replicas')) || 3;
        clusterHosts(r.name, [`${r.name}-kafka-bootstrap`, `${r.name}-kafka-brokers`, ...brokerNames(`${r.name}-kafka`, replicas)]);
        operatorSecrets.set(`${r.name}-cluster-ca-cert`, 'cluster-ca');
      }
      if (r.kind === 'KafkaNodePool')
        clusterHosts(cluster, brokerNames(`${cluster}-${r.name}`, Number(textAt(r.root, 'spec', 'replicas')) || 3));
      if (r.kind === 'KafkaUser') operatorSecrets.set(r.name, 'user');
      // the Kafka resource itself may live elsewhere: its name is on every resource of the cluster
      if (cluster && !clusters.has(cluster)) {
        clusters.add(cluster);
        clusterHosts(cluster, [`${cluster}-kafka-bootstrap`, `${cluster}-kafka-brokers`, ...brokerNames(`${cluster}-kafka`, 3)]);
        operatorSecrets.set(`${cluster}-cluster-ca-cert`, 'cluster-ca');
      }
    } else if (g === CFK && (CFK_DROP.has(r.kind) || (r.kind === 'SchemaRegistry' && spec.schemaRegistry))) {
      drop(
        r,
        `cfk-${r.kind.toLowerCase()}`,
        `Confluent for Kubernetes ${r.kind}${r.kind === 'SchemaRegistry' ? ' (the customer provides a schema registry)' : ''}`,
      );
      const replicas = Number(textAt(r.root, 'spec', 'replicas')) || 3;
      const hosts = [r.name, `${r.name}-bootstrap`, ...brokerNames(r.name, replicas)];
      if (r.kind === 'Kafka') clusterHosts(r.name, hosts);
      else if (r.kind === 'SchemaRegistry') for (const h of hosts) registryHosts.add(h);
    } else if (g === REDPANDA) {
      drop(r, `redpanda-${r.kind.toLowerCase()}`, `Redpanda operator ${r.kind}`);
      if (r.kind === 'Redpanda')
        clusterHosts(r.name, [
          r.name,
          ...brokerNames(r.name, Number(textAt(r.root, 'spec', 'clusterSpec', 'statefulset', 'replicas')) || 3),
        ]);
    }
  }

  const workloads = resources.map(readWorkload).filter((w): w is Workload => w !== undefined);
  const infraWorkloads = new Map<Workload, InfraRole>();
  const creates: string[] = [];
  for (const w of workloads) {
    // what each container runs: a known image (refined by its command), or broker / ZooKeeper settings and commands
    const verdicts = w.containers
      .filter((c) => !c.init)
      .map((c) => {
        const command = [...seqAt(c.node, 'command'), ...seqAt(c.node, 'args')].map((n) => scalarText(n)).join(' ');
        return {
          c,
          command,
          v: detectRole({ name: w.resource.name, image: c.image, env: envLiterals(c.node), ...(command ? { command } : {}) }),
        };
      });
    // a broker-image container running a client program makes the pod a client, whatever else it runs
    if (verdicts.some((x) => imageRole(x.c.image) === 'broker' && !x.v)) continue;
    const main = verdicts.find((x) => x.v && x.v.role !== 'schema-registry') ?? verdicts.find((x) => x.v?.role === 'schema-registry');
    const role = main?.v?.role;
    if (!main?.v || !role || (role === 'schema-registry' && !spec.schemaRegistry)) continue;
    const image = main.c.image;
    let reason = main.v.byImage
      ? `image ${image} is ${role === 'zookeeper' ? 'ZooKeeper' : role === 'schema-registry' ? 'a schema registry and the customer provides one' : 'a Kafka broker'}`
      : `${main.v.evidence}${role === 'schema-registry' ? ' and the customer provides one' : ''}`;
    if (role === 'kafka-init') {
      const topics = topicsCreatedBy(main.command);
      creates.push(...topics);
      reason = `image ${image} runs a one-shot Kafka tool against the embedded broker${topics.length ? ` (creates ${topics.join(', ')})` : ''}`;
    } else if (role === 'controller' && main.v.byImage) reason = `image ${image} runs a KRaft controller (process.roles=controller)`;
    infraWorkloads.set(w, role);
    drop(w.resource, role, reason);
  }
  const companions = dropReleaseCompanions(workloads, dropped, infraWorkloads, drop);
  dropBrokerZookeeper(workloads, resources, dropped, infraWorkloads, drop);
  // Services that select only dropped pods, and the host names they gave those pods
  const droppedWorkloads = workloads.filter((w) => dropped.has(w.resource));
  const keptWorkloads = workloads.filter((w) => !dropped.has(w.resource));
  for (const r of resources.filter((x) => x.kind === 'Service' && !dropped.has(x))) {
    const selector = labelsAt(r.root, 'spec', 'selector');
    const targets = droppedWorkloads.filter((w) => selects(selector, w.podLabels));
    if (targets.length === 0 || keptWorkloads.some((w) => selects(selector, w.podLabels))) continue;
    // a Service of a workload dropped with the Kafka's release (its metrics exporter) is no name of the Kafka
    const role = targets.every((t) => companions.has(t)) ? undefined : (infraWorkloads.get(targets[0]) ?? 'broker');
    drop(r, 'service', `selects only dropped pods (${targets.map((t) => t.resource.name).join(', ')})`);
    const set =
      role === 'schema-registry'
        ? registryHosts
        : role === 'broker' || role === 'controller'
          ? kafkaHosts
          : role === 'zookeeper'
            ? zookeeperHosts
            : undefined;
    if (set) {
      set.add(r.name);
      for (const t of targets.filter((t) => t.resource.kind === 'StatefulSet')) {
        for (const h of brokerNames(t.resource.name, Number(textAt(t.resource.root, 'spec', 'replicas')) || 3)) set.add(h);
      }
    }
  }
  const namespaces = stackNamespaces(resources, dropped, kustomized);
  const keptZk = keepUsedZookeeper(workloads, resources, dropped, infraWorkloads, zookeeperHosts, namespaces);
  dropAliases(resources, dropped, [kafkaHosts, zookeeperHosts, registryHosts], hostClusters);
  const kept = [...keptZk, ...dropDependents(resources, workloads, dropped)];
  return {
    resources,
    workloads,
    dropped,
    kafkaHosts,
    hostClusters,
    registryHosts,
    operatorSecrets,
    clusters,
    kept,
    zookeeperHosts,
    ...(namespaces ? { namespaces } : {}),
    creates,
  };
}

/** `name`, `name.namespace`, `name.namespace.svc` or `name.namespace.svc.cluster.local`: a Service of the cluster. */
const SERVICE_DNS = /^([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)(?:\.([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)(?:\.svc(?:\.cluster\.local)?)?)?\.?$/;

/**
 * An `ExternalName` Service whose `externalName` is a dropped Kafka, ZooKeeper or registry Service of the stack
 * (`palisade-kafka-proxy` → `palisade-kafka.default.svc.cluster.local`) is another name of it: it goes with it, and its
 * name joins the dropped host names, so every kept reference to the alias is rewired or refused like one to the Service
 * itself. An alias of an alias follows. A target in another namespace than the dropped Service's is not it.
 */
function dropAliases(
  resources: Resource[],
  dropped: Map<Resource, K8sDrop>,
  hostSets: Set<string>[],
  hostClusters: Map<string, string>,
): void {
  const aliases = resources.filter((r) => r.kind === 'Service' && !dropped.has(r) && textAt(r.root, 'spec', 'type') === 'ExternalName');
  const droppedServices = [...dropped.keys()].filter((r) => r.kind === 'Service');
  for (let changed = true; changed;) {
    changed = false;
    for (const r of aliases) {
      if (dropped.has(r)) continue;
      const target = textAt(r.root, 'spec', 'externalName').trim().toLowerCase();
      const m = SERVICE_DNS.exec(target);
      const name = m?.[1];
      if (!m || !name) continue;
      const namespace = m[2] ?? r.namespace;
      const set = hostSets.find((h) => h.has(name));
      const service = droppedServices.find((x) => x.name === name && (x.namespace ?? namespace) === (namespace ?? x.namespace));
      // an operator's Services (Strimzi's `<cluster>-kafka-bootstrap`) are not in the manifests: the host names are
      if (!set || (!service && !hostClusters.has(name))) continue;
      dropped.set(r, { role: 'service', reason: `ExternalName alias of the dropped Kafka's Service ${name} (externalName: ${target})` });
      droppedServices.push(r);
      set.add(r.name);
      const cluster = hostClusters.get(name);
      if (cluster !== undefined && !hostClusters.has(r.name)) hostClusters.set(r.name, cluster);
      changed = true;
    }
  }
}

// ConfigMaps, Secrets, PVCs, PDBs, ServiceAccounts/RBAC, NetworkPolicies and monitors used only by dropped workloads
function dropDependents(resources: Resource[], workloads: Workload[], dropped: Map<Resource, K8sDrop>): K8sAnalysis['kept'] {
  const kept: K8sAnalysis['kept'] = [];
  const gone = workloads.filter((w) => dropped.has(w.resource));
  const live = workloads.filter((w) => !dropped.has(w.resource));
  if (gone.length === 0) return kept;
  const usedBy = (pick: (w: Workload) => Set<string> | string[], name: string): { dead: Workload[]; alive: Workload[] } => ({
    dead: gone.filter((w) => [...pick(w)].includes(name)),
    alive: live.filter((w) => [...pick(w)].includes(name)),
  });
  const claimTemplates = (w: Workload): string[] =>
    seqAt(w.resource.root, 'spec', 'volumeClaimTemplates').map((t) => textAt(t, 'metadata', 'name'));
  for (const r of resources) {
    if (dropped.has(r)) continue;
    let u: { dead: Workload[]; alive: Workload[] } | undefined;
    switch (r.kind) {
      case 'ConfigMap':
        u = usedBy((w) => w.configMaps, r.name);
        break;
      case 'Secret':
        u = usedBy((w) => w.secrets, r.name);
        break;
      case 'PersistentVolumeClaim':
        u = usedBy((w) => [...w.claims, ...claimTemplates(w)], r.name);
        break;
      case 'ServiceAccount':
        u = usedBy((w) => [w.serviceAccount], r.name);
        break;
      case 'PodDisruptionBudget':
      case 'NetworkPolicy':
      case 'PodMonitor': {
        const sel =
          r.kind === 'NetworkPolicy'
            ? labelsAt(r.root, 'spec', 'podSelector', 'matchLabels')
            : labelsAt(r.root, 'spec', 'selector', 'matchLabels');
        u = { dead: gone.filter((w) => selects(sel, w.podLabels)), alive: live.filter((w) => selects(sel, w.podLabels)) };
        break;
      }
      case 'ServiceMonitor': {
        const sel = labelsAt(r.root, 'spec', 'selector', 'matchLabels');
        const svcs = resources.filter((s) => s.kind === 'Service' && selects(sel, labelsAt(s.root, 'metadata', 'labels')));
        const deadSvc = svcs.filter((s) => dropped.has(s));
        u = { dead: deadSvc.length && deadSvc.length === svcs.length ? gone : [], alive: [] };
        break;
      }
      default:
        continue;
    }
    if (u.dead.length === 0) continue;
    if (u.alive.length === 0)
      dropped.set(r, { role: r.kind.toLowerCase(), reason: `used only by dropped ${u.dead.map((w) => w.resource.name).join(', ')}` });
    else kept.push({ resource: r, users: u.alive.map((w) => w.resource.name) });
  }
  // RBAC bound only to dropped service accounts
  const deadAccounts = new Set([...dropped.keys()].filter((r) => r.kind === 'ServiceAccount').map((r) => r.name));
  const deadRoles = new Set<string>();
  for (const r of resources.filter((x) => (x.kind === 'RoleBinding' || x.kind === 'ClusterRoleBinding') && !dropped.has(x))) {
    const subjects = seqAt(r.root, 'subjects').map((s) => textAt(s, 'name'));
    if (subjects.length > 0 && subjects.every((s) => deadAccounts.has(s))) {
      dropped.set(r, { role: 'rbac', reason: `binds only dropped service accounts (${subjects.join(', ')})` });
      deadRoles.add(`${textAt(r.root, 'roleRef', 'kind')}/${textAt(r.root, 'roleRef', 'name')}`);
    }
  }
  for (const r of resources.filter((x) => (x.kind === 'Role' || x.kind === 'ClusterRole') && deadRoles.has(`${x.kind}/${x.name}`))) {
    const stillBound = resources.some(
      (b) =>
        !dropped.has(b) && (b.kind === 'RoleBinding' || b.kind === 'ClusterRoleBinding') && textAt(b.root, 'roleRef', 'name') === r.name,
    );
    if (!stillBound) dropped.set(r, { role: 'rbac', reason: 'bound only for dropped service accounts' });
  }
  return kept;
}

/** Literal environment values of a container, by name. */
export function envLiterals(container: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of seqAt(container, 'env')) {
    const v = getPath(e, 'value');
    if (v !== undefined) out.set(textAt(e, 'name'), scalarText(v));
  }
  return out;
}

const CHART_LABEL = 'helm.sh/chart';
const INSTANCE_LABEL = 'app.kubernetes.io/instance';
const NAME_LABEL = 'app.kubernetes.io/name';

/**
 * A workload rendered by the same chart release as a dropped broker under the same application name (equal
 * `app.kubernetes.io/name`, `helm.sh/chart` and `app.kubernetes.io/instance` labels: Bitnami's kafka-exporter beside its
 * Kafka StatefulSet; a chart's other applications, such as Redpanda's Console, are clients) is part of that packaged
 * Kafka and goes with it, not a client of it. Returns those workloads.
 */
function dropReleaseCompanions(
  workloads: Workload[],
  dropped: Map<Resource, K8sDrop>,
  infra: Map<Workload, InfraRole>,
  drop: (r: Resource, role: string, reason: string) => void,
): Set<Workload> {
  const release = (w: Workload): string | undefined => {
    const labels = labelsAt(w.resource.root, 'metadata', 'labels');
    const chart = labels[CHART_LABEL];
    const instance = labels[INSTANCE_LABEL];
    const name = labels[NAME_LABEL];
    return chart && instance && name ? `${NAME_LABEL}=${name}, ${CHART_LABEL}=${chart}, ${INSTANCE_LABEL}=${instance}` : undefined;
  };
  const brokers = new Map<string, string>();
  for (const w of workloads) {
    const r = release(w);
    if (r && infra.get(w) === 'broker' && !brokers.has(r)) brokers.set(r, w.resource.name);
  }
  const out = new Set<Workload>();
  for (const w of workloads) {
    const r = release(w);
    const broker = r === undefined ? undefined : brokers.get(r);
    if (!r || !broker || dropped.has(w.resource)) continue;
    drop(w.resource, 'kafka-companion', `rendered by the same chart release as the dropped broker ${broker} (${r})`);
    out.add(w);
  }
  return out;
}

// ZooKeeper stays (with its Services) while a kept workload still talks to it other than through an obsolete setting
/**
 * The ZooKeeper a dropped broker names (`KAFKA_ZOOKEEPER_CONNECT=zook:2181`) is the Kafka's own even when its image is
 * not a known one (`digitalwonderland/zookeeper`): the workloads behind that Service go with the broker when they look
 * like ZooKeeper (the image says so, or a container serves port 2181). Whether a kept workload still uses them is
 * decided afterwards, as for any dropped ZooKeeper.
 */
function dropBrokerZookeeper(
  workloads: Workload[],
  resources: Resource[],
  dropped: Map<Resource, K8sDrop>,
  infra: Map<Workload, InfraRole>,
  drop: (r: Resource, role: string, reason: string) => void,
): void {
  for (const b of workloads) {
    if (dropped.get(b.resource)?.role !== 'broker') continue;
    for (const c of b.containers) {
      const connect = [...envLiterals(c.node)].find(([k]) => /^KAFKA_(CFG_)?ZOOKEEPER_CONNECT$/.test(k));
      if (!connect) continue;
      const hosts = connect[1]
        .split(',')
        .map((h) => h.trim().split('/')[0]?.split(':')[0]?.split('.')[0] ?? '')
        .filter((h) => h !== '');
      for (const svc of resources.filter((r) => r.kind === 'Service' && hosts.includes(r.name) && !dropped.has(r))) {
        const selector = labelsAt(svc.root, 'spec', 'selector');
        const targets = workloads.filter((w) => Object.keys(selector).length > 0 && selects(selector, w.podLabels));
        const zookeeperLike = (w: Workload): boolean =>
          w.containers.some(
            (x) => /zookeeper/i.test(x.image) || seqAt(x.node, 'ports').some((p) => String(getPath(p, 'containerPort')) === '2181'),
          );
        if (targets.length === 0 || !targets.every((w) => !dropped.has(w.resource) && !infra.has(w) && zookeeperLike(w))) continue;
        for (const w of targets) {
          infra.set(w, 'zookeeper');
          drop(
            w.resource,
            'zookeeper',
            `the dropped broker ${b.resource.name} names it as its ZooKeeper (${connect[0]}=${connect[1]}, Service ${svc.name})`,
          );
        }
      }
    }
  }
}

// kinds that live in no namespace
const CLUSTER_SCOPED =
  /^(Namespace|Cluster\w+|CustomResourceDefinition|PersistentVolume|StorageClass|PriorityClass|\w+WebhookConfiguration)$/;

/**
 * The namespaces of the stack (those its resources name or its kustomizations' `namespace:` puts them in, and its
 * Namespace resources): the only ones a dropped Service's `svc.ns` names may carry. Undefined when a dropped namespaced
 * resource has none: it goes wherever the install puts it, so any namespace may follow its name.
 */
function stackNamespaces(
  resources: readonly Resource[],
  dropped: ReadonlyMap<Resource, K8sDrop>,
  kustomized: ReadonlyMap<string, readonly (string | undefined)[]>,
): string[] | undefined {
  if ([...dropped.keys()].some((r) => !CLUSTER_SCOPED.test(r.kind) && deployedNamespaces(r, kustomized).includes(undefined)))
    return undefined;
  const names = resources.flatMap((r) => [
    ...(CLUSTER_SCOPED.test(r.kind) ? [r.namespace] : deployedNamespaces(r, kustomized)),
    r.kind === 'Namespace' ? r.name : '',
  ]);
  return [...new Set(names.filter((n): n is string => n !== undefined && n !== ''))].sort();
}

function keepUsedZookeeper(
  workloads: Workload[],
  resources: Resource[],
  dropped: Map<Resource, K8sDrop>,
  infra: Map<Workload, InfraRole>,
  zkHosts: Set<string>,
  namespaces: string[] | undefined,
): K8sAnalysis['kept'] {
  if (zkHosts.size === 0) return [];
  const suffix = k8sHostSuffix(zkHosts, namespaces);
  const names = (v: string): boolean => findEndpointRuns(v, zkHosts, suffix).length > 0;
  const commandOf = (c: Workload['containers'][number]): string[] =>
    [...seqAt(c.node, 'command'), ...seqAt(c.node, 'args')].map((n) => scalarText(n));
  // a ZooKeeper no dropped broker names (the Kafka runs KRaft) serves the workloads that name it, under any setting
  const forKafka = workloads.some(
    (w) =>
      dropped.has(w.resource) &&
      infra.get(w) !== 'zookeeper' &&
      (w.containers.some(
        (c) => [...envLiterals(c.node)].some(([k, v]) => /ZOOKEEPER_CONNECT/.test(k) || names(v)) || commandOf(c).some(names),
      ) ||
        resources.some((r) => r.kind === 'ConfigMap' && w.configMaps.has(r.name) && names(JSON.stringify(r.root.toJSON())))),
  );
  const reads = (w: Workload): string[] =>
    w.containers.flatMap((c) => [
      ...[...envLiterals(c.node)].filter(([k, v]) => (!forKafka || !isZookeeperKey(k)) && names(v)).map(([k, v]) => `${k}=${v}`),
      // beside a Kafka that used it, a command line naming it is a use of its own (Pinot's `-zkAddress zk:2181/pinot`)
      // unless it is a Kafka tool's obsolete `--zookeeper` option
      ...commandOf(c).filter((v, i, all) => names(v) && (!forKafka || !(/--zookeeper\b/.test(v) || all[i - 1] === '--zookeeper'))),
    ]);
  const users = workloads.filter((w) => !dropped.has(w.resource) && reads(w).length > 0);
  if (users.length === 0) return [];
  const kept: K8sAnalysis['kept'] = [];
  for (const [w, role] of infra) {
    if (role !== 'zookeeper') continue;
    dropped.delete(w.resource);
    kept.push({
      resource: w.resource,
      users: users.map((u) => u.resource.name),
      ...(forKafka ? {} : { forItself: users.map((u) => `${u.resource.name} (${[...new Set(reads(u))].join(', ')})`) }),
    });
    for (const r of resources.filter((x) => x.kind === 'Service' && selects(labelsAt(x.root, 'spec', 'selector'), w.podLabels)))
      dropped.delete(r);
  }
  zkHosts.clear();
  return kept;
}
