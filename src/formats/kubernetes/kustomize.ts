import { posix } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { scalarText } from '../yaml/nodes.js';
import type { StackReader } from '../types.js';
import type { SourceFile } from '../../core/span.js';
import type { Resource } from './parse.js';

/** The names kustomize reads a kustomization from, in its order. */
export const KUSTOMIZATIONS = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The stack root: the absolute path of a file minus the stack-relative path the reader knows it by. */
export function stackRoot(file: SourceFile | undefined, read: StackReader): string | undefined {
  if (!file) return undefined;
  const parts = file.path.split('/');
  for (let n = 1; n < parts.length; n++) {
    const rel = parts.slice(parts.length - n).join('/');
    if (read(rel)?.path === file.path) return parts.slice(0, parts.length - n).join('/') || '/';
  }
  return undefined;
}

/** One kustomization of the stack: its folder, its `namespace:`, what it includes. */
interface Kustomization {
  dir: string;
  namespace?: string;
  /** Files it lists (stack-relative). */
  files: string[];
  /** Folders it lists that hold a kustomization of their own (stack-relative). */
  dirs: string[];
}

function kustomizationIn(dir: string, read: StackReader): { path: string; text: string } | undefined {
  for (const name of KUSTOMIZATIONS) {
    const path = dir === '.' ? name : `${dir}/${name}`;
    const source = read(path);
    if (source) return { path, text: source.text };
  }
  return undefined;
}

function readKustomization(dir: string, text: string, read: StackReader): Kustomization | undefined {
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { uniqueKeys: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const root = doc.contents;
  const namespace = scalarText(root.get('namespace', true)).trim();
  const out: Kustomization = { dir, ...(namespace ? { namespace } : {}), files: [], dirs: [] };
  for (const key of ['resources', 'bases', 'components']) {
    const list = root.get(key, true);
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      const entry = scalarText(item).trim();
      // a remote base (`github.com/...`, `https://...`) is not part of the stack
      if (entry === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry)) continue;
      const path = posix.normalize(dir === '.' ? entry : `${dir}/${entry}`).replace(/\/$/, '');
      if (path === '..' || path.startsWith('../') || posix.isAbsolute(path)) continue;
      if (kustomizationIn(path, read)) out.dirs.push(path);
      else out.files.push(path);
    }
  }
  return out;
}

/**
 * The namespaces each manifest of the stack is deployed to through the stack's kustomizations, by absolute path: the
 * `namespace:` of the outermost kustomization that sets one along each chain from a kustomization no other one includes
 * (`kubectl apply -k overlays/prod`) down to the file, or `undefined` for a chain that sets none (the resource keeps
 * its own `metadata.namespace`). A file no kustomization includes is absent.
 */
export function kustomizeNamespaces(
  resources: readonly Resource[],
  read: StackReader,
  paths: readonly string[] | undefined,
): Map<string, (string | undefined)[]> {
  const out = new Map<string, (string | undefined)[]>();
  const root = stackRoot(resources[0]?.file, read);
  if (root === undefined || !paths) return out;
  const found = new Map<string, Kustomization>();
  for (const path of [...paths].sort()) {
    if (!KUSTOMIZATIONS.includes(posix.basename(path))) continue;
    const dir = posix.dirname(path);
    const k = kustomizationIn(dir, read);
    // the first of the names kustomize reads wins, as kustomize refuses a folder with two
    if (!k || k.path !== path || found.has(dir)) continue;
    const parsed = readKustomization(dir, k.text, read);
    if (parsed) found.set(dir, parsed);
  }
  if (found.size === 0) return out;
  const included = new Set([...found.values()].flatMap((k) => k.dirs));
  const reached = new Map<string, Set<string | undefined>>();
  const walk = (k: Kustomization, outer: string | undefined, seen: ReadonlySet<string>): void => {
    const namespace = outer ?? k.namespace;
    for (const file of k.files) {
      const set = reached.get(file) ?? new Set<string | undefined>();
      set.add(namespace);
      reached.set(file, set);
    }
    for (const dir of k.dirs) {
      const child = found.get(dir);
      if (child && !seen.has(dir)) walk(child, namespace, new Set([...seen, dir]));
    }
  };
  for (const k of [...found.values()].filter((x) => !included.has(x.dir))) walk(k, undefined, new Set([k.dir]));
  for (const [file, set] of reached) out.set(root === '/' ? `/${file}` : `${root}/${file}`, [...set]);
  return out;
}

/**
 * The namespaces a resource is deployed to: those its kustomizations set (`namespaces`, from `kustomizeNamespaces`),
 * else its own; `undefined` among them when one chain leaves it in the namespace chosen at install.
 */
export function deployedNamespaces(r: Resource, namespaces: ReadonlyMap<string, readonly (string | undefined)[]>): (string | undefined)[] {
  const chains = namespaces.get(r.file.path);
  if (!chains) return [r.namespace];
  return [...new Set(chains.map((n) => n ?? r.namespace))];
}
