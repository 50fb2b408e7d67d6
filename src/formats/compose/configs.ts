import { isMap, isScalar, isSeq } from 'yaml';
import { indentLines, renderScalar } from '../yaml/text.js';
import { addBlock, appendTopLevel } from './env-state.js';
import type { ComposeFile, ComposeService } from './parse.js';
import { pairAt } from './parse.js';
import { scalarText } from '../yaml/nodes.js';
import type { RewriteContext } from './context.js';

/** The Compose config name graft uses for a file a service needs. */
export function configName(service: string, target: string): string {
  return `graft_${service}_${target.split('/').pop() ?? 'file'}`.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** Writes top-level `configs:` entries with inline content for the files clients need. */
export function defineConfigs(ctx: RewriteContext, main: ComposeFile): void {
  const root = main.doc.contents;
  if (!isMap(root) || ctx.configs.length === 0) return;
  const ed = ctx.editorOf({ file: main });
  const top = root.get('configs', true);
  const entries: string[] = [];
  for (const c of ctx.configs) {
    const name = configName(c.service, c.target);
    const existing = isMap(top) ? pairAt(top, name) : undefined;
    if (existing && isMap(existing.value)) {
      const cur = existing.value.get('content', true);
      if (isScalar(cur) && String(cur.value) === c.content) continue;
      ed.removeBlockEntry(existing.key as never);
    }
    entries.push(`${name}:\n  content: |\n${indentLines(c.content.replace(/\n$/, ''), '    ')}`);
  }
  appendTopLevel(ed, 'configs', top, entries);
}

/** Mounts the configs a service needs at their targets. */
export function attachConfigs(ctx: RewriteContext, def: ComposeService): void {
  const mine = ctx.configs.filter((c) => c.service === def.name);
  if (mine.length === 0) return;
  const ed = ctx.editorOf(def);
  const list = def.map.get('configs', true);
  const present = new Set(
    isSeq(list) ? list.items.map((i) => (isMap(i) ? scalarText(i.get('source', true)) : isScalar(i) ? String(i.value) : '')) : [],
  );
  const items = mine
    .filter((c) => !present.has(configName(c.service, c.target)))
    .map((c) => `source: ${configName(c.service, c.target)}\n  target: ${renderScalar(c.target)}`);
  if (items.length === 0) return;
  if (isSeq(list))
    ed.appendToSeq(
      list,
      items.map((i) => i.replace(/\n {2}/g, '\n' + ' '.repeat(2))),
    );
  else
    addBlock(
      ed,
      def.map,
      def,
      'configs',
      items.map((i) => `- ${i.replace('\n  ', '\n    ')}`),
    );
}
