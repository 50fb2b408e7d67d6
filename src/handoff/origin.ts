import type { CompileResult } from '../compile/pipeline.js';
import { emptyFacts, sortFacts } from '../formats/facts.js';
import type { StackFacts } from '../formats/types.js';

export type { ClientEnv, CreatedTopic, VendorAcl } from '../formats/types.js';

/** The handoff's name of a rewired service (`Deployment/ns/app container web` is `Deployment/ns/app/web`), as the format's facts give it. */
export function serviceKey(result: CompileResult, planService: string): string {
  return result.facts?.().clients?.get(planService) ?? planService;
}

/** What the origin stack itself says about topics: creations, unreadable creations, vendor ACLs, client env. */
export type OriginFacts = StackFacts;

/** The facts the compile's format gathered from its own parse and analysis of the origin; nothing is parsed again. */
export function readOrigin(result: CompileResult): OriginFacts {
  const f = result.facts?.() ?? emptyFacts();
  return sortFacts({ ...f, created: [...f.created], unparsed: [...f.unparsed], vendorAcls: [...f.vendorAcls], env: [...f.env] });
}
