import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import { MAX_INPUT_BYTES } from '../core/read.js';
import { physicalPath } from '../core/write.js';

/**
 * The first line of every spec `graft setup` writes: it names the SHA-256 of the rest of the file, so graft knows the
 * file as its own, unchanged, output. A file without it, or changed since, is the customer's and is never replaced.
 */
const HEADER = '# Written by graft setup; graft replaces this file only while it is unchanged. sha256:';

/** The file's text with graft's header line. */
export function withHeader(body: string): string {
  return `${HEADER}${sha256(body)}\n${body}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Whether a file's text is one graft setup wrote and nobody changed since. */
export function isOwnUnchanged(text: string): boolean {
  if (!text.startsWith(HEADER)) return false;
  const nl = text.indexOf('\n');
  return nl > 0 && text.slice(HEADER.length, nl) === sha256(text.slice(nl + 1));
}

/**
 * Writes the spec to `path` under the rules of every graft output: never over a file graft did not write, nor one
 * changed since, nor over an input (`protect`, compared as physical paths); atomically (a new sibling file renamed into
 * place), so a refused or failed write leaves what was there.
 */
export function saveSpec(path: string, body: string, protect: readonly { path: string; what: string }[]): Diagnostic | undefined {
  let target: string;
  try {
    target = physicalPath(path);
  } catch (e) {
    return failed(path, e);
  }
  for (const p of protect) {
    let other: string;
    try {
      other = physicalPath(p.path);
    } catch {
      continue;
    }
    if (other === target)
      return {
        code: 'GRAFT_OUT_OVERLAPS_INPUT',
        severity: 'error',
        message: `${path} is ${p.what}; graft setup does not write over its inputs`,
        help: `choose another file name for the spec, e.g. ${join(dirname(path), 'customer-kafka.yaml')}`,
      };
  }
  let existing: string | undefined;
  try {
    const st = lstatSync(target);
    if (!st.isFile() || st.size > MAX_INPUT_BYTES) return notOurs(path, 'is not a regular file graft wrote');
    existing = readFileSync(target, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') return failed(path, e);
  }
  const text = withHeader(body);
  if (existing !== undefined && existing !== text) {
    if (!existing.startsWith(HEADER)) return notOurs(path, 'exists and graft did not write it');
    if (!isOwnUnchanged(existing))
      return {
        code: 'GRAFT_OUT_MODIFIED',
        severity: 'error',
        message: `${path} was written by graft setup but changed since; graft does not replace it`,
        help: `save under another name, or move ${path} away first if its changes can go`,
      };
  }
  let tmp: string | undefined;
  try {
    tmp = mkdtempSync(join(dirname(target), `.${basename(target)}.graft-tmp-`));
    const file = join(tmp, basename(target));
    writeFileSync(file, text, { flag: 'wx', mode: 0o644 });
    renameSync(file, target);
  } catch (e) {
    return failed(path, e);
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
  return undefined;
}

function notOurs(path: string, why: string): Diagnostic {
  return {
    code: 'GRAFT_OUT_NOT_GRAFT_OUTPUT',
    severity: 'error',
    message: `${path} ${why}; graft never replaces a file it did not write`,
    help: `save under another name (e.g. ${join(dirname(path), `graft-${basename(path)}`)}), or move ${path} away first`,
  };
}

function failed(path: string, e: unknown): Diagnostic {
  return {
    code: 'GRAFT_WRITE_FAILED',
    severity: 'error',
    message: `cannot write ${path}: ${(e as Error).message}; nothing was written`,
    help: 'choose a path in a directory you can write',
  };
}
