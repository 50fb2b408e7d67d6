// Confluent images turn environment variables into properties with the `ub`/`dub` utility belt
// (confluentinc/common-docker base-java/ub/ub.go ConvertKey): after the component prefix, `_` is
// `.`, `__` is `_`, `___` is `-`, and the name is lower-cased. These functions run it both ways.

/** The environment variable a Confluent image turns into `property` (e.g. `sasl.jaas.config` → `CONNECT_SASL_JAAS_CONFIG`). */
export function confluentEnvName(prefix: string, property: string): string {
  return prefix + property.replace(/_/g, '__').replace(/-/g, '___').replace(/\./g, '_').toUpperCase();
}

/** The property a Confluent image makes of an environment variable, as ub's ConvertKey does. */
export function confluentPropertyName(prefix: string, env: string): string {
  const key = env.slice(prefix.length);
  // ub replaces each non-overlapping match of [^_]_[^_], so a one-letter segment keeps its `_`.
  const dotted = key.replace(/[^_]_[^_]/g, (m) => m.replace('_', '.'));
  return dotted.replace(/___/g, '-').replace(/__/g, '_').toLowerCase();
}

/**
 * The text to put in an environment variable so that the property file the image renders
 * (`name=value` lines read by java.util.Properties) holds `value`: backslashes are doubled.
 */
export function escapeTemplateValue(value: string): string {
  return value.replace(/\\/g, '\\\\');
}
