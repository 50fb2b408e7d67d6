import type { Diagnostic } from '../core/diagnostic.js';
import type { SourceFile } from '../core/span.js';
import type { Requirements } from './requirements.js';
import type { SecretSource } from './secrets.js';

/** How one checklist line ended. */
export type StepStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** One line of the checklist: a probe against one target. */
export interface CheckStep {
  /** Probe name, e.g. `tcp`, `tls`, `topics`. */
  probe: string;
  /** What was probed, e.g. `127.0.0.1:9092` or `12 topics`. */
  target: string;
  status: StepStatus;
  /** One-line result: latency, versions, counts, or why it was skipped. */
  detail: string;
  ms: number;
  diagnostics: Diagnostic[];
}

/** Request counts of one check run: how many round trips it took. */
export interface CheckStats {
  /** Kafka requests by API name (ApiVersions, Metadata, ...). */
  kafka: Record<string, number>;
  /** HTTP requests (token endpoint, schema registry). */
  http: number;
  /** TCP connections opened (probes and Kafka sessions). */
  connections: number;
}

/** Everything `graft check` found. */
export interface CheckReport {
  ok: boolean;
  spec: string;
  steps: CheckStep[];
  /** Spec warnings plus every step's diagnostics. */
  diagnostics: Diagnostic[];
  stats: CheckStats;
  wallMs: number;
  /** The files diagnostics point into, for code frames. */
  sources: Map<string, SourceFile>;
}

/** Progress events for a live display. */
export type CheckEvent = { type: 'start'; probe: string; target: string } | { type: 'end'; step: CheckStep };

/** Inputs of {@link runCheck}. */
export interface CheckOptions {
  /** Path of the customer spec (`kind: CustomerKafka`). */
  spec: string;
  /** The spec's text when it is not read from `spec` (`graft setup` checks the form as it stands); `spec` names it. */
  specText?: string;
  /** Path of a requirements file, or the parsed requirements. */
  requirements?: string | Requirements;
  /** Where secret values come from (default: env refs from `env`, file refs from their paths). */
  secrets?: SecretSource;
  /** Bound of every network step in ms (default 10000). */
  timeoutMs?: number;
  /** Environment to read `env` secret refs and AWS settings from (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  onEvent?: (e: CheckEvent) => void;
}
