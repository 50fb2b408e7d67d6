import type { Diagnostic } from '../../core/diagnostic.js';
import type { FormatAdapter } from '../types.js';
import { analyzeManifests } from './analyze.js';
import { K8S_HOST_SUFFIX } from '../../core/endpoints.js';
import { parseManifests } from './parse.js';
import { manifestReferences } from './references.js';
import { rewriteManifests } from './rewrite.js';
import { k8sFacts } from './facts.js';
import { emptyFacts } from '../facts.js';
import { K8S_CODES } from './codes.js';

const YAML_FILE = /\.ya?ml$/;
// graft's own handoff (Strimzi KafkaTopic/KafkaUser for the customer) is not part of a compiled stack's manifests
const NOT_MANIFESTS = /(^|\/)(graft|kustomization|Chart|values[^/]*)\.ya?ml$|^handoff\//;

/** Kubernetes manifests (plain, Kustomize or Helm output): drops the in-cluster Kafka and rewires workloads. */
export const kubernetes = {
  name: 'kubernetes',
  title: 'Kubernetes',
  codes: K8S_CODES,
  codesIntro: 'Raised while compiling Kubernetes manifests.',
  select: (paths, peek) =>
    paths.filter(
      (p) => YAML_FILE.test(p) && !NOT_MANIFESTS.test(p) && /^\uFEFF?apiVersion\s*:/m.test(peek(p)) && /^\uFEFF?kind\s*:/m.test(peek(p)),
    ),
  compile: (sources, spec, bindings, read, options): ReturnType<FormatAdapter['compile']> => {
    const parsed = parseManifests(sources);
    const diagnostics: Diagnostic[] = [...parsed.diagnostics];
    if (diagnostics.some((d) => d.severity === 'error')) return { edits: new Map(), diagnostics };
    const analysis = analyzeManifests(parsed.resources, spec);
    const out = rewriteManifests(
      analysis,
      spec,
      bindings,
      options.externalSecretStore,
      options.preflight,
      read,
      parsed.docs,
      options.reloader,
    );
    return {
      edits: out.edits,
      plan: out.plan,
      diagnostics: [...diagnostics, ...out.diagnostics],
      newFiles: out.newFiles,
      facts: () => ({ ...k8sFacts(analysis, out.plan, emptyFacts()), reloaded: out.reloaded, workloadAccounts: out.workloadAccounts }),
      parsed: parsed.docs,
      leftovers: {
        hosts: [...analysis.kafkaHosts].sort(),
        hostSuffix: K8S_HOST_SUFFIX,
        names: [...analysis.dropped.keys()].map((r) => r.id).sort(),
        references: manifestReferences,
      },
    };
  },
} satisfies FormatAdapter;
