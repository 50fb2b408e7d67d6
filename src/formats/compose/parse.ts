import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { errorsWithDuplicateKeys, scalarText } from '../yaml/nodes.js';
import { parseDocumentLikeGoYaml } from '../yaml/flow-indent.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { SourceFile, Span } from '../../core/span.js';
import type { DotenvEntry } from './dotenv.js';

/** One parsed Compose file. */
export interface ComposeFile {
  source: SourceFile;
  doc: Document.Parsed;
  services?: YAMLMap;
  /** The file's path relative to the stack root (forward slashes); paths it names are relative to its folder. */
  rel?: string;
}

/** One environment entry of a service, in map (`KEY: v`) or list (`- KEY=v`) form. */
export interface EnvEntry {
  key: string;
  /** The value as written in Compose (interpolation syntax kept); undefined for `KEY:` / `- KEY`. */
  value: string | undefined;
  /**
   * `envfile`: a line of a file the service names in `env_file:` ({@link dotenv} says where); `inherited`: a
   * variable graft adds to a service this one extends, which it therefore already has.
   */
  form: 'map' | 'list' | 'envfile' | 'inherited';
  dotenv?: DotenvEntry;
  /** The scalar holding the value (map form) or the whole `KEY=v` item (list form). */
  node: Scalar | undefined;
  pair?: Pair;
  file: ComposeFile;
}

/** A string value somewhere in a service (command, entrypoint, healthcheck) that may name endpoints. */
export interface StringSite {
  where: string;
  node: Scalar;
  value: string;
  file: ComposeFile;
}

/** One service as it appears in a Compose file. */
export interface ComposeService {
  name: string;
  file: ComposeFile;
  pair: Pair;
  map: YAMLMap;
}

/** Parses one Compose file with offsets; syntax errors become diagnostics. */
export function parseCompose(source: SourceFile): { file?: ComposeFile; diagnostics: Diagnostic[] } {
  // repeated keys are found in one pass below; the library's check is quadratic in the number of services
  // go-yaml's reading (docker compose's): a flow collection or quoted scalar may continue on a less indented line
  const doc = parseDocumentLikeGoYaml(source.text, { lineCounter: new LineCounter(), uniqueKeys: false, prettyErrors: false, merge: true });
  const diagnostics: Diagnostic[] = errorsWithDuplicateKeys(doc).map((e) => ({
    code: 'COMPOSE_YAML_SYNTAX',
    severity: 'error',
    message: e.message.split('\n')[0] ?? e.message,
    help: 'fix the YAML syntax at this position',
    subject: { file: source.path, start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) },
  }));
  if (diagnostics.length > 0) return { diagnostics };
  const root = doc.contents;
  if (root !== null && !isMap(root)) {
    return {
      diagnostics: [
        {
          code: 'COMPOSE_NOT_A_MAPPING',
          severity: 'error',
          message: 'a Compose file must be a mapping with a services key',
          help: 'start the file with services: and one entry per service under it',
          subject: spanOfNode(source, root),
        },
      ],
    };
  }
  const services = root ? root.get('services', true) : undefined;
  const empty = isScalar(services) && services.value === null;
  if (services !== undefined && services !== null && !empty && !isMap(services)) {
    return {
      diagnostics: [
        {
          code: 'COMPOSE_NOT_A_MAPPING',
          severity: 'error',
          message: 'services must be a mapping of service names to definitions',
          help: 'write each service as <name>: { image: ..., ... } under services:, not as a list item',
          subject: spanOfNode(source, services),
        },
      ],
    };
  }
  return { file: { source, doc, ...(isMap(services) ? { services } : {}) }, diagnostics };
}

/** Lists the services of a file in order. */
export function listServices(file: ComposeFile): ComposeService[] {
  const out: ComposeService[] = [];
  for (const pair of file.services?.items ?? []) {
    if (isScalar(pair.key) && isMap(pair.value)) out.push({ name: scalarText(pair.key), file, pair, map: pair.value });
  }
  return out;
}

/** The span a node covers in its file (its value, without a trailing comment). */
export function spanOfNode(source: SourceFile, node: Node | null | undefined): Span {
  const r = node?.range;
  return r ? { file: source.path, start: r[0], end: Math.max(r[1], r[0] + 1) } : { file: source.path, start: 0, end: 0 };
}

/** Where an environment entry is written: its key in the Compose file, or its line of an env file. */
export function spanOfEntry(e: EnvEntry): Span {
  if (e.dotenv)
    return { file: e.dotenv.source.path, start: e.dotenv.lineStart, end: Math.max(e.dotenv.valueStart, e.dotenv.lineStart + 1) };
  return spanOfNode(e.file.source, (e.pair?.key as Node | undefined) ?? e.node ?? null);
}

/** Reads a scalar string at a key of a map, if it is one. */
export function stringAt(map: YAMLMap, key: string): string | undefined {
  const v = map.get(key, true);
  return isScalar(v) && v.value !== null ? scalarText(v) : undefined;
}

/** The pair of a map with the given key. */
export function pairAt(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p): p is Pair => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
}

/** Tells whether a pair is a YAML merge key (`<<: *defaults`). */
export function isMergeKey(pair: Pair): boolean {
  return isScalar(pair.key) && (pair.key.value === '<<' || typeof pair.key.value === 'symbol');
}

/** The maps a map merges in with `<<: *a` or `<<: [*a, *b]`, earlier ones first. */
export function mergedMaps(map: YAMLMap, file: ComposeFile): YAMLMap[] {
  const out: YAMLMap[] = [];
  for (const p of map.items) {
    if (!isMergeKey(p)) continue;
    for (const src of isSeq(p.value) ? p.value.items : [p.value]) {
      const m = deref(src, file);
      if (isMap(m)) out.push(m);
    }
  }
  return out;
}

/** The value of a key of a map as YAML merge keys define it: its own entry, else the first merged map's (recursively). */
export function getKey(map: YAMLMap, key: string, file: ComposeFile, seen = new Set<YAMLMap>()): unknown {
  const own = pairAt(map, key);
  if (own) return own.value;
  seen.add(map);
  for (const m of mergedMaps(map, file)) {
    if (seen.has(m)) continue;
    const v = getKey(m, key, file, seen);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The map that holds a key of a map (itself or a map it merges in), as {@link getKey} finds it. */
export function ownerOfKey(map: YAMLMap, key: string, file: ComposeFile, seen = new Set<YAMLMap>()): YAMLMap | undefined {
  if (pairAt(map, key)) return map;
  seen.add(map);
  for (const m of mergedMaps(map, file)) {
    if (seen.has(m)) continue;
    const v = ownerOfKey(m, key, file, seen);
    if (v) return v;
  }
  return undefined;
}

/** Follows an alias (`*anchor`) to the node it names. */
export function deref(node: unknown, file: ComposeFile): unknown {
  return isAlias(node) ? node.resolve(file.doc) : node;
}

/** Reads a service's environment entries, following merge keys and anchors. */
export function readEnv(service: ComposeService): EnvEntry[] {
  return readEnvNode(deref(getKey(service.map, 'environment', service.file), service.file), service.file);
}

function readEnvNode(env: unknown, file: ComposeFile): EnvEntry[] {
  const out: EnvEntry[] = [];
  if (isMap(env)) {
    for (const pair of env.items) {
      if (!isScalar(pair.key)) continue;
      // `<<: *common-env` merges an anchored mapping; its entries live (and are edited) at the anchor
      if (isMergeKey(pair)) {
        for (const src of isSeq(pair.value) ? pair.value.items : [pair.value]) {
          for (const e of readEnvNode(deref(src, file), file)) if (!out.some((o) => o.key === e.key)) out.push(e);
        }
        continue;
      }
      const key = scalarText(pair.key);
      const v = deref(pair.value, file);
      const own = out.findIndex((o) => o.key === key);
      if (own >= 0) out.splice(own, 1);
      out.push({
        key,
        value: isScalar(v) && v.value !== null ? scalarText(v) : undefined,
        form: 'map',
        node: isScalar(pair.value) ? pair.value : isAlias(pair.value) ? (pair.value as unknown as Scalar) : undefined,
        pair,
        file,
      });
    }
  } else if (isSeq(env)) {
    for (const item of env.items) {
      if (!isScalar(item) || item.value === null) continue;
      const s = scalarText(item);
      const eq = s.indexOf('=');
      out.push({ key: eq < 0 ? s : s.slice(0, eq), value: eq < 0 ? undefined : s.slice(eq + 1), form: 'list', node: item, file });
    }
  }
  return out;
}

/** Lists the strings of command, entrypoint and healthcheck test, where endpoints may appear. */
export function readCommandSites(service: ComposeService): StringSite[] {
  const out: StringSite[] = [];
  const visit = (where: string, node: unknown): void => {
    if (isScalar(node) && typeof node.value === 'string') out.push({ where, node, value: node.value, file: service.file });
    else if (isSeq(node)) for (const item of node.items) visit(where, item);
  };
  const f = service.file;
  visit('command', deref(getKey(service.map, 'command', f), f));
  visit('entrypoint', deref(getKey(service.map, 'entrypoint', f), f));
  const hc = deref(getKey(service.map, 'healthcheck', f), f);
  if (isMap(hc)) visit('healthcheck.test', deref(getKey(hc, 'test', f), f));
  return out;
}

/** Names of services this service depends on, from list or map form. */
export function readDependsOn(service: ComposeService): { name: string; node: Node; collection: YAMLSeq | YAMLMap }[] {
  const dep = deref(getKey(service.map, 'depends_on', service.file), service.file);
  if (isSeq(dep)) {
    return dep.items.filter(isScalar).map((n) => ({ name: String(n.value), node: n, collection: dep }));
  }
  if (isMap(dep)) {
    return dep.items
      .filter((p) => isScalar(p.key))
      .map((p) => ({ name: String((p.key as Scalar).value), node: p.key as Node, collection: dep }));
  }
  return [];
}

/** Host names a service answers to inside the Compose network. */
export function readHostNames(service: ComposeService): string[] {
  const names = new Set([service.name]);
  for (const key of ['container_name', 'hostname']) {
    const v = scalarText(deref(getKey(service.map, key, service.file), service.file));
    if (v) names.add(v);
  }
  const networks = deref(getKey(service.map, 'networks', service.file), service.file);
  if (isMap(networks)) {
    for (const p of networks.items) {
      if (!isMap(p.value)) continue;
      const aliases = p.value.get('aliases', true);
      if (isSeq(aliases)) for (const a of aliases.items) if (isScalar(a)) names.add(String(a.value));
    }
  }
  return [...names];
}

/** The image a service runs, if set. */
export function readImage(service: ComposeService): string | undefined {
  return scalarText(deref(getKey(service.map, 'image', service.file), service.file)) || undefined;
}

/** A service's `volumes:` entries as source and target, short (`src:dst[:mode]`) or long syntax (`type` as written). */
export function volumeEntries(def: ComposeService): { source: string; target: string; type?: string }[] {
  const seq = deref(getKey(def.map, 'volumes', def.file), def.file);
  if (!isSeq(seq)) return [];
  return seq.items.map((v) => {
    if (isMap(v))
      return {
        source: scalarText(v.get('source', true)),
        target: scalarText(v.get('target', true)),
        type: scalarText(v.get('type', true)),
      };
    const parts = scalarText(v).split(':');
    return { source: parts[0] ?? '', target: parts[1] ?? '' };
  });
}
