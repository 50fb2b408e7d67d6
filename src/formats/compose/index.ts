import type { Diagnostic } from '../../core/diagnostic.js';
import type { Edit } from '../../core/edit.js';
import type { SourceFile } from '../../core/span.js';
import type { Bindings } from '../../bindings/types.js';
import type { Plan } from '../../plan/types.js';
import type { CustomerKafka } from '../../spec/types.js';
import { analyzeCompose } from './analyze.js';
import { parseCompose, type ComposeFile } from './parse.js';
import type { StackReader } from './properties.js';
import { rewriteCompose } from './rewrite.js';

/** How a format adapter plugs into the compile pipeline. */
export interface FormatAdapter {
  name: string;
  /** Picks the files of a stack this format handles, in the order they apply. */
  select(paths: readonly string[]): string[];
  /** Parses, analyzes and rewrites; returns edits per file path. */
  compile(
    files: SourceFile[],
    spec: CustomerKafka,
    bindings?: Bindings,
    read?: StackReader,
  ): { edits: Map<string, Edit[]>; plan?: Plan; diagnostics: Diagnostic[] };
}

const COMPOSE_FILE = /^(?:docker-)?compose(?:\.[\w.-]+)?\.ya?ml$/;
const MAIN_ORDER = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** Docker Compose: drops the embedded Kafka services and rewires the rest. */
export const compose = {
  name: 'compose',
  select: (paths) => paths.filter((p) => !p.includes('/') && COMPOSE_FILE.test(p)).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1)),
  compile: (sources, spec, bindings, read): ReturnType<FormatAdapter['compile']> => {
    const diagnostics: Diagnostic[] = [];
    const files: ComposeFile[] = [];
    for (const s of sources) {
      const r = parseCompose(s);
      diagnostics.push(...r.diagnostics);
      if (r.file) files.push(r.file);
    }
    if (diagnostics.some((d) => d.severity === 'error')) return { edits: new Map(), diagnostics };
    const analysis = analyzeCompose(files, spec);
    const out = rewriteCompose(analysis, spec, bindings, read ?? (() => undefined));
    return { edits: out.edits, plan: out.plan, diagnostics: [...diagnostics, ...out.diagnostics] };
  },
} satisfies FormatAdapter;

function rank(name: string): number {
  const i = MAIN_ORDER.indexOf(name);
  return i >= 0 ? i : MAIN_ORDER.length;
}
