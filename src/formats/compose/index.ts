import { basename, dirname, isAbsolute, join } from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Diagnostic } from '../../core/diagnostic.js';
import { ComposeModel } from './model.js';
import type { FileName, FormatAdapter } from '../types.js';
import { analyzeCompose, type ComposeAnalysis } from './analyze.js';
import { parseCompose, volumeEntries, type ComposeFile, type ComposeService } from './parse.js';
import { scalarText } from '../yaml/nodes.js';
import { composeReferences } from './references.js';
import { rewriteCompose } from './rewrite.js';
import { composeFacts } from './facts.js';
import { emptyFacts } from '../facts.js';
import { COMPOSE_CODES } from './codes.js';
import { clientsElsewhere } from './elsewhere.js';
import { clustersCollapse } from './clusters.js';

const COMPOSE_FILE = /^(?:docker-)?compose(?:\.[\w.-]+)?\.ya?ml$/;
const MAIN_ORDER = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** Docker Compose: drops the embedded Kafka services and rewires the rest. */
export const compose = {
  name: 'compose',
  title: 'Docker Compose',
  codes: COMPOSE_CODES,
  codesIntro: 'Raised while compiling a Compose stack.',
  select: (paths, peek) => {
    // a single file given by name is Compose when it has top-level services
    if (paths.length === 1 && paths[0] && /^\uFEFF?services\s*:/m.test(peek(paths[0]))) return [paths[0]];
    // the project's own list of files, as `docker compose` reads it from .env (`-f a.yml -f b.yml` in one variable)
    const listed = composeFileList(paths, peek);
    if (listed) return listed;
    return paths.filter((p) => !p.includes('/') && COMPOSE_FILE.test(p)).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  },
  overlooked: (paths, selected, peek) => {
    // a Compose file beside the project's that the project does not list: an overlay run with `-f` would be missed
    if (composeFileList(paths, peek)) return [];
    const others = paths.filter((p) => !p.includes('/') && /\.ya?ml$/.test(p) && !selected.includes(p) && p !== 'graft.yaml');
    // a file the project names (extends: file:, include:) is read through it
    const named = selected.map((s) => peek(s)).join('\n');
    const overlays = others.filter((p) => /^\uFEFF?services\s*:/m.test(peek(p)) && !named.includes(p));
    if (overlays.length === 0 || selected.length === 0) return [];
    return [
      {
        code: 'COMPOSE_FILE_NOT_SELECTED',
        severity: 'error',
        message: `${overlays.join(', ')} ${overlays.length > 1 ? 'are Compose files' : 'is a Compose file'} beside ${selected.join(', ')} that graft does not compile: if the project runs ${overlays.length > 1 ? 'them' : 'it'} as an overlay (docker compose -f ${selected[0] ?? ''} -f ${overlays[0] ?? ''}), the Kafka or clients in ${overlays.length > 1 ? 'them' : 'it'} would be missed`,
        help: `list the project's files in the stack's .env as Docker Compose does: COMPOSE_FILE=${[...selected, ...overlays].join(':')} (or only those it runs); to compile one file alone, give its path instead of the folder`,
      },
    ];
  },
  parse: (sources) => {
    const diagnostics: Diagnostic[] = [];
    const files: ComposeFile[] = [];
    for (const s of sources) {
      const r = parseCompose(s);
      diagnostics.push(...r.diagnostics);
      // the selected files sit at the stack root
      if (r.file) files.push({ ...r.file, rel: basename(s.path) });
    }
    return { value: files, diagnostics };
  },
  // the model follows include:, extends:, env_file: and .env from the parsed files
  analyze: (files, { spec, bindings, read, list, paths, beside }) => {
    const model = new ComposeModel(read);
    const analysis = analyzeCompose(model.expandIncludes(files), spec, {
      model,
      ...(bindings ? { bindings } : {}),
      ...(list ? { list } : {}),
      ...(paths ? { paths } : {}),
    });
    // a Kafka layer compiled alone, its clients in the Compose files beside it
    // separate bundled clusters that would all become the customer's one cluster
    const diagnostics = [...analysis.diagnostics, ...clientsElsewhere(analysis, beside, paths, bindings), ...clustersCollapse(analysis)];
    return { value: { ...analysis, diagnostics }, diagnostics };
  },
  rewrite: (analysis, _parsed, { spec, bindings, read, options }) => {
    const { fileNames, ...out } = rewriteCompose(analysis, spec, bindings, read, options.preflight);
    return { ...out, state: { fileNames } };
  },
  facts: (analysis, rewritten) => ({ ...composeFacts(analysis, rewritten.plan, emptyFacts()), fileNames: rewritten.state.fileNames }),
  verify: (analysis) => {
    const hosts = [...analysis.dropped.keys()].flatMap((name) => analysis.services.get(name)?.hostNames ?? []);
    return {
      leftovers: {
        hosts: [...new Set(hosts)].sort(),
        names: [...analysis.dropped.keys()].sort(),
        references: composeReferences,
        unread: readOnlyByDropped(analysis),
      },
    };
  },
} satisfies FormatAdapter<ComposeFile[], ComposeAnalysis, { fileNames: FileName[] }>;

/**
 * What only dropped services read: stack paths they mount or read as env files, and service definitions in other files
 * that only they extend, when no kept service reads the same.
 */
function readOnlyByDropped(analysis: ComposeAnalysis): { path: string; start?: number; end?: number }[] {
  const keptReads = new Map<string, boolean>();
  const bases = new Map<ComposeService, boolean>();
  for (const info of analysis.services.values()) {
    const kept = !analysis.dropped.has(info.name);
    for (const def of info.defs) for (const p of pathsRead(def)) keptReads.set(p, (keptReads.get(p) ?? false) || kept);
    for (const base of info.bases) bases.set(base, (bases.get(base) ?? false) || kept);
  }
  const files: { path: string; start?: number; end?: number }[] = [...keptReads].filter(([, kept]) => !kept).map(([path]) => ({ path }));
  // a base that is itself a kept service of the project is read as one, whatever its name in the other file
  const keptDefs = new Set([...analysis.services.values()].filter((i) => !analysis.dropped.has(i.name)).flatMap((i) => i.defs));
  const parts = [...bases]
    .filter(([base, kept]) => !kept && !keptDefs.has(base) && base.pair.key && base.map.range)
    .map(([base]) => ({ path: base.file.source.path, start: (base.pair.key as Node).range?.[0] ?? 0, end: base.map.range?.[1] ?? 0 }));
  return [...files, ...parts].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.start ?? 0) - (b.start ?? 0)));
}

/** Local paths a service definition reads: bind-mount sources and `env_file:` entries, resolved against its file. */
function pathsRead(def: ComposeService): string[] {
  const base = dirname(def.file.source.path);
  const local = (p: string): string | undefined => (/^\.{1,2}(\/|$)/.test(p) ? join(base, p) : isAbsolute(p) ? p : undefined);
  const out: (string | undefined)[] = [];
  for (const v of volumeEntries(def)) if (v.type === undefined || v.type === 'bind') out.push(local(v.source));
  const envFile = def.map.get('env_file', true);
  const entries = isSeq(envFile) ? envFile.items : envFile ? [envFile] : [];
  for (const e of entries)
    out.push(isScalar(e) ? join(base, String(e.value)) : isMap(e) ? join(base, scalarText(e.get('path', true))) : undefined);
  return out.filter((p): p is string => p !== undefined);
}

/** The files `COMPOSE_FILE` in the stack's `.env` lists (separated by `:`, or `COMPOSE_PATH_SEPARATOR`), when it lists any. */
function composeFileList(paths: readonly string[], peek: (relPath: string) => string): string[] | undefined {
  if (!paths.includes('.env')) return undefined;
  const text = peek('.env');
  const value = (key: string): string | undefined =>
    new RegExp(`^\\s*(?:export\\s+)?${key}\\s*=\\s*(.*?)\\s*$`, 'm').exec(text)?.[1]?.replace(/^(['"])(.*)\1$/, '$2');
  const list = value('COMPOSE_FILE');
  if (!list) return undefined;
  const sep = value('COMPOSE_PATH_SEPARATOR') || ':';
  const files = list
    .split(sep)
    .map((f) => f.trim().replace(/^\.\//, ''))
    .filter((f) => f && paths.includes(f));
  return files.length > 0 ? files : undefined;
}

function rank(name: string): number {
  const i = MAIN_ORDER.indexOf(name);
  return i >= 0 ? i : MAIN_ORDER.length;
}
