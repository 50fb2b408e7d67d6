import { isMap, isScalar, isSeq } from 'yaml';
import { posix } from 'node:path';
import type { ClientBinding } from '../../bindings/types.js';
import { onSecuritySurface } from '../../configure/security-surface.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { SourceFile, Span } from '../../core/span.js';
import type { StackReader } from '../types.js';
import { deref, type ComposeService } from './parse.js';
import { scalarText } from '../yaml/nodes.js';

/** One `KEY=value` line of an env file, with where its key is. */
export interface EnvFileLine {
  key: string;
  value: string;
  at: Span;
}

/** Reads an env file as Compose does: `KEY=value` lines, `export` allowed, `#` comments and blank lines skipped. */
export function parseEnvFile(source: SourceFile): EnvFileLine[] {
  const out: EnvFileLine[] = [];
  const re = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=(.*)$/gm;
  for (const m of source.text.matchAll(re)) {
    const key = m[1] ?? '';
    const start = (m.index ?? 0) + m[0].indexOf(key);
    out.push({ key, value: (m[2] ?? '').replace(/\r$/, ''), at: { file: source.path, start, end: start + key.length } });
  }
  return out;
}

/** The stack paths of the env files a service reads (`env_file:` as a string, a list, or a list of `{ path }`). */
export function envFilesOf(service: ComposeService): string[] {
  const node = deref(service.map.get('env_file', true), service.file);
  const items = isSeq(node) ? node.items : node ? [node] : [];
  const out: string[] = [];
  for (const item of items) {
    const path = isScalar(item) ? scalarText(item) : isMap(item) ? scalarText(item.get('path', true)) : '';
    if (path && !posix.isAbsolute(path)) out.push(posix.normalize(path));
  }
  return out;
}

/** A variable that holds a Kafka credential: by its name, or a JAAS login line with a password in its value. */
export function isKafkaCredential(key: string, value: string): boolean {
  const named = /KAFKA|SASL|JAAS|BROKER/i.test(key) && /PASSWORD|SECRET|JAAS|_TOKEN$|ACCESS_TOKEN|REFRESH_TOKEN|CREDENTIAL/i.test(key);
  return named || /LoginModule\b[^;]*\bpassword\s*=/.test(value);
}

/**
 * Warns about the env files of a client graft configured that still set security settings of the bundled Kafka:
 * graft does not rewrite env files, and Compose gives their variables to the container beside graft's.
 */
export function checkServiceEnvFiles(
  read: StackReader,
  services: readonly ComposeService[],
  name: string,
  family: string,
  emitted: ReadonlySet<string>,
  binding: ClientBinding | undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const paths = [...new Set(services.flatMap((s) => envFilesOf(s)))];
  for (const path of paths) {
    const source = read(path);
    if (!source) continue;
    for (const line of parseEnvFile(source)) {
      // a variable graft sets in `environment:` overrides the file's
      if (emitted.has(line.key)) continue;
      const credential = isKafkaCredential(line.key, line.value);
      if (!credential && !onSecuritySurface(family, line.key, emitted, binding)) continue;
      out.push({
        code: 'COMPOSE_ENV_FILE_CREDENTIALS',
        severity: 'warning',
        message: `env file ${path} of service "${name}" sets ${line.key}, ${credential ? 'a credential' : 'a security setting'} of the bundled Kafka; graft does not rewrite env files, so the container still gets it beside the customer's settings`,
        help: `remove ${line.key} from ${path}: graft gave the service the customer's settings under environment: in the Compose file`,
        subject: line.at,
      });
    }
  }
  return out;
}

/**
 * Warns about Kafka credentials the compiled stack keeps in files graft does not rewrite: the project's `.env`, and
 * env files only dropped services read (graft never deletes a file it did not write).
 */
export function checkLeftoverEnvFiles(
  read: StackReader,
  dropped: readonly ComposeService[],
  kept: readonly ComposeService[],
): Diagnostic[] {
  const used = new Set(kept.flatMap((s) => envFilesOf(s)));
  const orphans = [...new Set(dropped.flatMap((s) => envFilesOf(s)))].filter((p) => !used.has(p));
  const out: Diagnostic[] = [];
  for (const path of ['.env', ...orphans]) {
    const source = read(path);
    if (!source) continue;
    const what = path === '.env' ? 'the project .env' : `env file ${path}, read only by dropped services,`;
    for (const line of parseEnvFile(source)) {
      if (!isKafkaCredential(line.key, line.value)) continue;
      out.push({
        code: 'COMPOSE_ENV_FILE_CREDENTIALS',
        severity: 'warning',
        message: `${what} sets ${line.key}, a credential of the bundled Kafka that the compiled stack keeps; graft does not rewrite or delete env files`,
        help:
          path === '.env'
            ? `remove ${line.key} from .env (the clients graft rewired read the customer's credentials from their secret store)`
            : `delete ${path}: nothing in the compiled stack reads it`,
        subject: line.at,
      });
    }
  }
  return out;
}
