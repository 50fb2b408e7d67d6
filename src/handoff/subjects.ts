import type { CompileResult } from '../compile/pipeline.js';
import { serviceKey, type ClientEnv } from './origin.js';
import { bindingService, type HandoffUnknown, type ServiceNeed, type SubjectNeed } from './types.js';

// a rewired setting that points a client at the schema registry
const SCHEMA_REGISTRY_SETTING = /schema[._-]?registry/i;

/**
 * The schema registry subjects the services use: named in `graft.yaml`, or `<topic>-key` / `<topic>-value` of
 * the topics a service uses when it declares TopicNameStrategy. A service the compile pointed at the schema
 * registry that declares neither is an unknown.
 */
export function inferSubjects(result: CompileResult, services: ServiceNeed[], env: ClientEnv[], unknowns: HandoffUnknown[]): SubjectNeed[] {
  const subjects = new Map<string, SubjectNeed>();
  const declared = new Set<string>();
  for (const b of result.bindings?.clients.values() ?? []) {
    const sr = b.schemaRegistry;
    if (!sr) continue;
    const name = bindingService(b.service, env);
    declared.add(name);
    const s = services.find((x) => x.service === name);
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
  const users = new Set<string>();
  for (const r of result.plan.rewired)
    if ([...r.changed, ...r.matched].some((c) => SCHEMA_REGISTRY_SETTING.test(c))) users.add(serviceKey(r));
  for (const b of result.bindings?.clients.values() ?? []) if (b.env?.schemaRegistryUrl) users.add(bindingService(b.service, env));
  for (const u of [...users].sort())
    if (!declared.has(u))
      unknowns.push({
        code: 'HANDOFF_SUBJECTS_UNKNOWN',
        message: `${u} uses the schema registry but graft.yaml does not say which subjects: declare schemaRegistry.subjects or subjectNameStrategy: TopicNameStrategy`,
      });
  for (const n of subjects.values()) n.services.sort();
  return [...subjects.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}
