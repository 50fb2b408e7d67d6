import { isMap, isSeq } from 'yaml';
import { handoffName, samePlanId, type Plan, type PlanId } from '../../plan/types.js';
import type { ClientEnv, EcsService, StackFacts } from '../types.js';
import { listOf, mapAt, textOf, type Template } from './parse.js';
import { intrinsicOf } from './refs.js';

/**
 * What the handoff needs of the templates, as the compile parsed them: rewired ECS containers' literal environment, and
 * the topics and consumer group of rewired Lambda event sources (said as CONSUMER_TOPICS / CONSUMER_GROUP_ID, the way
 * client environments say it).
 */
export function cloudformationFacts(templates: readonly Template[], plan: Plan, facts: StackFacts): StackFacts {
  const rewired = (id: PlanId): boolean => plan.rewired.some((x) => samePlanId(x.id, id));
  const out: ClientEnv[] = [];
  for (const t of templates) {
    for (const r of t.resources) {
      const idOf = (part: Pick<PlanId, 'container' | 'part'> = {}): PlanId => ({
        format: 'cloudformation',
        file: t.source.path,
        kind: r.type,
        name: r.id,
        ...part,
      });
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
            const id = idOf({ container: name });
            if (key !== undefined && value !== undefined && rewired(id))
              out.push({ id, service: handoffName(id), bindingKey: name, key, value });
          }
        }
      }
      const sources: [PlanId, ReturnType<typeof mapAt>][] = [];
      if (r.type === 'AWS::Lambda::EventSourceMapping') sources.push([idOf(), props]);
      if (r.type === 'AWS::Serverless::Function') {
        for (const ev of mapAt(props, 'Events')?.items ?? []) {
          if (!isMap(ev.value)) continue;
          const type = textOf(ev.value.get('Type', true));
          if (type === 'MSK' || type === 'SelfManagedKafka')
            sources.push([idOf({ part: `event ${textOf(ev.key) ?? ''}` }), mapAt(ev.value, 'Properties')]);
        }
      }
      for (const [id, p] of sources) {
        if (!p || !rewired(id)) continue;
        const service = handoffName(id);
        const fn = textOf(p.get('FunctionName', true)) ?? r.id;
        const topics = listOf(p.get('Topics', true))
          .map(textOf)
          .filter((x): x is string => x !== undefined);
        const config = mapAt(p, 'AmazonManagedKafkaEventSourceConfig') ?? mapAt(p, 'SelfManagedKafkaEventSourceConfig');
        const group = textOf(config?.get('ConsumerGroupId', true)) ?? textOf(p.get('ConsumerGroupId', true));
        if (topics.length) out.push({ id, service, bindingKey: fn, key: 'CONSUMER_TOPICS', value: topics.join(',') });
        if (group) out.push({ id, service, bindingKey: fn, key: 'CONSUMER_GROUP_ID', value: group });
      }
    }
  }
  facts.env.push(...out);
  facts.ecsServices = ecsServicesOf(templates);
  return facts;
}

// the physical id CloudFormation gave a resource, as a shell substitution (STACK: the stack's name)
const physicalId = (id: string, lastSegment = false): { lookup: string } => ({
  lookup: `"$(aws cloudformation describe-stack-resource --stack-name "$STACK" --logical-resource-id ${id} --query StackResourceDetail.PhysicalResourceId --output text${lastSegment ? " | sed 's#.*/##'" : ''})"`,
});

/**
 * The `AWS::ECS::Service`s of the templates with the task definition each runs (`TaskDefinition: !Ref X`), and their
 * cluster and service names: a literal, a cluster resource's literal `ClusterName`, the `default` cluster when none is
 * given; otherwise how to look the name up (a generated physical name, a parameter's value).
 */
export function ecsServicesOf(templates: readonly Template[]): EcsService[] {
  const out: EcsService[] = [];
  for (const t of templates) {
    const byId = new Map(t.resources.map((r) => [r.id, r]));
    for (const r of t.resources) {
      if (r.type !== 'AWS::ECS::Service') continue;
      const props = mapAt(r.node, 'Properties');
      const td = intrinsicOf(props?.get('TaskDefinition', true));
      const task = td?.fn === 'Ref' ? textOf(td.arg) : undefined;
      if (!props || !task) continue;
      const named = (node: unknown, nameKey: string, fallback: EcsService['cluster']): EcsService['cluster'] => {
        if (node === undefined || node === null) return fallback;
        const call = intrinsicOf(node);
        if (!call) return textOf(node) !== undefined ? { name: textOf(node) ?? '' } : { where: `the value of ${r.id}` };
        const target = call.fn === 'Ref' ? textOf(call.arg) : undefined;
        if (target === undefined) return { where: `the value ${r.id} computes` };
        const res = byId.get(target);
        if (!res) return { where: `the value of parameter ${target}` };
        const literal = mapAt(res.node, 'Properties')?.get(nameKey, true);
        return literal !== undefined && !intrinsicOf(literal) && textOf(literal) !== undefined
          ? { name: textOf(literal) ?? '' }
          : physicalId(target);
      };
      const cluster = named(props.get('Cluster', true), 'ClusterName', { name: 'default' });
      const serviceName = props.get('ServiceName', true);
      const service =
        serviceName !== undefined && !intrinsicOf(serviceName) && textOf(serviceName) !== undefined
          ? { name: textOf(serviceName) ?? '' }
          : physicalId(r.id, true);
      out.push({ task, declaredAs: r.id, cluster, service });
    }
  }
  return out;
}
