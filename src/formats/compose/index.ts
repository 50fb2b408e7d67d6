import { basename } from 'node:path';
import type { Diagnostic } from '../../core/diagnostic.js';
import { ComposeModel } from './model.js';
import type { FormatAdapter } from '../types.js';
import { analyzeCompose } from './analyze.js';
import { parseCompose, type ComposeFile } from './parse.js';
import { composeReferences } from './references.js';
import { rewriteCompose } from './rewrite.js';

const COMPOSE_FILE = /^(?:docker-)?compose(?:\.[\w.-]+)?\.ya?ml$/;
const MAIN_ORDER = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** Docker Compose: drops the embedded Kafka services and rewires the rest. */
export const compose = {
  name: 'compose',
  select: (paths, peek) => {
    // a single file given by name is Compose when it has top-level services
    if (paths.length === 1 && paths[0] && /^\uFEFF?services\s*:/m.test(peek(paths[0]))) return [paths[0]];
    return paths.filter((p) => !p.includes('/') && COMPOSE_FILE.test(p)).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  },
  compile: (sources, spec, bindings, read, options): ReturnType<FormatAdapter['compile']> => {
    const diagnostics: Diagnostic[] = [];
    const files: ComposeFile[] = [];
    for (const s of sources) {
      const r = parseCompose(s);
      diagnostics.push(...r.diagnostics);
      // the selected files sit at the stack root
      if (r.file) files.push({ ...r.file, rel: basename(s.path) });
    }
    if (diagnostics.some((d) => d.severity === 'error')) return { edits: new Map(), diagnostics };
    const model = new ComposeModel(read);
    const project = model.expandIncludes(files);
    const analysis = analyzeCompose(project, spec, { model, ...(bindings ? { bindings } : {}) });
    if (analysis.diagnostics.some((d) => d.severity === 'error'))
      return { edits: new Map(), diagnostics: [...diagnostics, ...analysis.diagnostics] };
    const out = rewriteCompose(analysis, spec, bindings, read, options.preflight);
    const hosts = [...analysis.dropped.keys()].flatMap((name) => analysis.services.get(name)?.hostNames ?? []);
    return {
      edits: out.edits,
      plan: out.plan,
      diagnostics: [...diagnostics, ...analysis.diagnostics, ...out.diagnostics],
      newFiles: out.newFiles,
      leftovers: { hosts: [...new Set(hosts)].sort(), names: [...analysis.dropped.keys()].sort(), references: composeReferences },
    };
  },
} satisfies FormatAdapter;

function rank(name: string): number {
  const i = MAIN_ORDER.indexOf(name);
  return i >= 0 ? i : MAIN_ORDER.length;
}
