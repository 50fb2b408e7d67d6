import { isMap, isSeq } from 'yaml';
import type { Plan } from '../../plan/types.js';
import type { ClientEnv, StackFacts } from '../types.js';
import { listOf, mapAt, textOf, type Template } from './parse.js';

/**
 * What the handoff needs of the templates, as the compile parsed them: rewired ECS containers' literal environment, and
 * the topics and consumer group of rewired Lambda event sources (said as CONSUMER_TOPICS / CONSUMER_GROUP_ID, the way
 * client environments say it).
 */
export function cloudformationFacts(templates: readonly Template[], plan: Plan, facts: StackFacts): StackFacts {
  const rewired = new Set(plan.rewired.map((r) => r.service));
  const out: ClientEnv[] = [];
  for (const t of templates) {
    for (const r of t.resources) {
      const props = mapAt(r.node, 'Properties');
      if (!props) continue;
      if (r.type === 'AWS::ECS::TaskDefinition') {
        const defs = props.get('ContainerDefinitions', true);
        for (const c of isSeq(defs) ? defs.items : []) {
          if (!isMap(c)) continue;
          const name = textOf(c.get('Name', true)) ?? r.id;
          for (const e of listOf(c.get('Environment', true))) {
            if (!isMap(e)) continue;
            const key = textOf(e.get('Name', true));
            const value = textOf(e.get('Value', true));
            if (key !== undefined && value !== undefined && rewired.has(`${r.id} container ${name}`))
              out.push({ service: `${r.id}/${name}`, bindingKey: name, key, value });
          }
        }
      }
      const sources: [string, ReturnType<typeof mapAt>][] = [];
      if (r.type === 'AWS::Lambda::EventSourceMapping') sources.push([r.id, props]);
      if (r.type === 'AWS::Serverless::Function') {
        for (const ev of mapAt(props, 'Events')?.items ?? []) {
          if (!isMap(ev.value)) continue;
          const type = textOf(ev.value.get('Type', true));
          if (type === 'MSK' || type === 'SelfManagedKafka')
            sources.push([`${r.id} event ${textOf(ev.key) ?? ''}`, mapAt(ev.value, 'Properties')]);
        }
      }
      for (const [service, p] of sources) {
        if (!p || !rewired.has(service)) continue;
        const fn = textOf(p.get('FunctionName', true)) ?? r.id;
        const topics = listOf(p.get('Topics', true))
          .map(textOf)
          .filter((x): x is string => x !== undefined);
        const config = mapAt(p, 'AmazonManagedKafkaEventSourceConfig') ?? mapAt(p, 'SelfManagedKafkaEventSourceConfig');
        const group = textOf(config?.get('ConsumerGroupId', true)) ?? textOf(p.get('ConsumerGroupId', true));
        if (topics.length) out.push({ service, bindingKey: fn, key: 'CONSUMER_TOPICS', value: topics.join(',') });
        if (group) out.push({ service, bindingKey: fn, key: 'CONSUMER_GROUP_ID', value: group });
      }
    }
  }
  facts.env.push(...out);
  return facts;
}
