import { createHash } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { Diagnostic } from './diagnostic.js';
import { InputReadError, readTextFile } from './read.js';

/** One file of the deployment stack. */
export interface OutputFile {
  /** Path relative to the stack root, with forward slashes. */
  path: string;
  content: Buffer;
  changed: boolean;
  /** The original text, for text files graft read. */
  before?: string;
}

/**
 * The file graft writes into every directory it writes, listing each file with its SHA-256. A directory holding it,
 * and exactly the files it lists, unchanged, is graft's own earlier output and may be replaced.
 */
export const OUTPUT_MARKER = '.graft-output';

/** A path `--out` must keep clear of: never the output, never inside it, and (for `noInside`) never holding it. */
export interface ProtectedPath {
  path: string;
  /** How to name it in a message, e.g. "the stack". */
  what: string;
  /** The output may not lie inside it either (the stack: its next compile would read the output as stack files). */
  noInside?: boolean;
}

/** Where graft may write: the physical directory, or why not. `usage` refusals exit 2, write failures 1. */
export type OutputTarget = { dir: string } | { diagnostic: Diagnostic };

/** A path that follows more symlinks than the system would (its errno name, as the system reports it). */
class SymlinkLoopError extends Error {
  readonly code = 'ELOOP';
}

/**
 * Resolves a path the way the system does, component by component, following every symlink (also one whose target
 * does not exist yet, and parents of a path not yet created); `..` after a symlink goes up from its target.
 */
export function physicalPath(p: string): string {
  const abs = isAbsolute(p) ? p : `${process.cwd()}/${p}`;
  const rest = abs.split('/').filter((s) => s !== '' && s !== '.');
  let cur = '/';
  let missing = false;
  let links = 0;
  while (rest.length > 0) {
    const part = rest.shift() as string;
    if (part === '.') continue;
    if (part === '..') {
      cur = dirname(cur);
      continue;
    }
    const next = join(cur, part);
    if (missing) {
      cur = next;
      continue;
    }
    let link: string | undefined;
    try {
      const st = lstatSync(next);
      if (st.isSymbolicLink()) link = readlinkSync(next);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
      missing = true;
    }
    if (link === undefined) {
      cur = next;
      continue;
    }
    if (++links > 40) throw new SymlinkLoopError(`too many levels of symbolic links at ${next}`);
    if (isAbsolute(link)) cur = '/';
    rest.unshift(...link.split('/').filter((s) => s !== '' && s !== '.'));
  }
  return cur;
}

/** A sibling of `p` to suggest as the output directory. */
function suggestion(p: string): string {
  return p === '/' ? '/tmp/graft-out' : join(dirname(p), `${basename(p)}-compiled`);
}

/** Whether `inner` is `outer` or lies inside it (both physical paths). */
function within(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer === '/' ? '/' : `${outer}/`);
}

/**
 * Decides whether graft may write a whole output directory at `out`: never where it would remove or overlap the stack,
 * the spec, the bindings, the current directory or the home directory (compared as physical paths, symlinks resolved);
 * otherwise only when `out` is absent, an empty directory, or graft's own earlier output holding only the files graft
 * wrote, unchanged — or, with `force`, any other directory.
 */
export function checkOutputTarget(out: string, flag: string, inputs: readonly ProtectedPath[], force: boolean): OutputTarget {
  let dir: string;
  try {
    dir = physicalPath(out);
  } catch (e) {
    return { diagnostic: writeFailed(out, e) };
  }
  const here = safeRealpath(process.cwd());
  const home = safeRealpath(homedir());
  const guarded: ProtectedPath[] = [
    ...inputs,
    ...(here ? [{ path: here, what: 'the current directory' }] : []),
    ...(home ? [{ path: home, what: 'your home directory' }] : []),
  ];
  for (const g of guarded) {
    let p: string;
    try {
      p = physicalPath(g.path);
    } catch {
      continue;
    }
    const holds = within(p, dir);
    const inside = g.noInside === true && within(dir, p);
    if (!holds && !inside) continue;
    const how = dir === p ? `is ${g.what}` : holds ? `holds ${g.what} (${p})` : `is inside ${g.what} (${p})`;
    return {
      diagnostic: {
        code: 'GRAFT_OUT_OVERLAPS_INPUT',
        severity: 'error',
        message: `${flag} ${out}${out === dir ? '' : ` (${dir})`} ${how}; graft replaces the whole ${flag} directory, so it never writes there`,
        help: `choose a new directory outside ${g.what}, e.g. ${flag} ${suggestion(inside && !holds ? p : dir)} (--force does not change this)`,
      },
    };
  }
  let kind: 'absent' | 'dir' | 'other';
  try {
    const st = lstatSync(dir);
    kind = st.isDirectory() ? 'dir' : 'other';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return { diagnostic: writeFailed(out, e) };
    kind = 'absent';
  }
  if (kind === 'absent') return { dir };
  if (kind === 'other') {
    return {
      diagnostic: {
        code: 'GRAFT_OUT_NOT_GRAFT_OUTPUT',
        severity: 'error',
        message: `${flag} ${out} is an existing file, not a directory graft wrote; graft does not replace it`,
        help: `${flag} names the directory graft writes: choose a path that does not exist yet (--force does not replace files)`,
      },
    };
  }
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (e) {
    return { diagnostic: writeFailed(out, e) };
  }
  if (entries.length === 0 || force) return { dir };
  const foreign = foreignFiles(dir);
  if (foreign === undefined) {
    return {
      diagnostic: {
        code: 'GRAFT_OUT_NOT_GRAFT_OUTPUT',
        severity: 'error',
        message: `${flag} ${out} is a directory graft did not write (it holds ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} and no ${OUTPUT_MARKER}); graft does not replace it`,
        help: `choose a new or empty directory, or pass --force to replace ${out} and everything in it`,
      },
    };
  }
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? `, and ${foreign.length - 5} more` : '');
    return {
      diagnostic: {
        code: 'GRAFT_OUT_MODIFIED',
        severity: 'error',
        message: `${flag} ${out} is graft's earlier output, but ${foreign.length === 1 ? 'one file was' : `${foreign.length} files were`} added or changed since graft wrote it: ${shown}`,
        help: `move what you want to keep out of ${out}, or pass --force to replace it with them`,
      },
    };
  }
  return { dir };
}

/** The files in an earlier output that graft did not write as they are now, or undefined when it is not graft's. */
function foreignFiles(dir: string): string[] | undefined {
  let listed: Record<string, unknown>;
  try {
    const marker = JSON.parse(readTextFile(join(dir, OUTPUT_MARKER))) as { files?: unknown };
    if (typeof marker.files !== 'object' || marker.files === null || Array.isArray(marker.files)) return undefined;
    listed = marker.files as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const foreign: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, r));
      if (st.isDirectory()) walk(r);
      else if (r === OUTPUT_MARKER) continue;
      else if (!st.isFile() || !Object.hasOwn(listed, r) || listed[r] !== sha256(readFileSync(join(dir, r)))) foreign.push(r);
    }
  };
  try {
    walk('');
  } catch (e) {
    return [`(unreadable: ${(e as Error).message})`];
  }
  return foreign;
}

function sha256(b: Buffer | string): string {
  return createHash('sha256').update(b).digest('hex');
}

function safeRealpath(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

/**
 * Writes a whole directory to `dir` (a target {@link checkOutputTarget} accepted) or nothing: files go to a new sibling
 * temporary directory that replaces `dir` by rename only once every file is written, with the {@link OUTPUT_MARKER}
 * listing them. Returns a diagnostic instead of throwing when the system refuses (permissions, a path under a file,
 * a mount point, a full disk) or when two output paths collide.
 */
export function writeStackAtomically(
  dir: string,
  files: readonly OutputFile[],
  extra: Record<string, string>,
  out: string = dir,
): Diagnostic | undefined {
  const all = new Map<string, Buffer>();
  for (const f of files) all.set(f.path, f.content);
  for (const [name, text] of Object.entries(extra)) {
    if (all.has(name)) return conflict(name, name);
    all.set(name, Buffer.from(text, 'utf8'));
  }
  if (all.has(OUTPUT_MARKER)) return conflict(OUTPUT_MARKER, OUTPUT_MARKER);
  const paths = [...all.keys()].sort();
  for (const p of paths) {
    // a file named like a directory another output file needs (e.g. a stack file "handoff" and handoff/README.md)
    for (let d = dirname(p); d !== '.' && d !== '/'; d = dirname(d)) if (all.has(d)) return conflict(d, p);
  }
  const marker = {
    writtenBy: 'graft',
    note: 'graft replaces this directory on its next run only while it holds exactly these files, unchanged',
    files: Object.fromEntries(paths.map((p) => [p, sha256(all.get(p) as Buffer)])),
  };
  all.set(OUTPUT_MARKER, Buffer.from(JSON.stringify(marker, null, 2) + '\n', 'utf8'));

  let createdParent: string | undefined;
  let tmp: string | undefined;
  let old: string | undefined;
  let moved = false;
  let swapped = false;
  try {
    createdParent = makeParents(dirname(dir));
    tmp = mkdtempSync(`${dir}.graft-tmp-`);
    for (const [p, content] of all) {
      const full = join(tmp, p);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content, { flag: 'wx' });
    }
    let exists = true;
    try {
      lstatSync(dir);
    } catch {
      exists = false;
    }
    if (exists) {
      // renamed over an empty directory of a fresh name, so nothing of anyone else's is in the way
      old = mkdtempSync(`${dir}.graft-old-`);
      renameSync(dir, old);
      moved = true;
    }
    renameSync(tmp, dir);
    swapped = true;
  } catch (e) {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    // put the earlier output back, or remove the empty placeholder it was to be moved onto
    try {
      if (old && moved && !swapped) renameSync(old, dir);
      else if (old && !moved) rmdirSync(old);
    } catch {
      // reported below with the error that stopped the write
    }
    if (createdParent) rmSync(createdParent, { recursive: true, force: true });
    return writeFailed(out, e);
  }
  if (old) rmSync(old, { recursive: true, force: true });
  return undefined;
}

/**
 * Creates a directory and its missing parents one level at a time; returns the first one it created. (Node's recursive
 * mkdir retries forever where mkdir keeps failing with ENOENT, as under /proc.)
 */
function makeParents(dir: string): string | undefined {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    try {
      lstatSync(d);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(d) === d) throw e;
      missing.unshift(d);
    }
  }
  let first: string | undefined;
  try {
    for (const d of missing) {
      mkdirSync(d);
      first ??= d;
    }
  } catch (e) {
    if (first) rmSync(first, { recursive: true, force: true });
    throw e;
  }
  return first;
}

function conflict(file: string, needs: string): Diagnostic {
  return {
    code: 'GRAFT_OUT_PATH_CONFLICT',
    severity: 'error',
    message:
      file === needs
        ? `two files of the output are both named ${file}`
        : `the output cannot hold both the file ${file} and ${needs}, which needs ${file} to be a directory`,
    help: `${file} is a name graft writes (${OUTPUT_MARKER}, graft-report.json, handoff/): rename ${file} in the stack`,
  };
}

const WRITE_HELP: Record<string, string> = {
  EACCES: 'graft may not write there: choose a directory you can write, or fix its permissions',
  EPERM: 'graft may not write there: choose a directory you can write, or fix its permissions',
  EROFS: 'the file system is read-only: choose a directory on a writable file system',
  ENOTDIR: 'a part of the path is a file, not a directory: choose another path',
  EBUSY: 'the path is a mount point or in use: choose a directory inside it, or another path',
  ENOSPC: 'the disk is full: free space or choose another file system',
  EDQUOT: 'the disk quota is exceeded: free space or choose another file system',
  ENOENT: 'the directory cannot be created there (a virtual file system such as /proc, or a path removed meanwhile): choose another path',
  EEXIST: 'a file is in the way of a directory graft writes: choose another path',
  EISDIR: 'a directory is in the way of a file graft writes: choose another path',
  ELOOP: 'the path has a symbolic link loop: choose another path',
  ENAMETOOLONG: 'the path is too long: choose a shorter one',
};

function writeFailed(out: string, e: unknown): Diagnostic {
  const code = e instanceof InputReadError ? undefined : (e as NodeJS.ErrnoException).code;
  return {
    code: 'GRAFT_WRITE_FAILED',
    severity: 'error',
    message: `cannot write ${out}: ${(e as Error).message}; nothing was written`,
    help: (code && WRITE_HELP[code]) ?? 'choose another output directory',
  };
}
