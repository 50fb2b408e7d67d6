import { markSensitive, type Diagnostic } from '../core/diagnostic.js';
import type { SourceFile, Span } from '../core/span.js';
import { checkSchema, parseYamlDoc, sensitiveSpans, type DocPath, type YamlDoc } from '../core/yaml-doc.js';

/** Topic operations a requirement may name (Kafka ACL operation names). */
export const TOPIC_OPERATIONS = ['READ', 'WRITE', 'DESCRIBE', 'CREATE'] as const;
/** Cluster operations a requirement may name. */
export const CLUSTER_OPERATIONS = [
  'IDEMPOTENT_WRITE',
  'CREATE',
  'DESCRIBE',
  'DESCRIBE_CONFIGS',
  'ALTER',
  'ALTER_CONFIGS',
  'CLUSTER_ACTION',
] as const;

/** A topic the deployment needs, named as the vendor's stack names it (the spec's topic prefix is applied). */
export interface TopicRequirement {
  name: string;
  /** Minimum partition count. */
  partitions?: number;
  /** Topic configs that must have exactly these values, e.g. `cleanup.policy: compact`. */
  configs?: Record<string, string>;
  /** What the principal does with it (default `["DESCRIBE"]`). */
  operations?: (typeof TOPIC_OPERATIONS)[number][];
}

/** What a deployment needs from the customer's cluster (`kind: KafkaRequirements`). */
export interface Requirements {
  topics?: TopicRequirement[];
  /** Consumer groups (group prefix applied); the principal needs READ on each. */
  groups?: string[];
  /** Transactional ids the producers use (not prefixed). */
  transactionalIds?: string[];
  /** Prefixes of generated transactional ids (PREFIXED grants), e.g. a Kafka Streams application id. */
  transactionalIdPrefixes?: string[];
  /** Cluster operations the principal needs. */
  cluster?: (typeof CLUSTER_OPERATIONS)[number][];
  features?: { idempotentProducer?: boolean; transactions?: boolean; groupProtocol?: 'classic' | 'consumer' };
  schemaRegistry?: { subjects?: string[] };
  /** Where each requirement was declared, for diagnostics (filled by the loader). */
  spans?: { file: string; at: (path: DocPath) => Span };
}

/** JSON Schema (draft-07) of requirements.json. */
export const requirementsSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://graft.dev/schemas/requirements.schema.json',
  title: 'graft KafkaRequirements',
  description: 'What a deployment needs from the customer Kafka cluster; checked live by `graft check --requirements`.',
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind'],
  properties: {
    $schema: { type: 'string' },
    apiVersion: { const: 'graft.dev/v1' },
    kind: { const: 'KafkaRequirements' },
    topics: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,249}$' },
          partitions: { type: 'integer', minimum: 1 },
          configs: { type: 'object', additionalProperties: { type: 'string' } },
          operations: { type: 'array', items: { enum: [...TOPIC_OPERATIONS] }, uniqueItems: true },
        },
      },
    },
    groups: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
    transactionalIds: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
    transactionalIdPrefixes: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
    cluster: { type: 'array', items: { enum: [...CLUSTER_OPERATIONS] }, uniqueItems: true },
    features: {
      type: 'object',
      additionalProperties: false,
      properties: {
        idempotentProducer: { type: 'boolean' },
        transactions: { type: 'boolean' },
        groupProtocol: { enum: ['classic', 'consumer'] },
      },
    },
    schemaRegistry: {
      type: 'object',
      additionalProperties: false,
      properties: { subjects: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true } },
    },
  },
} as const;

/** Parses and schema-checks a requirements file (JSON, or YAML). */
export function loadRequirements(source: SourceFile): { requirements?: Requirements; diagnostics: Diagnostic[] } {
  const parsed = parseYamlDoc(source, 'CHECK_REQUIREMENTS');
  if (!parsed.doc) return { diagnostics: parsed.diagnostics };
  const yd: YamlDoc = parsed.doc;
  const diagnostics = checkSchema(yd, requirementsSchema, 'CHECK_REQUIREMENTS');
  if (diagnostics.length > 0) return { diagnostics: markSensitive(diagnostics, sensitiveSpans(yd)) };
  const data = yd.data as Requirements & { apiVersion?: string; kind?: string; $schema?: string };
  const requirements: Requirements = { spans: { file: source.path, at: (p) => yd.spanOf(p) } };
  for (const key of ['topics', 'groups', 'transactionalIds', 'transactionalIdPrefixes', 'cluster', 'features', 'schemaRegistry'] as const) {
    if (data[key] !== undefined) Object.assign(requirements, { [key]: data[key] });
  }
  return { requirements, diagnostics };
}

/** The name a topic has on the customer's cluster: the spec's prefix applied, as `graft compile` renames it. */
export function customerName(name: string, prefix: string | undefined): string {
  return prefix && !name.startsWith(prefix) ? prefix + name : name;
}
