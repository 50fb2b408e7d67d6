import { isMap, isScalar, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { staleSecuritySettings } from '../../configure/security-surface.js';
import { applyEdits } from '../../core/edit.js';
import type { SourceFile } from '../../core/span.js';
import { editProperties } from '../properties/edit.js';
import { parseProperties } from '../properties/parse.js';
import { YamlEditor } from '../yaml/editor.js';

/**
 * Removes the origin's Spring Kafka security settings (`spring.kafka.ssl.*`, `spring.kafka.properties.sasl.*`, ...)
 * from Spring configuration embedded in a ConfigMap, as `application.properties` or `application.yml`. graft gives the
 * workloads that mount it the customer's settings as environment variables, which override the file's; what the file
 * keeps beside them would still apply (an MSK IAM callback handler, a JKS store) or leave a credential behind.
 */
export function removeStaleSpringSettings(path: string, text: string, yaml: boolean): { text: string; removed: string[] } {
  const source: SourceFile = { path, text };
  if (!yaml) {
    const keys = [...parseProperties(source).keys()];
    const removed = staleSecuritySettings('spring-boot', keys, []);
    return removed.length ? { text: applyEdits(source, editProperties(source, {}, removed)), removed } : { text, removed };
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { text, removed: [] };
  const ed = new YamlEditor(source);
  const removed: string[] = [];
  removeFrom(ed, doc.contents, '', removed);
  return removed.length ? { text: applyEdits(source, ed.result()), removed } : { text, removed };
}

// removes the stale pairs of a map; true when every pair went (the caller removes the map's own key instead)
function removeFrom(ed: YamlEditor, map: YAMLMap, prefix: string, removed: string[]): boolean {
  const gone: Pair[] = [];
  const names: string[] = [];
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!key) continue;
    const dotted = prefix ? `${prefix}.${key}` : key;
    if (isMap(pair.value)) {
      const inner: string[] = [];
      // a map that stays has already removed its own stale pairs
      if (removeFrom(ed, pair.value, dotted, inner)) gone.push(pair);
      names.push(...inner);
    } else if (staleSecuritySettings('spring-boot', [dotted], []).length) {
      gone.push(pair);
      names.push(dotted);
    }
  }
  if (gone.length === map.items.length && gone.length > 0 && prefix) {
    removed.push(...names);
    return true;
  }
  for (const pair of gone) ed.removeBlockEntry(pair.key as Node);
  removed.push(...names);
  return false;
}
