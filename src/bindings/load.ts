import { markSensitive, type Diagnostic } from '../core/diagnostic.js';
import type { SourceFile } from '../core/span.js';
import { checkSchema, parseYamlDoc, sensitiveSpans } from '../core/yaml-doc.js';
import { bindingsSchema } from './schema.js';
import type { Bindings, ClientBinding, InfraDeclaration } from './types.js';

/** Diagnostic codes of the bindings file. */
export const BINDINGS_CODES = {
  BINDINGS_YAML_SYNTAX: 'graft.yaml is not valid YAML (also: an alias without its anchor, aliases that expand without bound)',
  BINDINGS_UNKNOWN_FIELD: 'a field graft.yaml does not define',
  BINDINGS_MISSING_FIELD: 'a required field of graft.yaml is absent',
  BINDINGS_WRONG_TYPE: 'a field of graft.yaml has the wrong type',
  BINDINGS_INVALID_VALUE: 'a field of graft.yaml has a value outside what it allows',
} as const;

/** Parses and checks the vendor's `graft.yaml`. */
export function loadBindings(source: SourceFile): { bindings?: Bindings; diagnostics: Diagnostic[] } {
  const parsed = parseYamlDoc(source, 'BINDINGS');
  if (!parsed.doc) return { diagnostics: parsed.diagnostics };
  const diagnostics = checkSchema(parsed.doc, bindingsSchema, 'BINDINGS');
  if (diagnostics.length > 0) return { diagnostics: markSensitive(diagnostics, sensitiveSpans(parsed.doc)) };
  const data = parsed.doc.data as {
    kafka?: {
      clients?: Record<string, Omit<ClientBinding, 'service'>>;
      infrastructure?: InfraDeclaration[];
      replaces?: string;
      noClients?: boolean;
    };
  };
  const clients = new Map<string, ClientBinding>();
  for (const [service, b] of Object.entries(data.kafka?.clients ?? {})) clients.set(service, { service, ...b });
  const infrastructure = new Map((data.kafka?.infrastructure ?? []).map((d) => [d.service, d] as const));
  const replaces = data.kafka?.replaces;
  const noClients = data.kafka?.noClients === true;
  return {
    bindings: { file: source.path, clients, infrastructure, ...(replaces ? { replaces } : {}), ...(noClients ? { noClients } : {}) },
    diagnostics,
  };
}
