import { Ajv, type ValidateFunction } from 'ajv';

/** Ajv's options for graft's schemas; the bundle's precompiled validators (scripts/validators.ts) use the same. */
export const AJV_OPTIONS = { allErrors: true, strict: false, verbose: true } as const;

const ajv = new Ajv(AJV_OPTIONS);
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * The validator of one of graft's JSON Schemas, compiled on first use. The bundle replaces this module with validators
 * compiled at build time, so a CLI run does not spend its start compiling schemas.
 */
export function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}
