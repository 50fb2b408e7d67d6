import type { CompileResult } from '../compile/pipeline.js';
import { emptyFacts, sortFacts } from '../formats/facts.js';
import type { StackFacts } from '../formats/types.js';
import { handoffName, workloadLabel, type PlanId, type RewiredItem } from '../plan/types.js';

export type { ClientEnv, CreatedTopic, VendorAcl } from '../formats/types.js';

/** The handoff's name of a rewired client (`Deployment/ns/app container web` is `Deployment/ns/app/web`), from its plan id. */
export function serviceKey(item: RewiredItem): string {
  return handoffName(item.id);
}

/**
 * Every name the plan and the handoff give a rewired client or its workload (`Deployment/ns/app container web`,
 * `Deployment/ns/app/web`, `Deployment/ns/app`), with what it is: the secrets' `usedBy` names are among them.
 */
export function namesOf(item: RewiredItem): { name: string; id: PlanId }[] {
  const workload: PlanId = { ...item.id };
  delete workload.container;
  const names = [
    { name: item.service, id: item.id },
    { name: handoffName(item.id), id: item.id },
  ];
  if (item.id.container !== undefined) names.push({ name: workloadLabel(item.id), id: workload });
  return names;
}

/** What the origin stack itself says about topics: creations, unreadable creations, vendor ACLs, client env. */
export type OriginFacts = StackFacts;

/** The facts the compile's format gathered from its own parse and analysis of the origin; nothing is parsed again. */
export function readOrigin(result: CompileResult): OriginFacts {
  const f = result.facts?.() ?? emptyFacts();
  return sortFacts({ ...f, created: [...f.created], unparsed: [...f.unparsed], vendorAcls: [...f.vendorAcls], env: [...f.env] });
}
