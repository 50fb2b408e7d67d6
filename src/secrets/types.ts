import type { SpecCode } from '../spec/codes.js';
import type { SecretValue } from '../spec/types.js';
import type { SecretRef } from './refs.js';

export type { SecretRef } from './refs.js';

/** The name of a secret store, as the customer writes it under `secretRef`. */
export type StoreKind = SecretRef['store'];

/** The reference of one store. */
export type RefOf<K extends StoreKind> = Extract<SecretRef, { store: K }>;

/** A spec secret whose reference is known to be in one store. */
export type StoredSecret<K extends StoreKind = StoreKind> = SecretValue & { secretRef: RefOf<K> };

/** A problem of a reference the JSON Schema cannot see; `at` is relative to the reference's `secretRef`. */
export interface RefProblem {
  code: SpecCode;
  at: string[];
  message: string;
  help: string;
}

/** How Docker Compose reads a secret: a top-level `secrets:` entry, and the host variable it can interpolate. */
export interface ComposeSource {
  /** The entry's one key and value: `environment: NAME` or `file: /path`. */
  key: 'environment' | 'file';
  value: string;
  /** The host environment variable Compose can put into a value as `${NAME}`, when the store is one. */
  variable?: string;
  /** The customer provides the secret's bytes as a file, so a trailing newline in it is read as is. */
  customerFile: boolean;
}

/** How a Kubernetes workload reads a secret: a Secret key, or a key External Secrets syncs from the store. */
export type KubernetesSource =
  { kind: 'secret'; name: string; key: string } | { kind: 'sync'; remoteRef: { key: string; property?: string } };

/** A customer secret as AWS services address it: a Secrets Manager secret (optionally one JSON key) or an SSM parameter. */
export type AwsSecret =
  { store: 'secretsManager'; arn: string; key?: string; kmsKeyArn?: string } | { store: 'ssm'; name: string; kmsKeyArn?: string };

/** What an ECS task execution role needs to inject a secret: the IAM action, and the resource with placeholders. */
export interface AwsGrant {
  action: 'secretsmanager:GetSecretValue' | 'ssm:GetParameters';
  /**
   * The resource: `id` stands for the secret's ARN or parameter name as the template holds it, `partition`, `region`
   * and `account` for the deployment's own; the result is exactly `id` when the resource is the ARN itself.
   */
  resource(slots: { id: string; partition: string; region: string; account: string }): string;
}

/** Where `graft check` can read a secret on the machine it runs on. */
export type LocalSource = { kind: 'env'; name: string } | { kind: 'file'; path: string };

/** What the handoff's creation commands know besides the secrets. */
export interface HandoffContext {
  /** The namespaces the stack deploys to (Kubernetes), none when unknown. */
  namespaces: string[];
  /** Whether the secret is a PEM certificate or key, whose file keeps its bytes (a typed value's loses its final newline). */
  isPem(secret: SecretValue): boolean;
  /**
   * `kafka_ca.pem`, `schema_registry_password`: the local file the customer puts the value in, from which every command
   * reads it (no value is typed on a command line, where a `'` would end its quotes).
   */
  file(secret: SecretValue): string;
}

/**
 * One secret store: everything graft knows about references to it. Adding a store is one folder implementing this,
 * its reference type in `SecretRef` and its entry in the registry (`index.ts`); the compiler then names every platform
 * switch that must decide what the store means there.
 */
export interface SecretStore<K extends StoreKind> {
  readonly kind: K;
  /** The JSON Schema of `secretRef.<kind>`, with its description, as `graft schema` publishes it. */
  readonly schema: Readonly<Record<string, unknown>>;
  /** The rules the JSON Schema cannot express. */
  check(ref: RefOf<K>): RefProblem[];
  /** For plans and reports, never the value: `env KAFKA_PASSWORD`. */
  describe(ref: RefOf<K>): string;
  /** For the plan, where a platform reads the secret from: `environment variable KAFKA_PASSWORD`. */
  source(ref: RefOf<K>): string;
  /** Docker Compose: undefined when Compose cannot read the store. */
  compose(ref: RefOf<K>): ComposeSource | undefined;
  /** Kubernetes workloads: undefined when neither a Secret nor External Secrets can provide it. */
  kubernetes(ref: RefOf<K>): KubernetesSource | undefined;
  /** AWS services (ECS `valueFrom`, Lambda source access, IAM grants): undefined when they cannot read the store. */
  aws(ref: RefOf<K>): AwsSecret | undefined;
  /** `graft check`: where it reads the value itself, undefined when it needs the value handed to it. */
  local(ref: RefOf<K>): LocalSource | undefined;
  /** The handoff's commands that create the secrets in the store, each value read from its file (no trailing newline added). */
  readonly handoff: {
    /** Kubernetes Secrets come first (one per namespace), then the other stores in spec order. */
    readonly phase: 0 | 1;
    /** Secrets sharing one object of the store (a Secret, a JSON secret) are created by one command: its identity. */
    group(ref: RefOf<K>): string;
    /** The commands creating one group's object. */
    commands(group: readonly StoredSecret<K>[], ctx: HandoffContext): string[];
    /**
     * At rotation, the commands that replace one group's values in the object that exists, each value read from its
     * file (`ctx.file`) so none is typed on a command line; absent when the platform's own update is given elsewhere.
     */
    updates?(group: readonly StoredSecret<K>[], ctx: HandoffContext): string[];
  };
}
