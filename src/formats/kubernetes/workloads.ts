import { isMap, type YAMLMap } from 'yaml';
import { scalarText } from '../yaml/nodes.js';
import { getPath, labelsAt, seqAt, type Resource } from './parse.js';

/** One container of a workload's pod template. */
export interface Container {
  name: string;
  image: string;
  node: YAMLMap;
  init: boolean;
}

/** A resource that runs pods: where its pod spec is and what its pods look like. */
export interface Workload {
  resource: Resource;
  podSpec: YAMLMap;
  podLabels: Record<string, string>;
  containers: Container[];
  serviceAccount: string;
  /** Names of ConfigMaps, Secrets and PVCs the pods use. */
  configMaps: Set<string>;
  secrets: Set<string>;
  claims: Set<string>;
}

const POD_PATHS: Record<string, (string | number)[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Pod: [],
};

/** Reads the pod template of a workload resource, if it is one. */
export function readWorkload(resource: Resource): Workload | undefined {
  const path = POD_PATHS[resource.kind];
  if (!path || (resource.apiVersion.includes('.') && !resource.apiVersion.startsWith('apps/') && !resource.apiVersion.startsWith('batch/')))
    return undefined;
  const template = path.length ? getPath(resource.root, ...path) : resource.root;
  const podSpec = getPath(template, 'spec');
  if (!isMap(podSpec)) return undefined;
  const containers: Container[] = [];
  for (const [key, init] of [
    ['initContainers', true],
    ['containers', false],
  ] as const) {
    for (const c of seqAt(podSpec, key)) {
      if (isMap(c)) containers.push({ name: scalarText(c.get('name', true)), image: scalarText(c.get('image', true)), node: c, init });
    }
  }
  const configMaps = new Set<string>();
  const secrets = new Set<string>();
  const claims = new Set<string>();
  for (const v of seqAt(podSpec, 'volumes')) {
    const cm = scalarText(getPath(v, 'configMap', 'name'));
    if (cm) configMaps.add(cm);
    const sec = scalarText(getPath(v, 'secret', 'secretName'));
    if (sec) secrets.add(sec);
    const pvc = scalarText(getPath(v, 'persistentVolumeClaim', 'claimName'));
    if (pvc) claims.add(pvc);
    for (const src of seqAt(v, 'projected', 'sources')) {
      const pcm = scalarText(getPath(src, 'configMap', 'name'));
      if (pcm) configMaps.add(pcm);
      const ps = scalarText(getPath(src, 'secret', 'name'));
      if (ps) secrets.add(ps);
    }
  }
  for (const c of containers) {
    for (const e of seqAt(c.node, 'env')) {
      const cm = scalarText(getPath(e, 'valueFrom', 'configMapKeyRef', 'name'));
      if (cm) configMaps.add(cm);
      const s = scalarText(getPath(e, 'valueFrom', 'secretKeyRef', 'name'));
      if (s) secrets.add(s);
    }
    for (const e of seqAt(c.node, 'envFrom')) {
      const cm = scalarText(getPath(e, 'configMapRef', 'name'));
      if (cm) configMaps.add(cm);
      const s = scalarText(getPath(e, 'secretRef', 'name'));
      if (s) secrets.add(s);
    }
  }
  return {
    resource,
    podSpec,
    podLabels: labelsAt(template, 'metadata', 'labels'),
    containers,
    serviceAccount: scalarText(podSpec.get('serviceAccountName', true)) || scalarText(podSpec.get('serviceAccount', true)),
    configMaps,
    secrets,
    claims,
  };
}

/** Tells whether a label selector (matchLabels or a plain map) selects pods with these labels. */
export function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((k) => labels[k] === selector[k]);
}
