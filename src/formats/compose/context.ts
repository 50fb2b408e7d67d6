// What every Compose rewrite step shares: the analysis, the customer's spec, the plan and the edits so far.
import type { Bindings } from '../../bindings/types.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { Edit } from '../../core/edit.js';
import type { Span } from '../../core/span.js';
import type { Plan, PlanId } from '../../plan/types.js';
import type { CustomerKafka } from '../../spec/types.js';
import type { FileName, StackReader } from '../types.js';
import type { YamlEditor } from '../yaml/editor.js';
import type { ComposeAnalysis } from './analyze.js';
import type { ComposeService } from './parse.js';
import type { ComposeSecrets } from './secrets.js';

/** Shared state of one rewrite. */
export interface RewriteContext {
  analysis: ComposeAnalysis;
  spec: CustomerKafka;
  bindings?: Bindings;
  plan: Plan;
  diagnostics: Diagnostic[];
  secrets: ComposeSecrets;
  /** Files clients need, written as Compose configs with inline content (already escaped). */
  configs: { service: string; target: string; content: string }[];
  /** Properties files a one-shot service assembles for their clients before they start. */
  renders: RenderRequest[];
  /** One-shot services a service waits for (`depends_on` with `service_completed_successfully`). */
  waits: { def: ComposeService; name: string }[];
  /** Reads other stack files (properties files clients mount). */
  read: StackReader;
  /** Topics and groups the services' properties files name, for the handoff. */
  fileNames: FileName[];
  /** Edits to files that are not Compose files. */
  fileEdits: Map<string, Edit[]>;
  editorOf(x: { file: { source: { path: string } } }): YamlEditor;
  /** What each kept service wants of a value it shares with others (an anchor, an env file line, a shared environment). */
  sharing: Map<object, SharedValue>;
  /** Variables graft added to each service, for the services that extend it. */
  added: Map<string, [string, string][]>;
  /** Records an edit to a file that is not a Compose file (env files, .env), once. */
  fileEdit: (span: Span, text: string) => void;
}

/** A file a render service writes for one client. */
export interface RenderRequest {
  def: ComposeService;
  /** The path the client reads the file at. */
  file: string;
  /** The stack file (relative to the Compose file) that holds the non-secret settings. */
  source: string;
  /** Each secret setting and the Compose secret holding its value. */
  settings: Record<string, string>;
}

/** A value several services read from one place, and what graft would make of it for each. */
export interface SharedValue {
  label: string;
  at: Span;
  wants: Map<string, string>;
}

/** The structured id of a plan entry about a service, declared in `file`. */
export function servicePlanId(name: string, file: string): PlanId {
  return { format: 'compose', file, kind: 'service', name };
}
