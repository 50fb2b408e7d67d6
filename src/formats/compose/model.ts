import { posix } from 'node:path';
import { isMap, isScalar, isSeq } from 'yaml';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { SourceFile } from '../../core/span.js';
import type { StackReader } from '../types.js';
import { interpolate, parseDotenv, type Dotenv } from './dotenv.js';
import {
  deref,
  getKey,
  listServices,
  parseCompose,
  spanOfNode,
  volumeEntries,
  type ComposeFile,
  type ComposeService,
  type EnvEntry,
} from './parse.js';
import { scalarText } from '../yaml/nodes.js';

/**
 * The parts of the Compose model beyond one file's text: files the project `include:`s, services a
 * service `extends` (in its own file or another), `env_file:` files and the project's `.env`.
 */
export class ComposeModel {
  readonly diagnostics: Diagnostic[] = [];
  /** The project's `.env` (beside the first Compose file), if the stack has one. */
  readonly dotenv?: Dotenv;
  /** `.env` values, for reading interpolated values (`${VAR:-default}`). */
  readonly vars = new Map<string, string>();
  private readonly parsed = new Map<string, ComposeFile | null>();
  private readonly envFiles = new Map<string, Dotenv | null>();

  constructor(private readonly read?: StackReader) {
    const env = read?.('.env');
    if (env) {
      this.dotenv = parseDotenv(env);
      // a value may use variables defined above it (`KAFKA_ADDR=${KAFKA_HOST}:${KAFKA_PORT}`)
      for (const [k, e] of this.dotenv.entries) this.vars.set(k, e.quote === "'" ? e.value : interpolate(e.value, this.vars));
    }
  }

  /** Adds the files each file `include:`s (recursively), after the files given; a missing one is an error. */
  expandIncludes(files: ComposeFile[]): ComposeFile[] {
    const out = [...files];
    for (const f of out) this.parsed.set(f.rel ?? f.source.path, f);
    for (let i = 0; i < out.length; i++) {
      const file = out[i];
      const root = file.doc.contents;
      const inc = isMap(root) ? root.get('include', true) : undefined;
      if (!isSeq(inc)) continue;
      for (const item of inc.items) {
        const paths = isScalar(item) ? [item] : isMap(item) ? asList(item.get('path', true)) : [];
        for (const p of paths) {
          const rel = this.resolve(file, scalarText(p));
          if (out.some((o) => o.rel === rel)) continue;
          const included = rel ? this.composeFile(rel) : undefined;
          if (!included) {
            this.diagnostics.push({
              code: 'COMPOSE_INCLUDE_UNRESOLVED',
              severity: 'error',
              message: `${file.rel ?? file.source.path} includes ${scalarText(p)}, which is not a Compose file of the stack; graft cannot see whether it runs or uses Kafka`,
              help: `add ${scalarText(p)} to the stack (a path inside the stack directory) or remove the include`,
              subject: spanOfNode(file.source, p as never),
            });
            continue;
          }
          out.push(included);
        }
      }
    }
    return out;
  }

  /** The services a service extends, nearest last (`extends: base`, `{ service }`, `{ file, service }`), itself excluded. */
  extendsChain(def: ComposeService, seen = new Set<string>()): ComposeService[] {
    const ext = deref(getKey(def.map, 'extends', def.file), def.file);
    const service = isScalar(ext) ? scalarText(ext) : isMap(ext) ? scalarText(ext.get('service', true)) : '';
    if (!service) return [];
    const fileName = isMap(ext) ? scalarText(ext.get('file', true)) : '';
    const key = `${fileName ? this.resolve(def.file, fileName) : (def.file.rel ?? def.file.source.path)}#${service}`;
    if (seen.has(key)) return [];
    seen.add(key);
    let file: ComposeFile | undefined = def.file;
    if (fileName) {
      const rel = this.resolve(def.file, fileName);
      file = rel ? this.composeFile(rel) : undefined;
    }
    const base = file ? listServices(file).find((s) => s.name === service) : undefined;
    if (!base) return [];
    return [...this.extendsChain(base, seen), base];
  }

  /** Whether a service's `extends` names a file outside the stack. */
  extendsUnresolved(def: ComposeService): { file: string; node: unknown } | undefined {
    const ext = deref(getKey(def.map, 'extends', def.file), def.file);
    if (!isMap(ext)) return undefined;
    const name = scalarText(ext.get('file', true));
    if (!name) return undefined;
    const rel = this.resolve(def.file, name);
    return rel && this.composeFile(rel) ? undefined : { file: name, node: ext };
  }

  /** The entries of the files a service names in `env_file:`, in order (later files win); a missing file is a warning. */
  envFileEntries(def: ComposeService): EnvEntry[] {
    const node = deref(getKey(def.map, 'env_file', def.file), def.file);
    const out: EnvEntry[] = [];
    for (const item of asList(node)) {
      const pathNode = isMap(item) ? item.get('path', true) : item;
      const required = isMap(item) ? scalarText(item.get('required', true)) !== 'false' : true;
      const name = scalarText(pathNode);
      if (!name) continue;
      const rel = this.resolve(def.file, name);
      const env = rel ? this.envFile(rel) : undefined;
      if (!env) {
        if (required) {
          this.diagnostics.push({
            code: 'COMPOSE_ENV_FILE_UNRESOLVED',
            severity: 'warning',
            message: `service "${def.name}" reads ${name}, which is not in the stack; graft cannot see whether it sets Kafka addresses`,
            help: `add ${name} to the stack so graft can rewire what it sets`,
            subject: spanOfNode(def.file.source, pathNode as never),
          });
        }
        continue;
      }
      for (const d of env.entries.values()) {
        const i = out.findIndex((o) => o.key === d.key);
        if (i >= 0) out.splice(i, 1);
        out.push({ key: d.key, value: d.value, form: 'envfile', dotenv: d, node: undefined, file: def.file });
      }
    }
    return out;
  }

  /**
   * The image a service built from a local Dockerfile starts from: the final stage's `FROM` of the Dockerfile its
   * `build:` names (context and `dockerfile`, default `Dockerfile`), when that file is in the stack and names a plain
   * image (no build argument, no earlier stage) and sets no `ENTRYPOINT` or `CMD` of its own.
   */
  buildBase(def: ComposeService): string | undefined {
    const build = deref(getKey(def.map, 'build', def.file), def.file);
    const context = isMap(build) ? scalarText(build.get('context', true)) || '.' : isScalar(build) ? scalarText(build) : undefined;
    if (context === undefined) return undefined;
    const dockerfile = (isMap(build) ? scalarText(build.get('dockerfile', true)) : '') || 'Dockerfile';
    const rel = this.resolve(def.file, posix.join(context, dockerfile));
    const text = rel ? this.read?.(rel)?.text : undefined;
    if (!text) return undefined;
    const stages: string[] = [];
    let base: string | undefined;
    for (const line of text.split(/\r?\n/)) {
      const m = /^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?\s*$/i.exec(line);
      if (!m?.[1]) {
        // a final stage with its own program is not the image it starts from
        if (/^\s*(ENTRYPOINT|CMD)\b/i.test(line)) base = undefined;
        continue;
      }
      base = stages.includes(m[1].toLowerCase()) || m[1].includes('$') ? undefined : m[1];
      if (m[2]) stages.push(m[2].toLowerCase());
    }
    return base;
  }

  /**
   * The stack files a service built from a Dockerfile of the stack copies into its image (`ADD` / `COPY` of a single
   * file from the build context in the final stage, not `--from` another stage): configuration baked into the image.
   */
  bakedFiles(def: ComposeService): { rel: string; file: SourceFile }[] {
    const build = deref(getKey(def.map, 'build', def.file), def.file);
    const context = isMap(build) ? scalarText(build.get('context', true)) || '.' : isScalar(build) ? scalarText(build) : undefined;
    if (context === undefined) return [];
    const dockerfile = (isMap(build) ? scalarText(build.get('dockerfile', true)) : '') || 'Dockerfile';
    const rel = this.resolve(def.file, posix.join(context, dockerfile));
    const text = rel ? this.read?.(rel)?.text : undefined;
    const root = this.resolve(def.file, context);
    if (!text || root === undefined) return [];
    let sources: string[] = [];
    for (const line of text.split(/\r?\n/)) {
      if (/^\s*FROM\s/i.test(line)) sources = [];
      const m = /^\s*(?:ADD|COPY)\s+((?:--[\w-]+=\S+\s+)*)(.+?)\s*$/i.exec(line);
      if (!m?.[2] || /--from=/i.test(m[1] ?? '') || m[2].startsWith('[')) continue;
      const parts = m[2].split(/\s+/);
      sources.push(...parts.slice(0, -1).filter((p) => !/[*?$]|^https?:/.test(p)));
    }
    const out: { rel: string; file: SourceFile }[] = [];
    for (const src of sources) {
      const at = posix.normalize(posix.join(root, src));
      if (at.startsWith('..')) continue;
      const file = this.read?.(at);
      if (file) out.push({ rel: at, file });
    }
    return out;
  }

  /**
   * The stack files a service bind-mounts (a file, or every file of a mounted folder), as their sources: what the
   * container reads for its own configuration. Sources outside the stack and named volumes give nothing.
   */
  mountedFiles(def: ComposeService, list?: (dir: string) => string[]): { rel: string; file: SourceFile }[] {
    const out: { rel: string; file: SourceFile }[] = [];
    for (const entry of volumeEntries(def)) {
      // `${PWD}/conf` is the folder `docker compose` runs in: the project's, as `./conf` reads it
      const source = entry.source.replace(/^\$(?:\{PWD\}|PWD\b)(?=\/|$)/, '.');
      if (!source.startsWith('.')) continue;
      const rel = this.resolve(def.file, source);
      if (!rel) continue;
      const file = this.read?.(rel);
      if (file) {
        out.push({ rel, file });
        continue;
      }
      for (const p of (list?.(rel) ?? []).filter((x) => CONFIG_FILE.test(x))) {
        const f = this.read?.(p);
        // a folder that holds the project itself (`./:/app`) holds its Compose files: the project's, not the service's
        if (f && !/^services:\s*$/m.test(f.text)) out.push({ rel: p, file: f });
      }
    }
    return out;
  }

  private composeFile(rel: string): ComposeFile | undefined {
    if (this.parsed.has(rel)) return this.parsed.get(rel) ?? undefined;
    const src = this.read?.(rel);
    const r = src ? parseCompose(src) : undefined;
    if (r) this.diagnostics.push(...r.diagnostics);
    const file = r?.file ? { ...r.file, rel } : undefined;
    this.parsed.set(rel, file ?? null);
    return file;
  }

  private envFile(rel: string): Dotenv | undefined {
    if (!this.envFiles.has(rel)) {
      const src: SourceFile | undefined = this.read?.(rel);
      this.envFiles.set(rel, src ? parseDotenv(src) : null);
    }
    return this.envFiles.get(rel) ?? undefined;
  }

  // a path a file names, relative to that file's folder, as a stack path; undefined when it leaves the stack
  private resolve(from: ComposeFile, name: string): string | undefined {
    if (!name || posix.isAbsolute(name)) return undefined;
    const dir = posix.dirname(from.rel ?? '.');
    const rel = posix.normalize(posix.join(dir, name));
    return rel.startsWith('..') ? undefined : rel;
  }
}

/** Configuration and init files (SQL, shell scripts) a mounted folder may hold (not data, keys or binaries). */
const CONFIG_FILE = /\.(xml|ya?ml|json|toml|conf|cfg|ini|properties|sql|sh)$/i;

function asList(node: unknown): unknown[] {
  if (isSeq(node)) return node.items;
  return node === undefined || node === null || (isScalar(node) && node.value === null) ? [] : [node];
}
