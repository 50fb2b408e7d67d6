import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { SourceFile } from '../../core/span.js';
import type { Reference } from '../types.js';

/** The references one Compose file makes to services by name: depends_on, links, volumes_from, network_mode. */
export function composeReferences(source: SourceFile, docs?: readonly Document.Parsed[]): Reference[] {
  // read as the format reads it, merge keys included; duplicate keys are the output check's business
  const root = (docs?.[0] ?? parseDocument(source.text, { uniqueKeys: false, merge: true })).contents;
  const services = isMap(root) ? root.get('services', true) : undefined;
  if (!isMap(services)) return [];
  const out: Reference[] = [];
  const add = (node: Node | null | undefined, name: string | undefined, via: string): void => {
    if (name && node?.range) out.push({ name, via, start: node.range[0], end: node.range[1] });
  };
  for (const pair of services.items) {
    const def = pair.value;
    if (!isMap(def)) continue;
    const deps = def.get('depends_on', true);
    if (isSeq(deps)) for (const d of deps.items.filter(isScalar)) add(d, String(d.value), 'depends_on');
    if (isMap(deps)) for (const d of deps.items) add(d.key as Node, isScalar(d.key) ? String(d.key.value) : undefined, 'depends_on');
    const links = def.get('links', true);
    if (isSeq(links)) for (const l of links.items.filter(isScalar)) add(l, String(l.value).split(':')[0], 'links');
    const from = def.get('volumes_from', true);
    if (isSeq(from)) {
      for (const v of from.items.filter(isScalar)) {
        const text = String(v.value);
        if (!text.startsWith('container:')) add(v, text.replace(/^service:/, '').split(':')[0], 'volumes_from');
      }
    }
    const mode = def.get('network_mode', true);
    if (isScalar(mode) && String(mode.value).startsWith('service:')) add(mode, String(mode.value).slice('service:'.length), 'network_mode');
  }
  return out;
}
