import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join, posix, resolve } from 'node:path';
import { parse } from 'yaml';
import { interpolateTree, type ComposeVariables } from './compose-interpolate.js';

// What one service's container sees, read from a compiled Compose file the way `docker compose up`
// builds it: environment (map or list form, `KEY` alone taken from the host), `secrets:` files under
// /run/secrets, `configs:` files, bind mounts, named volumes (a directory per volume under the scratch directory,
// shared by the services that mount it; `volume.subpath` mounts a path inside it) and the `command` (list form). A secret, config or mount it cannot resolve throws, so a
// compiled file never runs with part of its configuration silently ignored; service keys it does not
// model are listed in `unmodeled` for the caller to refuse.

/** A file or directory the container sees at `target`, backed by `source` on this host. */
export interface ContainerMount {
  target: string;
  source: string;
  readOnly: boolean;
}

/** A service as its container would see it. */
export interface ContainerView {
  service: string;
  env: Record<string, string>;
  mounts: ContainerMount[];
  labels: Record<string, string>;
  /** The service's image. */
  image?: string;
  /** Services it waits for with `condition: service_completed_successfully`, which run to completion first. */
  completedFirst?: string[];
  /** The service's `command` (list form), undefined when it has none: the image's own then runs. */
  command: string[] | undefined;
  /** Keys of the service this reader does not model; a service with any must not be run. */
  unmodeled: string[];
  /** Unset variables Compose would have replaced with blanks. */
  warnings: string[];
}

type Dict = Record<string, unknown>;

const SECRETS_DIR = '/run/secrets';
// Keys a runner's behaviour does not depend on, plus the ones read below.
const HANDLED = new Set(['image', 'labels', 'depends_on', 'environment', 'secrets', 'configs', 'volumes', 'command']);

const isDict = (v: unknown): v is Dict => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** Reads every service of a compiled Compose project; `materialize` is a scratch directory for secret/config contents. */
export async function readContainers(
  projectDir: string,
  composeText: string,
  vars: ComposeVariables,
  materialize: string,
): Promise<ContainerView[]> {
  const warnings: string[] = [];
  const doc = interpolateTree(parse(composeText), vars, warnings);
  if (!isDict(doc) || !isDict(doc['services'])) throw new Error('compiled Compose file has no services mapping');
  const secrets = isDict(doc['secrets']) ? doc['secrets'] : {};
  const configs = isDict(doc['configs']) ? doc['configs'] : {};
  const named = isDict(doc['volumes']) ? doc['volumes'] : {};
  await mkdir(materialize, { recursive: true });
  const volumeDir = async (service: string, name: string): Promise<string> => {
    if (!(name in named)) throw new Error(`service ${service} mounts volume ${name}, which the file does not define`);
    const dir = join(materialize, `volume-${name}`);
    await mkdir(dir, { recursive: true });
    return dir;
  };
  const views: ContainerView[] = [];
  for (const [service, def] of Object.entries(doc['services'])) {
    if (!isDict(def)) throw new Error(`service ${service} is not a mapping`);
    const source = async (kind: 'secret' | 'config', name: string): Promise<string> => {
      const top = (kind === 'secret' ? secrets : configs)[name];
      if (!isDict(top)) throw new Error(`service ${service} uses ${kind} ${name}, which the file does not define`);
      if (typeof top['file'] === 'string') return resolve(projectDir, top['file']);
      const content =
        typeof top['environment'] === 'string' ? vars[top['environment']] : typeof top['content'] === 'string' ? top['content'] : undefined;
      if (content === undefined) throw new Error(`${kind} ${name}: no file, content or set environment variable (${text(top)})`);
      const file = join(materialize, `${kind}-${name}`);
      await writeFile(file, content);
      return file;
    };
    const mounts: ContainerMount[] = [];
    for (const s of list(def['secrets'])) {
      const name = isDict(s) ? text(s['source']) : text(s);
      const target = isDict(s) && s['target'] !== undefined ? text(s['target']) : name;
      mounts.push({ target: posix.resolve(SECRETS_DIR, target), source: await source('secret', name), readOnly: true });
    }
    for (const c of list(def['configs'])) {
      const name = isDict(c) ? text(c['source']) : text(c);
      const target = isDict(c) && c['target'] !== undefined ? text(c['target']) : `/${name}`;
      mounts.push({ target: posix.resolve('/', target), source: await source('config', name), readOnly: true });
    }
    for (const v of list(def['volumes'])) {
      mounts.push(await readVolume(projectDir, v, (name) => volumeDir(service, name)));
    }
    const unmodeled = Object.keys(def).filter((k) => !HANDLED.has(k));
    views.push({
      service,
      image: text(def['image']),
      completedFirst: readCompletedFirst(def['depends_on']),
      env: readEnvironment(def['environment'], vars),
      mounts,
      labels: readLabels(def['labels']),
      command: readCommand(service, def['command']),
      unmodeled,
      warnings,
    });
  }
  return views;
}

function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new Error(`expected a list, got ${text(v)}`);
  return v;
}

// KEY: value | - KEY=value | KEY: (null) / - KEY → the host's value, absent when the host has none.
function readEnvironment(env: unknown, vars: ComposeVariables): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, value: string | undefined): void => {
    const v = value ?? vars[key];
    if (v !== undefined) out[key] = v;
  };
  if (Array.isArray(env)) {
    for (const item of env) {
      const s = text(item);
      const eq = s.indexOf('=');
      put(eq < 0 ? s : s.slice(0, eq), eq < 0 ? undefined : s.slice(eq + 1));
    }
  } else if (isDict(env)) {
    for (const [k, v] of Object.entries(env)) put(k, v === null ? undefined : text(v));
  } else if (env !== undefined) throw new Error(`environment must be a map or a list, got ${text(env)}`);
  return out;
}

// The exec form only: a string command is split by Compose's shell-words rules, which this reader does not model.
function readCommand(service: string, command: unknown): string[] | undefined {
  if (command === undefined || command === null) return undefined;
  if (!Array.isArray(command)) throw new Error(`service ${service}: only a list-form command is modeled, got ${text(command)}`);
  return command.map(text);
}

function readLabels(labels: unknown): Record<string, string> {
  if (isDict(labels)) return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, text(v)]));
  return Object.fromEntries(list(labels).map((l) => text(l).split(/=(.*)/s).slice(0, 2) as [string, string]));
}

// The services of a `depends_on` map that must complete successfully first; the list form only starts them.
function readCompletedFirst(deps: unknown): string[] {
  if (!isDict(deps)) return [];
  return Object.entries(deps)
    .filter(([, d]) => isDict(d) && d['condition'] === 'service_completed_successfully')
    .map(([name]) => name);
}

// ./src:/dst[:ro] or { type: bind, source, target, read_only }; name:/dst[:ro] or { type: volume, source, target,
// read_only, volume: { subpath } } for a named volume (its contents are what the services write into it).
async function readVolume(projectDir: string, v: unknown, volumeDir: (name: string) => Promise<string>): Promise<ContainerMount> {
  let source: string;
  let target: string;
  let readOnly: boolean;
  if (isDict(v)) {
    [source, target, readOnly] = [text(v['source']), text(v['target']), v['read_only'] === true];
    if (v['type'] === 'volume') {
      const subpath = isDict(v['volume']) && v['volume']['subpath'] !== undefined ? text(v['volume']['subpath']) : '';
      if (subpath.split('/').includes('..')) throw new Error(`volume ${source}: subpath ${subpath} leaves the volume`);
      return { source: join(await volumeDir(source), subpath), target: posix.resolve('/', target), readOnly };
    }
    if (v['type'] !== 'bind') throw new Error(`volume of type ${text(v['type'])} is not modeled`);
  } else {
    const [src = '', dst = '', mode = ''] = text(v).split(':');
    [source, target, readOnly] = [src, dst, mode.split(',').includes('ro')];
    if (!/^[./~]/.test(src)) return { source: await volumeDir(src), target: posix.resolve('/', target), readOnly };
  }
  const host = source.startsWith('~')
    ? join(process.env['HOME'] ?? '/', source.slice(1))
    : isAbsolute(source)
      ? source
      : resolve(projectDir, source);
  if (!existsSync(host)) throw new Error(`bind mount source ${source} (${host}) does not exist`);
  return { source: host, target: posix.resolve('/', target), readOnly };
}
