// Turns Kubernetes OpenAPI v3 component schemas and CRD structural schemas (openAPIV3Schema) into
// JSON Schema draft-07 for Ajv, with the API server's strict field validation: unknown fields are errors.
import { parseCel } from './cel.js';

/** A schema node as read from JSON or YAML. */
export type SchemaNode = { [key: string]: unknown };

/** Where the definitions document lives; kind schemas reference it by this id. */
export const DEFINITIONS_ID = 'https://graft.invalid/k8s-validate/kubernetes.json';

/** The definition name of ObjectMeta, which the API server applies to every object's metadata (custom resources too). */
export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** One kind the bundle can validate: its schema and, for custom resources, the CRD version's flags. */
export interface BundleKind {
  source: string;
  schema: SchemaNode;
  served: boolean;
  deprecated?: string;
}

/** The file setup.sh writes: converted Kubernetes definitions, one schema per apiVersion/kind, and provenance. */
export interface Bundle {
  format: 1;
  sources: { name: string; version: string; from: string; licence: string }[];
  definitions: { [name: string]: SchemaNode };
  kinds: { [apiVersionKind: string]: BundleKind };
  unchecked: string[];
}

/** Conversion settings: built-in definitions keep objects without properties open; CRDs prune (reject) unknown fields everywhere. */
export interface ConvertContext {
  mode: 'builtin' | 'crd';
  /** Prefix of a reference to a Kubernetes definition, e.g. `#/definitions/` inside the definitions document. */
  refBase: string;
  /** Collects what could not be translated (CEL rules outside the supported subset, patterns JavaScript cannot compile). */
  unchecked: string[];
  where: string;
}

// The API server's own regular expression for resource quantities (k8s.io/apimachinery/pkg/api/resource).
const QUANTITY_PATTERN = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
const KEPT_FORMATS = new Set(['int32', 'int64', 'byte', 'date-time']);
const COPIED = [
  'enum',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'multipleOf',
  'uniqueItems',
] as const;

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Built-in definitions whose OpenAPI form is replaced by a tighter or simpler JSON Schema. */
export const SPECIAL_DEFINITIONS: { [name: string]: SchemaNode } = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: ['integer', 'string'] },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: ['string', 'number'], pattern: QUANTITY_PATTERN },
};

function rewriteRef(ref: string, ctx: ConvertContext): string {
  const prefix = '#/components/schemas/';
  if (!ref.startsWith(prefix)) throw new Error(`${ctx.where}: unsupported $ref ${ref}`);
  return ctx.refBase + ref.slice(prefix.length);
}

/** Converts one schema node; `inBranch` marks the value-validation sub-schemas of allOf/anyOf/oneOf/not, which must stay open. */
export function convertSchema(node: unknown, ctx: ConvertContext, inBranch = false, path = ''): SchemaNode {
  if (!isNode(node)) return {};
  if (typeof node.$ref === 'string') return { $ref: rewriteRef(node.$ref, ctx) };
  // Kubernetes wraps a reference with a description or default as {allOf: [{$ref}], ...}.
  if (Array.isArray(node.allOf) && node.allOf.length === 1 && node.properties === undefined && node.type === undefined) {
    const only: unknown = node.allOf[0];
    if (isNode(only) && typeof only.$ref === 'string') return { $ref: rewriteRef(only.$ref, ctx) };
  }

  const out: SchemaNode = {};
  const preserveUnknown = node['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = node['x-kubernetes-embedded-resource'] === true;

  if (node['x-kubernetes-int-or-string'] === true) {
    out.type = ['integer', 'string'];
  } else if (typeof node.type === 'string') {
    out.type = node.nullable === true ? [node.type, 'null'] : node.type;
  } else if (!inBranch && (isNode(node.properties) || embedded)) {
    out.type = 'object';
  }

  if (typeof node.format === 'string' && KEPT_FORMATS.has(node.format)) out.format = node.format;
  for (const key of COPIED) if (node[key] !== undefined) out[key] = node[key];
  // OpenAPI 3.0 has boolean exclusiveMinimum/exclusiveMaximum; draft-07 has numbers.
  if (node.exclusiveMinimum === true && typeof node.minimum === 'number') {
    out.exclusiveMinimum = node.minimum;
    delete out.minimum;
  }
  if (node.exclusiveMaximum === true && typeof node.maximum === 'number') {
    out.exclusiveMaximum = node.maximum;
    delete out.maximum;
  }
  if (typeof node.pattern === 'string') {
    try {
      new RegExp(node.pattern);
      out.pattern = node.pattern;
    } catch {
      ctx.unchecked.push(`${ctx.where}${path}: pattern ${JSON.stringify(node.pattern)} (not a JavaScript regular expression)`);
    }
  }
  if (Array.isArray(node.required) && node.required.length > 0) out.required = node.required;

  if (isNode(node.properties) || embedded) {
    const properties: SchemaNode = {};
    for (const [name, child] of Object.entries(isNode(node.properties) ? node.properties : {})) {
      properties[name] = convertSchema(child, ctx, inBranch, `${path}.${name}`);
    }
    if (embedded) {
      properties.apiVersion ??= { type: 'string' };
      properties.kind ??= { type: 'string' };
      properties.metadata = { $ref: ctx.refBase + OBJECT_META };
    }
    out.properties = properties;
  }
  if (isNode(node.items)) out.items = convertSchema(node.items, ctx, inBranch, `${path}[]`);
  if (typeof node.additionalProperties === 'boolean') {
    out.additionalProperties = node.additionalProperties;
  } else if (isNode(node.additionalProperties)) {
    out.additionalProperties = convertSchema(node.additionalProperties, ctx, inBranch, `${path}.*`);
  }

  // Strict field validation: an object's fields are the ones its schema names. Built-in definitions with no
  // properties at all are opaque types (RawExtension, FieldsV1) and stay open; in a CRD such an object is pruned empty.
  const isObject = out.type === 'object' || (Array.isArray(out.type) && out.type.includes('object'));
  if (!inBranch && isObject && out.additionalProperties === undefined && !preserveUnknown) {
    if (out.properties !== undefined || ctx.mode === 'crd') out.additionalProperties = false;
  }

  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = node[key];
    if (Array.isArray(branches)) out[key] = branches.map((branch, i) => convertSchema(branch, ctx, true, `${path}/${key}/${i}`));
  }
  if (isNode(node.not)) out.not = convertSchema(node.not, ctx, true, `${path}/not`);

  if (ctx.mode === 'crd') {
    const listType = node['x-kubernetes-list-type'];
    const mapKeys = node['x-kubernetes-list-map-keys'];
    if (listType === 'set') out.uniqueItems = true;
    if (listType === 'map' && Array.isArray(mapKeys) && mapKeys.length > 0) out.k8sListMapKeys = mapKeys;
    const rules = node['x-kubernetes-validations'];
    if (Array.isArray(rules)) {
      const kept: { rule: string; message: string }[] = [];
      for (const entry of rules) {
        if (!isNode(entry) || typeof entry.rule !== 'string') continue;
        const message = typeof entry.message === 'string' ? entry.message : `failed rule: ${entry.rule}`;
        try {
          parseCel(entry.rule);
          kept.push({ rule: entry.rule, message });
        } catch {
          ctx.unchecked.push(`${ctx.where}${path}: CEL rule ${JSON.stringify(entry.rule)}`);
        }
      }
      if (kept.length > 0) out.k8sCel = kept;
    }
  }
  return out;
}

/** Converts a CRD version's openAPIV3Schema into the schema of a whole custom resource (metadata checked as ObjectMeta). */
export function convertCustomResource(openAPIV3Schema: unknown, ctx: ConvertContext): SchemaNode {
  const root = convertSchema(openAPIV3Schema, ctx);
  const properties = isNode(root.properties) ? root.properties : {};
  properties.apiVersion ??= { type: 'string' };
  properties.kind ??= { type: 'string' };
  properties.metadata = { $ref: ctx.refBase + OBJECT_META };
  root.type = 'object';
  root.properties = properties;
  return root;
}
