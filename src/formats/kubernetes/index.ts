import type { FileName, FormatAdapter, WorkloadAccount } from '../types.js';
import { analyzeManifests, type K8sAnalysis } from './analyze.js';
import { k8sHostSuffix } from '../../core/endpoints.js';
import { parseManifests } from './parse.js';
import { kustomizeNamespaces } from './kustomize.js';
import { manifestReferences } from './references.js';
import { rewriteManifests } from './rewrite.js';
import { k8sFacts } from './facts.js';
import { emptyFacts } from '../facts.js';
import { K8S_CODES } from './codes.js';

/** parse: every manifest's documents and the resources in them, and the namespaces the stack's kustomizations set. */
type Manifests = ReturnType<typeof parseManifests> & { kustomized: ReturnType<typeof kustomizeNamespaces> };

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
  parse: (sources, { read, paths }) => {
    const parsed = parseManifests(sources);
    return { value: { ...parsed, kustomized: kustomizeNamespaces(parsed.resources, read, paths) }, diagnostics: parsed.diagnostics };
  },
  analyze: (parsed, { spec }) => ({ value: analyzeManifests(parsed.resources, spec, parsed.kustomized), diagnostics: [] }),
  rewrite: (analysis, parsed, { spec, bindings, read, options }) => {
    const { reloaded, workloadAccounts, fileNames, ...out } = rewriteManifests(
      analysis,
      spec,
      bindings,
      options.externalSecretStore,
      options.preflight,
      read,
      parsed.docs,
      options.reloader,
    );
    return { ...out, state: { reloaded, workloadAccounts, fileNames } };
  },
  facts: (analysis, rewritten) => ({
    ...k8sFacts(analysis, rewritten.plan, emptyFacts()),
    reloaded: rewritten.state.reloaded,
    workloadAccounts: rewritten.state.workloadAccounts,
    fileNames: rewritten.state.fileNames,
  }),
  verify: (analysis, _rewritten, parsed) => ({
    parsed: parsed.docs,
    leftovers: {
      hosts: [...analysis.kafkaHosts].sort(),
      hostSuffix: k8sHostSuffix(analysis.kafkaHosts, analysis.namespaces),
      hostKeys: true,
      names: [...analysis.dropped.keys()].map((r) => r.id).sort(),
      references: manifestReferences,
    },
  }),
} satisfies FormatAdapter<Manifests, K8sAnalysis, { reloaded: string[]; workloadAccounts: WorkloadAccount[]; fileNames: FileName[] }>;
