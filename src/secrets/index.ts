import type { SecretValue } from '../spec/types.js';
import { awsSecretsManagerStore } from './awsSecretsManager/index.js';
import { awsSsmStore } from './awsSsm/index.js';
import { envStore } from './env/index.js';
import { fileStore } from './file/index.js';
import { kubernetesStore } from './kubernetes/index.js';
import type { HandoffContext, RefOf, SecretRef, SecretStore, StoreKind, StoredSecret } from './types.js';

export type * from './types.js';

/** Every secret store, by the name the customer writes under `secretRef`; the order is the schema's. */
export const STORES: { readonly [K in StoreKind]: SecretStore<K> } = {
  env: envStore,
  file: fileStore,
  kubernetes: kubernetesStore,
  awsSecretsManager: awsSecretsManagerStore,
  awsSsm: awsSsmStore,
};

/** The store names, in schema order. */
export const STORE_KINDS = Object.keys(STORES) as StoreKind[];

/** The store a reference points into. */
export function storeOf<K extends StoreKind>(ref: RefOf<K>): SecretStore<K> {
  return STORES[ref.store];
}

/**
 * Reads `secretRef` as the customer wrote it (`{ env: NAME }`, `{ kubernetes: { name, key } }`) into a reference
 * with its `store`; undefined when it names no store. Its content is taken as written: the JSON Schema and the
 * store's rules judge it.
 */
export function parseSecretRef(raw: unknown): SecretRef | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const written = raw as Record<string, unknown>;
  const kind = STORE_KINDS.find((k) => Object.hasOwn(written, k));
  return kind === undefined ? undefined : ({ store: kind, [kind]: written[kind] } as unknown as SecretRef);
}

/** The JSON Schema of `secretRef`: exactly one store, each with its own fragment. */
export function secretRefSchema(): Record<string, unknown> {
  return {
    type: 'object',
    description: "Where the secret lives in the customer's store. Exactly one kind.",
    minProperties: 1,
    maxProperties: 1,
    additionalProperties: false,
    properties: Object.fromEntries(STORE_KINDS.map((k) => [k, STORES[k].schema])),
  };
}

/** Describes a secret reference for plans and reports, never its value: `env KAFKA_PASSWORD`. */
export function describeRef(ref: SecretRef): string {
  return storeOf(ref).describe(ref);
}

/** Describes, for the plan, where a platform reads a secret from: `Secret kafka key password`. */
export function describeSource(ref: SecretRef): string {
  return storeOf(ref).source(ref);
}

/**
 * The commands that create every secret in the customer's stores, each value read from its file: Kubernetes Secrets
 * first, then the other stores' objects in spec order, one command per object the store creates at once.
 */
export function creationCommands(secrets: readonly SecretValue[], ctx: HandoffContext): string[] {
  return storeGroups(secrets).flatMap((g) => g.store.handoff.commands(g.members, ctx));
}

/**
 * At rotation, the commands that put new values into the objects that exist, one group at a time as created, each value
 * read from its file: every object holding a secret `rotated` selects, with all the values it holds (an update replaces
 * the object); the secrets they read, so the customer knows which files to write.
 */
export function updateCommands(
  secrets: readonly SecretValue[],
  rotated: (secret: SecretValue) => boolean,
  ctx: HandoffContext,
): { reads: StoredSecret[]; commands: string[] } {
  const groups = storeGroups(secrets).filter((g) => g.store.handoff.updates && g.members.some(rotated));
  return {
    reads: groups.flatMap((g) => g.members),
    commands: groups.flatMap((g) => g.store.handoff.updates?.(g.members, ctx) ?? []),
  };
}

/** The spec's secrets by the object of their store that holds them: Kubernetes Secrets first, then spec order. */
function storeGroups(secrets: readonly SecretValue[]): { store: SecretStore<StoreKind>; members: StoredSecret[] }[] {
  const groups = new Map<string, { store: SecretStore<StoreKind>; members: StoredSecret[] }>();
  for (const s of secrets) {
    const store = storeOf(s.secretRef);
    const id = `${store.kind}\0${store.handoff.group(s.secretRef)}`;
    const g = groups.get(id) ?? { store, members: [] };
    g.members.push(s);
    groups.set(id, g);
  }
  return [...groups.values()].sort((a, b) => a.store.handoff.phase - b.store.handoff.phase);
}
