// Building the facts every format hands to the customer handoff.
import { parseTopicCommands } from '../detect/topic-commands.js';
import type { StackFacts } from './types.js';

/** Facts with nothing in them, for a format to fill. */
export function emptyFacts(): StackFacts {
  return { created: [], unparsed: [], vendorAcls: [], env: [] };
}

/** Records the topics a dropped helper's command creates, and the create commands graft cannot read. */
export function addCommandTopics(out: StackFacts, by: string, command: string): void {
  const parsed = parseTopicCommands(command);
  for (const { tool, ...t } of parsed.topics) out.created.push({ ...t, createdBy: `${by} (${tool})` });
  for (const c of parsed.unparsed) out.unparsed.push({ by, command: c });
}

/** Facts in a stable order: created topics by name. */
export function sortFacts(out: StackFacts): StackFacts {
  out.created.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return out;
}
