import { bindingsSchema } from '../../bindings/schema.js';
import { requirementsSchema } from '../../check/requirements.js';
import { customerKafkaSchema } from '../../spec/schema.js';
import { UsageError, type Io } from '../io.js';

/** `graft schema [customer-kafka|bindings|requirements]`: prints a JSON Schema for editors. */
export function runSchema(io: Io, which = 'customer-kafka'): number {
  const schemas: Record<string, object> = {
    'customer-kafka': customerKafkaSchema,
    bindings: bindingsSchema,
    requirements: requirementsSchema,
  };
  const schema = schemas[which];
  if (!schema) throw new UsageError(`unknown schema "${which}"; use ${Object.keys(schemas).join(', ')}`);
  io.out(JSON.stringify(schema, null, 2) + '\n');
  return 0;
}
