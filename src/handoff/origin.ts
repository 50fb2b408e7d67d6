import { isMap } from 'yaml';
import type { CompileResult } from '../compile/pipeline.js';
import { basename, join, posix } from 'node:path';
import { analyzeCompose } from '../formats/compose/analyze.js';
import { interpolate } from '../formats/compose/dotenv.js';
import { ComposeModel } from '../formats/compose/model.js';
import { parseCompose, type ComposeFile } from '../formats/compose/parse.js';
import { scalarText } from '../formats/yaml/nodes.js';
import { analyzeManifests, envLiterals } from '../formats/kubernetes/analyze.js';
import { getPath, parseManifests, seqAt, textAt, type Resource } from '../formats/kubernetes/parse.js';
import { readWorkload } from '../formats/kubernetes/workloads.js';
import { terraformFacts } from '../formats/terraform/facts.js';
import { cloudformationFacts } from '../formats/cloudformation/facts.js';
import type { CustomerKafka } from '../spec/types.js';
import { parseTopicCommands, type TopicCreation } from '../detect/topic-commands.js';

/** The handoff's name of a rewired service: `Deployment/ns/app container web` becomes `Deployment/ns/app/web`. */
export function serviceKey(planService: string): string {
  return planService.replace(/ container /, '/');
}

/** A topic the origin stack created for itself, and what created it. */
export interface CreatedTopic extends Omit<TopicCreation, 'tool'> {
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
  /** The service as the plan names it (`orders`, or `Deployment/ns/orders/orders` for a container). */
  service: string;
  /** The binding key in graft.yaml (Compose service or workload name). */
  bindingKey: string;
  key: string;
  value: string;
}

/** What the origin stack itself says about topics: creations, unreadable creations, vendor ACLs, client env. */
export interface OriginFacts {
  created: CreatedTopic[];
  unparsed: { by: string; command: string }[];
  vendorAcls: VendorAcl[];
  env: ClientEnv[];
}

const intAt = (node: unknown, ...path: string[]): number | undefined => {
  const t = textAt(node, ...path);
  return /^\d+$/.test(t) ? Number(t) : undefined;
};

function mapAt(node: unknown, ...path: string[]): Record<string, string> {
  const m = getPath(node, ...path);
  const out: Record<string, string> = {};
  if (isMap(m)) for (const p of m.items) out[scalarText(p.key)] = scalarText(p.value);
  return out;
}

function fromCommand(out: OriginFacts, by: string, command: string): void {
  const parsed = parseTopicCommands(command);
  for (const { tool, ...t } of parsed.topics) out.created.push({ ...t, createdBy: `${by} (${tool})` });
  for (const c of parsed.unparsed) out.unparsed.push({ by, command: c });
}

function composeFacts(result: CompileResult, spec: CustomerKafka, out: OriginFacts): void {
  // the same Compose model the compile read: included and extended files, env files and .env, from the sources it read
  const root = result.stack?.root;
  const model = new ComposeModel((rel) => (root ? result.sources.get(join(root, posix.normalize(rel))) : undefined));
  const parsed = (result.stack?.files ?? [])
    .map((s): ComposeFile | undefined => {
      const f = parseCompose(s).file;
      return f ? { ...f, rel: basename(s.path) } : undefined;
    })
    .filter((f): f is ComposeFile => f !== undefined);
  const files = model.expandIncludes(parsed);
  const analysis = analyzeCompose(files, spec, { model, ...(result.bindings ? { bindings: result.bindings } : {}) });
  const rewired = new Set(result.plan.rewired.map((r) => r.service));
  for (const info of analysis.services.values()) {
    if (analysis.dropped.get(info.name)?.role === 'kafka-init') {
      const command = info.commands.filter((c) => c.where !== 'healthcheck.test').map((c) => c.value);
      fromCommand(out, `service ${info.name}`, command.join('\n'));
    }
    if (!rewired.has(info.name)) continue;
    for (const e of info.env) {
      // `${ORDERS_TOPIC}` and a bare `- ORDERS_TOPIC` read the project's .env
      const value = e.value === undefined ? model.vars.get(e.key) : interpolate(e.value, model.vars);
      if (value !== undefined) out.env.push({ service: info.name, bindingKey: info.name, key: e.key, value });
    }
  }
}

function strimziTopic(r: Resource): CreatedTopic {
  const partitions = intAt(r.root, 'spec', 'partitions');
  const rf = intAt(r.root, 'spec', 'replicas');
  return {
    name: textAt(r.root, 'spec', 'topicName') || r.name,
    ...(partitions ? { partitions } : {}),
    ...(rf ? { replicationFactor: rf } : {}),
    configs: mapAt(r.root, 'spec', 'config'),
    createdBy: r.id,
  };
}

function otherTopic(r: Resource): CreatedTopic {
  const cfk = r.apiVersion.startsWith('platform.confluent.io/');
  const partitions = intAt(r.root, 'spec', cfk ? 'partitionCount' : 'partitions');
  const rf = intAt(r.root, 'spec', cfk ? 'replicas' : 'replicationFactor');
  return {
    name: textAt(r.root, 'spec', 'name') || textAt(r.root, 'spec', 'topicName') || r.name,
    ...(partitions ? { partitions } : {}),
    ...(rf ? { replicationFactor: rf } : {}),
    configs: mapAt(r.root, 'spec', cfk ? 'configs' : 'additionalConfig'),
    createdBy: r.id,
  };
}

function kafkaUserAcls(r: Resource): VendorAcl[] {
  return seqAt(r.root, 'spec', 'authorization', 'acls').map((a) => ({
    user: r.name,
    resourceType: textAt(a, 'resource', 'type'),
    name: textAt(a, 'resource', 'name'),
    patternType: textAt(a, 'resource', 'patternType') || 'literal',
    operations: [...seqAt(a, 'operations').map(scalarText), ...(textAt(a, 'operation') ? [textAt(a, 'operation')] : [])],
  }));
}

function k8sFacts(result: CompileResult, spec: CustomerKafka, out: OriginFacts): void {
  const { resources } = parseManifests(result.stack?.files ?? []);
  const analysis = analyzeManifests(resources, spec);
  for (const [r, d] of analysis.dropped) {
    if (r.kind === 'KafkaTopic' && r.apiVersion.startsWith('kafka.strimzi.io/')) out.created.push(strimziTopic(r));
    else if (r.kind === 'KafkaTopic' || (r.kind === 'Topic' && r.apiVersion.startsWith('cluster.redpanda.com/')))
      out.created.push(otherTopic(r));
    else if (r.kind === 'KafkaUser') out.vendorAcls.push(...kafkaUserAcls(r));
    else if (d.role === 'kafka-init') {
      for (const c of readWorkload(r)?.containers.filter((x) => !x.init) ?? []) {
        const command = [...seqAt(c.node, 'command'), ...seqAt(c.node, 'args')].map(scalarText).join(' ');
        fromCommand(out, r.id, command);
      }
    }
  }
  const rewired = new Set(result.plan.rewired.map((r) => r.service));
  for (const w of analysis.workloads) {
    if (analysis.dropped.has(w.resource)) continue;
    for (const c of w.containers.filter((x) => rewired.has(`${w.resource.id} container ${x.name}`)))
      for (const [key, value] of envLiterals(c.node))
        out.env.push({ service: `${w.resource.id}/${c.name}`, bindingKey: w.resource.name, key, value });
  }
}

function tfFacts(result: CompileResult, out: OriginFacts): void {
  const facts = terraformFacts(result.stack?.files ?? []);
  for (const { declaredBy, ...t } of facts.topics) out.created.push({ ...t, createdBy: declaredBy });
  const rewired = new Set(result.plan.rewired.map((r) => serviceKey(r.service)));
  out.env.push(...facts.env.filter((e) => rewired.has(e.service)));
}

/** Re-reads the origin stack of a compile for what the handoff needs; the compile itself is not repeated. */
export function readOrigin(result: CompileResult, spec: CustomerKafka): OriginFacts {
  const out: OriginFacts = { created: [], unparsed: [], vendorAcls: [], env: [] };
  if (result.stack?.format === 'compose') composeFacts(result, spec, out);
  else if (result.stack?.format === 'kubernetes') k8sFacts(result, spec, out);
  else if (result.stack?.format === 'terraform') tfFacts(result, out);
  else if (result.stack?.format === 'cloudformation') {
    const rewired = new Set(result.plan.rewired.map((r) => serviceKey(r.service)));
    out.env.push(...cloudformationFacts(result.stack.files).filter((e) => rewired.has(e.service)));
  }
  out.created.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return out;
}
