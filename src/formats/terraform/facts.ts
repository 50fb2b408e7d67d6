import { handoffName, samePlanId, type Plan, type PlanId } from '../../plan/types.js';
import type { EcsService, StackFacts } from '../types.js';
import { kafkaRole, TOPIC_RESOURCES } from './analyze.js';
import { envTargets, targetId } from './clients.js';
import { planId } from './context.js';
import { attribute, attrValue, bodyOf, nestedBlocks, refsWithin, stringValue, type TfEntity, type TfModule } from './parse.js';
import { topicsOfEntity } from './topics.js';

/**
 * What the handoff needs of the compiled root module, as the compile parsed it: topics declared by topic resources or
 * Kafka module calls (with the address that declared them), and the literal environment of every rewired client.
 */
export function terraformFacts(mod: TfModule, plan: Plan, out: StackFacts): StackFacts {
  const rewired = (id: PlanId): boolean => plan.rewired.some((r) => samePlanId(r.id, id));
  for (const e of mod.entities.values()) {
    const role = kafkaRole(e, mod.dir);
    if (role === 'topic' || (role && e.kind === 'module')) {
      for (const t of topicsOfEntity(e, TOPIC_RESOURCES.has(e.type))) out.created.push({ ...t, createdBy: e.address });
    }
    for (const t of envTargets(e)) {
      const id = targetId(t);
      if (!rewired(id)) continue;
      const service = handoffName(id);
      for (const en of t.entries) {
        const value = stringValue(en.value);
        if (value !== undefined) out.env.push({ id, service, bindingKey: t.name, key: en.name, value });
      }
    }
    // a Lambda event source consumes its topics in its group: said the way client environments say it
    if (e.kind === 'resource' && e.type === 'aws_lambda_event_source_mapping' && rewired(planId(e))) {
      const topics = attrValue(attribute(e.body, 'topics'));
      const names = (topics?.descendantsOfType('string_lit') ?? []).map((n) => stringValue(n)).filter((n): n is string => !!n);
      const config = [
        ...nestedBlocks(e.body, 'amazon_managed_kafka_event_source_config'),
        ...nestedBlocks(e.body, 'self_managed_kafka_event_source_config'),
      ][0];
      const group = config ? stringValue(attrValue(attribute(bodyOf(config), 'consumer_group_id'))) : undefined;
      const fn = stringValue(attrValue(attribute(e.body, 'function_name'))) ?? e.name;
      if (names.length) out.env.push({ id: planId(e), service: e.address, bindingKey: fn, key: 'CONSUMER_TOPICS', value: names.join(',') });
      if (group) out.env.push({ id: planId(e), service: e.address, bindingKey: fn, key: 'CONSUMER_GROUP_ID', value: group });
    }
  }
  out.ecsServices = ecsServicesOf(mod);
  return out;
}

/**
 * The `aws_ecs_service`s of the module with the task definition each runs (`task_definition =
 * aws_ecs_task_definition.x.arn`), and their cluster and service names: literals, an `aws_ecs_cluster`'s literal
 * `name`, the `default` cluster when none is given; otherwise what holds the name (a variable, an output to read).
 */
export function ecsServicesOf(mod: TfModule): EcsService[] {
  const out: EcsService[] = [];
  const refsOf = (e: TfEntity, name: string): { literal?: string; targets: { target: string; attr?: string }[]; given: boolean } => {
    const attr = attribute(e.body, name);
    const value = attrValue(attr);
    if (!value) return { targets: [], given: false };
    const literal = stringValue(value);
    const targets = refsWithin(mod, e.file, value.startIndex, value.endIndex).map((r) => ({
      target: r.target,
      ...(r.attr ? { attr: r.attr } : {}),
    }));
    return { ...(literal !== undefined ? { literal } : {}), targets, given: true };
  };
  for (const e of mod.entities.values()) {
    if (e.kind !== 'resource' || e.type !== 'aws_ecs_service') continue;
    const task = refsOf(e, 'task_definition').targets.find((t) => t.target.startsWith('aws_ecs_task_definition.'))?.target;
    if (!task) continue;
    const c = refsOf(e, 'cluster');
    let cluster: EcsService['cluster'];
    if (!c.given) cluster = { name: 'default' };
    else if (c.literal !== undefined) cluster = { name: c.literal };
    else {
      const ref = c.targets[0];
      const res = ref ? mod.entities.get(ref.target) : undefined;
      const name = res?.type === 'aws_ecs_cluster' ? stringValue(attrValue(attribute(res.body, 'name'))) : undefined;
      cluster =
        name !== undefined
          ? { name }
          : { where: ref ? `the value of ${ref.target}${ref.attr ? `.${ref.attr}` : ''}` : `the cluster of ${e.address}` };
    }
    const n = refsOf(e, 'name');
    const service: EcsService['service'] =
      n.literal !== undefined
        ? { name: n.literal }
        : { where: n.targets[0] ? `the value of ${n.targets[0].target}` : `the name of ${e.address}` };
    out.push({ task, declaredAs: e.address, cluster, service });
  }
  return out;
}
