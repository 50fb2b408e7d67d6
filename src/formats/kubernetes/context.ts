// What every Kubernetes rewrite step shares: the analysis, the customer's spec, the plan, editors, and the endpoint rewiring.
import type { Scalar, YAMLMap } from 'yaml';
import type { Bindings } from '../../bindings/types.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import { findEndpointRuns, findUrls, k8sHostSuffix, renderBootstrap, spliceAll } from '../../core/endpoints.js';
import type { Plan, PlanId, PlanIdPart } from '../../plan/types.js';
import type { FileName } from '../types.js';
import type { CustomerKafka } from '../../spec/types.js';
import type { YamlEditor } from '../yaml/editor.js';
import type { K8sAnalysis } from './analyze.js';
import type { FileMount } from './config-mounts.js';
import type { Resource } from './parse.js';
import type { K8sSecrets } from './secrets.js';

/** Shared state of one Kubernetes rewrite. */
export interface K8sContext {
  analysis: K8sAnalysis;
  spec: CustomerKafka;
  bindings?: Bindings;
  plan: Plan;
  diagnostics: Diagnostic[];
  secrets: K8sSecrets;
  /** Topics and groups the rewired properties files name, for the handoff. */
  fileNames: FileName[];
  /** Client properties files held in kept ConfigMaps, and what the containers mounting them need. */
  files: ConfigFiles;
  editorOf(r: Pick<Resource, 'file'>): YamlEditor;
}

export type FileFamily = 'java-properties' | 'librdkafka-properties';

/** What graft does with one ConfigMap data key that holds a Kafka client's properties file. */
export interface ConfigFilePlan {
  key: string;
  family?: FileFamily;
  /** The new data value: bootstrap rewired and, unless `reason` says why not, the security settings added. */
  text: string;
  /** Property keys given a new value. */
  set: string[];
  /** The origin's security settings for the bundled Kafka, removed from the file. */
  removed: string[];
  mounts: FileMount[];
  notes: string[];
  /** Secret file names the settings read, mounted in every container listed in `mounts`. */
  secretNames: string[];
  /** JVM system properties the Java client needs (the OAuth token endpoint allow-list). */
  systemProps: Record<string, string>;
  /** Why no security settings were added: something graft truly cannot do from configuration. */
  reason?: { why: string; help: string };
  /**
   * Settings whose value is a secret the client reads only inside the file (librdkafka's `sasl.password`), by key: the
   * secret file name an init container appends to the bound containers' copy of the file when the pod starts.
   */
  assemble?: Record<string, string>;
}

/** A file an init container assembles for one container: the ConfigMap's text, then each secret setting. */
export interface AssembledFile {
  mount: FileMount;
  /** Setting key → secret file name in the pod's graft-secrets volume. */
  settings: Record<string, string>;
}

/** What the containers that mount such files need, and which files were configured. */
export interface ConfigFiles {
  byValue: Map<Scalar, ConfigFilePlan>;
  /** Per container node: secret file names to mount and JVM system properties to add. */
  needs: Map<YAMLMap, { names: Set<string>; systemProps: Record<string, string>; assemble?: AssembledFile[] }>;
  /** The ConfigMap data key written, by `workload id|container|path` of every file whose settings were written. */
  written: Map<string, string>;
}

/** Rewrites endpoint runs and registry URLs in a string; returns the new text and what matched. */
export function rewireText(ctx: K8sContext, value: string): { text: string; matched: boolean; customer: boolean } {
  const { spec, analysis } = ctx;
  // a customer host that happens to start with a dropped Service's name is not a Kubernetes name
  const runs = findEndpointRuns(value, analysis.kafkaHosts, k8sHostSuffix(analysis.kafkaHosts, analysis.namespaces)).filter(
    (r) => !spec.bootstrapServers.some((s) => r.text.includes(s)),
  );
  let text = spliceAll(
    value,
    runs.map((r) => ({ ...r, text: renderBootstrap(spec.bootstrapServers, spec.securityProtocol, r) })),
  );
  const registry = spec.schemaRegistry?.url.replace(/\/$/, '');
  if (registry) {
    text = spliceAll(
      text,
      findUrls(text, analysis.registryHosts, k8sHostSuffix(analysis.registryHosts, analysis.namespaces)).map((u) => ({
        ...u,
        text: registry + (u.text.endsWith('/') ? '/' : ''),
      })),
    );
  }
  const customer = spec.bootstrapServers.some((s) => value.includes(s));
  return { text, matched: text !== value, customer };
}

/** The structured id of a plan entry about a resource (or one of its containers or volumes). */
export function planId(r: Resource, part: PlanIdPart = {}): PlanId {
  return {
    format: 'kubernetes',
    file: r.file.path,
    kind: r.kind,
    name: r.name,
    ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
    ...part,
  };
}
