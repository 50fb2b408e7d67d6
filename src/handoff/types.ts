// The handoff's model: what the customer creates and grants for the deployment stack, and what graft could not tell.
import type { EcsService, WorkloadAccount } from '../formats/types.js';
import type { CustomerKafka, SecretValue } from '../spec/types.js';
import type { PlanId } from '../plan/types.js';
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
  produces: string[];
  consumes: string[];
  groups: string[];
  /** Topics it used that nothing created: the origin broker auto-created them. */
  autoCreated: string[];
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
}

/** One secret and the workloads that read it. */
export interface SecretReaders {
  secret: SecretValue;
  workloads: string[];
}

/** The service a binding key names, as the plan names it. */
export function bindingService(key: string, env: ClientEnv[]): string {
  return env.find((e) => e.bindingKey === key)?.service ?? key;
}
