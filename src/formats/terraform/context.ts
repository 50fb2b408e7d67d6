// What every Terraform rewrite step shares for one module, and what its references mean.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Bindings } from '../../bindings/types.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import { planLabel, type Plan, type PlanId, type PlanIdPart } from '../../plan/types.js';
import type { CustomerKafka, SecretValue } from '../../spec/types.js';
import { attrMeaning, outputMeaning, TOPIC_RESOURCES } from './analyze.js';
import type { TfCode } from './codes.js';
import { credentialRef } from './credentials.js';
import type { TfEditor } from './editor.js';
import type { Node } from './hcl.js';
import { attribute, attrValue, stringValue, type TfEntity, type TfFile, type TfModule, type TfRef, type TfvarsFile } from './parse.js';
import { topicsOfEntity } from './topics.js';
import { hclString, type TfVariables } from './variables.js';

/** How a variable holds the brokers: one comma-separated string, or a list of `host:port` strings. */
export type BrokerListShape = 'string' | 'list';

/** What the consumers pass collected while rewiring one module. */
export interface TfContext {
  spec: CustomerKafka;
  bindings: Bindings | undefined;
  mod: TfModule;
  /** Whether this is the root module (its variables are set by the user, not by a caller's arguments). */
  root: boolean;
  /** The root module's variable definitions files (none for a child module). */
  tfvars: TfvarsFile[];
  ed: TfEditor;
  vars: TfVariables;
  dropped: Map<string, string>;
  /** Ranges whose references no longer count: graft rewrote or removed them. */
  ignored: { file: TfFile; start: number; end: number }[];
  diagnostics: Diagnostic[];
  plan: Plan;
  /** `var.x` addresses that carry the customer's bootstrap list into this (child) module. */
  bootstrapVars: Set<string>;
  /** Dropped root variables whose default was the origin's MSK bootstrap list, with the shape of that default. */
  brokerListVars: Map<string, BrokerListShape>;
  /** What each used output of a Kafka module carries, read once. */
  outputMeanings: Map<string, ReturnType<typeof outputMeaning>>;
  /** Dropped Secrets Manager secrets that held the dropped cluster's SASL/SCRAM users, with the association that attached each. */
  credentialSecrets: Map<string, string>;
  /** The output of a module through which a dropped association reached the secret it attached, by module address. */
  credentialOutputs: Map<string, string>;
  /** Service names of an in-cluster Kafka that was dropped. */
  hosts: Set<string>;
  /** Which entities reference each customer secret. */
  /** The users of each customer secret, by the name the plan gives each. */
  secretUsers: Map<SecretValue, Map<string, PlanId>>;
  /** Adds a diagnostic at a node. */
  report(code: TfCode, severity: Diagnostic['severity'], file: TfFile, node: Node, message: string, help: string): void;
}

type Meaning = ReturnType<typeof outputMeaning>;

/** What a reference carries: the bootstrap list, the MSK cluster ARN, a ZooKeeper address, or nothing graft maps. */
export function refMeaning(ctx: TfContext, r: TfRef): Meaning {
  const target = ctx.mod.entities.get(r.target);
  if (target?.kind === 'variable') return ctx.brokerListVars.has(r.target) ? 'bootstrap' : undefined;
  if (!target || !r.attr) return undefined;
  if (target.kind === 'module') return moduleOutputMeaning(ctx, target, r.attr);
  if (target.kind === 'data' && target.type === 'aws_msk_bootstrap_brokers')
    return r.attr.startsWith('bootstrap_brokers') ? 'bootstrap' : undefined;
  return attrMeaning(target.type, r.attr);
}

/** What a reference becomes in the deployment stack: a graft variable, or a dropped topic's name as a literal. */
export function mapRef(ctx: TfContext, r: TfRef): string | undefined {
  const meaning = refMeaning(ctx, r);
  if (meaning === 'bootstrap') {
    const customer = ctx.vars.ref('bootstrap_servers');
    return brokerListRef(ctx, r, customer) ?? customer;
  }
  if (meaning === 'arn' && ctx.vars.has('cluster_arn')) return ctx.vars.ref('cluster_arn');
  return credentialRef(ctx, r) ?? topicNameRef(ctx, r);
}

/** What a use of a broker-list variable becomes: the customer's bootstrap servers, split into a list where it was one. */
function brokerListRef(ctx: TfContext, r: TfRef, customer: string): string | undefined {
  const shape = ctx.brokerListVars.get(r.target);
  if (!shape) return undefined;
  if (shape === 'string') return customer;
  const accessors = r.file.source.text.slice(r.start, r.end).slice(r.target.length);
  return `split(",", ${customer})${accessors}`;
}

/** A dropped topic's name, as the literal the customer's cluster knows it by (with the customer's prefix). */
function topicNameRef(ctx: TfContext, r: TfRef): string | undefined {
  const target = ctx.mod.entities.get(r.target);
  if (target?.kind !== 'resource' || !TOPIC_RESOURCES.has(target.type) || (r.attr !== 'topic_name' && r.attr !== 'name')) return undefined;
  const name = topicsOfEntity(target, true)[0]?.name;
  if (name === undefined) return undefined;
  const prefix = ctx.spec.topics?.prefix;
  return hclString(prefix && !name.startsWith(prefix) ? prefix + name : name);
}

/** A module output's meaning: from the output's value in a local module (read once per compile), else its name. */
function moduleOutputMeaning(ctx: TfContext, m: TfEntity, output: string): Meaning {
  const key = `${m.address}.${output}`;
  if (!ctx.outputMeanings.has(key)) ctx.outputMeanings.set(key, readOutputMeaning(ctx.mod, m, output));
  return ctx.outputMeanings.get(key);
}

function readOutputMeaning(mod: TfModule, m: TfEntity, output: string): Meaning {
  const src = stringValue(attrValue(attribute(m.body, 'source'))) ?? '';
  if (src.startsWith('.')) {
    const dir = resolve(mod.dir, src);
    for (const f of ['outputs.tf', 'main.tf']) {
      const p = resolve(dir, f);
      if (!existsSync(p)) continue;
      const text = readFileSync(p, 'utf8');
      const at = text.search(new RegExp(`output\\s+"${output}"\\s*\\{`));
      if (at < 0) continue;
      const next = text.indexOf('\noutput ', at + 1);
      const body = text.slice(at, next < 0 ? undefined : next);
      if (/zookeeper_connect_string/.test(body)) return 'zookeeper';
      if (/bootstrap_brokers|bootstrap_endpoint/.test(body)) return 'bootstrap';
      if (/aws_msk_(serverless_)?cluster\.\w+(\[[^\]]*\])?\.arn\b/.test(body)) return 'arn';
      return undefined;
    }
  }
  return outputMeaning(output);
}

/** Records that an entity references a customer secret, for the plan. */
export function useSecret(ctx: TfContext, secret: SecretValue, user: PlanId): void {
  let s = ctx.secretUsers.get(secret);
  if (!s) ctx.secretUsers.set(secret, (s = new Map<string, PlanId>()));
  s.set(planLabel(user), user);
}

/** The structured id of a plan entry about a block (or one container of it): its type (or kind) and address. */
export function planId(e: TfEntity, part: PlanIdPart = {}): PlanId {
  return { format: 'terraform', file: e.file.source.path, kind: e.type || e.kind, name: e.address, ...part };
}
