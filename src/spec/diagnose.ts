import type { Diagnostic } from '../core/diagnostic.js';
import type { DocPath, YamlDoc } from '../core/yaml-doc.js';
import type { SpecCode } from './codes.js';

/** A diagnostic raised against the spec. */
export function specDiagnostic(
  yd: YamlDoc,
  code: SpecCode,
  path: DocPath,
  message: string,
  help: string,
  severity: 'error' | 'warning' = 'error',
): Diagnostic {
  return { code, severity, message, help, subject: yd.spanOf(path) };
}
