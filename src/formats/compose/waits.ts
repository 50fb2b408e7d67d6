import { isMap, isSeq, type Node } from 'yaml';
import { scalarText } from '../yaml/nodes.js';
import type { RewriteContext } from './context.js';
import { addBlock } from './env-state.js';
import { readDependsOn, type ComposeService } from './parse.js';

const COMPLETED = 'service_completed_successfully';

/**
 * Makes each service wait for the one-shot services graft added for it (`ctx.waits`) to complete successfully, in one
 * edit of its `depends_on` per service: entries that went with the dropped Kafka stay gone, and a list, which cannot
 * carry conditions, becomes a map with each kept entry started as before.
 */
export function applyWaits(ctx: RewriteContext): void {
  const byService = new Map<ComposeService, string[]>();
  for (const w of ctx.waits) byService.set(w.def, [...(byService.get(w.def) ?? []), w.name]);
  for (const [def, names] of byService) {
    const ed = ctx.editorOf(def);
    const dep = def.map.get('depends_on', true);
    const kept = readDependsOn(def).filter((d) => !ctx.analysis.dropped.has(d.name));
    const waits = [...new Set(names)].filter((n) => !kept.some((d) => d.name === n)).map((n) => `${n}:\n  condition: ${COMPLETED}`);
    if (waits.length === 0) continue;
    if (isMap(dep) && kept.length > 0) {
      ed.appendToMap(dep, waits);
    } else if (isSeq(dep)) {
      const pair = def.map.items.find((p) => scalarText(p.key) === 'depends_on');
      if (pair) ed.removeBlockEntry(pair.key as Node);
      addBlock(
        ed,
        def.map,
        def,
        'depends_on',
        [...kept.map((d) => `${d.name}:\n  condition: service_started`), ...waits].flatMap((e) => e.split('\n')),
      );
    } else {
      // no depends_on, or every entry went with the dropped Kafka and the key with them: a new one takes its place
      addBlock(
        ed,
        def.map,
        def,
        'depends_on',
        waits.flatMap((e) => e.split('\n')),
      );
    }
  }
}
