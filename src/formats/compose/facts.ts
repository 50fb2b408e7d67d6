import { handoffName, type Plan } from '../../plan/types.js';
import { addCommandTopics } from '../facts.js';
import type { StackFacts } from '../types.js';
import type { ComposeAnalysis } from './analyze.js';
import { interpolate } from './dotenv.js';

/** What the handoff needs of a Compose project: topics its dropped helpers created, and its rewired clients' environment. */
export function composeFacts(analysis: ComposeAnalysis, plan: Plan, out: StackFacts): StackFacts {
  const vars = analysis.model.vars;
  // a Compose project's services are one name space: its rewired clients by service name (the id's, not the text's)
  const rewired = new Map(plan.rewired.filter((r) => r.id.kind === 'service').map((r) => [r.id.name, r.id]));
  for (const info of analysis.services.values()) {
    if (analysis.dropped.get(info.name)?.role === 'kafka-init') {
      const command = info.commands.filter((c) => c.where !== 'healthcheck.test').map((c) => c.value);
      addCommandTopics(out, `service ${info.name}`, command.join('\n'));
    }
    const id = rewired.get(info.name);
    if (!id) continue;
    for (const e of info.env) {
      // `${ORDERS_TOPIC}` and a bare `- ORDERS_TOPIC` read the project's .env
      const value = e.value === undefined ? vars.get(e.key) : interpolate(e.value, vars);
      if (value !== undefined) out.env.push({ id, service: handoffName(id), bindingKey: info.name, key: e.key, value });
    }
  }
  return out;
}
