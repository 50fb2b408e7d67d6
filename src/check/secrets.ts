import { collectSecrets } from '../spec/rules.js';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import { readTextFile } from '../core/read.js';
import { describeSecretRef, secretName } from '../secrets/names.js';
import { isSecret, type CustomerKafka, type SecretValue, type Value } from '../spec/types.js';

/**
 * Where `graft check` reads secret values, the way the appliance sees them:
 * `env` — env refs from the environment, file refs from their paths;
 * `dir` — a directory of files named by graft's secret names (`/run/secrets` in Compose), falling back to `env`;
 * `file-map` — a JSON object of secret name (or spec path) to file path, falling back to `env`.
 */
export type SecretSource = { kind: 'env' } | { kind: 'dir'; dir: string } | { kind: 'file-map'; file: string };

/** Parses `--secrets env|dir:<path>|file-map:<file>`; undefined when malformed. */
export function parseSecretSource(text: string): SecretSource | undefined {
  if (text === 'env') return { kind: 'env' };
  if (text.startsWith('dir:') && text.length > 4) return { kind: 'dir', dir: resolve(text.slice(4)) };
  if (text.startsWith('file-map:') && text.length > 9) return { kind: 'file-map', file: resolve(text.slice(9)) };
  return undefined;
}

/** Secret values by spec path (`sasl.password`), plus what could not be resolved. */
export interface ResolvedSecrets {
  values: Map<string, string>;
  /** Spec paths whose secret has no value here. */
  missing: Set<string>;
  diagnostics: Diagnostic[];
  /** Where each resolved value came from, for the checklist (never the value). */
  origins: string[];
}

/** Every secret reference in a spec (the spec's own list, so the check and the compilers agree). */
export function specSecrets(spec: CustomerKafka): SecretValue[] {
  return collectSecrets(spec);
}

const isPem = (path: string): boolean => /^(tls\.|schemaRegistry\.ca)/.test(path);

/** Resolves every secret of the spec from the local source; never throws, unresolved secrets become diagnostics. */
export function resolveSecrets(
  spec: CustomerKafka,
  source: SecretSource,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedSecrets {
  const out: ResolvedSecrets = { values: new Map(), missing: new Set(), diagnostics: [], origins: [] };
  let map: Record<string, string> = {};
  let mapError: string | undefined;
  if (source.kind === 'file-map') {
    try {
      const parsed = JSON.parse(readTextFile(source.file)) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not a JSON object of secret names to files');
      map = Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch (e) {
      mapError = `cannot read ${source.file}: ${(e as Error).message}`;
    }
  }
  for (const secret of specSecrets(spec)) {
    const name = secretName(secret);
    const tried: string[] = [];
    let value: string | undefined;
    let origin = '';
    const readFrom = (file: string, label: string): void => {
      tried.push(label);
      try {
        value = readTextFile(file);
        origin = label;
      } catch {
        // absent: try the next place
      }
    };
    if (source.kind === 'dir') readFrom(join(source.dir, name), `file ${join(source.dir, name)}`);
    if (source.kind === 'file-map') {
      const mapped = map[name] ?? map[secret.path];
      if (mapped !== undefined) {
        const file = isAbsolute(mapped) ? mapped : join(dirname(source.file), mapped);
        readFrom(file, `file ${file} (from ${source.file})`);
      } else tried.push(mapError ?? `no "${name}" in ${source.file}`);
    }
    const ref = secret.secretRef;
    if (value === undefined && 'env' in ref) {
      tried.push(`env ${ref.env}`);
      value = env[ref.env];
      origin = `env ${ref.env}`;
    }
    if (value === undefined && 'file' in ref) readFrom(ref.file, `file ${ref.file}`);
    if (value === undefined) {
      out.missing.add(secret.path);
      out.diagnostics.push(unresolved(secret, name, tried, source));
      continue;
    }
    // secret files usually end with a newline the appliance's clients strip from credentials; PEM keeps it
    out.values.set(secret.path, isPem(secret.path) ? value : value.replace(/\r?\n$/, ''));
    out.origins.push(`${secret.path} ← ${origin}`);
  }
  return out;
}

function unresolved(secret: SecretValue, name: string, tried: string[], source: SecretSource): Diagnostic {
  const ref = secret.secretRef;
  const local = 'env' in ref || 'file' in ref;
  const help = local
    ? 'env' in ref
      ? `set ${ref.env} in this environment, or pass --secrets dir:<dir> with a file named ${name}`
      : `make ${ref.file} readable here, or pass --secrets dir:<dir> with a file named ${name}`
    : `graft check cannot read ${describeSecretRef(secret)} itself: pass --secrets dir:<dir> with a file named ${name} ` +
      `(e.g. the mounted /run/secrets), or --secrets file-map:<map.json> mapping "${name}" to a file`;
  return {
    code: 'CHECK_SECRET_UNRESOLVED',
    severity: 'error',
    message: `${secret.path} (${describeSecretRef(secret)}) has no value here${source.kind === 'env' ? '' : ` (tried ${tried.join(', ')})`}`,
    help,
    subject: secret.span,
  };
}

/** A spec value that may be a plain string or a secret, resolved; undefined when it is a missing secret. */
export function valueOf(v: Value | undefined, secrets: ResolvedSecrets): string | undefined {
  if (v === undefined) return undefined;
  return isSecret(v) ? secrets.values.get(v.path) : v;
}
