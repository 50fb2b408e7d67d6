import type { Plan } from '../../plan/types.js';
import { addCommandTopics } from '../facts.js';
import type { StackFacts } from '../types.js';
import type { ComposeAnalysis } from './analyze.js';
import { interpolate } from './dotenv.js';

/** What the handoff needs of a Compose project: topics its dropped helpers created, and its rewired clients' environment. */
export function composeFacts(analysis: ComposeAnalysis, plan: Plan, out: StackFacts): StackFacts {
  const vars = analysis.model.vars;
  const rewired = new Set(plan.rewired.map((r) => r.service));
  for (const info of analysis.services.values()) {
    if (analysis.dropped.get(info.name)?.role === 'kafka-init') {
      const command = info.commands.filter((c) => c.where !== 'healthcheck.test').map((c) => c.value);
      addCommandTopics(out, `service ${info.name}`, command.join('\n'));
    }
    if (!rewired.has(info.name)) continue;
    for (const e of info.env) {
      // `${ORDERS_TOPIC}` and a bare `- ORDERS_TOPIC` read the project's .env
      const value = e.value === undefined ? vars.get(e.key) : interpolate(e.value, vars);
      if (value !== undefined) out.env.push({ service: info.name, bindingKey: info.name, key: e.key, value });
    }
  }
  return out;
}
