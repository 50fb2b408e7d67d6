import type { Span } from '../core/span.js';

/** A service dropped from the stack, and why. */
export interface DroppedItem {
  service: string;
  /** What was dropped, as data (its text is `service`). */
  id: PlanId;
  role: string;
  reason: string;
  at: Span;
}

/** Something removed because only dropped services used it (a dependency edge, a volume, a setting of the bundled Kafka). */
export interface RemovedItem {
  kind: 'depends_on' | 'links' | 'volume' | 'env' | 'setting' | 'volumes_from' | 'iam-statement' | 'security-group-rule' | 'provider';
  name: string;
  from?: string;
  /** What it was removed from, as data: the workload, resource or block of the stack (its text is `from`, where that is given). */
  fromId: PlanId;
  reason: string;
  at: Span;
}

/**
 * What a plan entry is about, as data: the plan's text names it for people, code reads this. A Compose service; a
 * Kubernetes resource (kind, namespace, name); a CloudFormation resource (type, logical id); a Terraform block (type,
 * address); one container of a workload or task, or another part of it (a pod volume, an inline policy).
 */
export interface PlanId {
  format: string;
  /** The origin file that declares it. */
  file: string;
  /** `service` (Compose), the Kubernetes kind, the CloudFormation resource type, the Terraform type (`module`, `local`, a resource type). */
  kind: string;
  /** The Compose service, the Kubernetes `metadata.name`, the CloudFormation logical id, the Terraform address. */
  name: string;
  /** The Kubernetes namespace, where the manifest gives one. */
  namespace?: string;
  /** One container of the workload or task. */
  container?: string;
  /** A part of it that is no container (`volume certs`, `policy kafka-access`, `Policies[0]`). */
  part?: string;
}

/**
 * The top level of an origin file, or one of its top-level sections (`volumes`, `Parameters`): what a removal is
 * removed from when that is no workload or resource (a Compose named volume, a CloudFormation parameter).
 */
export function fileId(format: string, file: string, section?: string): PlanId {
  return { format, file, kind: 'file', name: file, ...(section !== undefined ? { part: section } : {}) };
}

/** The workload a plan id names, without its container or part: the form secrets' `usedBy` gives. */
export function workloadLabel(id: PlanId): string {
  if (id.format === 'kubernetes') return `${id.kind}/${id.namespace ? `${id.namespace}/` : ''}${id.name}`;
  // a chart's value (`value kafka.brokers`)
  if (id.format === 'helm') return `${id.kind} ${id.name}`;
  return id.name;
}

/** The plan's display text of an id (`Deployment/shop/orders container web`, `OrdersTask container orders`, `orders`). */
export function planLabel(id: PlanId): string {
  const base = workloadLabel(id);
  return id.container !== undefined ? `${base} container ${id.container}` : id.part !== undefined ? `${base} ${id.part}` : base;
}

/** The handoff's name of what a plan id names: the workload, then its container (`Deployment/shop/orders/web`) or part. */
export function handoffName(id: PlanId): string {
  const base = workloadLabel(id);
  return id.container !== undefined ? `${base}/${id.container}` : id.part !== undefined ? `${base} ${id.part}` : base;
}

/** Tells whether two plan ids name the same thing. */
export function samePlanId(a: PlanId, b: PlanId): boolean {
  return (
    a.format === b.format &&
    a.file === b.file &&
    a.kind === b.kind &&
    a.name === b.name &&
    a.namespace === b.namespace &&
    a.container === b.container &&
    a.part === b.part
  );
}

/** A key for maps of plan ids: equal exactly when `samePlanId` says so (no display text, every field in a fixed order). */
export function planIdKey(id: PlanId): string {
  return JSON.stringify([id.format, id.file, id.kind, id.name, id.namespace ?? null, id.container ?? null, id.part ?? null]);
}

/** The workload or resource a plan id names, without its container or part. */
export function workloadId(id: PlanId): PlanId {
  const out: PlanId = { ...id };
  delete out.container;
  delete out.part;
  return out;
}

/**
 * The users of one secret, each under the name the plan gives it, sorted by name: the secret entry's `usedBy` and
 * `users` in one order.
 */
export function secretUsers(users: ReadonlyMap<string, PlanId | undefined>): Pick<SecretItem, 'usedBy' | 'users'> {
  const names = [...users.keys()].sort();
  const ids = names.flatMap((n) => users.get(n) ?? []);
  return { usedBy: names, ...(ids.length === names.length ? { users: ids } : {}) };
}

/** Where an id is inside what it names. */
export type PlanIdPart = Pick<PlanId, 'container' | 'part'>;

/** A client rewired to the customer's cluster. */
export interface RewiredItem {
  /** What the plan's text calls it. */
  service: string;
  /** What it is, as data. */
  id: PlanId;
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
  /** What reads it, as data, in the order of `usedBy` (the workload, or the container of a workload or task). */
  users?: PlanId[];
}

/** A topic or group name that the customer's naming rules changed. */
export interface RenameItem {
  service: string;
  /** The client whose setting holds the name, as data (its text is `service`). */
  id: PlanId;
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
