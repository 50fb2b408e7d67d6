import { loadBindings } from '../../bindings/load.js';
import { INPUT_READ_CODES } from '../../compile/pipeline.js';
import { isReadFailure, readInputSource } from '../../core/read.js';
import { loadSpec } from '../../spec/validate.js';
import { diagnosticsJson, reportDiagnostics, type Io } from '../io.js';

/** `graft validate <file>`: checks a customer spec (or a graft.yaml) and reports every problem. */
export function runValidate(io: Io, file: string, json: boolean): number {
  const source = readInputSource(
    file,
    'the file',
    INPUT_READ_CODES,
    'pass a customer spec (kind: CustomerKafka) or a graft.yaml (kind: Bindings)',
  );
  if (isReadFailure(source)) {
    if (json) io.out(JSON.stringify({ ok: false, diagnostics: diagnosticsJson([source], () => undefined) }, null, 2) + '\n');
    else reportDiagnostics(io, [source], () => undefined);
    return 1;
  }
  const isBindings = /^\s*kind:\s*Bindings\b/m.test(source.text) || /"kind"\s*:\s*"Bindings"/.test(source.text);
  const { diagnostics } = isBindings ? loadBindings(source) : loadSpec(source);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (json) {
    io.out(JSON.stringify({ ok: errors === 0, diagnostics: diagnosticsJson(diagnostics, () => source) }, null, 2) + '\n');
  } else {
    reportDiagnostics(io, diagnostics, () => source);
    if (errors === 0) io.out(`${file}: valid ${isBindings ? 'Bindings' : 'CustomerKafka'}\n`);
  }
  return errors === 0 ? 0 : 1;
}
