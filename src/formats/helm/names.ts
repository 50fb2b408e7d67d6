import { isPair, isScalar, visit, type Pair, type Scalar } from 'yaml';
import type { RenameItem, RewiredItem } from '../../plan/types.js';
import type { YamlEditor } from '../yaml/editor.js';
import type { Chart } from './chart.js';

/** Which kind of name a value's key says it holds: `topic`, `ordersTopic`, `consumerGroup`, `group_id`. */
function kindOf(key: string): RenameItem['kind'] | undefined {
  if (/topic/i.test(key)) return 'topic';
  if (/group/i.test(key)) return 'group';
  return undefined;
}

/**
 * Values of the chart that hold a topic or consumer group the customer's naming renames (`payments.topic: payments`
 * with `topics.prefix: acme.`): a value whose key names a topic (or a group) and whose text is exactly a renamed name
 * is set to the new name. A name renamed two ways is left alone; the render of the compiled chart then shows what is
 * still unset, and the verification refuses it.
 */
export function renamedValues(chart: Chart, editor: YamlEditor, off: ReadonlySet<string>, renames: readonly RenameItem[]): RewiredItem[] {
  const values = chart.values;
  if (!values || renames.length === 0) return [];
  const to = new Map<string, Set<string>>();
  for (const r of renames) {
    const k = `${r.kind}\0${r.from}`;
    to.set(k, new Set([...(to.get(k) ?? []), r.to]));
  }
  const file = values.file.path;
  const out: RewiredItem[] = [];
  visit(values.doc, {
    Pair: (_k, pair, path) => {
      if (path.length === 1 && isScalar(pair.key) && off.has(String(pair.key.value))) return visit.SKIP;
      if (!isScalar(pair.key) || !isScalar(pair.value) || typeof pair.value.value !== 'string') return undefined;
      const kind = kindOf(String(pair.key.value));
      const names = kind ? to.get(`${kind}\0${pair.value.value}`) : undefined;
      const next = names?.size === 1 ? [...names][0] : undefined;
      if (next === undefined || next === pair.value.value) return undefined;
      const name = [...path.filter((p): p is Pair => isPair(p)).map((p) => String((p.key as Scalar).value)), String(pair.key.value)].join(
        '.',
      );
      editor.setScalar(pair.value, next);
      out.push({
        service: `value ${name}`,
        id: { format: 'helm', file, kind: 'value', name },
        family: 'helm-values',
        matched: [`${name} = ${pair.value.value}`],
        changed: [name],
        notes: [`${kind ?? ''} ${pair.value.value} is named ${next} on the customer's cluster`],
        at: { file, start: pair.value.range?.[0] ?? 0, end: pair.value.range?.[1] ?? 0 },
      });
      return undefined;
    },
  });
  return out;
}
