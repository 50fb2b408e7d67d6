import { collectSecrets } from '../spec/rules.js';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import { unhandled } from '../core/errors.js';
import { readTextFile } from '../core/read.js';
import { storeOf, type LocalSource } from '../secrets/index.js';
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
    const read = readSecretMap(source.file);
    if (typeof read === 'string') mapError = read;
    else map = read;
  }
  for (const secret of specSecrets(spec)) {
    const name = secretName(secret);
    const tried: string[] = [];
    let value: string | undefined;
    let origin = '';
    // the file the value was read from, for the fix of a value the appliance would misread
    let readPath: string | undefined;
    const readFrom = (file: string, label: string): void => {
      tried.push(label);
      try {
        value = readTextFile(file);
        origin = label;
        readPath = file;
      } catch {
        // absent: try the next place
      }
    };
    if (source.kind === 'dir') readFrom(join(source.dir, name), `file ${join(source.dir, name)}`);
    if (source.kind === 'file-map') {
      const mapped = map[name] ?? map[secret.path];
      if (mapped !== undefined) {
        // the mapped path is not quoted: a map that holds values instead of paths must not print them
        const key = map[name] !== undefined ? name : secret.path;
        readFrom(isAbsolute(mapped) ? mapped : join(dirname(source.file), mapped), `the file "${key}" maps to in ${source.file}`);
      } else tried.push(mapError ?? `no "${name}" in ${source.file}`);
    }
    const local = localSource(secret);
    if (value === undefined && local) {
      switch (local.kind) {
        case 'env':
          tried.push(`env ${local.name}`);
          value = env[local.name];
          origin = `env ${local.name}`;
          break;
        case 'file':
          readFrom(local.path, `file ${local.path}`);
          break;
        default:
          unhandled(local, 'local secret source');
      }
    }
    if (value === undefined) {
      out.missing.add(secret.path);
      out.diagnostics.push(unresolved(secret, name, tried, source));
      continue;
    }
    out.diagnostics.push(...hygiene(spec, secret, value, readPath === undefined ? local : { kind: 'file', path: readPath }));
    // the probes go on with the value the customer meant, so the rest of the checklist still says what else is wrong
    out.values.set(secret.path, isPem(secret.path) ? value : value.replace(/\r?\n$/, ''));
    out.origins.push(`${secret.path} ← ${origin}`);
  }
  return out;
}

/** The secrets the Java families put between the double quotes of a JAAS option (`sasl.jaas.config`). */
function inJaasLine(spec: CustomerKafka, path: string): boolean {
  switch (spec.sasl?.mechanism) {
    case 'PLAIN':
    case 'SCRAM-SHA-256':
    case 'SCRAM-SHA-512':
      return path === 'sasl.username' || path === 'sasl.password';
    case 'OAUTHBEARER':
      return path === 'sasl.oauth.clientId' || path === 'sasl.oauth.clientSecret';
    default:
      return false;
  }
}

/**
 * What the appliance's clients would misread in a value, checked before any connection: a credential that ends with
 * a line break (Kafka's `DirectoryConfigProvider` and the JAAS parser keep it as part of the value), and a JAAS
 * option value with `"`, `\` or a line break inside. The value itself is never quoted.
 */
function hygiene(spec: CustomerKafka, secret: SecretValue, value: string, where: LocalSource | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const what = `${secret.path} (${describeSecretRef(secret)})`;
  if (!isPem(secret.path) && /\r?\n$/.test(value)) {
    out.push({
      code: 'CHECK_SECRET_TRAILING_NEWLINE',
      severity: 'error',
      message:
        `${what} ends with a line break; the Java clients read it as part of the value ` +
        `(DirectoryConfigProvider, JAAS), so authentication fails`,
      help: newlineHelp(where, secretName(secret)),
      subject: secret.span,
    });
  }
  if (inJaasLine(spec, secret.path) && /["\\\r\n]/.test(value.replace(/\r?\n$/, ''))) {
    out.push({
      code: 'CHECK_SECRET_JAAS_UNSAFE',
      severity: 'error',
      message:
        `${what} contains a double quote ("), a backslash (\\) or a line break; the Java clients put it inside ` +
        `the double quotes of sasl.jaas.config when they start, where it ends or escapes the quoted value`,
      help:
        'choose a value without ", \\ and line breaks and set it on the cluster and in the store (the value reaches the ' +
        'JAAS line through a config provider or the environment at start-up, after any escaping graft could write)',
      subject: secret.span,
    });
  }
  return out;
}

function newlineHelp(where: LocalSource | undefined, name: string): string {
  // the value never goes on a command line (a ' in it would end its quotes): the fixes read it from a file
  if (!where)
    return `write the value without a final newline (echo and most editors add one) into the store that holds ${name}: the handoff's commands read it from a file whose final newline they drop`;
  switch (where.kind) {
    case 'file':
      return `drop the final newline (echo and most editors add one): v="$(cat ${where.path})" && printf '%s' "$v" > ${where.path}  (or truncate -s -1 ${where.path})`;
    case 'env':
      return `set ${where.name} to the value alone: export ${where.name}="$(cat <file holding the value>)" (the command substitution drops a final newline; no $'…\\n', no quoted line break in an .env file)`;
    default:
      return unhandled(where, 'local secret source');
  }
}

/**
 * Reads a file-map: a JSON object of secret names to file paths. Its errors never quote the file: a map written with
 * secret values instead of paths, or a secret file given by mistake, must not reach the output.
 */
function readSecretMap(file: string): Record<string, string> | string {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (e) {
    // the reader's messages name the file and the reason (size, file type, errno), never its content
    return `cannot read ${file}: ${(e as Error).message}`;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return `${file} is not valid JSON (a map of secret names to file paths is expected)`;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return `${file} is not a JSON object of secret names to file paths`;
  return Object.fromEntries(Object.entries(data).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function unresolved(secret: SecretValue, name: string, tried: string[], source: SecretSource): Diagnostic {
  const help =
    localHelp(localSource(secret), name) ??
    `graft check cannot read ${describeSecretRef(secret)} itself: pass --secrets dir:<dir> with a file named ${name} ` +
      `(e.g. the mounted /run/secrets), or --secrets file-map:<map.json> mapping "${name}" to a file`;
  return {
    code: 'CHECK_SECRET_UNRESOLVED',
    severity: 'error',
    message: `${secret.path} (${describeSecretRef(secret)}) has no value here${source.kind === 'env' ? '' : ` (tried ${tried.join(', ')})`}`,
    help,
    subject: secret.span,
  };
}

/** Where graft check reads a secret itself (an environment variable, a file), undefined for remote stores. */
function localSource(secret: SecretValue): LocalSource | undefined {
  return storeOf(secret.secretRef).local(secret.secretRef);
}

function localHelp(local: LocalSource | undefined, name: string): string | undefined {
  if (!local) return undefined;
  switch (local.kind) {
    case 'env':
      return `set ${local.name} in this environment, or pass --secrets dir:<dir> with a file named ${name}`;
    case 'file':
      return `make ${local.path} readable here, or pass --secrets dir:<dir> with a file named ${name}`;
    default:
      return unhandled(local, 'local secret source');
  }
}

// shorter values would mask ordinary words of every message; such a secret is no secret anyway
const MIN_SCRUBBED = 6;
// identities, not secrets: checklists and ACL hints name the principal
const IDENTITIES = new Set(['sasl.username', 'sasl.oauth.clientId', 'schemaRegistry.basicAuth.username']);
// a CA certificate is public
const PUBLIC = new Set(['tls.ca', 'schemaRegistry.ca']);

/**
 * Removes every resolved secret value from a text, in the forms it may come back in (as is, form-encoded, inside a
 * `Basic` credential, a line of a PEM key): a server that echoes a request, or an error that quotes what it could
 * not parse, must not put a secret on the checklist.
 */
export function secretScrubber(spec: CustomerKafka, secrets: ResolvedSecrets): (text: string) => string {
  const forms = new Set<string>();
  const identities = [spec.sasl?.username, spec.sasl?.oauth?.clientId, spec.schemaRegistry?.basicAuth?.username];
  const users = identities.map((v) => valueOf(v, secrets)).filter((v): v is string => v !== undefined);
  for (const [path, value] of secrets.values) {
    if (IDENTITIES.has(path) || PUBLIC.has(path)) continue;
    for (const line of value.split(/\r?\n/)) {
      const t = line.trim();
      if (t.length >= MIN_SCRUBBED && !/^-----(BEGIN|END) /.test(t)) forms.add(t);
    }
    const enc = encodeURIComponent(value).replace(/%20/g, '+');
    if (value.length >= MIN_SCRUBBED) forms.add(enc);
    for (const user of users) {
      for (const pair of [`${user}:${value}`, `${encodeURIComponent(user).replace(/%20/g, '+')}:${enc}`]) {
        forms.add(Buffer.from(pair).toString('base64'));
        forms.add(Buffer.from(pair).toString('base64').replace(/=+$/, ''));
      }
    }
  }
  // longest first, so a value inside a longer form does not break the longer one
  const ordered = [...forms].filter((f) => f.length >= MIN_SCRUBBED).sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((t, f) => (t.includes(f) ? t.split(f).join('***') : t), text);
}

/** A spec value that may be a plain string or a secret, resolved; undefined when it is a missing secret. */
export function valueOf(v: Value | undefined, secrets: ResolvedSecrets): string | undefined {
  if (v === undefined) return undefined;
  return isSecret(v) ? secrets.values.get(v.path) : v;
}
