// The customer's topic and group naming, decided once for every format: which settings hold names, what a prefix or
// an allow-list does to them, what is refused and with which code. A format supplies where the names live.
import type { Diagnostic } from '../core/diagnostic.js';
import type { Span } from '../core/span.js';
import { NAME_LIST, nameKind, NOT_A_NAME, renameNames, type NameVariables } from '../naming/index.js';
import { handoffName, type PlanId, type RenameItem } from '../plan/types.js';
import type { CustomerKafka } from '../spec/types.js';
import type { ConfigureCode } from './codes.js';

/** One place that holds a comma-separated list of topic or group names, as the format found it. */
export interface NameSite {
  /** How messages and the plan name the place (`env ORDERS_TOPIC`, `ORDERS_TOPIC via .env ORDERS`, `Topics`). */
  setting: string;
  /** How a refusal names the place, when not as `setting` (`env ORDERS_TOPIC`). */
  where?: string;
  /** The names as they stand. */
  value: string;
  /** Where a refusal points. */
  at: Span;
  /** Writes the names the customer's naming gives, in the same order (called only when they differ). */
  replace(next: string): void;
}

/** One client, as naming messages and the plan name it. */
export interface NamingClient {
  /** How messages name it: `service "api"`, `container "app" of Deployment/api`. */
  subject: string;
  /** What it is: the plan's renames name it by the handoff's name of it. */
  id: PlanId;
}

/** Where a client's names live: its settings, and the sites each setting's names sit at. */
export interface NamingSink {
  /** The client's settings, in the order they are checked. */
  keys(): Iterable<string>;
  /** The places a setting's names sit (its literal value; a default or a `.env` value it reads); none when not literal. */
  sites(key: string): NameSite[];
}

/** What naming decided: the refusals and the renames (the sites are already written). */
export interface NamingOutcome {
  diagnostics: Diagnostic[];
  renames: RenameItem[];
}

/**
 * Applies the customer's naming to one site: with a topic allow-list every name outside it is refused
 * (`CLIENT_TOPIC_NOT_ALLOWED`); with a prefix every name without it is prefixed and recorded as a rename.
 */
export function nameSite(spec: CustomerKafka, client: NamingClient, kind: 'topic' | 'group', site: NameSite, out: NamingOutcome): void {
  if (!NAME_LIST.test(site.value) || NOT_A_NAME.test(site.value)) return;
  const { next, renames, notAllowed } = renameNames(spec, kind, site.value);
  for (const topic of notAllowed) out.diagnostics.push(notAllowedDiagnostic(spec, client, topic, site.where ?? site.setting, site.at));
  if (next === site.value) return;
  for (const r of renames) out.renames.push({ service: handoffName(client.id), id: client.id, setting: site.setting, ...r, kind });
  site.replace(next);
}

/**
 * Applies the customer's naming to a client's settings: each setting its family, its binding or the defaults take as
 * topic names or group ids, and the topics its binding declares it produces or consumes (checked against the allow-list).
 */
export function configureNames(
  spec: CustomerKafka,
  client: NamingClient & {
    family?: NameVariables;
    binding?: NameVariables & { service: string; produces?: readonly string[]; consumes?: readonly string[] };
    /** Where a refusal of a declared topic points. */
    at: Span;
  },
  sink: NamingSink,
): NamingOutcome {
  const out: NamingOutcome = { diagnostics: [], renames: [] };
  if (!spec.topics?.prefix && !spec.topics?.allow && !spec.groups?.prefix) return out;
  for (const key of sink.keys()) {
    const kind = nameKind(key, client.family, client.binding);
    if (!kind) continue;
    for (const site of sink.sites(key)) nameSite(spec, client, kind, site, out);
  }
  const allow = spec.topics?.allow;
  const declared = [...(client.binding?.produces ?? []), ...(client.binding?.consumes ?? [])];
  for (const topic of declared.filter((t) => allow && !allow.includes(t)))
    out.diagnostics.push(notAllowedDiagnostic(spec, client, topic, `graft.yaml kafka.clients.${client.binding?.service ?? ''}`, client.at));
  return out;
}

function notAllowedDiagnostic(spec: CustomerKafka, client: NamingClient, topic: string, setting: string, at: Span): Diagnostic {
  return {
    code: 'CLIENT_TOPIC_NOT_ALLOWED' satisfies ConfigureCode,
    severity: 'error',
    message: `${client.subject} uses topic "${topic}" (${setting}), which the customer's allow-list does not include`,
    help: `ask the customer to add "${topic}" to topics.allow (allowed: ${(spec.topics?.allow ?? []).join(', ')})`,
    subject: at,
  };
}

/**
 * Writes a renamed list name by name: each name that changed is spliced at its own offset in `value`, so the
 * separators and spacing between names stay as they are.
 */
export function nameSplices(value: string, next: string): { start: number; end: number; text: string }[] {
  const before = [...value.matchAll(/[A-Za-z0-9._-]+/g)];
  const after = [...next.matchAll(/[A-Za-z0-9._-]+/g)].map((m) => m[0]);
  return before.flatMap((m, i) => {
    const text = after[i];
    return text === undefined || text === m[0] ? [] : [{ start: m.index, end: m.index + m[0].length, text }];
  });
}
