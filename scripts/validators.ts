// Prints an ES module that replaces src/core/validators.ts in the bundle: graft's JSON Schemas compiled by Ajv at
// build time (Ajv's standalone code), looked up by $id. Run by scripts/build.mjs.
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { bindingsSchema } from '../src/bindings/schema.js';
import { requirementsSchema } from '../src/check/requirements.js';
import { AJV_OPTIONS } from '../src/core/validators.js';
import { customerKafkaSchema } from '../src/spec/schema.js';

const schemas: { $id: string }[] = [customerKafkaSchema, bindingsSchema, requirementsSchema];
const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true } });
for (const s of schemas) ajv.addSchema(s);
const names = Object.fromEntries(schemas.map((s, i) => [`schema${i}`, s.$id]));
process.stdout.write(
  `${standalone.default(ajv, names)}\n` +
    `const byId = new Map([${schemas.map((s, i) => `[${JSON.stringify(s.$id)}, schema${i}]`).join(', ')}]);\n` +
    'export const AJV_OPTIONS = ' +
    JSON.stringify(AJV_OPTIONS) +
    ';\n' +
    'export function validatorFor(schema) {\n' +
    '  const v = byId.get(schema.$id);\n' +
    '  if (!v) throw new Error(`no validator compiled at build time for schema ${schema.$id}: add it to scripts/validators.ts`);\n' +
    '  return v;\n' +
    '}\n',
);
