import { Document, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Node } from 'yaml';
import type { Diagnostic } from '../core/diagnostic.js';
import { positionAt, type SourceFile } from '../core/span.js';
import { customerKafkaSchema } from '../spec/schema.js';
import { loadSpec } from '../spec/validate.js';
import type { Applies, FieldDiagnostic, Preset } from './wire.js';

export type { Applies, FieldDiagnostic, Preset } from './wire.js';

/** A value of the form as the page holds it: the spec's data, as JSON. */
export type SpecData = Record<string, unknown>;

const SASL_PROTOCOLS = ['SASL_PLAINTEXT', 'SASL_SSL'];
const TLS_PROTOCOLS = ['SSL', 'SASL_SSL'];
const PASSWORD_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'];

/**
 * Which fields apply when: mechanism-specific SASL settings, TLS only over TLS protocols. The page shows a field only
 * while it applies and leaves out what it would otherwise send; every other schema field shows as the schema describes
 * it.
 */
export const APPLIES: readonly Applies[] = [
  { path: 'sasl', when: [{ path: 'securityProtocol', in: SASL_PROTOCOLS }] },
  { path: 'sasl.username', when: [{ path: 'sasl.mechanism', in: PASSWORD_MECHANISMS }] },
  { path: 'sasl.password', when: [{ path: 'sasl.mechanism', in: PASSWORD_MECHANISMS }] },
  { path: 'sasl.oauth', when: [{ path: 'sasl.mechanism', in: ['OAUTHBEARER'] }] },
  { path: 'sasl.aws', when: [{ path: 'sasl.mechanism', in: ['AWS_MSK_IAM'] }] },
  {
    path: 'sasl.allowInsecurePlain',
    when: [
      { path: 'sasl.mechanism', in: ['PLAIN'] },
      { path: 'securityProtocol', in: ['SASL_PLAINTEXT'] },
    ],
  },
  { path: 'tls', when: [{ path: 'securityProtocol', in: TLS_PROTOCOLS }] },
];

/** Objects whose properties exclude each other: the page offers one of them at a time. */
export const CHOICES: Readonly<Record<string, readonly string[]>> = { topics: ['prefix', 'allow'] };

const ref = (store: string, value: unknown): SpecData => ({ secretRef: { [store]: value } });

/** The kinds of cluster customers bring most. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'confluent-cloud',
    title: 'Confluent Cloud',
    note: 'An API key and secret of a service account; the cluster trusts public CAs.',
    bootstrapExample: 'pkc-12345.us-east-1.aws.confluent.cloud:9092',
    tool: 'confluent',
    spec: {
      securityProtocol: 'SASL_SSL',
      sasl: { mechanism: 'PLAIN', username: ref('env', 'CC_API_KEY'), password: ref('env', 'CC_API_SECRET') },
    },
  },
  {
    id: 'msk-iam',
    title: 'Amazon MSK with IAM',
    note: 'The role the appliance assumes needs kafka-cluster permissions; port 9098.',
    bootstrapExample: 'b-1.mycluster.abc123.c2.kafka.us-east-1.amazonaws.com:9098',
    tool: 'msk-iam',
    spec: {
      securityProtocol: 'SASL_SSL',
      sasl: { mechanism: 'AWS_MSK_IAM', aws: { roleArn: 'arn:aws:iam::123456789012:role/kafka-client', region: 'us-east-1' } },
    },
  },
  {
    id: 'msk-scram',
    title: 'Amazon MSK with SASL/SCRAM',
    note: 'MSK reads SCRAM users from a Secrets Manager secret named AmazonMSK_...; port 9096.',
    bootstrapExample: 'b-1.mycluster.abc123.c2.kafka.us-east-1.amazonaws.com:9096',
    tool: 'kafka-cli',
    spec: {
      securityProtocol: 'SASL_SSL',
      sasl: {
        mechanism: 'SCRAM-SHA-512',
        username: 'appliance',
        password: ref('awsSecretsManager', {
          arn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_appliance-AbCdEf',
          key: 'password',
        }),
      },
    },
  },
  {
    id: 'strimzi-mtls',
    title: 'Strimzi with mTLS',
    note: 'A KafkaUser with authentication type tls; Strimzi writes its certificate and key to a Secret of the same name.',
    bootstrapExample: 'my-cluster-kafka-bootstrap.kafka.svc:9093',
    tool: 'strimzi',
    spec: {
      securityProtocol: 'SSL',
      tls: {
        ca: ref('kubernetes', { name: 'my-cluster-cluster-ca-cert', key: 'ca.crt' }),
        clientCert: ref('kubernetes', { name: 'appliance', key: 'user.crt' }),
        clientKey: ref('kubernetes', { name: 'appliance', key: 'user.key' }),
      },
    },
  },
  {
    id: 'redpanda',
    title: 'Redpanda',
    note: 'A SASL user created with rpk security user create (SCRAM-SHA-256).',
    bootstrapExample: 'seed-0.my-cluster.fmc.prd.cloud.redpanda.com:9092',
    tool: 'rpk',
    spec: {
      securityProtocol: 'SASL_SSL',
      sasl: { mechanism: 'SCRAM-SHA-256', username: 'appliance', password: ref('env', 'REDPANDA_PASSWORD') },
    },
  },
  {
    id: 'self-hosted-scram',
    title: 'Self-hosted Kafka with SASL/SCRAM',
    note: 'A SCRAM user (kafka-configs.sh --alter --add-config SCRAM-SHA-512=...) and the CA that signed the brokers.',
    bootstrapExample: 'kafka-1.example.internal:9093',
    tool: 'kafka-cli',
    spec: {
      securityProtocol: 'SASL_SSL',
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'appliance', password: ref('env', 'KAFKA_PASSWORD') },
      tls: { ca: ref('file', '/etc/kafka/ca.pem') },
    },
  },
];

type SchemaNode = Record<string, unknown>;

/** The schema of a property, `$ref`s into the definitions resolved. */
function resolve(node: unknown): SchemaNode | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const r = (node as { $ref?: string }).$ref;
  if (r?.startsWith('#/definitions/')) {
    const defs = customerKafkaSchema.definitions as Record<string, unknown>;
    return resolve(defs[r.slice('#/definitions/'.length)]);
  }
  return node as SchemaNode;
}

/** The spec's keys in the schema's order, recursively; keys the schema does not know keep their place after those. */
function ordered(value: unknown, schema: SchemaNode | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v, resolve(schema?.['items'])));
  if (typeof value !== 'object' || value === null) return value;
  const props = (schema?.['properties'] ?? {}) as Record<string, unknown>;
  const keys = Object.keys(value);
  const known = Object.keys(props).filter((k) => keys.includes(k));
  const out: Record<string, unknown> = {};
  for (const k of [...known, ...keys.filter((k) => !known.includes(k))]) {
    out[k] = ordered((value as Record<string, unknown>)[k], resolve(props[k]));
  }
  return out;
}

/** The spec file the form stands for: schema key order, secret references on one line each. */
export function specYaml(data: SpecData): string {
  const doc = new Document(ordered({ apiVersion: 'graft.dev/v1', kind: 'CustomerKafka', ...data }, customerKafkaSchema));
  visit(doc, {
    Map(_, node) {
      if (node.items.some((p) => isScalar(p.key) && p.key.value === 'secretRef')) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** The dotted path of the deepest node of `doc` at `offset` (a key counts as its value's place). */
function pathAt(node: Node | null | undefined, offset: number, path: (string | number)[]): (string | number)[] {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const k = pair.key.range;
      const v = (pair.value as Node | null)?.range;
      if (k && offset >= k[0] && offset < k[1]) return [...path, key];
      if (v && offset >= v[0] && offset < Math.max(v[1], v[0] + 1)) return pathAt(pair.value as Node, offset, [...path, key]);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const r = (item as Node | null)?.range;
      if (r && offset >= r[0] && offset < r[1]) path = pathAt(item as Node, offset, [...path, i]);
    });
  }
  return path;
}

/** Shows a spec diagnostic at its field: the node it points at, or the field a missing-field error names. */
export function fieldDiagnostics(source: SourceFile, diagnostics: readonly Diagnostic[]): FieldDiagnostic[] {
  // the same text loadSpec parsed; only its node ranges are read here
  const tree = parseDocument(source.text, { keepSourceTokens: false }).contents;
  return diagnostics.map((d) => {
    let path: (string | number)[] = [];
    if (d.subject && d.subject.file === source.path) path = pathAt(tree, d.subject.start, []);
    const missing = /missing required field "([^"]+)"/.exec(d.message);
    if (missing?.[1] && d.code.endsWith('_MISSING_FIELD')) path = [...path, missing[1]];
    const at = d.subject && d.subject.file === source.path ? positionAt(source, d.subject.start) : undefined;
    return {
      code: d.code,
      severity: d.severity,
      message: d.message,
      help: d.help ?? '',
      path: path.filter((p) => typeof p === 'string').join('.'),
      ...(at ? { line: at.line, col: at.col } : {}),
    };
  });
}

/** What the spec validator says about the form as it stands: the same codes and messages as `graft validate`. */
export function validateForm(data: SpecData, file: string): { yaml: string; diagnostics: FieldDiagnostic[]; secretInForm: boolean } {
  const yaml = specYaml(data);
  const source: SourceFile = { path: file, text: yaml };
  const { diagnostics } = loadSpec(source);
  return {
    yaml,
    diagnostics: fieldDiagnostics(source, diagnostics),
    secretInForm: diagnostics.some((d) => SECRET_CODES.has(d.code)),
  };
}

/** Codes that mean the form holds a secret value: nothing shows the spec text then. */
export const SECRET_CODES: ReadonlySet<string> = new Set(['SPEC_INLINE_SECRET', 'SPEC_URL_CREDENTIALS']);
