import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Diagnostic } from './diagnostic.js';
import type { SourceFile } from './span.js';

/** The largest configuration file graft reads (spec, graft.yaml, requirements, file maps): real ones are a few KiB. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

/** Why an input file cannot be read: too large, not a regular file, or an error of the system. */
export class InputReadError extends Error {
  constructor(
    message: string,
    readonly reason: 'too-large' | 'not-a-file' | 'io',
  ) {
    super(message);
    this.name = 'InputReadError';
  }
}

/**
 * Reads a regular file as UTF-8, at most `max` bytes. Devices, FIFOs, sockets and directories are refused before they
 * are opened (reading /dev/zero or a FIFO would never end), and a file that grows past the cap while it is read is
 * refused too. Throws {@link InputReadError}.
 */
export function readTextFile(path: string, max = MAX_INPUT_BYTES): string {
  let fd: number;
  try {
    notARegularFile(statSync(path), path);
    // O_NONBLOCK: a FIFO swapped in after the stat must not block the open
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    if (e instanceof InputReadError) throw e;
    throw new InputReadError((e as Error).message, 'io');
  }
  try {
    const st = fstatSync(fd);
    notARegularFile(st, path);
    if (st.size > max) throw tooLarge(path, st.size, max);
    const chunks: Buffer[] = [];
    let total = 0;
    // /proc files report size 0: read until the end, never past the cap
    for (;;) {
      const chunk = Buffer.alloc(Math.min(64 * 1024, max + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > max) throw tooLarge(path, total, max);
    }
    return Buffer.concat(chunks).toString('utf8');
  } catch (e) {
    if (e instanceof InputReadError) throw e;
    throw new InputReadError((e as Error).message, 'io');
  } finally {
    closeSync(fd);
  }
}

function notARegularFile(st: { isFile(): boolean; isDirectory(): boolean }, path: string): void {
  if (st.isFile()) return;
  throw new InputReadError(
    st.isDirectory() ? `${path} is a directory, not a file` : `${path} is not a regular file (a device, FIFO or socket)`,
    'not-a-file',
  );
}

function tooLarge(path: string, size: number, max: number): InputReadError {
  const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  return new InputReadError(`${path} is larger than ${mib(max)}${size > max ? ` (at least ${mib(size)})` : ''}`, 'too-large');
}

/** Codes an input read failure is reported with, by who reads. */
export interface ReadCodes {
  cannotRead: string;
  tooLarge: string;
}

/** Reads a configuration file as a source, or says why not as a diagnostic with the given codes. */
export function readInputSource(path: string, what: string, codes: ReadCodes, help: string): SourceFile | Diagnostic {
  try {
    return { path, text: readTextFile(path) };
  } catch (e) {
    const err = e instanceof InputReadError ? e : new InputReadError(String(e), 'io');
    const large = err.reason === 'too-large';
    return {
      code: large ? codes.tooLarge : codes.cannotRead,
      severity: 'error',
      message: `cannot read ${what} ${path}: ${err.message}`,
      help: large ? `graft reads configuration files up to ${MAX_INPUT_BYTES / 1024 / 1024} MiB; pass the right file` : help,
    };
  }
}

/** Whether a read result is a diagnostic rather than a source. */
export function isReadFailure(r: SourceFile | Diagnostic): r is Diagnostic {
  return 'code' in r;
}
