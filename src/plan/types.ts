import type { Span } from '../core/span.js';

/** A service dropped from the stack, and why. */
export interface DroppedItem {
  service: string;
  role: string;
  reason: string;
  at: Span;
}

/** Something removed because only dropped services used it (a dependency edge, a volume, a setting of the bundled Kafka). */
export interface RemovedItem {
  kind: 'depends_on' | 'links' | 'volume' | 'env' | 'setting' | 'volumes_from' | 'iam-statement' | 'security-group-rule' | 'provider';
  name: string;
  from?: string;
  reason: string;
  at: Span;
}

/** A client rewired to the customer's cluster. */
export interface RewiredItem {
  service: string;
  family: string;
  /** The references that made graft treat it as a Kafka client, e.g. `env KAFKA_BROKERS = kafka:9092`. */
  matched: string[];
  /** Settings set or changed, by name. */
  changed: string[];
  notes: string[];
  at: Span;
}

/** A customer secret the deployment stack references. */
export interface SecretItem {
  name: string;
  ref: string;
  specPath: string;
  usedBy: string[];
}

/** A topic or group name that the customer's naming rules changed. */
export interface RenameItem {
  service: string;
  setting: string;
  from: string;
  to: string;
  kind: 'topic' | 'group';
}

/** What `graft plan` shows and `graft-report.json` records. */
export interface Plan {
  format: string;
  dropped: DroppedItem[];
  removed: RemovedItem[];
  rewired: RewiredItem[];
  secrets: SecretItem[];
  renames: RenameItem[];
  /** Topics the stack created for itself that the customer must now create. */
  topicsToCreate: string[];
  notes: string[];
}

/** A new, empty plan for a format. */
export function emptyPlan(format: string): Plan {
  return { format, dropped: [], removed: [], rewired: [], secrets: [], renames: [], topicsToCreate: [], notes: [] };
}
