import type { Bindings } from '../bindings/types.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Edit } from '../core/edit.js';
import type { SourceFile } from '../core/span.js';
import type { Document } from 'yaml';
import type { Tree } from './terraform/hcl.js';
import type { Plan } from '../plan/types.js';
import type { PreflightInput } from '../preflight/index.js';
import type { CustomerKafka } from '../spec/types.js';

/** Reads a stack file by its path relative to the stack root, registering it as a source. */
export type StackReader = (relPath: string) => SourceFile | undefined;

/** Choices the user makes for one compile. */
export interface CompileOptions {
  /** Kubernetes: sync secrets from other stores through this External Secrets Operator store (`name` or `SecretStore/name`). */
  externalSecretStore?: string;
  /**
   * Kubernetes: annotate each rewired Deployment, StatefulSet and DaemonSet with the customer Secrets it reads
   * (`secret.reloader.stakater.com/reload`), so Stakater Reloader restarts it when one changes.
   */
  reloader?: boolean;
  /** Add a one-shot job that runs `graft check` with the services' own configuration before they start. */
  preflight?: PreflightInput;
}

/** What the compile dropped, which no kept file may still name: host names of dropped services (`host:port`, URLs). */
export interface Leftovers {
  hosts: string[];
  /** A pattern after each host name its DNS forms may carry (e.g. `.namespace.svc.cluster.local`). */
  hostSuffix?: string;
  /** Names of dropped services or resources, which no reference in a kept file of the format may name. */
  names?: string[];
  /** The references in one file of the format (`depends_on`, `links`, `DependsOn`, `!Ref`, ...), as offsets into its text. */
  references?: (file: SourceFile, docs?: readonly Document.Parsed[]) => Reference[];
  /**
   * What only dropped services read: stack paths (files or folders, such as a broker's mounted `server.properties`),
   * or a part of a file (`start`/`end` offsets, such as a service definition only dropped services extend).
   */
  unread?: { path: string; start?: number; end?: number }[];
}

/** A reference from a stack file to a service or resource by name. */
export interface Reference {
  name: string;
  via: string;
  start: number;
  end: number;
}

/** A topic the origin stack created for itself (a topic resource, a helper's create command), and what created it. */
export interface CreatedTopic {
  name: string;
  partitions?: number;
  replicationFactor?: number;
  configs: Record<string, string>;
  createdBy: string;
}

/** An ACL the vendor's own Strimzi KafkaUser declared (a hint of what the services do). */
export interface VendorAcl {
  user: string;
  resourceType: string;
  name: string;
  patternType: string;
  operations: string[];
}

/** A literal environment variable of a rewired client. */
export interface ClientEnv {
  /** The service as the handoff names it (`orders`, or `Deployment/ns/orders/orders` for a container). */
  service: string;
  /** The binding key in graft.yaml (Compose service or workload name). */
  bindingKey: string;
  key: string;
  value: string;
}

/**
 * What the origin stack says about its Kafka use, from the compile's own parse and analysis, for the customer handoff:
 * topics it created, create commands graft could not read, the vendor's ACLs, the literal environment of rewired clients.
 */
export interface StackFacts {
  created: CreatedTopic[];
  unparsed: { by: string; command: string }[];
  vendorAcls: VendorAcl[];
  env: ClientEnv[];
  /** Kubernetes namespaces of the rewired workloads, where the customer's Secrets must live. */
  namespaces?: string[];
  /** The handoff's name of each rewired container, by the plan's name of it (`Deployment/ns/app container web` → `Deployment/ns/app/web`). */
  clients?: Map<string, string>;
  /** Kubernetes workloads annotated for Stakater Reloader (`--reloader`), as the plan names them (`Deployment/ns/name`). */
  reloaded?: string[];
}

/**
 * The stages of a format, in the order the pipeline's compile runs them: **parse** (files into documents with ranges),
 * **analyze** (what is Kafka infrastructure, what is dropped, which services are clients), **rewrite** (edits as
 * `{span, text}`, new files, the plan), **facts** (what the handoff needs, from the same analysis), **verify** (what the
 * output must no longer name, and the origin documents the verifier may reuse).
 */
export type FormatStage = 'parse' | 'analyze' | 'rewrite' | 'facts' | 'verify';

/** What one compile of a format gives the pipeline: each stage's product. */
export interface FormatOutput {
  /** rewrite: edits per origin file path. */
  edits: Map<string, Edit[]>;
  /** rewrite: the plan. */
  plan?: Plan;
  /** every stage's diagnostics, in stage order. */
  diagnostics: Diagnostic[];
  /** rewrite: files graft writes whole, by path relative to the stack root. */
  newFiles?: Map<string, string>;
  /** facts: what the handoff needs, from the compile's own parse and analysis; run when the handoff asks. */
  facts?: () => StackFacts;
  /** verify: what was dropped, which no kept file may still name. */
  leftovers?: Leftovers;
  /** verify: the YAML documents parse gave for each origin file path, so the verifier does not parse the origin again. */
  parsed?: Map<string, readonly Document.Parsed[]>;
  /** verify: the syntax tree parse gave for each origin file path, so the verifier parses only what the edits changed. */
  trees?: Map<string, Tree>;
}

/** How a format adapter plugs into the compile pipeline. */
export interface FormatAdapter {
  name: string;
  /** The format as docs name it, e.g. "Docker Compose". */
  title: string;
  /** Its diagnostic codes, each with what it means (docs/diagnostics.md lists them). */
  codes: Readonly<Record<string, string>>;
  /** When its codes are raised, for docs/diagnostics.md. */
  codesIntro: string;
  /** Loads what the format needs before its first compile (e.g. a parser in WebAssembly). */
  prepare?(): Promise<void>;
  /** Tells whether `prepare` has completed. */
  ready?(): boolean;
  /** Picks the files of a stack this format handles, in the order they apply; `peek` reads a file's text. */
  select(paths: readonly string[], peek: (relPath: string) => string): string[];
  /** Files of the stack that look like the format's own but `select` left out, which the compile would silently miss. */
  overlooked?(paths: readonly string[], selected: readonly string[], peek: (relPath: string) => string): Diagnostic[];
  /** Runs the stages (parse → analyze → rewrite → facts → verify's inputs); stops after the first stage with an error. */
  compile(
    files: SourceFile[],
    spec: CustomerKafka,
    bindings: Bindings | undefined,
    read: StackReader,
    options: CompileOptions,
  ): FormatOutput;
}
