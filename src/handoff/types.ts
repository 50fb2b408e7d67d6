// The handoff's model: what the customer creates and grants for the deployment stack, and what graft could not tell.
import type { EcsConfigInitFact, EcsService, SourceRoleGrant, TaskRoleGrant, WorkloadAccount } from '../formats/types.js';
import type { CustomerKafka, SecretValue } from '../spec/types.js';
import { samePlanId, type PlanId } from '../plan/types.js';
import type { HandoffCode } from './codes.js';
import type { ClientEnv, VendorAcl } from './origin.js';

/** A topic the deployment needs on the customer's cluster. */
export interface TopicNeed {
  /** The name on the customer's cluster (prefix applied). */
  name: string;
  /** The name in the vendor's stack. */
  stackName: string;
  partitions?: number;
  replicationFactor?: number;
  configs: Record<string, string>;
  /** What created it in the origin stack; absent when the stack relied on auto-creation. */
  createdBy?: string;
  producers: string[];
  consumers: string[];
}

/** What one service does with the customer's cluster. */
export interface ServiceNeed {
  service: string;
  /** The client as data, where the stack names it (a graft.yaml binding without literal environment gives only a name). */
  id?: PlanId;
  produces: string[];
  consumes: string[];
  groups: string[];
  /** Topics it used that nothing created: the origin broker auto-created them. */
  autoCreated: string[];
  /** Topics it creates itself when they are missing (Kafka Connect's storage topics). */
  creates: string[];
  transactionalIds: string[];
  transactionalIdPrefixes: string[];
  subjects: string[];
}

/** A Kafka Streams application: its group, internal topics and (exactly-once) transactional ids share its id. */
export interface StreamsApp {
  service: string;
  /** `application.id` on the customer's cluster (group prefix applied). */
  applicationId: string;
  exactlyOnce: boolean;
}

/** A schema registry subject a service uses. */
export interface SubjectNeed {
  name: string;
  services: string[];
  /** Every service using it registers it itself, so it need not exist before the deployment starts. */
  autoRegistered: boolean;
}

/** Something graft could not infer, said out loud. */
export interface HandoffUnknown {
  code: HandoffCode;
  message: string;
}

/** Everything the customer must provide, inferred from one compile. */
export interface HandoffModel {
  spec: CustomerKafka;
  format: string;
  /** `User:<name>` when the SASL username is a plain string. */
  principal?: string;
  topics: TopicNeed[];
  groups: string[];
  /** Transactional ids used literally. */
  transactionalIds: string[];
  /** Transactional id prefixes (declared prefixes and exactly-once Streams applications). */
  transactionalIdPrefixes: string[];
  streams: StreamsApp[];
  subjects: SubjectNeed[];
  services: ServiceNeed[];
  vendorAcls: VendorAcl[];
  unknowns: HandoffUnknown[];
  /** Each secret of the spec, in spec order, with the workloads the compile configured to read it (as the plan names them). */
  secretReaders: SecretReaders[];
  /** The client families of each workload the plan names (a workload may run several containers). */
  families: Map<string, string[]>;
  /** What each workload the plan names is (`secretReaders` name them), as a plan id. */
  workloads: Map<string, PlanId>;
  /** Kubernetes workloads the compile annotated for Stakater Reloader (`--reloader`). */
  reloaded: Set<string>;
  /** AWS_MSK_IAM on Kubernetes: the ServiceAccount each rewired workload runs as. */
  workloadAccounts: WorkloadAccount[];
  /** The ECS services the stack declares, for the restart commands. */
  ecsServices: EcsService[];
  /** AWS_MSK_IAM on ECS: each rewired task definition's task role and what graft did for it. */
  taskRoles: TaskRoleGrant[];
  /** AWS_MSK_IAM with Lambda: each MSK event source's execution role and what graft did for it. */
  sourceRoles: SourceRoleGrant[];
  /** ECS: the init containers graft added that run the app's image to rewrite a properties file inside it. */
  ecsConfigInits: EcsConfigInitFact[];
}

/** One secret and the workloads that read it. */
export interface SecretReaders {
  secret: SecretValue;
  workloads: string[];
}

/** The client a binding key names: as the plan names it, and as data where the stack's environment names it. */
export function bindingClient(key: string, env: ClientEnv[]): { service: string; id?: PlanId } {
  const e = env.find((x) => x.bindingKey === key);
  return e ? { service: e.service, id: e.id } : { service: key };
}

/** Tells whether a service need is the client a plan id names: by id where it has one, by the plan's name otherwise. */
export function isService(s: ServiceNeed, id: PlanId, name: string): boolean {
  return s.id !== undefined ? samePlanId(s.id, id) : s.service === name;
}
