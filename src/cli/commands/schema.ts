import { bindingsSchema } from '../../bindings/schema.js';
import { customerKafkaSchema } from '../../spec/schema.js';
import { UsageError, type Io } from '../io.js';

/** `graft schema [customer-kafka|bindings]`: prints a JSON Schema for editors. */
export function runSchema(io: Io, which = 'customer-kafka'): number {
  const schema = which === 'customer-kafka' ? customerKafkaSchema : which === 'bindings' ? bindingsSchema : undefined;
  if (!schema) throw new UsageError(`unknown schema "${which}"; use customer-kafka or bindings`);
  io.out(JSON.stringify(schema, null, 2) + '\n');
  return 0;
}
