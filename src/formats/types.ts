import type { Bindings } from '../bindings/types.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Edit } from '../core/edit.js';
import type { SourceFile } from '../core/span.js';
import type { Document } from 'yaml';
import type { Tree } from './terraform/hcl.js';
import type { Plan, PlanId } from '../plan/types.js';
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
  /**
   * Whether a host given alone under a `host`/`hostname` key (its port in a key of its own, as Akka discovery's
   * endpoints have it) counts as naming it too: set by formats whose files hold such application configuration.
   */
  hostKeys?: boolean;
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
  /** The client as data: the rewired plan entry's id (the workload, and its container where it has containers). */
  id: PlanId;
  /** The service as the handoff names it (`orders`, or `Deployment/ns/orders/orders` for a container): `handoffName(id)`. */
  service: string;
  /** The binding key in graft.yaml (Compose service or workload name). */
  bindingKey: string;
  key: string;
  value: string;
}

/** A topic or group a rewired client's properties file names (before the customer's naming), for the handoff's grants. */
export interface FileName {
  /** The client as the handoff names it (a Compose service, a ConfigMap's data key). */
  service: string;
  /** The file and the property that names it (`/etc/app/client.properties group.id`; an implicit name says `(unset)`). */
  where: string;
  setting: string;
  kind: 'topic' | 'group';
  /** The property's value: one name or a list. */
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
  /** Topics and groups named in rewired clients' properties files. */
  fileNames?: FileName[];
  /** Kubernetes namespaces of the rewired workloads, where the customer's Secrets must live. */
  namespaces?: string[];
  /** Kubernetes workloads annotated for Stakater Reloader (`--reloader`), as the plan names them (`Deployment/ns/name`). */
  reloaded?: string[];
  /** AWS_MSK_IAM on Kubernetes: the ServiceAccount each rewired workload runs as, bound to the customer's role. */
  workloadAccounts?: WorkloadAccount[];
  /** The ECS services the stack declares, with the task definition each runs (for the handoff's restart commands). */
  ecsServices?: EcsService[];
  /** AWS_MSK_IAM on ECS: the task role each rewired task definition signs as, and what graft did for it. */
  taskRoles?: TaskRoleGrant[];
  /** AWS_MSK_IAM with Lambda: the execution role each MSK event source polls as, and what graft did for it. */
  sourceRoles?: SourceRoleGrant[];
  /** ECS: the init containers graft added that rewrite a properties file inside the app's image when the task starts. */
  ecsConfigInits?: EcsConfigInitFact[];
}

/**
 * ECS: an init container graft added to a task definition (`<container>-kafka-config`) that runs the app container's
 * own image as root to rewrite the properties file the app reads inside it: the image must have what it runs.
 */
export interface EcsConfigInitFact {
  /** The app container, as the plan names it. */
  workload: string;
  /** The init container's name. */
  init: string;
  image?: string;
  /** The properties file inside the image. */
  file: string;
  /** The commands its script runs that the image must have (`sh` first). */
  commands: readonly string[];
  /** The user it runs as. */
  user: string;
}

/**
 * AWS_MSK_IAM on ECS: a rewired task definition's task role (the identity its containers sign their Kafka requests
 * with) and what graft did for it: `granted` — a role of the stack, given the kafka-cluster policy `policy` of exactly
 * what the task does; `ungranted` — a role of the stack whose policies graft cannot extend; `external` — a role from
 * outside the stack (`role` is how the stack names it); `missing` — the task names no task role (on EC2 its containers
 * sign as the container instance's role).
 */
export interface TaskRoleGrant {
  /** The task definition. */
  task: PlanId;
  state: 'granted' | 'ungranted' | 'external' | 'missing';
  /** The role: its logical id or address in the stack, or the expression the stack names it with. */
  role?: string;
  /** The policy graft gave the role: its name in the template (`GraftKafkaClusterAccessOrdersTask`), its address in a module. */
  policy?: string;
}

/**
 * AWS_MSK_IAM: the role an MSK event source of the customer's cluster polls as (its function's execution role) and
 * what graft did for it: `granted` — a role of the stack (or the function's SAM `Policies`), given the kafka-cluster
 * statements in `policy`; `allowed` — its policies already allowed reading Kafka data, now on the customer's cluster;
 * `ungranted` — a role from outside the stack, or policies graft cannot extend (`role` names it where the stack does).
 */
export interface SourceRoleGrant {
  /** The event source (ESM, SAM event). */
  source: PlanId;
  state: 'granted' | 'allowed' | 'ungranted';
  role?: string;
  /** Where graft put the statements (`HandlerRole policy GraftKafkaClusterAccess`, `Handler Policies`). */
  policy?: string;
  /** `allowed`: the actions the poller needs that its policies do not name. */
  missing?: string[];
}

/**
 * An ECS service of the stack: the task definition it runs (as the plan names it: a logical id, a resource address),
 * and its cluster and service names where the stack gives them literally, a look-up where the platform names them
 * (CloudFormation's physical ids); otherwise what holds them (`where`).
 */
export interface EcsService {
  task: string;
  /** The declaration (`OrdersService`, `aws_ecs_service.orders`). */
  declaredAs: string;
  cluster: EcsName;
  service: EcsName;
}

/** A name the stack gives literally, a shell substitution that looks it up (`"$(aws ...)"`), or what holds it. */
export type EcsName = { name: string } | { lookup: string } | { where: string };

/** A rewired Kubernetes workload and the ServiceAccount that carries its MSK IAM identity. */
export interface WorkloadAccount {
  /** As the plan names it: `Deployment/ns/name`. */
  workload: string;
  namespace?: string;
  serviceAccount: string;
  /**
   * `created`: graft added it (the workload ran as `default`); `annotated`: the stack declares it and graft annotated it
   * for IRSA; `declared`: the stack declares it (EKS Pod Identity needs no annotation); `external`: the stack does not
   * declare it.
   */
  state: 'created' | 'annotated' | 'declared' | 'external';
  /** What the stack leaves unknown until it is applied — the ServiceAccount's or the namespace's expression — and why. */
  unresolved?: { serviceAccount?: string; namespace?: string };
}

/**
 * The stages of a format, in the order the pipeline's compile runs them: **parse** (files into documents with ranges),
 * **analyze** (what is Kafka infrastructure, what is dropped, which services are clients), **rewrite** (edits as
 * `{span, text}`, new files, the plan), **facts** (what the handoff needs, from the same analysis), **verify** (what the
 * output must no longer name, and the origin documents the verifier may reuse).
 */
export type FormatStage = 'parse' | 'analyze' | 'rewrite' | 'facts' | 'verify';

/** What every stage of one compile is given: the customer's spec, the vendor's bindings, the stack, the options. */
export interface StageInput {
  spec: CustomerKafka;
  bindings: Bindings | undefined;
  /** Reads another file of the stack (an `include:`, an `env_file:`, a template's nested stack). */
  read: StackReader;
  /** The stack's files under a folder (paths relative to the stack root), such as a mounted configuration folder. */
  list?: (dir: string) => string[];
  /** Every file of the stack (paths relative to the stack root), such as the kustomizations beside the manifests. */
  paths?: readonly string[];
  /**
   * When the stack is one file given by path: the other files in its folder (relative to the stack root), read-only —
   * they are not part of the stack, but may hold the clients of its Kafka (a Compose layer run with `-f`).
   */
  beside?: { paths: readonly string[]; peek: (rel: string) => string };
  options: CompileOptions;
}

/** The product of parse or analyze, and its diagnostics; the pipeline stops after a stage with an error. */
export interface StageResult<T> {
  value: T;
  diagnostics: Diagnostic[];
}

/** What the rewrite stage gives the pipeline, and the state (`R`) its facts and verify stages read. */
export interface Rewritten<R> {
  /** Edits per origin file path. */
  edits: Map<string, Edit[]>;
  plan: Plan;
  diagnostics: Diagnostic[];
  /** Files graft writes whole, by path relative to the stack root. */
  newFiles?: Map<string, string>;
  /**
   * Files of the stack the output leaves out, by path relative to the stack root; a path ending in `/` leaves out the
   * folder. Only the output lacks them: graft never deletes a file of the stack.
   */
  removedPaths?: readonly string[];
  /** What the rewrite knows that facts and verify need (the format's own type). */
  state: R;
}

/** What the verify stage gives the output checks of `compile/verify.ts`. */
export interface VerifyInput {
  /** What was dropped, which no kept file may still name. */
  leftovers?: Leftovers;
  /** The YAML documents parse gave for each origin file path, so the verifier does not parse the origin again. */
  parsed?: ReadonlyMap<string, readonly Document.Parsed[]>;
  /** The syntax tree parse gave for each origin file path, so the verifier parses only what the edits changed. */
  trees?: ReadonlyMap<string, Tree>;
}

/**
 * How a format adapter plugs into the compile pipeline. `P`, `A` and `R` are the format's own products of parse,
 * analyze and rewrite: the pipeline passes them from stage to stage without looking inside.
 */
export interface FormatAdapter<P = unknown, A = unknown, R = unknown> {
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
  /** parse: the selected files (and what they include, through `read`) into the format's documents (`P`). */
  parse(files: SourceFile[], input: StageInput): StageResult<P>;
  /** analyze: the Kafka infrastructure, what is dropped, the clients (`A`), from the parsed documents. */
  analyze(parsed: P, input: StageInput): StageResult<A>;
  /** rewrite: edits, new files and the plan, from the analysis. */
  rewrite(analysis: A, parsed: P, input: StageInput): Rewritten<R>;
  /** facts: what the customer handoff needs, from the same parse and analysis (run when the handoff asks). */
  facts(analysis: A, rewritten: Rewritten<R>, parsed: P): StackFacts;
  /** verify: what the output may no longer name, and the origin documents the verifier reuses. */
  verify(analysis: A, rewritten: Rewritten<R>, parsed: P): VerifyInput;
}
