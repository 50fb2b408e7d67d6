// Builds the schema bundle that index.ts validates with, from the sources setup.sh downloaded.
// Usage: node --import tsx tools/k8s-validate/build-bundle.ts <out.json> <sources.json>
// sources.json: [{ name, version, type: "openapi-v3" | "crds", dir, from, licence }, ...]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  DEFINITIONS_ID,
  SPECIAL_DEFINITIONS,
  convertCustomResource,
  convertSchema,
  type Bundle,
  type ConvertContext,
  type SchemaNode,
} from './convert.js';

interface Source {
  name: string;
  version: string;
  type: 'openapi-v3' | 'crds';
  dir: string;
  from: string;
  licence: string;
}

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

// Alpha API versions are off unless a cluster enables their feature gates, so they are not validated as known kinds.
function isAlpha(version: string): boolean {
  return /^v\d+alpha\d+$/.test(version);
}

function addOpenApi(bundle: Bundle, source: Source): void {
  const raw: { [name: string]: unknown } = {};
  for (const file of readdirSync(source.dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const doc = JSON.parse(readFileSync(join(source.dir, file), 'utf8')) as { components?: { schemas?: { [name: string]: unknown } } };
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      const seen = raw[name];
      if (seen !== undefined && JSON.stringify(seen) !== JSON.stringify(schema)) {
        throw new Error(`${source.name}: definition ${name} differs between files (${file})`);
      }
      raw[name] = schema;
    }
  }
  const label = `${source.name} ${source.version}`;
  for (const [name, schema] of Object.entries(raw)) {
    const ctx: ConvertContext = { mode: 'builtin', refBase: '#/definitions/', unchecked: bundle.unchecked, where: `${label} ${name}` };
    bundle.definitions[name] = SPECIAL_DEFINITIONS[name] ?? convertSchema(schema, ctx);
    const gvks = isNode(schema) ? schema['x-kubernetes-group-version-kind'] : undefined;
    if (!Array.isArray(gvks)) continue;
    for (const gvk of gvks) {
      if (!isNode(gvk)) continue;
      const group = asString(gvk.group);
      const version = asString(gvk.version);
      const kind = asString(gvk.kind);
      if (isAlpha(version) || kind === '') continue;
      const apiVersion = group === '' ? version : `${group}/${version}`;
      bundle.kinds[`${apiVersion}/${kind}`] = { source: label, schema: { $ref: `${DEFINITIONS_ID}#/definitions/${name}` }, served: true };
    }
  }
}

function addCrds(bundle: Bundle, source: Source): void {
  const label = `${source.name} ${source.version}`;
  for (const file of readdirSync(source.dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(source.dir, file), 'utf8'))) {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message ?? 'YAML error'}`);
      const crd: unknown = doc.toJS();
      if (!isNode(crd) || crd.kind !== 'CustomResourceDefinition' || !isNode(crd.spec)) continue;
      const group = asString(crd.spec.group);
      const kind = isNode(crd.spec.names) ? asString(crd.spec.names.kind) : '';
      const versions = Array.isArray(crd.spec.versions) ? crd.spec.versions : [];
      for (const version of versions) {
        if (!isNode(version)) continue;
        const name = asString(version.name);
        const openAPIV3Schema = isNode(version.schema) ? version.schema.openAPIV3Schema : undefined;
        if (openAPIV3Schema === undefined) throw new Error(`${file}: ${kind} ${name} has no openAPIV3Schema`);
        const ctx: ConvertContext = {
          mode: 'crd',
          refBase: `${DEFINITIONS_ID}#/definitions/`,
          unchecked: bundle.unchecked,
          where: `${label} ${group}/${name} ${kind}`,
        };
        const entry = {
          source: `${label} CRD ${file}`,
          schema: convertCustomResource(openAPIV3Schema, ctx),
          served: version.served === true,
        };
        const deprecated =
          version.deprecated === true ? asString(version.deprecationWarning) || `${group}/${name} ${kind} is deprecated` : undefined;
        bundle.kinds[`${group}/${name}/${kind}`] = deprecated === undefined ? entry : { ...entry, deprecated };
      }
    }
  }
}

/** Builds a bundle from the downloaded sources. */
function buildBundle(sources: Source[]): Bundle {
  const bundle: Bundle = { format: 1, sources: [], definitions: {}, kinds: {}, unchecked: [] };
  for (const source of sources) {
    bundle.sources.push({ name: source.name, version: source.version, from: source.from, licence: source.licence });
    if (source.type === 'openapi-v3') addOpenApi(bundle, source);
    else addCrds(bundle, source);
  }
  return bundle;
}

const [out, sourcesFile] = process.argv.slice(2);
if (out !== undefined && sourcesFile !== undefined) {
  const bundle = buildBundle(JSON.parse(readFileSync(sourcesFile, 'utf8')) as Source[]);
  writeFileSync(out, JSON.stringify(bundle));
  const kinds = Object.keys(bundle.kinds).length;
  const definitions = Object.keys(bundle.definitions).length;
  process.stderr.write(
    `k8s-validate: bundle with ${kinds} kinds, ${definitions} definitions, ${bundle.unchecked.length} unchecked rules\n`,
  );
  for (const line of bundle.unchecked) process.stderr.write(`k8s-validate: unchecked: ${line}\n`);
}
