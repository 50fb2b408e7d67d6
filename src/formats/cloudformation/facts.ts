import { isMap, isSeq } from 'yaml';
import type { SourceFile } from '../../core/span.js';
import { listOf, mapAt, parseTemplate, textOf } from './parse.js';

/** Literal environment of a template's clients, for the customer handoff: the plan's name, binding key, variable. */
export interface CfnClientEnv {
  service: string;
  bindingKey: string;
  key: string;
  value: string;
}

/**
 * Re-reads compiled-from templates for what the handoff needs: ECS containers' literal environment, and the topics and
 * consumer group of Lambda event sources (said as CONSUMER_TOPICS / CONSUMER_GROUP_ID, the way client environments say it).
 */
export function cloudformationFacts(files: SourceFile[]): CfnClientEnv[] {
  const out: CfnClientEnv[] = [];
  for (const f of files) {
    const t = parseTemplate(f).template;
    if (!t) continue;
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
            if (key !== undefined && value !== undefined) out.push({ service: `${r.id}/${name}`, bindingKey: name, key, value });
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
        if (!p) continue;
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
  return out;
}
