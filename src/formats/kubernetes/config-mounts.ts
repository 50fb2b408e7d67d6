import { isMap, type YAMLMap } from 'yaml';
import type { Bindings } from '../../bindings/types.js';
import { scalarText } from '../yaml/nodes.js';
import { getPath, seqAt, type Resource } from './parse.js';
import type { Container, Workload } from './workloads.js';

/** A container that sees one ConfigMap data key as a file, and at which path. */
export interface FileMount {
  workload: Workload;
  container: Container;
  path: string;
  /** The pod volume that holds the file, and the file's path inside it. */
  volume: string;
  inVolume: string;
  /** The container's volumeMount that shows it. */
  mountNode: YAMLMap;
}

/** The binding that describes one container: its own (`name/container`), else the workload's (not for init containers). */
export function bindingFor(bindings: Bindings | undefined, w: Workload, c: Container): ReturnType<NonNullable<Bindings['clients']>['get']> {
  const b = bindings?.clients;
  const r = w.resource;
  const own = b?.get(`${r.name}/${c.name}`);
  // a workload-wide binding describes its application containers, not its init containers
  return own ?? (c.init ? undefined : (b?.get(`${r.kind}/${r.name}`) ?? b?.get(r.name)));
}

/** The workloads whose volumes (plain or projected) name each ConfigMap, by ConfigMap name: one pass over them all. */
export function configMapUsers(workloads: readonly Workload[]): Map<string, Workload[]> {
  const out = new Map<string, Workload[]>();
  for (const w of workloads) {
    const names = new Set<string>();
    for (const v of seqAt(w.podSpec, 'volumes')) {
      for (const src of [getPath(v, 'configMap'), ...seqAt(v, 'projected', 'sources').map((s) => getPath(s, 'configMap'))]) {
        if (isMap(src)) names.add(scalarText(src.get('name', true)));
      }
    }
    for (const n of names) {
      const list = out.get(n);
      if (list) list.push(w);
      else out.set(n, [w]);
    }
  }
  return out;
}

/**
 * Where containers see a ConfigMap's data key as a file: through a `configMap` volume or a projected volume's
 * `configMap` source (with or without `items`), mounted whole or with `subPath`.
 */
export function fileMountsOf(workloads: readonly Workload[], configMap: Resource, key: string): FileMount[] {
  const out: FileMount[] = [];
  for (const w of workloads) {
    if (w.resource.namespace !== configMap.namespace && w.resource.namespace && configMap.namespace) continue;
    // volume name → the key's path inside that volume
    const inVolume = new Map<string, string>();
    for (const v of seqAt(w.podSpec, 'volumes')) {
      const name = scalarText(getPath(v, 'name'));
      const sources = [getPath(v, 'configMap'), ...seqAt(v, 'projected', 'sources').map((s) => getPath(s, 'configMap'))];
      for (const src of sources) {
        if (!isMap(src) || scalarText(src.get('name', true)) !== configMap.name) continue;
        const path = pathInVolume(src, key);
        if (path !== undefined) inVolume.set(name, path);
      }
    }
    if (inVolume.size === 0) continue;
    for (const c of w.containers) {
      for (const m of seqAt(c.node, 'volumeMounts')) {
        const path = inVolume.get(scalarText(getPath(m, 'name')));
        const mountPath = scalarText(getPath(m, 'mountPath')).replace(/\/+$/, '');
        if (path === undefined || !mountPath) continue;
        const subPath = scalarText(getPath(m, 'subPath'));
        const at = { workload: w, container: c, volume: scalarText(getPath(m, 'name')), inVolume: path, mountNode: m as YAMLMap };
        if (subPath === path) out.push({ ...at, path: mountPath });
        else if (!subPath) out.push({ ...at, path: `${mountPath}/${path}` });
        else if (path.startsWith(`${subPath.replace(/\/+$/, '')}/`))
          out.push({ ...at, path: `${mountPath}/${path.slice(subPath.replace(/\/+$/, '').length + 1)}` });
      }
    }
  }
  return out;
}

// `items: [{key: client.properties, path: kafka/client.properties}]` projects only the keys it lists
function pathInVolume(source: YAMLMap, key: string): string | undefined {
  const items = seqAt(source, 'items');
  if (items.length === 0) return key;
  const item = items.find((i) => scalarText(getPath(i, 'key')) === key);
  return item === undefined ? undefined : scalarText(getPath(item, 'path'));
}
