// What the setup server and its page exchange, as JSON. The page script (client/) is checked against these types too,
// so this module imports nothing.

/** A diagnostic as the page shows it: at the field it concerns (dotted spec path), never with a code frame. */
export interface FieldDiagnostic {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  help: string;
  /** Dotted path of the field, '' for the spec as a whole. */
  path: string;
  line?: number;
  col?: number;
}

/** A condition under which a field applies: every listed path holds one of its values. */
export interface Applies {
  path: string;
  when: { path: string; in: readonly string[] }[];
}

/** A starting point for a kind of cluster: the settings it needs, secret references in its usual store. */
export interface Preset {
  id: string;
  title: string;
  /** What the customer fills in or checks after choosing it. */
  note: string;
  /** An example of the cluster's bootstrap address, shown as the field's placeholder. */
  bootstrapExample: string;
  /** The tool the requirements' commands are shown for with this kind of cluster. */
  tool: string;
  spec: Record<string, unknown>;
}

/** A tool the requirements' commands can be shown for. */
export interface ToolInfo {
  id: string;
  title: string;
  note: string;
}

/** A requirement item as the page shows it. */
export interface WireItem {
  id: string;
  title: string;
  verifies: string;
  commands: string[];
  probes: string[];
}

/** `GET /api/state`. */
export interface StateReply {
  schema: Record<string, unknown>;
  applies: readonly Applies[];
  choices: Readonly<Record<string, readonly string[]>>;
  presets: readonly Preset[];
  tools: readonly ToolInfo[];
  data: Record<string, unknown>;
  specPath: string;
  requirementsPath?: string;
}

/** `POST /api/validate`. */
export interface ValidateReply {
  ok: boolean;
  diagnostics: FieldDiagnostic[];
  yaml?: string;
  tool: string;
  requirements: WireItem[];
}

/** One step of the check as the page receives it. */
export interface WireStep {
  probe: string;
  target: string;
  status: 'pass' | 'warn' | 'fail' | 'skip';
  detail: string;
  ms: number;
  diagnostics: FieldDiagnostic[];
}

/** A line of `POST /api/check`'s stream. */
export type CheckLine =
  | { type: 'start'; probe: string; target: string }
  | { type: 'end'; step: WireStep }
  | {
      type: 'done';
      ok: boolean;
      diagnostics: FieldDiagnostic[];
      counts: Record<'pass' | 'fail' | 'warn' | 'skip', number>;
      wallMs: number;
      items: Record<string, 'confirmed' | 'missing' | 'unchecked'>;
    };

/** `POST /api/save`. */
export type SaveReply = { ok: true; path: string; commands: string[] } | { ok: false; diagnostics: FieldDiagnostic[] };
