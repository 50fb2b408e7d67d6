import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../run.js';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parseAllDocuments, type Tags } from 'yaml';
import { checkCel, parseCel } from './cel.js';
import { DEFINITIONS_ID, type Bundle } from './convert.js';

/** One problem found in one YAML document: `doc` counts documents from 0 across all inputs, in order. */
export interface ManifestError {
  doc: number;
  kind: string;
  name: string;
  message: string;
}

/** The verdict on a set of manifests: ok when errors is empty. */
export interface ManifestValidation {
  ok: boolean;
  errors: ManifestError[];
}

/** Options of validateManifests: allowUnknownKinds lists kinds to skip when no schema is bundled (`Kind`, `apiVersion/Kind` or `group/*`). */
export interface ValidateManifestsOptions {
  allowUnknownKinds?: string[];
}

const setupScript = join(dirname(fileURLToPath(import.meta.url)), 'setup.sh');

let bundlePath: Promise<string> | undefined;
let validator: Promise<Validator> | undefined;

/** Runs setup.sh (at most once per process; a no-op when the schemas are installed) and resolves to the schema bundle's path. */
export function ensureK8sSchemas(): Promise<string> {
  bundlePath ??= run('bash', [setupScript]).then(({ code, stdout, stderr }) => {
    const path = stdout.trim().split('\n').pop() ?? '';
    if (code === 0 && path !== '') return path;
    throw new Error(`k8s-validate: setup.sh failed (exit ${String(code)}):\n${stderr}`);
  });
  return bundlePath;
}

// YAML as Kubernetes reads it (go-yaml v2, YAML 1.1): yes/no/on/off are booleans, 0755 is octal, << merges.
// Timestamps stay strings, as they do when Kubernetes decodes into JSON.
const yamlOptions = {
  version: '1.1' as const,
  merge: true,
  customTags: (tags: Tags): Tags => tags.filter((tag) => typeof tag === 'string' || tag.tag !== 'tag:yaml.org,2002:timestamp'),
};

// The shape of an Ajv keyword function that reports its own errors.
interface KeywordCheck {
  (data: unknown): boolean;
  errors?: Partial<ErrorObject>[];
}

const INT32 = 2 ** 31;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function isRecord(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// A null field is the same as an absent one to the API server (JSON null decodes to the zero value, and CRD
// pruning drops nulls of non-nullable fields), so nulls are dropped from objects before validation.
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isRecord(value)) return value;
  const out: { [key: string]: unknown } = {};
  for (const [key, child] of Object.entries(value)) if (child !== null) out[key] = withoutNulls(child);
  return out;
}

function fieldPath(instancePath: string, extra?: string): string {
  const parts = instancePath === '' ? [] : instancePath.slice(1).split('/');
  if (extra !== undefined) parts.push(extra);
  let path = '';
  for (const raw of parts) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) path += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) path += path === '' ? part : `.${part}`;
    else path += `[${JSON.stringify(part)}]`;
  }
  return path;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value} ${shown}`;
}

function formatError(error: ErrorObject): string {
  const at = fieldPath(error.instancePath);
  const prefix = at === '' ? '' : `${at}: `;
  const params = error.params as { [key: string]: unknown };
  switch (error.keyword) {
    case 'additionalProperties':
      return `${fieldPath(error.instancePath, String(params.additionalProperty))}: unknown field`;
    case 'required':
      return `${fieldPath(error.instancePath, String(params.missingProperty))}: required field is missing`;
    case 'type':
      return `${prefix}must be ${String(params.type).split(',').join(' or ')}, got ${describe(error.data)}`;
    case 'enum':
      return `${prefix}must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${describe(error.data)}`;
    case 'format':
    case 'pattern':
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minLength':
    case 'maxLength':
      return `${prefix}${error.message ?? error.keyword}, got ${describe(error.data)}`;
    default:
      return `${prefix}${error.message ?? error.keyword}`;
  }
}

function checkListMapKeys(keys: string[], data: unknown[]): Partial<ErrorObject>[] {
  const seen = new Map<string, number>();
  const errors: Partial<ErrorObject>[] = [];
  data.forEach((item, index) => {
    if (!isRecord(item)) return;
    const id = JSON.stringify(keys.map((key) => item[key] ?? null));
    const first = seen.get(id);
    if (first === undefined) seen.set(id, index);
    else
      errors.push({
        keyword: 'k8sListMapKeys',
        message: `duplicate entry: items ${first} and ${index} have the same ${keys.join(', ')}`,
        params: { keys },
      });
  });
  return errors;
}

class Validator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly bundle: Bundle) {
    this.ajv = new Ajv({ allErrors: true, strict: false, verbose: true, unicodeRegExp: false, allowUnionTypes: true });
    this.ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32 });
    this.ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
    this.ajv.addFormat('byte', { type: 'string', validate: (s: string) => BASE64.test(s.replace(/[\r\n]/g, '')) });
    this.ajv.addFormat('date-time', { type: 'string', validate: (s: string) => RFC3339.test(s) && !Number.isNaN(Date.parse(s)) });
    this.ajv.addKeyword({
      keyword: 'k8sListMapKeys',
      type: 'array',
      schemaType: 'array',
      errors: true,
      validate: function listMapKeys(keys: string[], data: unknown[]): boolean {
        const errors = checkListMapKeys(keys, data);
        (listMapKeys as KeywordCheck).errors = errors;
        return errors.length === 0;
      },
    });
    this.ajv.addKeyword({
      keyword: 'k8sCel',
      schemaType: 'array',
      errors: true,
      compile: (rules: { rule: string; message: string }[]) => {
        const parsed = rules.map((rule) => ({ ...rule, expr: parseCel(rule.rule) }));
        const check: KeywordCheck = (data: unknown) => {
          const errors: Partial<ErrorObject>[] = [];
          for (const rule of parsed) {
            const problem = checkCel(rule.expr, data);
            if (problem !== undefined) {
              errors.push({ keyword: 'k8sCel', message: `${rule.message} (rule: ${rule.rule}; ${problem})`, params: { rule: rule.rule } });
            }
          }
          check.errors = errors;
          return errors.length === 0;
        };
        return check;
      },
    });
    this.ajv.addSchema({ $id: DEFINITIONS_ID, definitions: bundle.definitions });
  }

  private validatorFor(key: string): ValidateFunction | undefined {
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      const entry = this.bundle.kinds[key];
      if (entry === undefined) return undefined;
      validate = this.ajv.compile(entry.schema);
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private describeSources(): string {
    return this.bundle.sources.map((s) => `${s.name} ${s.version}`).join(', ');
  }

  check(object: { [key: string]: unknown }, allowUnknown: string[]): string[] {
    const apiVersion = object.apiVersion;
    const kind = object.kind;
    if (typeof apiVersion !== 'string' || apiVersion === '' || typeof kind !== 'string' || kind === '') {
      return ['apiVersion and kind must be non-empty strings'];
    }
    const key = `${apiVersion}/${kind}`;
    const entry = this.bundle.kinds[key];
    if (entry === undefined) {
      const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
      if (allowUnknown.some((allowed) => allowed === kind || allowed === key || allowed === '*' || allowed === `${group}/*`)) return [];
      const known = Object.keys(this.bundle.kinds)
        .filter((k) => k.endsWith(`/${kind}`))
        .map((k) => k.slice(0, -kind.length - 1));
      const hint = known.length > 0 ? `; ${kind} is known in ${known.join(', ')}` : '';
      return [`unknown kind: no schema for ${kind} in ${apiVersion} (schemas: ${this.describeSources()})${hint}`];
    }
    if (!entry.served) return [`${apiVersion} ${kind} is not served by ${entry.source}`];

    const messages: string[] = [];
    const metadata = object.metadata;
    if (isRecord(metadata)) {
      if (typeof metadata.name !== 'string' && typeof metadata.generateName !== 'string')
        messages.push('metadata.name: required field is missing');
      for (const field of ['labels', 'annotations'] as const) {
        const map = metadata[field];
        if (!isRecord(map)) continue;
        for (const [name, value] of Object.entries(map)) {
          const problem = qualifiedNameProblem(name);
          if (problem !== undefined) messages.push(`metadata.${field}[${JSON.stringify(name)}]: invalid key: ${problem}`);
          if (field === 'labels' && typeof value === 'string' && value !== '' && (value.length > 63 || !QUALIFIED_NAME.test(value))) {
            messages.push(
              `metadata.labels[${JSON.stringify(name)}]: invalid value ${JSON.stringify(value)}: at most 63 characters, alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric`,
            );
          }
        }
      }
    } else if (metadata === undefined) {
      messages.push('metadata: required field is missing');
    }

    const validate = this.validatorFor(key);
    if (validate !== undefined && !validate(object)) {
      // A failed oneOf/anyOf reports every branch's errors too; keep the branch errors, they say what to fix.
      for (const error of validate.errors ?? []) messages.push(formatError(error));
    }
    return [...new Set(messages)];
  }
}

function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return 'the prefix must be a DNS subdomain';
  if (name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return "the name must be at most 63 characters, alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric";
  }
  return undefined;
}

async function loadValidator(): Promise<Validator> {
  const path = await ensureK8sSchemas();
  const bundle = JSON.parse(await readFile(path, 'utf8')) as Bundle;
  if (bundle.format !== 1) throw new Error(`k8s-validate: ${path} has an unknown bundle format`);
  return new Validator(bundle);
}

/** Validates multi-document Kubernetes YAML against the installed Kubernetes, Strimzi and External Secrets schemas, reporting unknown kinds unless allowed. */
export async function validateManifests(yamlText: string | string[], opts: ValidateManifestsOptions = {}): Promise<ManifestValidation> {
  validator ??= loadValidator();
  const checker = await validator;
  const allowUnknown = opts.allowUnknownKinds ?? [];
  const errors: ManifestError[] = [];
  let doc = 0;
  for (const text of typeof yamlText === 'string' ? [yamlText] : yamlText) {
    for (const document of parseAllDocuments(text, yamlOptions)) {
      const index = doc++;
      if (document.errors.length > 0) {
        for (const error of document.errors) errors.push({ doc: index, kind: '', name: '', message: `YAML: ${error.message}` });
        continue;
      }
      const value = withoutNulls(document.toJS({ maxAliasCount: 1000 }));
      if (value === null || value === undefined) continue; // an empty document, as kubectl skips it
      if (!isRecord(value)) {
        errors.push({ doc: index, kind: '', name: '', message: `not a Kubernetes object: ${describe(value)}` });
        continue;
      }
      // kubectl applies the items of a `kind: List` (apiVersion v1), each an object of its own
      const objects = value.kind === 'List' && value.apiVersion === 'v1' && Array.isArray(value.items) ? value.items : [value];
      for (const object of objects) {
        if (!isRecord(object)) {
          errors.push({ doc: index, kind: 'List', name: '', message: `not a Kubernetes object: ${describe(object)}` });
          continue;
        }
        const kind = typeof object.kind === 'string' ? object.kind : '';
        const name = isRecord(object.metadata) && typeof object.metadata.name === 'string' ? object.metadata.name : '';
        for (const message of checker.check(object, allowUnknown)) errors.push({ doc: index, kind, name, message });
      }
    }
  }
  return { ok: errors.length === 0, errors };
}
