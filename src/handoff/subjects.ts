import type { CompileResult } from '../compile/pipeline.js';
import { serviceKey, type ClientEnv } from './origin.js';
import { samePlanId, type PlanId } from '../plan/types.js';
import { bindingClient, type HandoffUnknown, type ServiceNeed, type SubjectNeed } from './types.js';

/** A client as the plan names it, and as data where the stack names it. */
interface Client {
  service: string;
  id?: PlanId;
}

/** Tells whether two clients are one: by plan id where both have one, by the plan's name otherwise. */
function sameClient(a: Client, b: Client): boolean {
  return a.id && b.id ? samePlanId(a.id, b.id) : a.service === b.service;
}

// a rewired setting that points a client at the schema registry
const SCHEMA_REGISTRY_SETTING = /schema[._-]?registry/i;

/**
 * The schema registry subjects the services use: named in `graft.yaml`, or `<topic>-key` / `<topic>-value` of
 * the topics a service uses when it declares TopicNameStrategy. A service the compile pointed at the schema
 * registry that declares neither is an unknown.
 */
export function inferSubjects(result: CompileResult, services: ServiceNeed[], env: ClientEnv[], unknowns: HandoffUnknown[]): SubjectNeed[] {
  const subjects = new Map<string, SubjectNeed>();
  const declared: Client[] = [];
  for (const b of result.bindings?.clients.values() ?? []) {
    const sr = b.schemaRegistry;
    if (!sr) continue;
    const client = bindingClient(b.service, env);
    const name = client.service;
    declared.push(client);
    const s = services.find((x) => sameClient(x, client));
    const names = [...(sr.subjects ?? [])];
    if (sr.subjectNameStrategy === 'TopicNameStrategy')
      for (const t of [...new Set([...(s?.produces ?? []), ...(s?.consumes ?? [])])].sort())
        names.push(...(sr.keys === false ? [] : [`${t}-key`]), `${t}-value`);
    else if (sr.subjectNameStrategy && !sr.subjects?.length)
      unknowns.push({
        code: 'HANDOFF_SUBJECTS_UNKNOWN',
        message: `${name} names its subjects with ${sr.subjectNameStrategy}, which depends on its record types: list them in graft.yaml schemaRegistry.subjects`,
      });
    for (const n of names) {
      let need = subjects.get(n);
      if (!need) subjects.set(n, (need = { name: n, services: [], autoRegistered: true }));
      if (!need.services.includes(name)) need.services.push(name);
      need.autoRegistered &&= sr.autoRegister === true;
    }
    if (s) s.subjects = [...new Set(names)].sort();
  }
  const users: Client[] = [];
  for (const r of result.plan.rewired)
    if ([...r.changed, ...r.matched].some((c) => SCHEMA_REGISTRY_SETTING.test(c))) users.push({ service: serviceKey(r), id: r.id });
  for (const b of result.bindings?.clients.values() ?? []) if (b.env?.schemaRegistryUrl) users.push(bindingClient(b.service, env));
  const undeclared = users.filter((u) => !declared.some((d) => sameClient(d, u))).map((u) => u.service);
  for (const u of [...new Set(undeclared)].sort())
    unknowns.push({
      code: 'HANDOFF_SUBJECTS_UNKNOWN',
      message: `${u} uses the schema registry but graft.yaml does not say which subjects: declare schemaRegistry.subjects or subjectNameStrategy: TopicNameStrategy`,
    });
  for (const n of subjects.values()) n.services.sort();
  return [...subjects.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}
