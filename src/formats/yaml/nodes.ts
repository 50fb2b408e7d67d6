import { isScalar } from 'yaml';

/** The text of a scalar node, or '' for anything else. */
export function scalarText(node: unknown): string {
  const v: unknown = isScalar(node) ? node.value : undefined;
  if (typeof v === 'string') return v;
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? v.toString() : '';
}
