import type { FormatAdapter } from '../types.js';
import { HELM_CODES } from './codes.js';
import { CI_VALUES, compileChart, VALUES_FILE } from './compile.js';

/**
 * Helm charts: a directory with Chart.yaml at its root. The chart is rendered with helm and its manifests read by
 * `manifests` (the Kubernetes format, given by the list of adapters: formats never import each other).
 */
export function helmAdapter(manifests: FormatAdapter): FormatAdapter {
  return {
    name: 'helm',
    title: 'Helm',
    codes: HELM_CODES,
    codesIntro: 'Raised while compiling a Helm chart (a directory with Chart.yaml at its root).',
    select: (paths) =>
      paths.includes('Chart.yaml')
        ? paths.filter((p) => p === 'Chart.yaml' || p === 'requirements.yaml' || p === VALUES_FILE || CI_VALUES.test(p))
        : [],
    compile: (files, spec, bindings, read, options) => compileChart(manifests, files, spec, bindings, read, options),
  };
}
