import { isMap, isPair, isScalar, type Document, type Node, type YAMLMap } from 'yaml';
import type { SourceFile } from '../../core/span.js';
import type { Reference } from '../types.js';
import { eachNode, scalarText } from '../yaml/nodes.js';
import { parseManifests } from './parse.js';

// where a workload or binding names another resource: the map holding the name, the key of the name, the kind named
const SHAPES: Record<string, { key: string; kind: string }> = {
  configMapRef: { key: 'name', kind: 'ConfigMap' },
  configMapKeyRef: { key: 'name', kind: 'ConfigMap' },
  configMap: { key: 'name', kind: 'ConfigMap' },
  secretRef: { key: 'name', kind: 'Secret' },
  secretKeyRef: { key: 'name', kind: 'Secret' },
  secret: { key: 'secretName', kind: 'Secret' },
  persistentVolumeClaim: { key: 'claimName', kind: 'PersistentVolumeClaim' },
};

// the variables the kubelet gives every container for each Service of its namespace (`KAFKA_ZK_SERVICE_HOST` for
// Service kafka-zk), which configuration files and commands read through `${...}` or `$(...)`
const SERVICE_LINK = /\b([A-Z][A-Z0-9_]*?)_SERVICE_(?:HOST|PORT)(?:_[A-Z0-9_]+)?\b/g;

/**
 * The references kept manifests make to other resources by name, as resource ids (`Kind/namespace/name`): ConfigMaps
 * and Secrets in env and volumes, claims, service accounts, and Services through their service-link variables.
 */
export function manifestReferences(source: SourceFile, docs?: readonly Document.Parsed[]): Reference[] {
  const out: Reference[] = [];
  const roots: YAMLMap[] = docs
    ? docs.flatMap((d) => (isMap(d.contents) ? [d.contents as YAMLMap] : []))
    : parseManifests([source]).resources.map((r) => r.root);
  for (const root of roots) {
    const meta = root.get('metadata', true);
    const namespace = isMap(meta) ? scalarText(meta.get('namespace', true)) : '';
    const ns = namespace ? `${namespace}/` : '';
    const add = (node: unknown, kind: string, via: string): void => {
      const name = scalarText(node);
      const range = (node as Node | undefined)?.range;
      if (name && range) out.push({ name: `${kind}/${ns}${name}`, via, start: range[0], end: range[1] });
    };
    eachNode(root, (node) => {
      if (isScalar(node)) {
        if (typeof node.value !== 'string' || !node.range || !node.value.includes('_SERVICE_')) return;
        const [start, end] = node.range;
        for (const m of source.text.slice(start, end).matchAll(SERVICE_LINK)) {
          const name = (m[1] ?? '').toLowerCase().replaceAll('_', '-');
          const at = start + m.index;
          out.push({ name: `Service/${ns}${name}`, via: `service-link variable ${m[0]}`, start: at, end: at + m[0].length });
        }
        return;
      }
      if (!isPair(node)) return;
      const key = scalarText(node.key);
      if (key === 'serviceAccountName') add(node.value, 'ServiceAccount', key);
      const shape = SHAPES[key];
      // a projected volume's `secret:` names its Secret with `name`
      if (shape && isMap(node.value)) {
        const map = node.value;
        const field = shape.kind === 'Secret' && key === 'secret' && !map.has('secretName') ? 'name' : shape.key;
        const value = map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === field)?.value;
        add(value, shape.kind, key);
      }
    });
  }
  return out;
}
