import type { Diagnostic } from '../../core/diagnostic.js';
import type { SourceFile } from '../../core/span.js';
import { kafkaRole, TOPIC_RESOURCES } from './analyze.js';
import { envTargets, targetLabel } from './clients.js';
import { attribute, attrValue, bodyOf, nestedBlocks, parseModule, rootModuleFiles, stringValue } from './parse.js';
import { topicsOfEntity, type TfTopic } from './topics.js';

/** What a Terraform root module says about topics and its clients, for the customer handoff. */
export interface TerraformFacts {
  /** Topics declared by dropped topic resources or Kafka module calls, with the address that declared them. */
  topics: (TfTopic & { declaredBy: string })[];
  /** Literal environment of every client environment: the plan's label, the binding key and each variable. */
  env: { service: string; bindingKey: string; key: string; value: string }[];
}

/** Re-reads a compiled Terraform stack's root module (the grammar is loaded: the compile used it). */
export function terraformFacts(files: SourceFile[]): TerraformFacts {
  const diagnostics: Diagnostic[] = [];
  const mod = parseModule(rootModuleFiles(files), diagnostics);
  const out: TerraformFacts = { topics: [], env: [] };
  for (const e of mod.entities.values()) {
    const role = kafkaRole(e, mod.dir);
    if (role === 'topic' || (role && e.kind === 'module')) {
      for (const t of topicsOfEntity(e, TOPIC_RESOURCES.has(e.type))) out.topics.push({ ...t, declaredBy: e.address });
    }
    for (const t of envTargets(e)) {
      const service = targetLabel(t).replace(' container ', '/');
      for (const en of t.entries) {
        const value = stringValue(en.value);
        if (value !== undefined) out.env.push({ service, bindingKey: t.name, key: en.name, value });
      }
    }
    // a Lambda event source consumes its topics in its group: said the way client environments say it
    if (e.kind === 'resource' && e.type === 'aws_lambda_event_source_mapping') {
      const topics = attrValue(attribute(e.body, 'topics'));
      const names = (topics?.descendantsOfType('string_lit') ?? []).map((n) => stringValue(n)).filter((n): n is string => !!n);
      const config = [
        ...nestedBlocks(e.body, 'amazon_managed_kafka_event_source_config'),
        ...nestedBlocks(e.body, 'self_managed_kafka_event_source_config'),
      ][0];
      const group = config ? stringValue(attrValue(attribute(bodyOf(config), 'consumer_group_id'))) : undefined;
      const fn = stringValue(attrValue(attribute(e.body, 'function_name'))) ?? e.name;
      if (names.length) out.env.push({ service: e.address, bindingKey: fn, key: 'CONSUMER_TOPICS', value: names.join(',') });
      if (group) out.env.push({ service: e.address, bindingKey: fn, key: 'CONSUMER_GROUP_ID', value: group });
    }
  }
  return out;
}
