import type { SourceLookup } from '../core/diagnostic.js';
import { diagnosticToJson } from '../core/diagnostic.js';
import type { CompileResult } from '../compile/pipeline.js';
import { redactMessage } from '../core/redact.js';
import { positionAt, type Span } from '../core/span.js';
import { GRAFT_VERSION } from './version.js';

export { GRAFT_VERSION };

/** Builds the machine-readable report: the plan with positions resolved, paths relative to the stack. */
export function buildReport(result: CompileResult, relativeTo: (p: string) => string): Record<string, unknown> {
  const lookup: SourceLookup = (p) => result.sources.get(p);
  const at = (s: Span): { file: string; line: number } => {
    const src = lookup(s.file);
    return { file: relativeTo(s.file), line: src ? positionAt(src, s.start).line : 0 };
  };
  const plan = result.plan;
  const spec = result.spec;
  return redactStrings({
    graft: GRAFT_VERSION,
    format: plan.format,
    customer: spec
      ? {
          bootstrapServers: spec.bootstrapServers,
          securityProtocol: spec.securityProtocol,
          ...(spec.sasl ? { saslMechanism: spec.sasl.mechanism } : {}),
          ...(spec.schemaRegistry ? { schemaRegistry: spec.schemaRegistry.url } : {}),
          ...(spec.topics ? { topics: spec.topics } : {}),
          ...(spec.groups ? { groups: spec.groups } : {}),
        }
      : undefined,
    // the plan ids stay in memory for the handoff: the report keeps the plan's names
    dropped: plan.dropped.map((d) => withoutId({ ...d, at: at(d.at) })),
    removed: plan.removed.map((r) => withoutFromId({ ...r, at: at(r.at) })),
    rewired: plan.rewired.map((r) => withoutId({ ...r, at: at(r.at) })),
    renames: plan.renames.map(withoutId),
    secrets: plan.secrets.map(withoutUsers),
    topicsToCreate: plan.topicsToCreate,
    changedFiles: result.files.filter((f) => f.changed).map((f) => f.path),
    diagnostics: result.diagnostics.map((d) => {
      const j = diagnosticToJson(d, lookup);
      return typeof j.file === 'string' ? { ...j, file: relativeTo(j.file) } : j;
    }),
  });
}

/** An entry without its structured id. */
function withoutId<T extends { id?: unknown }>(entry: T): Omit<T, 'id'> {
  const out: T = { ...entry };
  delete out.id;
  return out;
}

/** A removal without the structured id of what it was removed from. */
function withoutFromId<T extends { fromId?: unknown }>(entry: T): Omit<T, 'fromId'> {
  const out: T = { ...entry };
  delete out.fromId;
  return out;
}

/** A secret entry without the structured ids of its users. */
function withoutUsers<T extends { users?: unknown }>(entry: T): Omit<T, 'users'> {
  const out: T = { ...entry };
  delete out.users;
  return out;
}

// the plan quotes the stack's settings (matched values, notes), which may carry URL credentials or a JAAS password
function redactStrings<T>(value: T): T {
  if (typeof value === 'string') return redactMessage(value) as T;
  if (Array.isArray(value)) return value.map(redactStrings) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(v)])) as T;
  }
  return value;
}
