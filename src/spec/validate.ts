import { isMap, isScalar, type Node } from 'yaml';
import { markSensitive, type Diagnostic } from '../core/diagnostic.js';
import type { SourceFile, Span } from '../core/span.js';
import { checkSchema, findCredentials, parseYamlDoc, sensitiveSpans, type DocPath, type YamlDoc } from '../core/yaml-doc.js';
import { parseSecretRef, STORE_KINDS } from '../secrets/index.js';
import { SECRET_PATHS, customerKafkaSchema } from './schema.js';
import { checkSemantics } from './rules.js';
import { specDiagnostic } from './diagnose.js';
import type { AwsIamSettings, CustomerKafka, SecretValue, Value } from './types.js';

/** Parses and checks a customer spec, reporting every problem at once. */
export function loadSpec(source: SourceFile): { spec?: CustomerKafka; diagnostics: Diagnostic[] } {
  const parsed = parseYamlDoc(source, 'SPEC');
  if (!parsed.doc) return { diagnostics: parsed.diagnostics };
  const yd = parsed.doc;
  if (typeof yd.data !== 'object' || yd.data === null || Array.isArray(yd.data)) {
    const d = specDiagnostic(yd, 'SPEC_WRONG_TYPE', [], 'the spec must be a mapping', 'start from `graft schema`');
    return { diagnostics: markSensitive([d], sensitiveSpans(yd)) };
  }
  const inline = findInlineSecrets(yd);
  const credentials = findUrlCredentials(yd);
  const refused = [...inline.map((i) => i.diag), ...credentials.diagnostics];
  const schemaDiagnostics = checkSchema(yd, customerKafkaSchema, 'SPEC').filter(
    (d) => !refused.some((r) => d.subject && r.subject && d.subject.start === r.subject.start),
  );
  const diagnostics = [...refused, ...schemaDiagnostics];
  const spec = toSpec(yd);
  // semantic rules run on a best-effort reading of a structurally broken spec too, so every problem shows at once
  const taken = new Set(diagnostics.map((d) => d.subject?.start));
  diagnostics.push(...checkSemantics(yd, spec).filter((d) => !taken.has(d.subject?.start)));
  // no rendering of any diagnostic may show a secret the spec holds, whichever line its frame shows
  const sensitive = [...inlineSecretSpans(yd), ...credentials.spans];
  const marked = markSensitive(diagnostics, sensitive);
  return marked.some((d) => d.severity === 'error') ? { diagnostics: marked } : { spec, diagnostics: marked };
}

/** Where secret values sit in the spec: the values at secret paths that are not a `{ secretRef }` mapping. */
function inlineSecretSpans(yd: YamlDoc): Span[] {
  const out: Span[] = [];
  for (const path of SECRET_PATHS) {
    const node = yd.doc.getIn(path, true) as Node | undefined;
    if (node === undefined || node === null) continue;
    if (isMap(node)) {
      // { secretRef: ... } is a reference; any other entry may hold the value written beside it
      for (const pair of node.items) {
        if (isScalar(pair.key) && pair.key.value === 'secretRef') continue;
        const r = (pair.value as Node | null)?.range;
        if (r) out.push({ file: yd.source.path, start: r[0], end: r[1] });
      }
    } else if (node.range) out.push({ file: yd.source.path, start: node.range[0], end: node.range[1] });
  }
  return out;
}

const URL_HELP: Record<string, string> = {
  'schemaRegistry.url': 'remove them from the URL and set schemaRegistry.basicAuth: { username: ..., password: { secretRef: ... } }',
  'sasl.oauth.tokenEndpoint':
    'remove them from the URL; the client authenticates with sasl.oauth.clientId and clientSecret: { secretRef: ... }',
  bootstrapServers: 'write each server as host:port; credentials go in sasl.username and sasl.password: { secretRef: ... }',
};

/** Credentials written into any string of the spec as URL user info (`https://key:secret@host`, `user:pw@host:9092`). */
function findUrlCredentials(yd: YamlDoc): { diagnostics: Diagnostic[]; spans: Span[] } {
  const found = findCredentials(yd, (path) => path[0] === 'bootstrapServers');
  const diagnostics = found.map((f): Diagnostic => {
    const dotted = f.path.filter((p) => typeof p === 'string').join('.');
    return {
      code: 'SPEC_URL_CREDENTIALS',
      severity: 'error',
      message: `${dotted || 'a value'} carries credentials in "${f.masked}"; graft accepts them only as a reference to a secret`,
      help: `${URL_HELP[dotted] ?? 'remove them from the URL and give them as { secretRef: ... }'} — and rotate them, they have been written into a file`,
      subject: f.span,
    };
  });
  return { diagnostics, spans: found.flatMap((f) => f.credentials) };
}

function findInlineSecrets(yd: YamlDoc): { path: string; diag: Diagnostic }[] {
  const out: { path: string; diag: Diagnostic }[] = [];
  for (const path of SECRET_PATHS) {
    const v = getIn(yd.data, path);
    if (v === undefined || typeof v === 'object') continue;
    const dotted = path.join('.');
    out.push({
      path: dotted,
      diag: specDiagnostic(
        yd,
        'SPEC_INLINE_SECRET',
        path,
        `${dotted} is written as a value; graft accepts only a reference to a secret`,
        `replace it with { secretRef: { env: NAME } } or ${STORE_KINDS.filter((k) => k !== 'env').join(', ')} — and rotate this secret, it has been written into a file`,
      ),
    });
  }
  return out;
}

function getIn(data: unknown, path: DocPath): unknown {
  let cur = data;
  for (const seg of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function toSpec(yd: YamlDoc): CustomerKafka {
  const d = yd.data as Record<string, unknown>;
  const secretAt = (path: string[]): SecretValue | undefined => {
    const v = getIn(d, path) as { secretRef?: unknown } | undefined;
    const secretRef = parseSecretRef(v?.secretRef);
    if (!secretRef) return undefined;
    return { secretRef, path: path.join('.'), span: yd.spanOf(path) };
  };
  const valueAt = (path: string[]): Value | undefined => {
    const v = getIn(d, path);
    return typeof v === 'string' ? v : secretAt(path);
  };
  const bs = d.bootstrapServers;
  const bootstrapServers = (Array.isArray(bs) ? (bs as unknown[]) : typeof bs === 'string' ? bs.split(',') : [])
    .map((s) => String(s).trim())
    .filter((s) => s.length > 0);
  const spec: CustomerKafka = {
    file: yd.source.path,
    bootstrapServers,
    securityProtocol: String(d.securityProtocol) as CustomerKafka['securityProtocol'],
  };
  const sasl = asRecord(d.sasl);
  if (sasl) {
    const oauth = asRecord(sasl.oauth);
    const aws = asRecord(sasl.aws) as AwsIamSettings | undefined;
    spec.sasl = {
      mechanism: sasl.mechanism as NonNullable<CustomerKafka['sasl']>['mechanism'],
      ...optional('username', valueAt(['sasl', 'username'])),
      ...optional('password', secretAt(['sasl', 'password'])),
      ...(oauth
        ? {
            oauth: {
              tokenEndpoint: String(oauth.tokenEndpoint),
              clientId: valueAt(['sasl', 'oauth', 'clientId']) ?? '',
              clientSecret: secretAt(['sasl', 'oauth', 'clientSecret']) as SecretValue,
              ...optional('scope', typeof oauth.scope === 'string' ? oauth.scope : undefined),
              ...optional('audience', typeof oauth.audience === 'string' ? oauth.audience : undefined),
            },
          }
        : {}),
      ...(aws ? { aws } : {}),
      ...(sasl.allowInsecurePlain === true ? { allowInsecurePlain: true } : {}),
    };
  }
  const tls = asRecord(d.tls);
  if (tls) {
    spec.tls = {
      ...optional('ca', secretAt(['tls', 'ca'])),
      ...optional('clientCert', secretAt(['tls', 'clientCert'])),
      ...optional('clientKey', secretAt(['tls', 'clientKey'])),
    };
  }
  const sr = asRecord(d.schemaRegistry);
  if (sr) {
    spec.schemaRegistry = {
      url: String(sr.url),
      ...(sr.basicAuth
        ? {
            basicAuth: {
              username: valueAt(['schemaRegistry', 'basicAuth', 'username']) ?? '',
              password: secretAt(['schemaRegistry', 'basicAuth', 'password']) as SecretValue,
            },
          }
        : {}),
      ...optional('ca', secretAt(['schemaRegistry', 'ca'])),
    };
  }
  if (asRecord(d.topics)) spec.topics = d.topics as CustomerKafka['topics'];
  if (asRecord(d.groups)) spec.groups = d.groups as CustomerKafka['groups'];
  return spec;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
