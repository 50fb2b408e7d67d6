import type { SourceFile } from '../../core/span.js';
import { emptyPlan } from '../../plan/types.js';
import { emptyFacts } from '../facts.js';
import type { FormatOutput } from '../stages.js';
import type { FormatAdapter } from '../types.js';
import { HELM_CODES } from './codes.js';
import { CI_VALUES, compileChart, VALUES_FILE } from './compile.js';

/**
 * Helm charts: a directory with Chart.yaml at its root. The chart is rendered with helm and its manifests read by
 * `manifests` (the Kubernetes format, given by the list of adapters: formats never import each other). Parse keeps the
 * chart's own files; the render, the Kubernetes format's stages on it and the values edits are the rewrite; facts and
 * verify read what the rewrite kept.
 */
export function helmAdapter(manifests: FormatAdapter): FormatAdapter<SourceFile[], undefined, FormatOutput> {
  return {
    name: 'helm',
    title: 'Helm',
    codes: HELM_CODES,
    codesIntro: 'Raised while compiling a Helm chart (a directory with Chart.yaml at its root).',
    select: (paths) =>
      paths.includes('Chart.yaml')
        ? paths.filter((p) => p === 'Chart.yaml' || p === 'requirements.yaml' || p === VALUES_FILE || CI_VALUES.test(p))
        : [],
    parse: (files) => ({ value: files, diagnostics: [] }),
    analyze: () => ({ value: undefined, diagnostics: [] }),
    rewrite: (_analysis, files, { spec, bindings, read, options }) => {
      const out = compileChart(manifests, files, spec, bindings, read, options);
      return {
        edits: out.edits,
        plan: out.plan ?? emptyPlan('helm'),
        diagnostics: out.diagnostics,
        ...(out.newFiles ? { newFiles: out.newFiles } : {}),
        ...(out.removedPaths ? { removedPaths: out.removedPaths } : {}),
        state: out,
      };
    },
    facts: (_analysis, rewritten) => rewritten.state.facts?.() ?? emptyFacts(),
    verify: (_analysis, rewritten) => ({
      ...(rewritten.state.leftovers ? { leftovers: rewritten.state.leftovers } : {}),
      ...(rewritten.state.parsed ? { parsed: rewritten.state.parsed } : {}),
    }),
  };
}
