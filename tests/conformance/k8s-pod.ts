import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join, posix } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ContainerMount, ContainerView } from './compose-service.js';
import { expand, mappingFuncFor } from './k8s-expand.js';

// Starts a compiled workload's container the way the kubelet would, without a cluster: the pod
// template of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod, its container's
// environment resolved as pkg/kubelet/kubelet_pods.go's makeEnvironmentVariables does (envFrom first,
// in order, with prefixes and invalid names skipped; then env in order, each `value` expanded with
// `$(VAR)` against the variables before it and the service links; valueFrom secretKeyRef,
// configMapKeyRef and the common fieldRef paths; optional sources), and its secret, configMap,
// projected and emptyDir volumes written as the kubelet's AtomicWriter lays them out (files under a
// timestamped directory, `..data` and the top-level names as symlinks), mounted at their mountPath
// (or their subPath) read-only. A missing Secret, ConfigMap or key that is not optional fails the
// pod with the kubelet's reason, as `PodStartError`. The API objects the kubelet would read are the
// compiled manifests' ConfigMaps and Secrets plus the Secrets the customer creates (`secretGeneric`,
// `kubectl create secret generic` semantics).

/** A Kubernetes object as parsed from YAML. */
export type K8sObject = Record<string, unknown> & { kind?: string; metadata?: Record<string, unknown> };

/** The kubelet could not start the container (the pod stays in CreateContainerConfigError or ContainerCreating). */
export class PodStartError extends Error {
  constructor(
    readonly reason: 'CreateContainerConfigError' | 'FailedMount',
    message: string,
  ) {
    super(`${reason}: ${message}`);
  }
}

/** Secrets and ConfigMaps of the cluster, by `namespace/name`: key → bytes. */
export interface Cluster {
  secrets: Map<string, Map<string, Buffer>>;
  configMaps: Map<string, Map<string, Buffer>>;
  /** Services, for the service link variables. */
  services: K8sObject[];
}

/** One container of a workload's pod template. */
export interface PodContainer {
  /** `Kind/namespace/name` of the workload. */
  workload: string;
  kind: string;
  name: string;
  namespace: string;
  /** The workload's own labels (metadata.labels). */
  labels: Record<string, string>;
  template: { metadata: Record<string, unknown>; spec: Record<string, unknown> };
  container: Record<string, unknown>;
}

/** What the container gets: its environment, its mounts, and the references the kubelet left unexpanded. */
export interface PodContainerView extends ContainerView {
  /** `$(NAME)` references the kubelet left as written although NAME is declared later in `env` (or is a graft helper never declared). */
  unexpanded: string[];
}

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string =>
  v === undefined || v === null
    ? ''
    : typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : JSON.stringify(v);
const dict = (v: unknown): Dict => (isDict(v) ? v : {});

/** Parses every document of a multi-document manifest (empty documents skipped). */
export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((d) => {
      if (d.errors.length > 0) throw new Error(`manifest does not parse: ${d.errors[0]?.message ?? ''}`);
      return d.toJS() as unknown;
    })
    .filter(isDict);
}

const nsOf = (o: K8sObject): string => str(dict(o.metadata)['namespace']) || 'default';
const nameOf = (o: K8sObject): string => str(dict(o.metadata)['name']);

/** The cluster the kubelet reads from: the ConfigMaps, Secrets and Services among `objects` (the compiled manifests and the customer's Secrets). */
export function clusterOf(objects: readonly K8sObject[]): Cluster {
  const cluster: Cluster = { secrets: new Map(), configMaps: new Map(), services: [] };
  for (const o of objects) {
    const key = `${nsOf(o)}/${nameOf(o)}`;
    if (o.kind === 'Service') cluster.services.push(o);
    if (o.kind === 'ConfigMap') {
      const data = new Map<string, Buffer>();
      for (const [k, v] of Object.entries(dict(o['data']))) data.set(k, Buffer.from(str(v), 'utf8'));
      for (const [k, v] of Object.entries(dict(o['binaryData']))) data.set(k, Buffer.from(str(v), 'base64'));
      cluster.configMaps.set(key, data);
    }
    if (o.kind === 'Secret') {
      const data = new Map<string, Buffer>();
      for (const [k, v] of Object.entries(dict(o['data']))) data.set(k, Buffer.from(str(v), 'base64'));
      // the API server merges stringData over data
      for (const [k, v] of Object.entries(dict(o['stringData']))) data.set(k, Buffer.from(str(v), 'utf8'));
      cluster.secrets.set(key, data);
    }
  }
  return cluster;
}

/** One `--from-literal=key=value` or `--from-file=[key=]path` of `kubectl create secret generic`. */
export type SecretSource = { literal: string; key: string } | { file: string; key?: string };

const KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * The Secret `kubectl create secret generic <name> --from-literal/--from-file …` creates: a literal is
 * stored as given, a file byte for byte (a trailing newline only when the file has one), a file's key
 * defaults to its base name; keys must be valid and unique.
 */
export function secretGeneric(name: string, namespace: string, sources: readonly SecretSource[]): K8sObject {
  const data: Record<string, string> = {};
  for (const s of sources) {
    const key = 'literal' in s ? s.key : (s.key ?? basename(s.file));
    if (!KEY.test(key))
      throw new Error(
        `error: "${key}" is not a valid key name for a Secret: a valid config key must consist of alphanumeric characters, '-', '_' or '.'`,
      );
    if (key in data) throw new Error(`error: cannot add key ${key}, another key by that name already exists`);
    data[key] = ('literal' in s ? Buffer.from(s.literal, 'utf8') : readFileSync(s.file)).toString('base64');
  }
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, type: 'Opaque', data };
}

const TEMPLATE_PATHS: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Every container (not init containers) of every workload's pod template. */
export function podContainers(objects: readonly K8sObject[]): PodContainer[] {
  const out: PodContainer[] = [];
  for (const o of objects) {
    const kind = str(o.kind);
    const path = TEMPLATE_PATHS[kind];
    let template: Dict | undefined;
    if (kind === 'Pod') template = { metadata: dict(o.metadata), spec: dict(o['spec']) };
    else if (path) template = path.reduce<unknown>((n, k) => dict(n)[k], o) as Dict | undefined;
    if (!isDict(template)) continue;
    const spec = dict(template['spec']);
    for (const c of list(spec['containers'])) {
      if (!isDict(c)) continue;
      out.push({
        workload: `${kind}/${nsOf(o)}/${nameOf(o)}`,
        kind,
        name: nameOf(o),
        namespace: nsOf(o),
        labels: Object.fromEntries(Object.entries(dict(dict(o.metadata)['labels'])).map(([k, v]) => [k, str(v)])),
        template: { metadata: dict(template['metadata']), spec },
        container: c,
      });
    }
  }
  return out;
}

/** The init containers of a container's pod, in the order the kubelet runs them. */
export function initContainersOf(pc: PodContainer): PodContainer[] {
  return list(pc.template.spec['initContainers'])
    .filter(isDict)
    .map((c) => ({ ...pc, container: c }));
}

/** The pod the kubelet would be running: a name as its controller would give it, fixed addresses. */
export interface PodIdentity {
  name: string;
  uid: string;
  nodeName: string;
  podIP: string;
  hostIP: string;
}

/** A deterministic pod identity for a workload (`<deployment>-<hash>-<suffix>`, `<statefulset>-0`, …). */
export function podIdentity(pc: PodContainer): PodIdentity {
  const h = createHash('sha256').update(pc.workload).digest('hex');
  const name =
    pc.kind === 'Pod'
      ? pc.name
      : pc.kind === 'StatefulSet'
        ? `${pc.name}-0`
        : pc.kind === 'Deployment'
          ? `${pc.name}-${h.slice(0, 10)}-${h.slice(10, 15)}`
          : `${pc.name}-${h.slice(0, 5)}`;
  const uid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  return { name, uid, nodeName: 'graft-node-1', podIP: '10.244.0.17', hostIP: '10.0.0.4' };
}

// The downward API fields an env var may select (pkg/apis/core/validation validEnvDownwardAPIFieldPathExpressions).
function fieldRefValue(fieldPath: string, pc: PodContainer, id: PodIdentity): string {
  const meta = pc.template.metadata;
  const sub = /^metadata\.(labels|annotations)\['([^']+)'\]$/.exec(fieldPath);
  if (sub) return str(dict(meta[sub[1] ?? ''])[sub[2] ?? '']);
  switch (fieldPath) {
    case 'metadata.name':
      return id.name;
    case 'metadata.namespace':
      return pc.namespace;
    case 'metadata.uid':
      return id.uid;
    case 'spec.nodeName':
      return id.nodeName;
    case 'spec.serviceAccountName':
      return str(pc.template.spec['serviceAccountName']) || 'default';
    case 'status.hostIP':
    case 'status.hostIPs':
      return id.hostIP;
    case 'status.podIP':
    case 'status.podIPs':
      return id.podIP;
    default:
      throw new PodStartError('CreateContainerConfigError', `unsupported fieldRef fieldPath "${fieldPath}"`);
  }
}

// pkg/kubelet/envvars FromServices: for every Service of the namespace with a cluster IP, the Docker-links
// variables, plus the `kubernetes` Service of the default namespace, which is always there.
function serviceEnv(pc: PodContainer, cluster: Cluster): Map<string, string> {
  const out = new Map<string, string>();
  const add = (name: string, ip: string, ports: Dict[]): void => {
    const prefix = name.toUpperCase().replace(/-/g, '_');
    const first = ports[0];
    if (!first) return;
    out.set(`${prefix}_SERVICE_HOST`, ip);
    out.set(`${prefix}_SERVICE_PORT`, str(first['port']));
    for (const p of ports)
      if (p['name']) out.set(`${prefix}_SERVICE_PORT_${str(p['name']).toUpperCase().replace(/-/g, '_')}`, str(p['port']));
    const proto = (p: Dict): string => str(p['protocol']) || 'TCP';
    out.set(`${prefix}_PORT`, `${proto(first).toLowerCase()}://${ip}:${str(first['port'])}`);
    for (const p of ports) {
      const base = `${prefix}_PORT_${str(p['port'])}_${proto(p).toUpperCase()}`;
      out.set(base, `${proto(p).toLowerCase()}://${ip}:${str(p['port'])}`);
      out.set(`${base}_PROTO`, proto(p).toLowerCase());
      out.set(`${base}_PORT`, str(p['port']));
      out.set(`${base}_ADDR`, ip);
    }
  };
  if (pc.template.spec['enableServiceLinks'] !== false) {
    const services = cluster.services.filter((s) => nsOf(s) === pc.namespace).sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
    services.forEach((s, i) => {
      const spec = dict(s['spec']);
      const ip = str(spec['clusterIP']) || `10.96.0.${20 + i}`;
      if (ip === 'None' || spec['type'] === 'ExternalName') return;
      add(nameOf(s), ip, list(spec['ports']).filter(isDict));
    });
  }
  add('kubernetes', '10.96.0.1', [{ name: 'https', port: 443, protocol: 'TCP' }]);
  return out;
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** The container's environment as the kubelet gives it, and the `$(NAME)` references left unexpanded that name later variables. */
export function resolveEnv(
  pc: PodContainer,
  cluster: Cluster,
  id: PodIdentity = podIdentity(pc),
): { env: Record<string, string>; unexpanded: string[] } {
  const c = pc.container;
  const source = (kind: 'secret' | 'configMap', name: string, optional: boolean): Map<string, Buffer> | undefined => {
    const found = (kind === 'secret' ? cluster.secrets : cluster.configMaps).get(`${pc.namespace}/${name}`);
    if (found || optional) return found;
    throw new PodStartError('CreateContainerConfigError', `${kind} "${name}" not found`);
  };
  const tmpEnv = new Map<string, string>();
  // Env overrides EnvFrom: EnvFrom first, then Env replaces existing values
  for (const from of list(c['envFrom']).filter(isDict)) {
    const ref = isDict(from['configMapRef']) ? from['configMapRef'] : isDict(from['secretRef']) ? from['secretRef'] : undefined;
    if (!ref) continue;
    const data = source(isDict(from['configMapRef']) ? 'configMap' : 'secret', str(ref['name']), ref['optional'] === true);
    if (!data) continue;
    const prefix = str(from['prefix']);
    // Go ranges over a map: order is unspecified, and keys are distinct
    for (const [k, v] of data) {
      const key = prefix + k;
      if (!ENV_NAME.test(key)) continue; // skipped with an InvalidEnvironmentVariableNames event
      tmpEnv.set(key, v.toString('utf8'));
    }
  }
  const services = serviceEnv(pc, cluster);
  const declared = list(c['env'])
    .filter(isDict)
    .map((e) => str(e['name']));
  const unexpanded: string[] = [];
  const mapping = mappingFuncFor(tmpEnv, services);
  declared.forEach((name, i) => {
    const e = list(c['env']).filter(isDict)[i];
    let runtimeVal = str(e['value']);
    if (runtimeVal !== '') {
      runtimeVal = expand(runtimeVal, (ref) => {
        const v = mapping(ref);
        if (v === `$(${ref})` && declared.indexOf(ref) > i) unexpanded.push(`${name} uses $(${ref}), which is declared after it`);
        else if (v === `$(${ref})` && ref.startsWith('GRAFT_')) unexpanded.push(`${name} uses $(${ref}), which is not declared`);
        return v;
      });
    } else if (isDict(e['valueFrom'])) {
      const from = e['valueFrom'];
      if (isDict(from['fieldRef'])) runtimeVal = fieldRefValue(str(from['fieldRef']['fieldPath']), pc, id);
      else if (isDict(from['secretKeyRef']) || isDict(from['configMapKeyRef'])) {
        const isSecret = isDict(from['secretKeyRef']);
        const ref = dict(isSecret ? from['secretKeyRef'] : from['configMapKeyRef']);
        const optional = ref['optional'] === true;
        const data = source(isSecret ? 'secret' : 'configMap', str(ref['name']), optional);
        if (!data) return;
        const v = data.get(str(ref['key']));
        if (v === undefined) {
          if (optional) return;
          throw new PodStartError(
            'CreateContainerConfigError',
            `couldn't find key ${str(ref['key'])} in ${isSecret ? 'Secret' : 'ConfigMap'} ${pc.namespace}/${str(ref['name'])}`,
          );
        }
        runtimeVal = v.toString('utf8');
      } else
        throw new PodStartError('CreateContainerConfigError', `env ${name}: valueFrom source not modeled: ${Object.keys(from).join(', ')}`);
    }
    tmpEnv.set(name, runtimeVal);
  });
  const env: Record<string, string> = Object.fromEntries(tmpEnv);
  for (const [k, v] of services) if (!(k in env)) env[k] = v;
  return { env, unexpanded };
}

// The files one volume holds (relative path → bytes); undefined for an emptyDir.
function volumePayload(pc: PodContainer, volume: Dict, cluster: Cluster): Map<string, Buffer> | undefined {
  const vname = str(volume['name']);
  const fail = (m: string): never => {
    throw new PodStartError('FailedMount', `MountVolume.SetUp failed for volume "${vname}" : ${m}`);
  };
  const payload = new Map<string, Buffer>();
  const project = (kind: 'secret' | 'configMap', name: string, items: unknown, optional: boolean): void => {
    const data = (kind === 'secret' ? cluster.secrets : cluster.configMaps).get(`${pc.namespace}/${name}`);
    if (!data) {
      if (optional) return;
      fail(`${kind} "${name}" not found`);
      return;
    }
    const chosen = list(items).filter(isDict);
    if (chosen.length === 0) {
      for (const [k, v] of data) payload.set(k, v);
      return;
    }
    for (const it of chosen) {
      const v = data.get(str(it['key']));
      if (v === undefined) {
        if (optional) continue;
        fail(`references non-existent ${kind} key: ${str(it['key'])}`);
      } else payload.set(str(it['path']), v);
    }
  };
  if (isDict(volume['secret'])) {
    const s = volume['secret'];
    project('secret', str(s['secretName']), s['items'], s['optional'] === true);
  } else if (isDict(volume['configMap'])) {
    const s = volume['configMap'];
    project('configMap', str(s['name']), s['items'], s['optional'] === true);
  } else if (isDict(volume['projected'])) {
    for (const src of list(volume['projected']['sources']).filter(isDict)) {
      if (isDict(src['secret'])) project('secret', str(src['secret']['name']), src['secret']['items'], src['secret']['optional'] === true);
      else if (isDict(src['configMap']))
        project('configMap', str(src['configMap']['name']), src['configMap']['items'], src['configMap']['optional'] === true);
      else fail(`projected source not modeled: ${Object.keys(src).join(', ')}`);
    }
  } else if (isDict(volume['emptyDir'])) return undefined;
  else
    fail(
      `volume type not modeled: ${Object.keys(volume)
        .filter((k) => k !== 'name')
        .join(', ')}`,
    );
  return payload;
}

// Writes a payload as the kubelet's AtomicWriter does: `..<timestamp>/<path>`, `..data` → it, and each
// top-level name → `..data/<name>`.
function writeAtomic(dir: string, payload: ReadonlyMap<string, Buffer>): void {
  const ts = '..2026_01_01_00_00_00.000000001';
  mkdirSync(join(dir, ts), { recursive: true });
  for (const [p, content] of payload) {
    const rel = posix.normalize(p);
    if (rel.startsWith('..') || posix.isAbsolute(rel)) throw new PodStartError('FailedMount', `invalid path ${p}`);
    mkdirSync(dirname(join(dir, ts, rel)), { recursive: true });
    writeFileSync(join(dir, ts, rel), content, { mode: 0o644 });
  }
  symlinkSync(ts, join(dir, '..data'));
  for (const top of new Set([...payload.keys()].map((p) => posix.normalize(p).split('/')[0] ?? '')))
    symlinkSync(posix.join('..data', top), join(dir, top));
}

/** The pod's volumes as written under its directory, by name: shared by its init containers and containers. */
export type PodVolumes = Map<string, { path: string; readOnly: boolean }>;

/**
 * Writes the container's volumes under `dir` (those `written` does not hold yet: an emptyDir an init container filled
 * is the same directory for the containers after it) and returns its mounts, parents before children.
 */
export function resolveMounts(
  pc: PodContainer,
  cluster: Cluster,
  dir: string,
  env: Record<string, string>,
  written: PodVolumes = new Map(),
): ContainerMount[] {
  const volumes = new Map(
    list(pc.template.spec['volumes'])
      .filter(isDict)
      .map((v) => [str(v['name']), v] as const),
  );
  const mounts: ContainerMount[] = [];
  for (const vm of list(pc.container['volumeMounts']).filter(isDict)) {
    const vname = str(vm['name']);
    const volume = volumes.get(vname);
    if (!volume) throw new PodStartError('CreateContainerConfigError', `volumeMount "${vname}" names no volume of the pod`);
    let w = written.get(vname);
    if (!w) {
      const path = join(dir, `volume-${written.size}`);
      mkdirSync(path, { recursive: true });
      const payload = volumePayload(pc, volume, cluster);
      if (payload) writeAtomic(path, payload);
      // secret, configMap and projected volumes are always mounted read-only
      w = { path, readOnly: payload !== undefined };
      written.set(vname, w);
    }
    let source = w.path;
    const subPathExpr = vm['subPathExpr'];
    const subPath = subPathExpr !== undefined ? expand(str(subPathExpr), mappingFuncFor(new Map(Object.entries(env)))) : str(vm['subPath']);
    if (subPath) {
      const inside = join(w.path, subPath);
      // the kubelet creates a missing subPath as a directory
      if (!existsSync(inside)) mkdirSync(inside, { recursive: true });
      source = realpathSync(inside);
      if (!source.startsWith(`${realpathSync(w.path)}/`))
        throw new PodStartError('CreateContainerConfigError', `subPath ${subPath} leaves the volume`);
    }
    mounts.push({ target: posix.resolve('/', str(vm['mountPath'])), source, readOnly: w.readOnly || vm['readOnly'] === true });
  }
  return mounts.sort((a, b) => a.target.split('/').length - b.target.split('/').length);
}

const MODELED = new Set([
  'name',
  'image',
  'imagePullPolicy',
  'env',
  'envFrom',
  'volumeMounts',
  'ports',
  'resources',
  'readinessProbe',
  'livenessProbe',
  'startupProbe',
  'securityContext',
]);

/**
 * The container as it would start: environment, mounts (written under `dir`, or taken from `volumes`), unexpanded
 * references, and its command and args with `$(VAR)` expanded as the kubelet expands them (against its environment).
 */
export function startContainer(pc: PodContainer, cluster: Cluster, dir: string, volumes?: PodVolumes): PodContainerView {
  const { env, unexpanded } = resolveEnv(pc, cluster);
  const mounts = resolveMounts(pc, cluster, dir, env, volumes);
  const mapping = mappingFuncFor(new Map(Object.entries(env)));
  const command = [...list(pc.container['command']), ...list(pc.container['args'])].map((x) => expand(str(x), mapping));
  return {
    service: pc.name,
    env,
    mounts,
    labels: pc.labels,
    command: command.length > 0 ? command : undefined,
    unmodeled: Object.keys(pc.container).filter((k) => !MODELED.has(k)),
    warnings: [],
    unexpanded,
  };
}
